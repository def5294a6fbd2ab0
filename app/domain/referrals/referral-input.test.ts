import { describe, expect, test } from 'vitest'
import { ageOn, birthDateProblem, inputDoses, issuesByPath, missingForPosting, postingProblem, referralRecord, ReferralInputSchema, REQUIRED_FOR_POSTING, storedMissing } from './referral-input.ts'

// About forty today, whenever the tests run: inside the 35–44 band.
const birthDate = `${new Date().getUTCFullYear() - 40}-03-09`
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString()

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
	patient: { firstName: 'Jordan', lastName: 'Reyes', email: 'Jordan@Example.org', phone: '+1 512 555 0100', birthDate },
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
	expect(parsed.patient!.email).toBe('jordan@example.org')
	const minimal = ReferralInputSchema.parse({
		patientState: 'WA',
		phases: ['integration'],
		format: 'either',
		ageBand: '35-44',
		payment: { type: 'self_pay' },
		dosing: valid.dosing,
		patient: valid.patient,
	})
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
	[{ phases: ['aftercare'] }, 'phases.0', 'Not a known phase (preparation, in-session support or integration).'],
	[{ format: 'video' }, 'format', 'Choose telehealth, in person or either.'],
	[{ modalities: ['reiki'] }, 'modalities.0', 'Not a known modality.'],
	[{ languages: ['english'] }, 'languages.0', 'Not a known language code (ISO 639-1, like en).'],
	[{ ageBand: '30' }, 'ageBand', expect.stringMatching(/^Choose an age band: 18-24/)],
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
	const [first] = inputDoses(ReferralInputSchema.parse(valid).dosing, 'America/Chicago')
	expect(postingProblem(first!, new Date('2026-12-01T00:00:00Z'))).toBeNull()
	expect(postingProblem(first!, new Date('2026-12-07T16:00:00Z'))).toMatch(/in the past/)
})

test('dosing: a first session with sessions and a cadence, or every session listed; defaults for duration and the preparation window', () => {
	const parsed = ReferralInputSchema.parse(valid)
	expect(parsed.dosing!.durationMinutes).toBe(120)
	expect(parsed.preparationWindowHours).toEqual({ from: 336, to: 24 })
	// Three days apart in Chicago at 10:00, the fourth dose after the 2026-11-01 change… here all in December: one offset.
	expect(inputDoses(parsed.dosing, 'America/Chicago').map((d) => d.toISOString())).toEqual(['07', '10', '13', '16', '19', '22'].map((day) => `2026-12-${day}T16:00:00.000Z`))
	const listed = ReferralInputSchema.parse({ ...valid, dosing: { sessionsAt: ['2026-12-07T10:00:00-06:00', '2026-12-08T09:30:00-06:00'], durationMinutes: 90 } })
	expect(inputDoses(listed.dosing, 'America/Chicago').map((d) => d.toISOString())).toEqual(['2026-12-07T16:00:00.000Z', '2026-12-08T15:30:00.000Z'])
	expect(listed.dosing!.durationMinutes).toBe(90)
})

