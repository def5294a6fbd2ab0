// A referral as a clinic submits it (docs/product.md §8.3), one schema for the referral form and the
// clinic API: every field checked with a message a person can act on, unknown fields refused,
// sensible defaults (integration 24–72 hours, preparation 14 days to 24 hours before the first
// dose, doses of two hours, radius 25 miles). Stage-1 facts (shared with therapists before a match)
// and the stage-2 patient (shared only with the chosen one) are kept apart, as the database keeps them.
// A draft may be incomplete: what is given must be valid, and only posting needs every required
// field (REQUIRED_FOR_POSTING), each missing one named with its own message.
import { z } from 'zod'
import { isIsoDate } from '#app/domain/calendar-dates.ts'
import { AGE_BANDS, FOCUS_AREAS, isLanguageCode, isStateCode, MODALITIES, PAYERS, PHASES } from '#app/domain/reference/index.ts'
import { DEFAULT_DOSE_MINUTES, DEFAULT_INTEGRATION_WINDOW, DEFAULT_PREPARATION_WINDOW, DOSE_MINUTES_LIMITS, dosesProblem, expandDoses, MAX_DAYS_AHEAD, MAX_DOSES, tooFarAhead } from './dosing.ts'

export const DEFAULT_RADIUS_MILES = 25

const slugs = <T extends string>(has: (value: string) => value is T, what: string, max = 20) => z.array(z.string().refine(has, { message: `Not a known ${what}.` })).max(max, `List at most ${max}.`)

const unique = <T>(values: T[]) => new Set(values).size === values.length

/** What posting needs that a draft may lack, by path in the input, with the message a missing one gets. */
export const REQUIRED_FOR_POSTING = {
	patientState: 'Choose the state the patient will be in.',
	phases: 'Choose at least one phase of support.',
	format: 'Choose telehealth, in person or either.',
	ageBand: 'Choose the patient’s age band.',
	'payment.type': 'Choose insurance or self-pay.',
	'payment.payer': 'Name the payer when the patient uses insurance.',
	'dosing.firstSessionAt': 'Give the first dosing session’s date and time.',
	'dosing.sessions': 'Give the number of dosing sessions.',
	'dosing.cadenceDays': 'Give the days between sessions.',
	'patient.firstName': 'Enter the patient’s first name.',
	'patient.lastName': 'Enter the patient’s last name.',
	'patient.email': 'Enter the patient’s email address.',
	'patient.birthDate': 'Enter the patient’s date of birth.',
} as const

export type RequiredPath = keyof typeof REQUIRED_FOR_POSTING
export type FieldIssue = { path: string; message: string }

const isBlank = (value: unknown) => value === undefined || (typeof value === 'string' && value.trim() === '')
const asObject = (value: unknown) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null)

/**
 * The required fields a referral (as submitted, or a stored draft in the same shape) lacks for
 * posting, in the form's order. Only absence is judged here: a value given in the wrong shape is
 * the schema's to name.
 */
export function missingForPosting(body: unknown): FieldIssue[] {
	const value = asObject(body) ?? {}
	const missing: RequiredPath[] = []
	const need = (path: RequiredPath, absent: boolean) => {
		if (absent) missing.push(path)
	}
	need('patientState', isBlank(value.patientState))
	need('phases', isBlank(value.phases) || (Array.isArray(value.phases) && value.phases.length === 0))
	need('format', isBlank(value.format))
	need('ageBand', isBlank(value.ageBand))
	const payment = asObject(value.payment)
	need('payment.type', value.payment === undefined || (payment !== null && isBlank(payment.type)))
	need('payment.payer', payment?.type === 'insurance' && isBlank(payment.payer))
	const dosing = value.dosing === undefined ? {} : asObject(value.dosing)
	if (dosing && dosing.sessionsAt === undefined) {
		need('dosing.firstSessionAt', isBlank(dosing.firstSessionAt))
		need('dosing.sessions', dosing.sessions === undefined)
		need('dosing.cadenceDays', dosing.sessions !== 1 && dosing.cadenceDays === undefined)
	}
	const patient = value.patient === undefined ? {} : asObject(value.patient)
	if (patient) for (const key of ['firstName', 'lastName', 'email', 'birthDate'] as const) need(`patient.${key}`, isBlank(patient[key]))
	return missing.map((path) => ({ path, message: REQUIRED_FOR_POSTING[path] }))
}

