import { expect, test } from 'vitest'
import { issuesByPath, postingProblem, ReferralInputSchema } from './referral-input.ts'

const valid = {
	patientState: 'TX',
	phases: ['preparation', 'integration'],
	format: 'telehealth',
	modalities: ['ifs'],
	focusAreas: ['treatment_resistant_depression'],
	languages: ['en', 'es'],
	ageBand: '35-44',
	payment: { type: 'insurance', payer: 'bcbs' },
	urgency: 'routine',
	dosing: { firstSessionAt: '2026-12-07T10:00:00-06:00', sessions: 6, cadenceDays: 3 },
	timingRequired: true,
	patient: { firstName: 'Jordan', lastName: 'Reyes', email: 'Jordan@Example.org', phone: '+1 512 555 0100', birthDate: '1984-03-09' },
	post: true,
}

const problems = (body: unknown) => {
	const parsed = ReferralInputSchema.safeParse(body)
	return parsed.success ? [] : issuesByPath(parsed.error)
}

test('a full referral parses, with defaults for what was left out', () => {
	const parsed = ReferralInputSchema.parse({ ...valid, radiusMiles: undefined })
	expect(parsed.integrationWindowHours).toEqual({ from: 24, to: 72 })
	expect(parsed.radiusMiles).toBe(25)
	expect(parsed.patient.email).toBe('jordan@example.org')
	const minimal = ReferralInputSchema.parse({ patientState: 'WA', phases: ['integration'], format: 'either', ageBand: '25-34', payment: { type: 'self_pay' }, dosing: valid.dosing, patient: valid.patient })
	expect(minimal).toMatchObject({ modalities: [], focusAreas: [], languages: [], urgency: 'routine', timingRequired: false, post: false })
})

test('unknown fields are refused, at any depth, by name', () => {
	expect(problems({ ...valid, priority: 'high' })).toEqual([{ path: '(body)', message: 'Unknown field: priority.' }])
	expect(problems({ ...valid, patient: { ...valid.patient, ssn: '123' } })).toEqual([{ path: 'patient', message: 'Unknown field: ssn.' }])
})

test.each([
	[{ patientState: 'XX' }, 'patientState', 'Use a two-letter US state code, like TX.'],
	[{ phases: [] }, 'phases', 'Choose at least one phase of support.'],
	[{ phases: ['integration', 'integration'] }, 'phases', 'List each phase once.'],
	[{ phases: ['aftercare'] }, 'phases.0', 'Not a known phase (preparation, in_session, integration).'],
	[{ format: 'video' }, 'format', 'Choose telehealth, in_person or either.'],
	[{ modalities: ['reiki'] }, 'modalities.0', 'Not a known modality.'],
	[{ languages: ['english'] }, 'languages.0', 'Not a known language code (ISO 639-1, like en).'],
	[{ ageBand: '30' }, 'ageBand', expect.stringMatching(/^Use one of 18-24/)],
	[{ payment: { type: 'insurance' } }, 'payment.payer', 'Name the payer when the patient uses insurance.'],
	[{ payment: { type: 'self_pay', maxRate: 12.5 } }, 'payment.maxRate', 'Give whole dollars per session.'],
	[{ payment: { type: 'self_pay', payer: 'bcbs' } }, 'payment.payer', 'A payer only applies to insurance.'],
	[{ dosing: { firstSessionAt: '2026-12-07 10:00', sessions: 6, cadenceDays: 3 } }, 'dosing.firstSessionAt', 'Give the date and time with its offset, like 2026-12-07T10:00:00-06:00.'],
	[{ dosing: { firstSessionAt: '2026-12-07T10:00:00Z', sessions: 0, cadenceDays: 3 } }, 'dosing.sessions', 'At least one session.'],
	[{ integrationWindowHours: { from: 72, to: 24 } }, 'integrationWindowHours.to', 'The window must end after it starts.'],
	[{ radiusMiles: 0 }, 'radiusMiles', 'At least 1 mile.'],
	[{ timingRequired: 'yes' }, 'timingRequired', 'Give true or false.'],
	[{ patient: { ...valid.patient, email: 'not-an-email' } }, 'patient.email', 'Enter an email address like name@example.com.'],
	[{ patient: { ...valid.patient, birthDate: '1984-02-30' } }, 'patient.birthDate', 'Enter the date of birth as YYYY-MM-DD.'],
	[{ patient: { ...valid.patient, firstName: 'x'.repeat(81) } }, 'patient.firstName', 'Use at most 80 characters.'],
	[{ patient: { ...valid.patient, birthDate: '2999-01-01' } }, 'patient.birthDate', 'Enter a date of birth in the past, after 1900.'],
	[{ patient: { ...valid.patient, birthDate: '1850-01-01' } }, 'patient.birthDate', 'Enter a date of birth in the past, after 1900.'],
	[{ patient: { ...valid.patient, phone: 'call me' } }, 'patient.phone', 'Enter a phone number like +1 512 555 0100.'],
])('%j is refused on %s', (change, path, message) => {
	expect(problems({ ...valid, ...change })).toContainEqual({ path, message })
})

test('a missing patient is named field by field', () => {
	expect(problems({ ...valid, patient: {} }).map((p) => p.path)).toEqual(['patient.firstName', 'patient.lastName', 'patient.email', 'patient.birthDate'])
})

test('posting needs a first dosing session still ahead', () => {
	const input = ReferralInputSchema.parse(valid)
	expect(postingProblem(input, new Date('2026-12-01T00:00:00Z'))).toBeNull()
	expect(postingProblem(input, new Date('2026-12-07T16:00:00Z'))).toMatch(/in the past/)
})
