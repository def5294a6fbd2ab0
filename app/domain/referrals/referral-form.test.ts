import { parseWithZod } from '@conform-to/zod'
import { expect, test } from 'vitest'
import {
	errorsByField,
	flatFields,
	formToInput,
	type FormFields,
	isoToLocalDateTime,
	localDateTimeToIso,
	nestedFields,
	recordToFields,
	newReferralFields,
	referralFormSchema,
} from './referral-form.ts'
import { issuesByPath, referralRecord, ReferralInputSchema } from './referral-input.ts'

// About forty whenever the tests run: inside the form's 35–44 age band.
const birthDate = `${new Date().getUTCFullYear() - 40}-03-09`

const fields = {
	patientState: 'TX',
	ageBand: '35-44',
	phases: ['preparation', 'integration'],
	format: 'telehealth',
	modalities: 'ifs',
	languages: ['en', 'es'],
	'payment.type': 'insurance',
	'payment.payer': 'bcbs',
	'payment.maxRate': '150',
	urgency: 'urgent',
	'dosing.firstSessionAt': '2026-12-07T10:00',
	'dosing.sessions': '6',
	'dosing.cadenceDays': '3',
	'integrationWindowHours.from': '',
	'integrationWindowHours.to': '',
	timingRequired: 'on',
	radiusMiles: '25',
	'patient.firstName': ' Jordan ',
	'patient.lastName': 'Reyes',
	'patient.email': 'jordan@example.org',
	'patient.phone': '',
	'patient.birthDate': birthDate,
	'patient.notes': '',
}

test('the dosing time is the clinic’s wall-clock time, across daylight-saving changes', () => {
	expect(localDateTimeToIso('2026-12-07T10:00', 'America/Chicago')).toBe('2026-12-07T10:00:00.000-06:00')
	expect(localDateTimeToIso('2026-07-07T10:00', 'America/Chicago')).toBe('2026-07-07T10:00:00.000-05:00')
	expect(localDateTimeToIso('2026-07-07T10:00', 'America/Phoenix')).toBe('2026-07-07T10:00:00.000-07:00')
	// 2:30 on the spring-forward night does not exist in Chicago; it moves on an hour.
	expect(localDateTimeToIso('2026-03-08T02:30', 'America/Chicago')).toBe('2026-03-08T03:30:00.000-05:00')
	expect(localDateTimeToIso('next tuesday', 'America/Chicago')).toBe('next tuesday')
	expect(localDateTimeToIso('2026-02-30T10:00', 'America/Chicago')).toBe('2026-02-30T10:00')
	expect(isoToLocalDateTime(new Date('2026-12-07T16:00:00Z'), 'America/Chicago')).toBe('2026-12-07T10:00')
})

test('form fields become the referral input the API takes, and a saved referral goes back to the same fields', () => {
	const input = ReferralInputSchema.parse(formToInput(fields, 'America/Chicago', true))
	expect(input).toMatchObject({
		modalities: ['ifs'],
		payment: { type: 'insurance', payer: 'bcbs' },
		dosing: { firstSessionAt: '2026-12-07T10:00:00.000-06:00', sessions: 6, cadenceDays: 3 },
		integrationWindowHours: { from: 24, to: 72 },
		timingRequired: true,
		patient: { firstName: 'Jordan', phone: undefined },
		post: true,
	})
	// The self-pay budget left on screen is not sent for an insurance referral.
	expect(input.payment!.maxRate).toBeUndefined()
	const { facts, patient } = referralRecord(input, 'America/Chicago')
	expect(recordToFields(facts, patient, 'America/Chicago')).toMatchObject({
		'dosing.firstSessionAt': '2026-12-07T10:00',
		'dosing.sessions': '6',
		'dosing.cadenceDays': '3',
		'dosing.sessionsAt': '',
		'dosing.durationMinutes': '120',
		'preparationWindowHours.from': '336',
		'integrationWindowHours.from': '24',
		'payment.maxRate': '',
		'patient.birthDate': birthDate,
		timingRequired: 'on',
	})
})

