import { expect, test } from 'vitest'
import { checkEligibility, integrationWindow, jurisdictionDate } from './eligibility.ts'
import { milesBetween } from './distance.ts'
import { AUSTIN, candidate, context, HOUSTON, referral, ROUND_ROCK } from './fixtures.ts'

const failed = (r = referral(), c = candidate('t1')) => {
	const verdict = checkEligibility(r, c, context)
	return verdict.eligible ? null : verdict.failed
}

test('the fixtures are eligible as they are', () => {
	expect(checkEligibility(referral(), candidate('t1'), context)).toMatchObject({ eligible: true, detail: { mode: 'telehealth', coverage: { basis: 'license' } } })
})

test('jurisdiction is judged on the first dosing date at the clinic: a license that expired the day before does not count', () => {
	expect(jurisdictionDate(referral())).toBe('2026-12-07')
	const expiredDayBefore = candidate('t1', { credentials: { licenses: [{ state: 'TX', type: 'lpc', status: 'verified', expiresOn: '2026-12-06' }], authorizations: [] } })
	expect(failed(referral(), expiredDayBefore)).toBe('jurisdiction')
	const expiresThatDay = candidate('t1', { credentials: { licenses: [{ state: 'TX', type: 'lpc', status: 'verified', expiresOn: '2026-12-07' }], authorizations: [] } })
	expect(failed(referral(), expiresThatDay)).toBeNull()
	// 23:30 on 6 December in Austin is already 7 December in UTC: the clinic's date counts.
	expect(jurisdictionDate(referral({ firstDosingAt: new Date('2026-12-07T05:30:00Z') }))).toBe('2026-12-06')
})

test('telehealth across states only through a covering authorization; in person never', () => {
	const psychologistInColorado = candidate('t1', {
		credentials: {
			licenses: [{ state: 'CO', type: 'psychologist', status: 'verified', expiresOn: '2027-12-31' }],
			authorizations: [{ kind: 'psypact_apit', homeState: 'CO', states: [], status: 'verified', expiresOn: '2027-12-31' }],
		},
	})
	expect(checkEligibility(referral(), psychologistInColorado, context)).toMatchObject({ eligible: true, detail: { coverage: { basis: 'psypact_apit' } } })
	expect(failed(referral({ format: 'in_person' }), psychologistInColorado)).toBe('format')
	expect(failed(referral({ patientState: 'CA' }), psychologistInColorado)).toBe('jurisdiction') // not a PSYPACT member
})

test('every requested phase must be offered', () => {
	expect(failed(referral({ phases: ['preparation', 'integration'] }))).toBeNull()
	expect(failed(referral({ phases: ['integration', 'in_session'] }))).toBe('phases')
})

test('in person needs an office within the radius; in-session support needs in person whatever the format', () => {
	expect(milesBetween(AUSTIN, ROUND_ROCK)).toBeCloseTo(16.8, 0)
	const inRoundRock = candidate('t1', { office: ROUND_ROCK, phases: ['in_session', 'integration'] })
	expect(checkEligibility(referral({ format: 'in_person' }), inRoundRock, context)).toMatchObject({ eligible: true, detail: { mode: 'in_person' } })
	expect(failed(referral({ format: 'in_person', radiusMiles: 10 }), inRoundRock)).toBe('format')
	const inHouston = candidate('t1', { office: HOUSTON, phases: ['in_session', 'integration'] })
	expect(failed(referral({ format: 'telehealth', phases: ['in_session'] }), inHouston)).toBe('format')
	expect(failed(referral({ format: 'telehealth', phases: ['in_session'] }), inRoundRock)).toBeNull()
	// `either`: in person when possible, otherwise telehealth.
	expect(checkEligibility(referral({ format: 'either' }), inHouston, context)).toMatchObject({ eligible: true, detail: { mode: 'telehealth' } })
	expect(failed(referral({ format: 'either' }), candidate('t1', { formats: ['in_person'], office: HOUSTON }))).toBe('format')
})

test('capacity: accepting, and load below weekly capacity', () => {
	expect(failed(referral(), candidate('t1', { accepting: false }))).toBe('capacity')
	expect(failed(referral(), candidate('t1', { load: 3, weeklyCapacity: 3 }))).toBe('capacity')
	expect(failed(referral(), candidate('t1', { load: 2, weeklyCapacity: 3 }))).toBeNull()
})

test('language: one shared requested language, or none requested', () => {
	expect(failed(referral({ languages: ['es'] }))).toBe('language')
	expect(failed(referral({ languages: ['es', 'en'] }))).toBeNull()
	expect(failed(referral({ languages: [] }))).toBeNull()
})

test('payment: insurance needs the payer in the panels; self-pay with a budget needs a rate within it or a sliding scale', () => {
	expect(failed(referral({ payment: { type: 'insurance', payer: 'bcbs' } }))).toBeNull()
	expect(failed(referral({ payment: { type: 'insurance', payer: 'aetna' } }))).toBe('payment')
	expect(failed(referral({ payment: { type: 'self_pay', maxRate: 100 } }))).toBe('payment')
	expect(failed(referral({ payment: { type: 'self_pay', maxRate: 100 } }), candidate('t1', { slidingScale: true }))).toBeNull()
	expect(failed(referral({ payment: { type: 'self_pay', maxRate: 150 } }))).toBeNull()
})

test('declined or blocked therapists are excluded', () => {
	expect(failed(referral({ excludedTherapistIds: new Set(['t1']) }))).toBe('not_excluded')
})

test('timing, when required: a free hour wholly inside the window after the first dosing session, across time zones', () => {
	// Dosing Monday 10:00 Central; window Tuesday 10:00 to Thursday 10:00 Central.
	expect(integrationWindow(referral())).toEqual({ start: new Date('2026-12-08T16:00:00Z'), end: new Date('2026-12-10T16:00:00Z') })
	const fridaysOnly = candidate('t1', { schedule: { timeZone: 'America/Chicago', rules: [{ dayOfWeek: 4, startMinute: 540, endMinute: 720 }] } })
	expect(failed(referral({ timingRequired: true }), fridaysOnly)).toBe('timing')
	expect(failed(referral({ timingRequired: false }), fridaysOnly)).toBeNull()
	// A Pacific therapist free Tuesday 7:00–9:00 Pacific = 9:00–11:00 Central: only 10:00–11:00 is inside the window.
	const pacific = candidate('t1', { schedule: { timeZone: 'America/Los_Angeles', rules: [{ dayOfWeek: 1, startMinute: 7 * 60, endMinute: 9 * 60 }] } })
	const verdict = checkEligibility(referral({ timingRequired: true, dosingSessions: 1 }), pacific, context)
	expect(verdict).toMatchObject({ eligible: true })
	if (verdict.eligible) expect(verdict.detail.firstWindowSlots!.map((d) => d.toISOString())).toEqual(['2026-12-08T16:00:00.000Z'])
	// Booked first sessions are subtracted.
	const booked = candidate('t1', { ...pacific, booked: [{ start: new Date('2026-12-08T16:00:00Z'), end: new Date('2026-12-08T17:00:00Z') }] })
	expect(failed(referral({ timingRequired: true }), booked)).toBe('timing')
})
