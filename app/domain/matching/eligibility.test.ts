import { expect, test } from 'vitest'
import { expandDoses, integrationWindow, preparationWindow } from '#app/domain/referrals/dosing.ts'
import { checkEligibility, jurisdictionDate } from './eligibility.ts'
import { milesBetween } from './distance.ts'
import { AUSTIN, candidate, context, HOUSTON, referral, ROUND_ROCK } from './fixtures.ts'

const failed = (r = referral(), c = candidate('t1')) => {
	const verdict = checkEligibility(r, c, context)
	return verdict.eligible ? null : verdict.failed
}

test('the fixtures are eligible as they are', () => {
	expect(checkEligibility(referral(), candidate('t1'), context)).toMatchObject({ eligible: true, detail: { mode: 'telehealth', coverage: { basis: 'license' } } })
})

const licensedUntil = (expiresOn: string) => candidate('t1', { credentials: { licenses: [{ state: 'TX', type: 'lpc', status: 'verified', expiresOn }], authorizations: [] } })

test('a credential must hold throughout the series: to the end of the last dose’s integration window', () => {
	// Six doses every two days from Monday 7 December 10:00 in Austin; the last on the 17th, its window closing 72 hours later.
	expect(jurisdictionDate(referral())).toBe('2026-12-20')
	// A license expiring the day after the first dose does not carry a ten-day series.
	expect(failed(referral(), licensedUntil('2026-12-08'))).toBe('jurisdiction')
	expect(failed(referral(), licensedUntil('2026-12-19'))).toBe('jurisdiction')
	expect(failed(referral(), licensedUntil('2026-12-20'))).toBeNull()
	// Without integration: to the end of the last dosing session (the 17th, 10:00 to 12:00).
	expect(jurisdictionDate(referral({ phases: ['preparation'] }))).toBe('2026-12-17')
	expect(failed(referral({ phases: ['preparation'] }), licensedUntil('2026-12-17'))).toBeNull()
	expect(failed(referral({ phases: ['preparation'] }), licensedUntil('2026-12-16'))).toBe('jurisdiction')
	// The clinic's date counts: a window closing at 23:30 on the 20th in Austin is the 21st in UTC.
	const late = referral({ doses: [new Date('2026-12-07T05:30:00Z')], integrationWindowHours: { from: 24, to: 72 } })
	expect(jurisdictionDate(late)).toBe('2026-12-09')
	// A single dose at 23:30 Austin time on the 6th, no integration: the session ends at 01:30 on the 7th.
	expect(jurisdictionDate(referral({ phases: ['preparation'], doses: [new Date('2026-12-07T05:30:00Z')] }))).toBe('2026-12-07')
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
	const verdict = checkEligibility(referral({ timingRequired: true, doses: expandDoses(new Date('2026-12-07T16:00:00Z'), 1, 1, 'America/Chicago') }), pacific, context)
	expect(verdict).toMatchObject({ eligible: true })
	if (verdict.eligible) expect(verdict.detail.firstWindowSlots!.map((d) => d.toISOString())).toEqual(['2026-12-08T16:00:00.000Z'])
	// Booked first sessions are subtracted.
	const booked = candidate('t1', { ...pacific, booked: [{ start: new Date('2026-12-08T16:00:00Z'), end: new Date('2026-12-08T17:00:00Z') }] })
	expect(failed(referral({ timingRequired: true }), booked)).toBe('timing')
})

test('timing for preparation: a free hour in the preparation window (14 days to 24 hours before the first dose), from now on', () => {
	const preparation = referral({ phases: ['preparation', 'integration'], timingRequired: true })
	expect(preparationWindow(preparation)).toEqual({ start: new Date('2026-11-23T16:00:00Z'), end: new Date('2026-12-06T16:00:00Z') })
	// Free on Sundays (and on Tuesday 8 December, inside the first integration window): 6 December 9:00–10:00 is before the window closes at 10:00.
	const sundays = (rules: { dayOfWeek: number; startMinute: number; endMinute: number }[]) =>
		candidate('t1', { schedule: { timeZone: 'America/Chicago', rules, overrides: [{ date: '2026-12-08', ranges: [{ startMinute: 600, endMinute: 720 }] }] } })
	expect(failed(preparation, sundays([{ dayOfWeek: 6, startMinute: 540, endMinute: 720 }]))).toBeNull()
	// Sundays from 10:00: on the 6th the window has closed; 29 November is inside it, but only while it is still ahead.
	expect(failed({ ...preparation, asOf: new Date('2026-11-30T12:00:00Z') }, sundays([{ dayOfWeek: 6, startMinute: 600, endMinute: 720 }]))).toBe('timing')
	expect(failed({ ...preparation, asOf: new Date('2026-11-28T12:00:00Z') }, sundays([{ dayOfWeek: 6, startMinute: 600, endMinute: 720 }]))).toBeNull()
	// Without preparation requested, its window is not asked for.
	expect(failed(referral({ timingRequired: true }), sundays([]))).toBeNull()
})

test('timing for in-session support: free for the whole first dose, every half hour it touches', () => {
	const inSession = referral({ phases: ['in_session'], format: 'in_person', timingRequired: true })
	const mondays = (startMinute: number, endMinute: number) =>
		candidate('t1', { phases: ['in_session'], schedule: { timeZone: 'America/Chicago', rules: [{ dayOfWeek: 0, startMinute, endMinute }] } })
	// The dose: Monday 10:00–12:00 Central.
	expect(failed(inSession, mondays(600, 720))).toBeNull()
	expect(failed(inSession, mondays(540, 690))).toBe('timing')
	expect(failed(inSession, mondays(630, 780))).toBe('timing')
	// A dose at 10:15 touches the half hours from 10:00 to 12:30.
	const quarterPast = { ...inSession, doses: [new Date('2026-12-07T16:15:00Z')] }
	expect(failed(quarterPast, mondays(600, 750))).toBeNull()
	expect(failed(quarterPast, mondays(615, 750))).toBe('timing')
	// A booked session inside the dose takes it away.
	expect(failed(inSession, { ...mondays(600, 720), booked: [{ start: new Date('2026-12-07T17:00:00Z'), end: new Date('2026-12-07T18:00:00Z') }] })).toBe('timing')
})

test('timing looks from now on: a first integration window already past has no time left', () => {
	const timed = referral({ timingRequired: true })
	expect(integrationWindow(timed)).toEqual({ start: new Date('2026-12-08T16:00:00Z'), end: new Date('2026-12-10T16:00:00Z') })
	expect(failed({ ...timed, asOf: new Date('2026-12-09T18:00:00Z') })).toBeNull()
	expect(failed({ ...timed, asOf: new Date('2026-12-10T18:00:00Z') })).toBe('timing')
})