test('what is wrong lands on the field that was typed, with the schema’s message; a draft may leave fields empty, posting names each', () => {
	const typed = { ...fields, phases: ['integration', 'aftercare'], 'dosing.sessions': 'six', radiusMiles: '2.5', 'dosing.firstSessionAt': '', 'patient.email': '' }
	const errors = (post: boolean) => {
		const parsed = ReferralInputSchema.safeParse(formToInput(typed, 'America/Chicago', post))
		expect(parsed.success).toBe(false)
		return errorsByField(issuesByPath(parsed.error!))
	}
	expect(errors(false)).toEqual({
		phases: ['Not a known phase (preparation, in-session support or integration).'],
		'dosing.sessions': ['Give a whole number of sessions.'],
		radiusMiles: ['Give whole miles.'],
	})
	expect(errors(true)).toEqual({
		phases: ['Not a known phase (preparation, in-session support or integration).'],
		'dosing.sessions': ['Give a whole number of sessions.'],
		'dosing.firstSessionAt': ['Give the first dosing session’s date and time.'],
		radiusMiles: ['Give whole miles.'],
		'patient.email': ['Enter the patient’s email address.'],
	})
})

test('a series listed one dose a line keeps each clock time, and an uneven series comes back as its list', () => {
	const listed = {
		...fields,
		'dosing.firstSessionAt': '',
		'dosing.sessions': '',
		'dosing.cadenceDays': '',
		'dosing.sessionsAt': '2026-10-29T10:00\n2026-11-02T10:00\r\n\n2026-11-03T14:30',
		'dosing.durationMinutes': '90',
	}
	const input = ReferralInputSchema.parse(formToInput(listed, 'America/Chicago', false))
	// 10:00 CDT before the change, 10:00 CST after it.
	expect(input.dosing).toEqual({ sessionsAt: ['2026-10-29T10:00:00.000-05:00', '2026-11-02T10:00:00.000-06:00', '2026-11-03T14:30:00.000-06:00'], durationMinutes: 90 })
	const { facts, patient } = referralRecord(input, 'America/Chicago')
	expect(recordToFields(facts, patient, 'America/Chicago')).toMatchObject({
		'dosing.firstSessionAt': '',
		'dosing.sessions': '',
		'dosing.sessionsAt': '2026-10-29T10:00\n2026-11-02T10:00\n2026-11-03T14:30',
		'dosing.durationMinutes': '90',
	})
	// A listed series and a cadence at once is named on the field.
	const both = ReferralInputSchema.safeParse(formToInput({ ...listed, 'dosing.sessions': '3' }, 'America/Chicago', false))
	expect(errorsByField(issuesByPath(both.error!))).toEqual({ 'dosing.sessions': ['Give either sessionsAt, or firstSessionAt with sessions and cadenceDays, not both.'] })
})

test('a new referral starts with the patient in the clinic’s state and the contract’s defaults', () => {
	expect(newReferralFields({ state: 'OR', acceptSupervisedByDefault: false })).toMatchObject({
		patientState: 'OR',
		acceptSupervised: '',
		'dosing.durationMinutes': '120',
		'preparationWindowHours.from': '336',
		'preparationWindowHours.to': '24',
		'integrationWindowHours.from': '24',
		'integrationWindowHours.to': '72',
	})
	expect(newReferralFields({ state: 'OR', acceptSupervisedByDefault: true }).acceptSupervised).toBe('on')
	// Ticked in the form, it is the referral's; unticked, it says no (whatever the clinic's default).
	expect(ReferralInputSchema.parse(formToInput({ ...fields, acceptSupervised: 'on' }, 'America/Chicago', false)).acceptSupervised).toBe(true)
	expect(ReferralInputSchema.parse(formToInput(fields, 'America/Chicago', false)).acceptSupervised).toBe(false)
})

