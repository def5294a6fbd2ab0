// The referral form's fields and the referral input (docs/product.md §8.3) they stand for. The form
// names each field by its path in the input (`dosing.sessions`), so the one schema's messages land
// on the right field. The dosing time is typed as the clinic's wall-clock time and becomes an
// instant with its offset here. Pure.
import { TZDate } from '@date-fns/tz'
import { wallTimeToInstant } from '#app/domain/availability/ranges.ts'
import { isIsoDate } from '#app/domain/calendar-dates.ts'
import { cadenceOf } from './dosing.ts'
import { issuesByPath, ReferralInputSchema, type ReferralInput } from './referral-input.ts'

export type FormFields = Record<string, string | string[]>

/** Fields whose values are lists (checkbox groups). */
export const LIST_FIELDS = ['phases', 'modalities', 'focusAreas', 'languages'] as const

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/

/** `2026-12-07T10:00` typed in `timeZone` → `2026-12-07T10:00:00.000-06:00`; anything else is passed on for the schema to refuse. */
export function localDateTimeToIso(value: string, timeZone: string): string {
	const match = LOCAL_DATE_TIME.exec(value.trim())
	if (!match || !isIsoDate(match[1]!) || Number(match[2]) > 23 || Number(match[3]) > 59) return value
	const instant = wallTimeToInstant(match[1]!, Number(match[2]) * 60 + Number(match[3]), timeZone)
	return new TZDate(instant.getTime(), timeZone).toISOString()
}

