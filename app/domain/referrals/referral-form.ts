// The referral form's fields and the referral input (docs/product.md §8.3) they stand for. The form
// names each field by its path in the input (`dosing.sessions`), so the one schema's messages land
// on the right field. The dosing time is typed as the clinic's wall-clock time and becomes an
// instant with its offset here. The form is read by Conform with `referralFormSchema`. Pure.
import { TZDate } from '@date-fns/tz'
import { z } from 'zod'
import { wallTimeToInstant } from '#app/domain/availability/ranges.ts'
import { isIsoDate } from '#app/domain/calendar-dates.ts'
import { cadenceOf } from './dosing.ts'
import { INSTANT_MESSAGE, issuesByPath, ReferralInputSchema } from './referral-input.ts'

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

/**
 * The form's words for a time that does not parse: the form is typed in the clinic's wall-clock
 * time, so the API's "with its offset" would mislead; a listed session is named by its line.
 */
function formMessage(path: string, message: string): string {
	if (message !== INSTANT_MESSAGE) return message
	const line = /^dosing\.sessionsAt\.(\d+)$/.exec(path)
	if (line) return `Line ${Number(line[1]) + 1} is not a date and time: write each session on its own line, like 2026-12-07T10:00.`
	return 'Give the date and time, like 2026-12-07T10:00.'
}

/** Schema paths to form fields: an item of a list (`phases.0`) belongs to its group; empty or missing fields get the field's own message. */
export function errorsByField(issues: readonly { path: string; message: string }[]): Record<string, string[]> {
	const errors: Record<string, string[]> = {}
	for (const { path, message: said } of issues) {
		const message = formMessage(path, said)
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

/** The form's value as Conform reads it (nested by the names' dots) back to the form's fields; a list field keeps every checked value, and every text is cut at 5,000 characters. */
export function flatFields(value: unknown): FormFields {
	const fields: FormFields = {}
	const walk = (v: unknown, name: string) => {
		if (typeof v === 'string') fields[name] = v.slice(0, 5000)
		else if (Array.isArray(v)) fields[name] = v.filter((item): item is string => typeof item === 'string').map((item) => item.slice(0, 5000))
		else if (typeof v === 'object' && v !== null) for (const [key, inner] of Object.entries(v)) walk(inner, name ? `${name}.${key}` : key)
	}
	walk(value, '')
	for (const [name, v] of Object.entries(fields)) if (Array.isArray(v) && !(LIST_FIELDS as readonly string[]).includes(name)) fields[name] = v[0] ?? ''
	return fields
}

/** The form's fields nested by the names' dots, as Conform's `useForm` takes its default value. */
export function nestedFields(fields: FormFields): Record<string, unknown> {
	const nested: Record<string, unknown> = {}
	for (const [name, value] of Object.entries(fields)) {
		const parts = name.split('.')
		let at = nested
		for (const part of parts.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>
		at[parts.at(-1)!] = value
	}
	return nested
}

/** The referral form's value, as its fields name it (every value as typed). */
export type ReferralFormValue = {
	intent: string
	patientState: string
	ageBand: string
	phases: string[]
	format: string
	modalities: string[]
	focusAreas: string[]
	languages: string[]
	payment: { type: string; payer: string; maxRate: string }
	urgency: string
	dosing: { firstSessionAt: string; sessions: string; cadenceDays: string; sessionsAt: string; durationMinutes: string }
	preparationWindowHours: { from: string; to: string }
	integrationWindowHours: { from: string; to: string }
	timingRequired: string
	acceptSupervised: string
	radiusMiles: string
	patient: { firstName: string; lastName: string; email: string; phone: string; birthDate: string; notes: string }
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

/**
 * The referral form's schema, for Conform's `parseWithZod` (with its coercion off: the form's own
 * reading of numbers and times is `formToInput`'s). The fields become the referral input and go
 * through the one referral schema; each message lands on the field it is about. Every submission
 * says whether it saves or posts: saving a draft asks for nothing else, so a bare POST must not become one.
 */
export function referralFormSchema(timeZone: string) {
	return z.unknown().transform((value, ctx) => {
		const fields = flatFields(value)
		if (fields.intent !== 'save' && fields.intent !== 'post') {
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['intent'], message: 'Choose to save the draft or to post it.' })
			return z.NEVER
		}
		const post = fields.intent === 'post'
		const parsed = ReferralInputSchema.safeParse(formToInput(fields, timeZone, post))
		if (parsed.success) return { input: parsed.data, post }
		for (const [field, messages] of Object.entries(errorsByField(issuesByPath(parsed.error))))
			for (const message of messages) ctx.addIssue({ code: z.ZodIssueCode.custom, path: field.split('.'), message })
		return z.NEVER
	})
}