test('a draft saved from the form with most fields empty comes back as it was typed, an incomplete series included', () => {
	const typed = {
		...newReferralFields({ state: 'OR', acceptSupervisedByDefault: false }),
		phases: ['integration'],
		'payment.payer': 'bcbs',
		'dosing.firstSessionAt': '',
		'dosing.sessions': '4',
		'dosing.cadenceDays': '',
		'patient.firstName': 'Ana',
	}
	const input = ReferralInputSchema.parse(formToInput(typed, 'America/Chicago', false))
	const { facts, patient } = referralRecord(input, 'America/Chicago')
	const back = recordToFields(facts, patient, 'America/Chicago')
	expect(back).toMatchObject({
		patientState: 'OR',
		ageBand: '',
		format: '',
		phases: ['integration'],
		'payment.type': '',
		'payment.payer': 'bcbs',
		'dosing.firstSessionAt': '',
		'dosing.sessions': '4',
		'dosing.cadenceDays': '',
		'dosing.sessionsAt': '',
		'dosing.durationMinutes': '120',
		'patient.firstName': 'Ana',
		'patient.lastName': '',
		'patient.email': '',
		'patient.birthDate': '',
	})
	// The first dose alone is kept too, to show and to sort by.
	const firstOnly = referralRecord(ReferralInputSchema.parse(formToInput({ ...typed, 'dosing.firstSessionAt': '2026-12-07T10:00' }, 'America/Chicago', false)), 'America/Chicago')
	expect(recordToFields(firstOnly.facts, firstOnly.patient, 'America/Chicago')).toMatchObject({ 'dosing.firstSessionAt': '2026-12-07T10:00', 'dosing.sessions': '4', 'dosing.cadenceDays': '' })
})

const submitted = (fields: FormFields, intent?: string) => {
	const formData = new FormData()
	for (const [name, value] of Object.entries(fields)) for (const one of Array.isArray(value) ? value : [value]) formData.append(name, one)
	if (intent) formData.append('intent', intent)
	return parseWithZod(formData, { schema: referralFormSchema('America/Chicago'), disableAutoCoercion: true })
}

test('Conform reads the form through the one referral schema: the input the API takes, each message on its field, what was typed sent back', () => {
	const posted = submitted(fields, 'post')
	expect(posted.status).toBe('success')
	expect(posted.status === 'success' ? posted.value : null).toEqual({ input: ReferralInputSchema.parse(formToInput(fields, 'America/Chicago', true)), post: true })
	expect(submitted(fields, 'save')).toMatchObject({ status: 'success', value: { post: false, input: { post: false } } })

	const typed = {
		...fields,
		phases: ['integration', 'aftercare'],
		'dosing.sessions': 'six',
		'dosing.firstSessionAt': '',
		'patient.email': '',
		'integrationWindowHours.from': '72',
		'integrationWindowHours.to': '24',
	}
	const refused = submitted(typed, 'post')
	expect(refused.status).toBe('error')
	expect(refused.reply().error).toEqual({
		phases: ['Not a known phase (preparation, in-session support or integration).'],
		'dosing.sessions': ['Give a whole number of sessions.'],
		'dosing.firstSessionAt': ['Give the first dosing session’s date and time.'],
		'integrationWindowHours.to': ['The window must end after it starts.'],
		'patient.email': ['Enter the patient’s email address.'],
	})
	expect(refused.reply().initialValue).toMatchObject({ intent: 'post', phases: ['integration', 'aftercare'], dosing: { sessions: 'six' }, patient: { firstName: ' Jordan ' } })
	// A listed series that does not parse is named on the list, not on one of its lines.
	expect(submitted({ ...fields, 'dosing.firstSessionAt': '', 'dosing.sessions': '', 'dosing.cadenceDays': '', 'dosing.sessionsAt': '2026-12-07T10:00\nnext tuesday' }, 'save').reply().error).toEqual({
		'dosing.sessionsAt': ['Line 2 is not a date and time: write each session on its own line, like 2026-12-07T10:00.'],
	})
	// A bare POST neither saves nor posts; that is said of the form's two buttons.
	expect(submitted(fields).reply().error).toEqual({ intent: ['Choose to save the draft or to post it.'] })
})

test('the form’s fields nest by their names’ dots for Conform, and come back the same', () => {
	const start = newReferralFields({ state: 'OR', acceptSupervisedByDefault: true })
	expect(nestedFields(start)).toMatchObject({
		patientState: 'OR',
		acceptSupervised: 'on',
		dosing: { sessions: '6', durationMinutes: '120' },
		integrationWindowHours: { from: '24', to: '72' },
		languages: ['en'],
	})
	expect(flatFields(nestedFields(fields))).toEqual(fields)
	// A second value of a one-value field is dropped; every text is cut at 5,000 characters.
	expect(flatFields({ format: ['telehealth', 'either'], patient: { notes: 'x'.repeat(6000) } })).toEqual({ format: 'telehealth', 'patient.notes': 'x'.repeat(5000) })
})