test.each([
	[{ sessionsAt: [] }, 'dosing.sessionsAt', 'Give at least one dosing session.'],
	[{ sessionsAt: Array.from({ length: 13 }, (_, i) => `2026-12-${String(i + 1).padStart(2, '0')}T10:00:00-06:00`) }, 'dosing.sessionsAt', 'Give at most 12 dosing sessions.'],
	[{ sessionsAt: ['2026-12-08T10:00:00-06:00', '2026-12-07T10:00:00-06:00'] }, 'dosing.sessionsAt', 'List the dosing sessions in order, earliest first.'],
	[{ sessionsAt: ['2026-12-07T10:00:00-06:00', '2026-12-07T20:00:00-06:00'] }, 'dosing.sessionsAt', 'Dosing sessions must be at least 12 hours apart (sessions 1 and 2 are not).'],
	[{ sessionsAt: ['2026-12-07 10:00'] }, 'dosing.sessionsAt.0', 'Give the date and time with its offset, like 2026-12-07T10:00:00-06:00.'],
	[{ sessionsAt: 'tomorrow' }, 'dosing.sessionsAt', 'Give a list of dosing sessions’ dates and times.'],
	[{ sessionsAt: ['2026-12-07T10:00:00-06:00'], sessions: 1 }, 'dosing.sessions', 'Give either sessionsAt, or firstSessionAt with sessions and cadenceDays, not both.'],
	[{ sessions: 6, cadenceDays: 3 }, 'dosing.firstSessionAt', 'Give the first dosing session’s date and time.'],
	[{ firstSessionAt: '2026-12-07T10:00:00-06:00', cadenceDays: 3 }, 'dosing.sessions', 'Give the number of dosing sessions.'],
	[{ firstSessionAt: '2026-12-07T10:00:00-06:00', sessions: 3 }, 'dosing.cadenceDays', 'Give the days between sessions.'],
	[{ firstSessionAt: '2026-12-07T10:00:00-06:00', sessions: 13, cadenceDays: 3 }, 'dosing.sessions', 'At most 12 sessions.'],
	[
		{ firstSessionAt: '2026-12-07T10:00:00-06:00', sessions: 3, cadenceDays: 3, durationMinutes: 30 },
		'dosing.durationMinutes',
		'A dosing session takes at least 60 minutes here (arrival to discharge).',
	],
	[{ firstSessionAt: '2026-12-07T10:00:00-06:00', sessions: 3, cadenceDays: 3, durationMinutes: 600 }, 'dosing.durationMinutes', 'At most 480 minutes.'],
	// The first dose at most a year ahead (a year-9999 date is a typo).
	[{ firstSessionAt: '9999-12-07T10:00:00-06:00', sessions: 3, cadenceDays: 3 }, 'dosing.firstSessionAt', 'The first dosing session must be within 365 days from today.'],
	[{ firstSessionAt: inDays(366), sessions: 1 }, 'dosing.firstSessionAt', 'The first dosing session must be within 365 days from today.'],
	[{ sessionsAt: [inDays(366)] }, 'dosing.sessionsAt.0', 'The first dosing session must be within 365 days from today.'],
])('dosing %j is refused on %s', (dosing, path, message) => {
	expect(problems({ ...valid, dosing })).toContainEqual({ path, message })
})

test('the first dose 364 days ahead is accepted', () => {
	expect(problems({ ...valid, dosing: { firstSessionAt: inDays(364), sessions: 1 } })).toEqual([])
})

test('the preparation window opens before it closes, in hours before the first dose', () => {
	expect(problems({ ...valid, preparationWindowHours: { from: 24, to: 48 } })).toContainEqual({
		path: 'preparationWindowHours.to',
		message: 'The window opens earlier (more hours before the first dose) than it closes.',
	})
	expect(problems({ ...valid, preparationWindowHours: { from: 'a', to: 2 } })).toContainEqual({ path: 'preparationWindowHours.from', message: 'Give whole hours.' })
	expect(problems({ ...valid, preparationWindowHours: { from: 72, to: 2 } })).toEqual([])
})

test('a birth date must fall in the age band', () => {
	expect(ageOn('1984-03-09', '2026-03-08')).toBe(41)
	expect(ageOn('1984-03-09', '2026-03-09')).toBe(42)
	expect(birthDateProblem('2010-05-01', '65-89', '2026-12-02')).toBe('Someone born on 2010-05-01 is 16, outside the age band 65-89. Check the date of birth or the age band.')
	expect(birthDateProblem('1936-12-02', '90+', '2026-12-02')).toBeNull()
	expect(birthDateProblem('1936-12-03', '90+', '2026-12-02')).toMatch(/is 89, outside the age band 90\+/)
	expect(birthDateProblem('2001-12-02', '25-34', '2026-12-02')).toBeNull()
	expect(birthDateProblem('2001-12-03', '25-34', '2026-12-02')).toMatch(/is 24/)
	expect(problems({ ...valid, ageBand: '65-89', patient: { ...valid.patient, birthDate: '2010-05-01' } })).toContainEqual({
		path: 'patient.birthDate',
		message: expect.stringMatching(/outside the age band 65-89/),
	})
})

test('supervised licences: as the referral says, else as the clinic’s setting says (off unless set)', () => {
	const unsaid = ReferralInputSchema.parse(valid)
	expect(unsaid.acceptSupervised).toBeUndefined()
	expect(referralRecord(unsaid, 'America/Chicago').facts.acceptSupervised).toBe(false)
	expect(referralRecord(unsaid, 'America/Chicago', true).facts.acceptSupervised).toBe(true)
	expect(referralRecord(ReferralInputSchema.parse({ ...valid, acceptSupervised: false }), 'America/Chicago', true).facts.acceptSupervised).toBe(false)
	expect(referralRecord(ReferralInputSchema.parse({ ...valid, acceptSupervised: true }), 'America/Chicago', false).facts.acceptSupervised).toBe(true)
	expect(problems({ ...valid, acceptSupervised: 'yes' })).toContainEqual({ path: 'acceptSupervised', message: 'Give true or false.' })
})