/** A field a draft may leave out: blank text counts as not given. */
const given = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional())

/** What the API is told of an instant that does not parse (the form words it its own way). */
export const INSTANT_MESSAGE = 'Give the date and time with its offset, like 2026-12-07T10:00:00-06:00.'

/** An instant with its offset, like 2026-12-07T10:00:00-06:00. */
const instant = (required: string) =>
	z.string({ required_error: required, invalid_type_error: required }).datetime({
		offset: true,
		message: INSTANT_MESSAGE,
	})

export const PatientSchema = z
	.object({
		firstName: given(z.string().trim().max(80, 'Use at most 80 characters.')),
		lastName: given(z.string().trim().max(80, 'Use at most 80 characters.')),
		email: given(
			z
				.string()
				.trim()
				.max(254, 'An email address has at most 254 characters.')
				.email('Enter an email address like name@example.com.')
				.transform((v) => v.toLowerCase()),
		),
		phone: z
			.string()
			.trim()
			.max(30, 'Use at most 30 characters.')
			.refine((v) => v === '' || /^\+?[\d\s().-]{7,}$/.test(v), 'Enter a phone number like +1 512 555 0100.')
			.optional(),
		birthDate: given(
			z
				.string()
				.refine(isIsoDate, 'Enter the date of birth as YYYY-MM-DD.')
				// Patients are adults (the age bands start at 18); a date ahead of today or before 1900 is a typo.
				.refine((d) => !isIsoDate(d) || (d >= '1900-01-01' && d <= new Date().toISOString().slice(0, 10)), 'Enter a date of birth in the past, after 1900.'),
		),
		notes: z.string().max(4000, 'Keep notes under 4,000 characters.').optional(),
	})
	.strict()