export function isoToLocalDateTime(instant: Date, timeZone: string): string {
	const local = new TZDate(instant.getTime(), timeZone)
	const pad = (n: number) => String(n).padStart(2, '0')
	return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}T${pad(local.getHours())}:${pad(local.getMinutes())}`
}

const text = (fields: FormFields, name: string) => {
	const value = fields[name]
	return (Array.isArray(value) ? value[0] : value)?.trim() ?? ''
}
const list = (fields: FormFields, name: string) => {
	const value = fields[name]
	return value === undefined ? [] : (Array.isArray(value) ? value : [value]).filter((v) => v !== '')
}
/** A number typed in a form: empty means "not given"; anything not a number stays text for the schema to name. */
const numberOrText = (value: string): number | string | undefined => (value === '' ? undefined : /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value)
const optional = (value: string) => (value === '' ? undefined : value)

/** What the form's fields say, shaped as the referral input (unchecked: the schema does that). */
export function formToInput(fields: FormFields, timeZone: string, post: boolean): Record<string, unknown> {
	const paymentType = text(fields, 'payment.type')
	const from = numberOrText(text(fields, 'integrationWindowHours.from'))
	const to = numberOrText(text(fields, 'integrationWindowHours.to'))
	const preparationFrom = numberOrText(text(fields, 'preparationWindowHours.from'))
	const preparationTo = numberOrText(text(fields, 'preparationWindowHours.to'))
	// Each dosing session listed, one a line, instead of a first session and a cadence.
	const listed = text(fields, 'dosing.sessionsAt')
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter(Boolean)
	const duration = numberOrText(text(fields, 'dosing.durationMinutes'))
	return {
		patientState: optional(text(fields, 'patientState')),
		ageBand: optional(text(fields, 'ageBand')),
		phases: list(fields, 'phases'),
		format: optional(text(fields, 'format')),
		modalities: list(fields, 'modalities'),
		focusAreas: list(fields, 'focusAreas'),
		languages: list(fields, 'languages'),
		payment: {
			type: optional(paymentType),
			// A form keeps both boxes on screen; only the one that applies to the payment type is sent on
			// (both, while a draft has no payment type yet).
			payer: paymentType !== 'self_pay' ? optional(text(fields, 'payment.payer')) : undefined,
			maxRate: paymentType !== 'insurance' ? numberOrText(text(fields, 'payment.maxRate')) : undefined,
		},
		urgency: optional(text(fields, 'urgency')),
		dosing: {
			firstSessionAt: optional(localDateTimeToIso(text(fields, 'dosing.firstSessionAt'), timeZone)),
			sessions: numberOrText(text(fields, 'dosing.sessions')),
			cadenceDays: numberOrText(text(fields, 'dosing.cadenceDays')),
			sessionsAt: listed.length ? listed.map((line) => localDateTimeToIso(line, timeZone)) : undefined,
			durationMinutes: duration,
		},
		integrationWindowHours: from === undefined && to === undefined ? undefined : { from, to },
		preparationWindowHours: preparationFrom === undefined && preparationTo === undefined ? undefined : { from: preparationFrom, to: preparationTo },
		timingRequired: text(fields, 'timingRequired') === 'on',
		acceptSupervised: text(fields, 'acceptSupervised') === 'on',
		radiusMiles: numberOrText(text(fields, 'radiusMiles')),
		patient: {
			firstName: text(fields, 'patient.firstName'),
			lastName: text(fields, 'patient.lastName'),
			email: text(fields, 'patient.email'),
			phone: optional(text(fields, 'patient.phone')),
			birthDate: text(fields, 'patient.birthDate'),
			notes: optional(text(fields, 'patient.notes')),
		},
		post,
	}
}

/** Schema paths to form fields: an item of a list (`phases.0`) belongs to its group; empty or missing fields get the field's own message. */
export function errorsByField(issues: readonly { path: string; message: string }[]): Record<string, string[]> {
	const errors: Record<string, string[]> = {}
	for (const { path, message } of issues) {
		const field = path
			.replace(/\.\d+$/, '')
			.replace(/^(integrationWindowHours|preparationWindowHours)$/, '$1.to')
			.replace(/^dosing$/, 'dosing.firstSessionAt')
		errors[field] = [...new Set([...(errors[field] ?? []), message])]
	}
	return errors
}

/** A saved referral as the form's fields, to edit it. */
export type StoredReferral = {
	patientState: string | null
	ageBand: string | null
	phases: readonly string[]
	format: string | null
	modalities: readonly string[]
	focusAreas: readonly string[]
	languages: readonly string[]
	paymentType: string | null
	payer: string | null
	maxRate: number | null
	urgency: string
	firstDosingAt: Date | null
	dosingSessionsAt: readonly Date[]
	draftDoseCount: number | null
	draftCadenceDays: number | null
	doseMinutes: number
	preparationFromHour: number
	preparationToHour: number
	integrationFromHour: number
	integrationToHour: number
	timingRequired: boolean
	acceptSupervised: boolean
	radiusMiles: number
}

export function recordToFields(
	facts: StoredReferral,
	patient: { firstName: string | null; lastName: string | null; email: string | null; phone: string | null; birthDate: Date | null; notes: string } | null,
	timeZone: string,
): FormFields {
	// A regular series shows as a first session and a cadence; any other lists each session. A
	// draft's incomplete series shows what was given of it.
	const expanded = facts.dosingSessionsAt.length > 0
	const { sessions, cadenceDays } = expanded ? cadenceOf(facts.dosingSessionsAt, timeZone) : { sessions: facts.draftDoseCount, cadenceDays: facts.draftCadenceDays }
	const regular = !expanded || sessions === 1 || cadenceDays !== null
	const first = facts.dosingSessionsAt[0] ?? facts.firstDosingAt
	return {
		patientState: facts.patientState ?? '',
		ageBand: facts.ageBand ?? '',
		phases: [...facts.phases],
		format: facts.format ?? '',
		modalities: [...facts.modalities],
		focusAreas: [...facts.focusAreas],
		languages: [...facts.languages],
		'payment.type': facts.paymentType ?? '',
		'payment.payer': facts.payer ?? '',
		'payment.maxRate': facts.maxRate === null ? '' : String(facts.maxRate),
		urgency: facts.urgency,
		'dosing.firstSessionAt': regular && first ? isoToLocalDateTime(first, timeZone) : '',
		'dosing.sessions': regular && sessions !== null ? String(sessions) : '',
		'dosing.cadenceDays': regular && cadenceDays !== null ? String(cadenceDays) : '',
		'dosing.sessionsAt': regular ? '' : facts.dosingSessionsAt.map((d) => isoToLocalDateTime(d, timeZone)).join('\n'),
		'dosing.durationMinutes': String(facts.doseMinutes),
		'preparationWindowHours.from': String(facts.preparationFromHour),
		'preparationWindowHours.to': String(facts.preparationToHour),
		'integrationWindowHours.from': String(facts.integrationFromHour),
		'integrationWindowHours.to': String(facts.integrationToHour),
		timingRequired: facts.timingRequired ? 'on' : '',
		acceptSupervised: facts.acceptSupervised ? 'on' : '',
		radiusMiles: String(facts.radiusMiles),
		'patient.firstName': patient?.firstName ?? '',
		'patient.lastName': patient?.lastName ?? '',
		'patient.email': patient?.email ?? '',
		'patient.phone': patient?.phone ?? '',
		'patient.birthDate': patient?.birthDate ? patient.birthDate.toISOString().slice(0, 10) : '',
		'patient.notes': patient?.notes ?? '',
	}
}

/** A submitted form's text fields; the list fields keep every checked value. */
export function fieldsFromFormData(formData: FormData): FormFields {
	const fields: FormFields = {}
	for (const key of new Set(formData.keys())) {
		const values = formData
			.getAll(key)
			.filter((v): v is string => typeof v === 'string')
			.map((v) => v.slice(0, 5000))
		fields[key] = (LIST_FIELDS as readonly string[]).includes(key) ? values : (values[0] ?? '')
	}
	return fields
}

/** What a new referral's form starts with (docs/product.md §4 and §8.3 defaults): the patient in the clinic's state, supervised licences as the clinic's setting says. */
export const newReferralFields = (clinic: { state: string; acceptSupervisedByDefault: boolean }): FormFields => ({
	...NEW_REFERRAL_FIELDS,
	patientState: clinic.state,
	acceptSupervised: clinic.acceptSupervisedByDefault ? 'on' : '',
})

const NEW_REFERRAL_FIELDS: FormFields = {
	urgency: 'routine',
	radiusMiles: '25',
	'integrationWindowHours.from': '24',
	'integrationWindowHours.to': '72',
	'dosing.sessions': '6',
	'dosing.cadenceDays': '3',
	'dosing.durationMinutes': '120',
	'preparationWindowHours.from': '336',
	'preparationWindowHours.to': '24',
	languages: ['en'],
}

export type ReferralSubmission = { ok: true; input: ReferralInput; post: boolean; fields: FormFields } | { ok: false; errors: Record<string, string[]>; fields: FormFields }

/** A submitted referral form, checked by the referral schema: the input, or the errors by field with what was typed. */
export function parseReferralSubmission(formData: FormData, timeZone: string): ReferralSubmission {
	const fields = fieldsFromFormData(formData)
	// Every submission says which it is: saving a draft asks for nothing else, so a bare POST must not become one.
	if (fields.intent !== 'save' && fields.intent !== 'post') return { ok: false, errors: { intent: ['Choose to save the draft or to post it.'] }, fields }
	const post = fields.intent === 'post'
	const parsed = ReferralInputSchema.safeParse(formToInput(fields, timeZone, post))
	return parsed.success ? { ok: true, input: parsed.data, post, fields } : { ok: false, errors: errorsByField(issuesByPath(parsed.error)), fields }
}