describe('a draft may be incomplete; posting needs everything', () => {
	const few = { patientState: 'TX', phases: ['integration'], dosing: { firstSessionAt: '2026-12-07T10:00:00-06:00', sessions: 6 }, patient: { firstName: 'Jordan' } }

	test('a draft with only a few fields, or none, is valid', () => {
		expect(problems(few)).toEqual([])
		expect(problems({ ...few, post: false })).toEqual([])
		expect(problems({})).toEqual([])
	})

	test('posting it names every missing field, each with its own message, in the form’s order', () => {
		expect(problems({ ...few, post: true })).toEqual([
			{ path: 'format', message: 'Choose telehealth, in person or either.' },
			{ path: 'ageBand', message: 'Choose the patient’s age band.' },
			{ path: 'payment.type', message: 'Choose insurance or self-pay.' },
			{ path: 'dosing.cadenceDays', message: 'Give the days between sessions.' },
			{ path: 'patient.lastName', message: 'Enter the patient’s last name.' },
			{ path: 'patient.email', message: 'Enter the patient’s email address.' },
			{ path: 'patient.birthDate', message: 'Enter the patient’s date of birth.' },
		])
		expect(problems({ post: true }).map((p) => p.path)).toEqual(Object.keys(REQUIRED_FOR_POSTING).filter((p) => p !== 'payment.payer'))
		// Blank text is not an answer.
		expect(problems({ ...valid, patientState: ' ', patient: { ...valid.patient, lastName: '  ' } })).toEqual([
			{ path: 'patientState', message: 'Choose the state the patient will be in.' },
			{ path: 'patient.lastName', message: 'Enter the patient’s last name.' },
		])
	})

	test('what a draft gives is checked as when posting, with the same messages', () => {
		expect(problems({ ...few, patientState: 'XX' })).toEqual([{ path: 'patientState', message: 'Use a two-letter US state code, like TX.' }])
		expect(problems({ ...few, patient: { email: 'not-an-email' } })).toEqual([{ path: 'patient.email', message: 'Enter an email address like name@example.com.' }])
		expect(problems({ payment: { type: 'self_pay', payer: 'bcbs' } })).toEqual([{ path: 'payment.payer', message: 'A payer only applies to insurance.' }])
		expect(problems({ dosing: { sessions: 0 } })).toEqual([{ path: 'dosing.sessions', message: 'At least one session.' }])
		expect(problems({ ageBand: '65-89', patient: { birthDate: '2010-05-01' } })).toEqual([{ path: 'patient.birthDate', message: expect.stringMatching(/outside the age band 65-89/) }])
		expect(problems({ priority: 'high' })).toEqual([{ path: '(body)', message: 'Unknown field: priority.' }])
		// An invalid field and the missing ones are named together when posting.
		expect(
			problems({ ...few, patientState: 'XX', post: true })
				.map((p) => p.path)
				.sort(),
		).toEqual(['patientState', 'format', 'ageBand', 'payment.type', 'dosing.cadenceDays', 'patient.lastName', 'patient.email', 'patient.birthDate'].sort())
		// An insurance payer is needed only to post.
		expect(problems({ payment: { type: 'insurance' } })).toEqual([])
	})

	test('a draft’s record keeps what was given, nulls for the rest, and an incomplete series as given', () => {
		const { facts, patient } = referralRecord(ReferralInputSchema.parse(few), 'America/Chicago')
		expect(facts).toMatchObject({ patientState: 'TX', ageBand: null, format: null, paymentType: null, payer: null, maxRate: null, phases: ['integration'] })
		expect(facts).toMatchObject({ firstDosingAt: new Date('2026-12-07T16:00:00Z'), dosingSessionsAt: [], draftDoseCount: 6, draftCadenceDays: null, doseMinutes: 120 })
		expect(patient).toEqual({ firstName: 'Jordan', lastName: null, email: null, phone: null, birthDate: null, notes: '' })
		// Stored, it lacks what the input lacked.
		expect(storedMissing(facts, patient)).toEqual(missingForPosting({ ...few }))
		// Completed, it has nothing missing and no draft leftovers.
		const full = referralRecord(ReferralInputSchema.parse(valid), 'America/Chicago')
		expect(full.facts).toMatchObject({ draftDoseCount: null, draftCadenceDays: null })
		expect(storedMissing(full.facts, full.patient)).toEqual([])
	})

	test('a draft without a payment type keeps the payer or budget given', () => {
		expect(referralRecord(ReferralInputSchema.parse({ payment: { payer: 'bcbs' } }), 'America/Chicago').facts).toMatchObject({ paymentType: null, payer: 'bcbs', maxRate: null })
		expect(referralRecord(ReferralInputSchema.parse({ payment: { maxRate: 150 } }), 'America/Chicago').facts).toMatchObject({ paymentType: null, payer: null, maxRate: 150 })
	})
})
