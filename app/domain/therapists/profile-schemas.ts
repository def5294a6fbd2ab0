// What a therapist may enter about themselves, section by section (each saves on its own, so a
// profile can be filled in over several visits). Shared by the browser (Conform) and the server.
// The rules that need a date or the compacts (expiry in the future, PSYPACT home state) live in
// credentialProblem below, which the server calls with both.
import { z } from 'zod'
import { parseHours } from '#app/domain/availability/hours-text.ts'
import { isIsoDate } from '#app/domain/calendar-dates.ts'
import { FOCUS_AREAS, FORMATS, isLanguageCode, isLicenseType, isStateCode, licenseProfession, MODALITIES, PAYERS, PHASES, US_TIME_ZONES } from '#app/domain/reference/index.ts'

export const TIME_ZONE_CHOICES = US_TIME_ZONES

const slugList = <T extends string>(has: (v: string) => v is T, what: string) =>
	z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().refine(has, `Choose from the ${what} listed.`)).max(20))

const optionalText = (max: number, message: string) => z.string().trim().max(max, message).optional().default('')

export const IdentitySchema = z.object({
	fullName: z.string({ required_error: 'Enter your name as clients will see it.' }).trim().min(1, 'Enter your name as clients will see it.').max(120, 'Use at most 120 characters.'),
	pronouns: optionalText(40, 'Use at most 40 characters.'),
	credentials: z.string({ required_error: 'Enter your credentials, e.g. LPC, LMFT.' }).trim().min(1, 'Enter your credentials, e.g. LPC, LMFT.').max(120, 'Use at most 120 characters.'),
	bio: optionalText(1200, 'Keep the bio under 1,200 characters.'),
	timeZone: z.string({ required_error: 'Choose your time zone.' }).refine((v) => US_TIME_ZONES.includes(v), 'Choose your time zone from the list.'),
})

export const PracticeSchema = z
	.object({
		phases: slugList(PHASES.has, 'phases').refine((v) => v.length > 0, 'Choose at least one phase you offer.'),
		formats: slugList(FORMATS.has, 'formats').refine((v) => v.length > 0, 'Choose telehealth, in person, or both.'),
		modalities: slugList(MODALITIES.has, 'approaches'),
		focusAreas: slugList(FOCUS_AREAS.has, 'focus areas'),
		languages: slugList(isLanguageCode, 'languages').refine((v) => v.length > 0, 'Choose at least one language you work in.'),
		officeZip: z.string().trim().optional().default(''),
	})
	.superRefine((value, ctx) => {
		if (value.formats.includes('in_person') && !/^\d{5}$/.test(value.officeZip)) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['officeZip'], message: 'Enter your office’s five-digit ZIP code, like 78701, to see clients in person.' })
		}
		if (value.phases.includes('in_session') && !value.formats.includes('in_person')) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['phases'], message: 'In-session support happens at the clinic, so it needs in-person work.' })
		}
	})

const money = z.preprocess(
	(v) => (v === '' || v === undefined ? undefined : v),
	z.coerce.number({ invalid_type_error: 'Enter whole dollars, like 150.' }).int('Enter whole dollars, like 150.').min(0, 'A rate cannot be negative.').max(2000, 'Enter at most $2,000.').optional(),
)

export const FeesSchema = z.object({
	selfPayRate: money,
	slidingScale: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
	insurancePayers: slugList(PAYERS.has, 'payers'),
})

export const CapacitySchema = z.object({
	weeklyCapacity: z.coerce
		.number({ invalid_type_error: 'Enter a whole number from 0 to 50.' })
		.int('Enter a whole number from 0 to 50.')
		.min(0, 'Enter a whole number from 0 to 50.')
		.max(50, 'Enter a whole number from 0 to 50.'),
	accepting: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
})

const thisYear = new Date().getUTCFullYear()
export const TrainingSchema = z.object({
	kapProgram: optionalText(160, 'Use at most 160 characters.'),
	kapTrainingHours: z.coerce.number({ invalid_type_error: 'Enter whole hours.' }).int('Enter whole hours.').min(0, 'Hours cannot be negative.').max(10_000, 'Enter at most 10,000 hours.'),
	kapYear: z.preprocess(
		(v) => (v === '' || v === undefined ? undefined : v),
		z.coerce.number({ invalid_type_error: 'Enter a year like 2023.' }).int('Enter a year like 2023.').min(1990, 'Enter a year from 1990.').max(thisYear, 'That year has not come yet.').optional(),
	),
})

const dateField = (what: string) => z.string({ required_error: `Enter the ${what} date.` }).refine(isIsoDate, `Enter the ${what} date as YYYY-MM-DD.`)