const ReferralObject = z
	.object({
		patientState: given(z.string().refine(isStateCode, 'Use a two-letter US state code, like TX.')),
		phases: slugs(PHASES.has, 'phase (preparation, in-session support or integration)', 3).refine(unique, 'List each phase once.').default([]),
		format: given(
			z.enum(['telehealth', 'in_person', 'either'], {
				errorMap: () => ({ message: REQUIRED_FOR_POSTING.format }),
			}),
		),
		modalities: slugs(MODALITIES.has, 'modality').default([]),
		focusAreas: slugs(FOCUS_AREAS.has, 'focus area').default([]),
		languages: slugs(isLanguageCode, 'language code (ISO 639-1, like en)').default([]),
		ageBand: given(z.string().refine(AGE_BANDS.has, `Choose an age band: ${AGE_BANDS.slugs.join(', ')}.`)),
		payment: z
			.object({
				type: given(
					z.enum(['insurance', 'self_pay'], {
						errorMap: () => ({ message: REQUIRED_FOR_POSTING['payment.type'] }),
					}),
				),
				payer: given(z.string().refine(PAYERS.has, 'Not a payer Tandem knows; choose one from the list.')),
				maxRate: z
					.number({ invalid_type_error: 'Give whole dollars per session.' })
					.int('Give whole dollars per session.')
					.min(0, 'A budget cannot be negative.')
					.max(2000, 'Give at most $2,000.')
					.optional(),
			})
			.strict()
			// A missing payer is posting's to name (missingForPosting); these are contradictions, refused even in a draft.
			.superRefine((payment, ctx) => {
				if (payment.type === 'insurance' && payment.maxRate !== undefined)
					ctx.addIssue({
						code: z.ZodIssueCode.custom,
						path: ['maxRate'],
						message: 'A budget only applies when the patient pays for themselves.',
					})
				if (payment.type === 'self_pay' && payment.payer)
					ctx.addIssue({
						code: z.ZodIssueCode.custom,
						path: ['payer'],
						message: 'A payer only applies to insurance.',
					})
			})
			.optional(),
		urgency: z
			.enum(['routine', 'urgent'], {
				errorMap: () => ({ message: 'Choose routine or urgent.' }),
			})
			.default('routine'),
		dosing: z
			// Which form the series is given in, checked on what was sent, so that a contradiction is
			// named beside any other problem of the schedule. What is missing is posting's to name.
			.preprocess(
				(value, ctx) => {
					if (typeof value !== 'object' || value === null || Array.isArray(value)) return value
					const has = (key: string) => (value as Record<string, unknown>)[key] !== undefined
					if (has('sessionsAt'))
						for (const key of ['firstSessionAt', 'sessions', 'cadenceDays'])
							if (has(key))
								ctx.addIssue({
									code: z.ZodIssueCode.custom,
									path: [key],
									message: 'Give either sessionsAt, or firstSessionAt with sessions and cadenceDays, not both.',
								})
					return value
				},
				z
					.object(
						{
							firstSessionAt: given(instant(REQUIRED_FOR_POSTING['dosing.firstSessionAt'])),
							sessions: z
								.number({
									invalid_type_error: 'Give a whole number of sessions.',
								})
								.int('Give a whole number of sessions.')
								.min(1, 'At least one session.')
								.max(MAX_DOSES, `At most ${MAX_DOSES} sessions.`)
								.optional(),
							cadenceDays: z.number({ invalid_type_error: 'Give whole days.' }).int('Give whole days.').min(1, 'At least one day apart.').max(60, 'At most 60 days apart.').optional(),
							sessionsAt: z
								.array(instant('Give each dosing session’s date and time.'), {
									invalid_type_error: 'Give a list of dosing sessions’ dates and times.',
								})
								.optional(),
							durationMinutes: z
								.number({ invalid_type_error: 'Give whole minutes.' })
								.int('Give whole minutes.')
								.min(DOSE_MINUTES_LIMITS.min, `A dosing session takes at least ${DOSE_MINUTES_LIMITS.min} minutes here (arrival to discharge).`)
								.max(DOSE_MINUTES_LIMITS.max, `At most ${DOSE_MINUTES_LIMITS.max} minutes.`)
								.default(DEFAULT_DOSE_MINUTES),
						},
						{
							invalid_type_error: 'Give the dosing schedule as an object.',
						},
					)
					.strict()
					.superRefine((dosing, ctx) => {
						const problem = dosing.sessionsAt ? dosesProblem(dosing.sessionsAt.map((d) => new Date(d))) : null
						if (problem)
							ctx.addIssue({
								code: z.ZodIssueCode.custom,
								path: ['sessionsAt'],
								message: problem,
							})
					})
					.superRefine((dosing, ctx) => {
						// The first dose a year or more ahead is a typo (docs/product.md §4 guards).
						const first = dosing.sessionsAt?.[0] ?? dosing.firstSessionAt
						if (first !== undefined && tooFarAhead(new Date(first), new Date()))
							ctx.addIssue({
								code: z.ZodIssueCode.custom,
								path: dosing.sessionsAt ? ['sessionsAt', 0] : ['firstSessionAt'],
								message: `The first dosing session must be within ${MAX_DAYS_AHEAD} days from today.`,
							})
					}),
			)
			.optional(),
		preparationWindowHours: z
			.object({
				from: z
					.number({
						required_error: 'Give the hours before the first dose the window opens.',
						invalid_type_error: 'Give whole hours.',
					})
					.int('Give whole hours.')
					.min(1, 'At least 1 hour before the first dose.')
					.max(2160, 'Within 90 days of the first dose.'),
				to: z
					.number({
						required_error: 'Give the hours before the first dose the window closes.',
						invalid_type_error: 'Give whole hours.',
					})
					.int('Give whole hours.')
					.min(0, 'Hours before the first dose cannot be negative.')
					.max(2159, 'Within 90 days of the first dose.'),
			})
			.strict()
			.refine((w) => w.from > w.to, {
				message: 'The window opens earlier (more hours before the first dose) than it closes.',
				path: ['to'],
			})
			.default({ ...DEFAULT_PREPARATION_WINDOW }),
		integrationWindowHours: z
			.object({
				from: z
					.number({
						required_error: 'Give the hours after dosing the window opens.',
						invalid_type_error: 'Give whole hours.',
					})
					.int('Give whole hours.')
					.min(0, 'Hours after dosing cannot be negative.')
					.max(336, 'Within two weeks of dosing.'),
				to: z
					.number({
						required_error: 'Give the hours after dosing the window closes.',
						invalid_type_error: 'Give whole hours.',
					})
					.int('Give whole hours.')
					.min(1, 'At least 1 hour after dosing.')
					.max(336, 'Within two weeks of dosing.'),
			})
			.strict()
			.refine((w) => w.to > w.from, {
				message: 'The window must end after it starts.',
				path: ['to'],
			})
			.default({ ...DEFAULT_INTEGRATION_WINDOW }),
		timingRequired: z.boolean({ invalid_type_error: 'Give true or false.' }).default(false),
		// Supervised (associate) licences count only when the referral accepts them; unset, the clinic's setting decides.
		acceptSupervised: z.boolean({ invalid_type_error: 'Give true or false.' }).optional(),
		radiusMiles: z.number({ invalid_type_error: 'Give whole miles.' }).int('Give whole miles.').min(1, 'At least 1 mile.').max(300, 'At most 300 miles.').default(DEFAULT_RADIUS_MILES),
		patient: PatientSchema.optional(),
		post: z.boolean({ invalid_type_error: 'Give true or false.' }).default(false),
	})
	.strict()
	.superRefine((input, ctx) => {
		const problem = input.patient?.birthDate && input.ageBand ? birthDateProblem(input.patient.birthDate, input.ageBand, new Date().toISOString().slice(0, 10)) : null
		if (problem)
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['patient', 'birthDate'],
				message: problem,
			})
	})