export const LicenseSchema = z.object({
	state: z.string({ required_error: 'Choose the state.' }).refine(isStateCode, 'Choose the state from the list.'),
	type: z.string({ required_error: 'Choose the license type.' }).refine(isLicenseType, 'Choose the license type from the list.'),
	number: z.string({ required_error: 'Enter the license number.' }).trim().min(1, 'Enter the license number.').max(40, 'Use at most 40 characters.'),
	expiresOn: dateField('expiry'),
})

export const AuthorizationSchema = z.object({
	kind: z.enum(['psypact_apit', 'counseling_privilege', 'state_telehealth'], { errorMap: () => ({ message: 'Choose the kind of authorization.' }) }),
	homeState: z.string({ required_error: 'Choose your home state.' }).refine(isStateCode, 'Choose your home state from the list.'),
	states: z.preprocess(
		(v) =>
			typeof v === 'string'
				? v
						.split(/[\s,]+/)
						.filter(Boolean)
						.map((s) => s.toUpperCase())
				: v,
		z.array(z.string().refine(isStateCode, 'Use two-letter state codes, like AZ, MN.')).max(51),
	),
	expiresOn: dateField('expiry'),
})

/** Hours typed as text (`09:00-12:00, 13:00-17:00`; empty for none), read into ranges; text that does not read is named with what it should look like. */
const hoursText = z
	.string()
	.optional()
	.default('')
	.transform((text, ctx) => {
		const parsed = parseHours(text.slice(0, 200))
		if (parsed.ok) return parsed.hours
		ctx.addIssue({ code: z.ZodIssueCode.custom, message: parsed.message })
		return z.NEVER
	})

/** The weekly hours, Monday (`day0`) to Sunday (`day6`). */
export const WeeklyHoursSchema = z.object({ day0: hoursText, day1: hoursText, day2: hoursText, day3: hoursText, day4: hoursText, day5: hoursText, day6: hoursText })

const calendarDate = z.string({ required_error: 'Choose a date.' }).refine(isIsoDate, 'Choose a date.')

/** A date's own hours; none makes it a day off. */
export const DateOverrideSchema = z.object({ date: calendarDate, overrideHours: hoursText })

export const RemoveDateOverrideSchema = z.object({ date: calendarDate })

export const CalendarFeedSchema = z.object({
	calendarUrl: z
		.string({ required_error: 'Give the address of your calendar (its secret iCal address).' })
		.trim()
		.min(1, 'Give the address of your calendar (its secret iCal address).')
		.max(2000, 'That address is longer than 2,000 characters; copy the iCal address again.'),
})

export type LicenseInput = z.infer<typeof LicenseSchema>
export type AuthorizationInput = z.infer<typeof AuthorizationSchema>

/**
 * Rules that need today's date or the compacts (docs/product.md §3): expiry in the future; a PSYPACT
 * APIT only for a psychologist licensed in a member home state; a Counseling Compact privilege
 * names one remote state and rests on a counseling license at home. Returns [field, message].
 */
export function credentialProblem(
	input: { kind: 'license'; value: LicenseInput } | { kind: 'authorization'; value: AuthorizationInput },
	context: { today: string; licenses: readonly { state: string; type: string; status: string }[]; psypactMembers: ReadonlySet<string> },
): [string, string] | null {
	const { value } = input
	if (value.expiresOn <= context.today) return ['expiresOn', 'The expiry date must be in the future. Add the renewed credential instead.']
	if (input.kind === 'license') return null
	const auth = input.value
	const homeLicense = (profession: string) => context.licenses.some((l) => l.state === auth.homeState && l.status !== 'rejected' && licenseProfession(l.type) === profession)
	switch (auth.kind) {
		case 'psypact_apit':
			if (!context.psypactMembers.has(auth.homeState)) return ['homeState', `${auth.homeState} is not a PSYPACT member, so an APIT cannot be held from it.`]
			if (!homeLicense('psychologist')) return ['homeState', `A PSYPACT APIT needs your psychologist license in ${auth.homeState}; add it first.`]
			if (auth.states.some((s) => !context.psypactMembers.has(s))) return ['states', 'An APIT covers PSYPACT member states only; leave the list empty for all of them.']
			return null
		case 'counseling_privilege':
			if (auth.states.length !== 1) return ['states', 'A privilege is for one remote state; add one per state.']
			if (auth.states[0] === auth.homeState) return ['states', 'A privilege is for a remote state, not your home state.']
			if (!homeLicense('counselor')) return ['homeState', `A Counseling Compact privilege needs your counseling license in ${auth.homeState}; add it first.`]
			return null
		case 'state_telehealth':
			if (auth.states.length === 0) return ['states', 'Name the state that issued the registration.']
			return null
	}
}