/**
 * The referral input: a draft (`post` false or left out) needs only what it gives to be valid;
 * posting needs every required field too, each missing one named beside any invalid one.
 */
export const ReferralInputSchema = z.preprocess((value, ctx) => {
	if (asObject(value)?.post === true)
		for (const { path, message } of missingForPosting(value))
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: path.split('.'),
				message,
			})
	return value
}, ReferralObject)

export type ReferralInput = z.infer<typeof ReferralInputSchema>

/** Whole years from a birth date to `today` (both YYYY-MM-DD). */
export function ageOn(birthDate: string, today: string): number {
	const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4))
	return today.slice(5) < birthDate.slice(5) ? years - 1 : years
}

/** A birth date, when given, must fall in the age band (docs/product.md §4 guards). */
export function birthDateProblem(birthDate: string, ageBand: string, today: string): string | null {
	const band = /^(\d+)(?:-(\d+)|\+)$/.exec(ageBand)
	if (!band || !isIsoDate(birthDate) || birthDate > today) return null
	const age = ageOn(birthDate, today)
	const [low, high] = [Number(band[1]), band[2] === undefined ? Infinity : Number(band[2])]
	return age < low || age > high ? `Someone born on ${birthDate} is ${age}, outside the age band ${ageBand}. Check the date of birth or the age band.` : null
}

/** Posting needs a first dosing session still ahead. Drafts may hold any date while being written. */
export function postingProblem(firstDose: Date, now: Date): string | null {
	return firstDose.getTime() <= now.getTime() ? 'The first dosing session is in the past; change its date before posting.' : null
}

/** The dose instants an input's dosing stands for: as given, or expanded in the clinic's time zone; none while a draft's series is incomplete. */
export function inputDoses(dosing: ReferralInput['dosing'], clinicTimeZone: string): Date[] {
	if (dosing?.sessionsAt) return dosing.sessionsAt.map((d) => new Date(d))
	if (!dosing?.firstSessionAt || dosing.sessions === undefined || (dosing.sessions !== 1 && dosing.cadenceDays === undefined)) return []
	return expandDoses(new Date(dosing.firstSessionAt), dosing.sessions, dosing.cadenceDays ?? 1, clinicTimeZone)
}

/** Field errors as paths and messages, for forms and for problem+json alike. */
export function issuesByPath(error: z.ZodError): { path: string; message: string }[] {
	return error.issues.map((issue) => ({
		path: issue.path.join('.') || '(body)',
		message: issue.code === z.ZodIssueCode.unrecognized_keys ? `Unknown field${issue.keys.length === 1 ? '' : 's'}: ${issue.keys.join(', ')}.` : issue.message,
	}))
}

/**
 * The stage-1 columns and the stage-2 patient a referral input becomes (doses expanded in the
 * clinic's time zone; supervised licences as the clinic's setting says unless the input says).
 * What a draft leaves out is stored as null; an incomplete series keeps what was given of it.
 */
export function referralRecord(input: ReferralInput, clinicTimeZone: string, acceptSupervisedByDefault = false) {
	const doses = inputDoses(input.dosing, clinicTimeZone)
	const complete = doses.length > 0
	const payment = input.payment
	const patient = input.patient
	return {
		facts: {
			patientState: input.patientState ?? null,
			ageBand: input.ageBand ?? null,
			phases: input.phases,
			format: input.format ?? null,
			modalities: input.modalities,
			focusAreas: input.focusAreas,
			languages: input.languages,
			paymentType: payment?.type ?? null,
			// Until the payment type is chosen, a draft keeps whichever of the two was given.
			payer: payment?.type !== 'self_pay' ? (payment?.payer ?? null) : null,
			maxRate: payment?.type !== 'insurance' ? (payment?.maxRate ?? null) : null,
			urgency: input.urgency,
			firstDosingAt: doses[0] ?? (input.dosing?.firstSessionAt ? new Date(input.dosing.firstSessionAt) : null),
			dosingSessionsAt: doses,
			draftDoseCount: complete ? null : (input.dosing?.sessions ?? null),
			draftCadenceDays: complete ? null : (input.dosing?.cadenceDays ?? null),
			doseMinutes: input.dosing?.durationMinutes ?? DEFAULT_DOSE_MINUTES,
			preparationFromHour: input.preparationWindowHours.from,
			preparationToHour: input.preparationWindowHours.to,
			integrationFromHour: input.integrationWindowHours.from,
			integrationToHour: input.integrationWindowHours.to,
			timingRequired: input.timingRequired,
			acceptSupervised: input.acceptSupervised ?? acceptSupervisedByDefault,
			radiusMiles: input.radiusMiles,
		},
		patient: {
			firstName: patient?.firstName ?? null,
			lastName: patient?.lastName ?? null,
			email: patient?.email ?? null,
			phone: patient?.phone ? patient.phone : null,
			birthDate: patient?.birthDate ? new Date(`${patient.birthDate}T00:00:00Z`) : null,
			notes: patient?.notes ?? '',
		},
	}
}

export type ReferralFacts = ReturnType<typeof referralRecord>['facts']

/** A referral as stored: its facts and patient, a draft's possibly incomplete. */
export type StoredDraft = {
	patientState: string | null
	ageBand: string | null
	phases: readonly string[]
	format: string | null
	paymentType: string | null
	payer: string | null
	firstDosingAt: Date | null
	dosingSessionsAt: readonly Date[]
	draftDoseCount: number | null
	draftCadenceDays: number | null
}
export type StoredPatient = { firstName: string | null; lastName: string | null; email: string | null; birthDate: Date | null }

/** A stored referral in the input's shape, as far as posting asks: what is present, not the values' fine print. */
export function storedAsInput(referral: StoredDraft, patient: StoredPatient | null): Record<string, unknown> {
	const iso = (d: Date | null) => d?.toISOString()
	return {
		patientState: referral.patientState ?? undefined,
		phases: [...referral.phases],
		format: referral.format ?? undefined,
		ageBand: referral.ageBand ?? undefined,
		payment: referral.paymentType === null ? undefined : { type: referral.paymentType, payer: referral.payer ?? undefined },
		dosing: referral.dosingSessionsAt.length
			? { sessionsAt: referral.dosingSessionsAt.map((d) => d.toISOString()) }
			: { firstSessionAt: iso(referral.firstDosingAt), sessions: referral.draftDoseCount ?? undefined, cadenceDays: referral.draftCadenceDays ?? undefined },
		patient: patient
			? { firstName: patient.firstName ?? undefined, lastName: patient.lastName ?? undefined, email: patient.email ?? undefined, birthDate: patient.birthDate?.toISOString().slice(0, 10) }
			: undefined,
	}
}

/** What a stored referral still lacks before it can be posted (none for a complete one). */
export const storedMissing = (referral: StoredDraft, patient: StoredPatient | null): FieldIssue[] => missingForPosting(storedAsInput(referral, patient))
