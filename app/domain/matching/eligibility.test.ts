import { expect, test } from 'vitest'
import { expandDoses, integrationWindow, preparationWindow } from '#app/domain/referrals/dosing.ts'
import { checkEligibility, jurisdictionDate } from './eligibility.ts'
import { milesBetween } from './distance.ts'
import { AUSTIN, candidate, context, HOUSTON, PORTLAND, referral, ROUND_ROCK, VANCOUVER_WA } from './fixtures.ts'
import { type MatchCandidate, type MatchReferral } from './types.ts'

const failed = (r = referral(), c = candidate('t1')) => {
	const verdict = checkEligibility(r, c, context)
	return verdict.eligible ? null : verdict.failed
}

test('the fixtures are eligible as they are', () => {
	expect(checkEligibility(referral(), candidate('t1'), context)).toMatchObject({
		eligible: true,
		detail: { mode: 'telehealth', places: [{ coverage: { basis: 'license', state: 'TX' }, where: 'patient' }] },
	})
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
	expect(checkEligibility(referral(), psychologistInColorado, context)).toMatchObject({ eligible: true, detail: { places: [{ coverage: { basis: 'psypact_apit' }, where: 'patient' }] } })
	// In person the session is at the office (Austin): a Colorado licence does not reach it.
	expect(failed(referral({ format: 'in_person' }), psychologistInColorado)).toBe('jurisdiction')
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
	// No office within the radius: nowhere to see the patient in person.
	expect(failed(referral({ format: 'in_person', radiusMiles: 10 }), inRoundRock)).toBe('jurisdiction')
	expect(failed(referral({ format: 'in_person' }), { ...inRoundRock, formats: ['telehealth'] })).toBe('format')
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
	const mondays = (startMinute: number, endMinute: number) => candidate('t1', { phases: ['in_session'], schedule: { timeZone: 'America/Chicago', rules: [{ dayOfWeek: 0, startMinute, endMinute }] } })
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

// docs/product.md §3 by the place of each session. A Washington patient; the clinic in Portland, Oregon
// (25 miles); offices in Portland or across the river in Vancouver, Washington. The series ends on
// 20 December (six doses from the 7th, two days apart, integration to 72 hours after the last).
const portlandReferral = (overrides: Partial<MatchReferral> = {}) =>
	referral({ patientState: 'WA', clinic: { location: PORTLAND, timeZone: 'America/Los_Angeles', state: 'OR' }, phases: ['integration'], format: 'telehealth', ...overrides })
const license = (state: string, type = 'lpc', expiresOn = '2027-12-31', status: 'verified' | 'pending' = 'verified') => ({ state, type, status, expiresOn })
const therapist = (office: 'portland' | 'vancouver', licenses: ReturnType<typeof license>[], authorizations: MatchCandidate['credentials']['authorizations'] = []) =>
	candidate('t1', {
		credentials: { licenses, authorizations },
		office: office === 'portland' ? PORTLAND : VANCOUVER_WA,
		officeState: office === 'portland' ? 'OR' : 'WA',
		phases: ['preparation', 'in_session', 'integration'],
		schedule: { timeZone: 'America/Los_Angeles', rules: [0, 1, 2, 3, 4].map((dayOfWeek) => ({ dayOfWeek, startMinute: 9 * 60, endMinute: 12 * 60 })) },
	})
const psypact = { kind: 'psypact_apit', homeState: 'CO', states: [], status: 'verified' as const, expiresOn: '2027-12-31' }

test.each([
	// Telehealth: where the patient is (Washington), by licence or authorization.
	['telehealth, a Washington licence', portlandReferral(), therapist('portland', [license('WA')]), null],
	['telehealth, an Oregon licence only', portlandReferral(), therapist('portland', [license('OR')]), 'jurisdiction'],
	['telehealth, PSYPACT from Colorado', portlandReferral(), therapist('portland', [license('CO', 'psychologist')], [psypact]), null],
	[
		'telehealth, a Counseling Compact privilege for Washington',
		portlandReferral(),
		therapist('portland', [license('OR')], [{ kind: 'counseling_privilege', homeState: 'OR', states: ['WA'], status: 'verified', expiresOn: '2027-12-31' }]),
		null,
	],
	[
		'telehealth, a privilege without a home licence',
		portlandReferral(),
		therapist('portland', [license('CA')], [{ kind: 'counseling_privilege', homeState: 'OR', states: ['WA'], status: 'verified', expiresOn: '2027-12-31' }]),
		'jurisdiction',
	],
	[
		'telehealth, a state telehealth registration',
		portlandReferral(),
		therapist('portland', [], [{ kind: 'state_telehealth', homeState: 'FL', states: ['WA'], status: 'verified', expiresOn: '2027-12-31' }]),
		null,
	],
	// In person: at the office, in the office's state, whatever the patient's.
	['in person, Vancouver office, Washington licence', portlandReferral({ format: 'in_person', patientState: 'OR' }), therapist('vancouver', [license('WA')]), null],
	['in person, Vancouver office, Oregon licence only', portlandReferral({ format: 'in_person', patientState: 'OR' }), therapist('vancouver', [license('OR')]), 'jurisdiction'],
	['in person, Portland office, Oregon licence, Washington patient', portlandReferral({ format: 'in_person' }), therapist('portland', [license('OR')]), null],
	['in person, an authorization never counts', portlandReferral({ format: 'in_person' }), therapist('vancouver', [license('CO', 'psychologist')], [psypact]), 'jurisdiction'],
	// In-session support: at the clinic, in Oregon.
	['in session, an Oregon licence', portlandReferral({ phases: ['in_session'] }), therapist('portland', [license('OR')]), null],
	['in session, a Washington licence only', portlandReferral({ phases: ['in_session'] }), therapist('vancouver', [license('WA')]), 'jurisdiction'],
	['in session and integration by telehealth: both states', portlandReferral({ phases: ['in_session', 'integration'] }), therapist('portland', [license('OR'), license('WA')]), null],
	['in session and integration by telehealth: Oregon only', portlandReferral({ phases: ['in_session', 'integration'] }), therapist('portland', [license('OR')]), 'jurisdiction'],
	[
		'in session and integration in person at a Vancouver office: both states',
		portlandReferral({ phases: ['in_session', 'integration'], format: 'in_person' }),
		therapist('vancouver', [license('OR'), license('WA')]),
		null,
	],
	// Supervised licences count only when the referral accepts them, in every place.
	['telehealth, supervised, not accepted', portlandReferral(), therapist('portland', [license('WA', 'lpc_associate')]), 'jurisdiction'],
	['telehealth, supervised, accepted', portlandReferral({ allowSupervised: true }), therapist('portland', [license('WA', 'lpc_associate')]), null],
	['in person, supervised, accepted', portlandReferral({ format: 'in_person', allowSupervised: true }), therapist('vancouver', [license('WA', 'lmft_associate')]), null],
	['in session, supervised, not accepted', portlandReferral({ phases: ['in_session'] }), therapist('portland', [license('OR', 'lpc_associate')]), 'jurisdiction'],
	// Through the end of the series, in every place; pending licences never count.
	['telehealth, expiring the day before the series ends', portlandReferral(), therapist('portland', [license('WA', 'lpc', '2026-12-19')]), 'jurisdiction'],
	['telehealth, expiring the day the series ends', portlandReferral(), therapist('portland', [license('WA', 'lpc', '2026-12-20')]), null],
	['in person, the office licence expiring before the series ends', portlandReferral({ format: 'in_person' }), therapist('vancouver', [license('WA', 'lpc', '2026-12-19')]), 'jurisdiction'],
	[
		'in session, the clinic-state licence expiring before the series ends',
		portlandReferral({ phases: ['in_session', 'integration'] }),
		therapist('portland', [license('OR', 'lpc', '2026-12-19'), license('WA')]),
		'jurisdiction',
	],
	['telehealth, a pending licence', portlandReferral(), therapist('portland', [license('WA', 'lpc', '2027-12-31', 'pending')]), 'jurisdiction'],
] as const)('%s', (_name, r, c, expected) => {
	expect(failed(r, c)).toBe(expected)
})

test('either: in person at an office where they are licensed, otherwise by telehealth; the reasons name each place', () => {
	const either = portlandReferral({ format: 'either' })
	const atVancouver = checkEligibility(either, therapist('vancouver', [license('WA')]), context)
	expect(atVancouver).toMatchObject({ eligible: true, detail: { mode: 'in_person', places: [{ where: 'office', coverage: { state: 'WA' } }] } })
	const portlandWithWashingtonLicence = checkEligibility(either, therapist('portland', [license('WA')]), context)
	expect(portlandWithWashingtonLicence).toMatchObject({ eligible: true, detail: { mode: 'telehealth', places: [{ where: 'patient', coverage: { state: 'WA' } }] } })
	expect(failed(either, therapist('portland', [license('CA')]))).toBe('jurisdiction')
	const inSession = checkEligibility(portlandReferral({ phases: ['in_session', 'integration'] }), therapist('portland', [license('OR'), license('WA')]), context)
	expect(inSession).toMatchObject({
		eligible: true,
		detail: {
			mode: 'in_person',
			places: [
				{ where: 'patient', coverage: { state: 'WA' } },
				{ where: 'clinic', coverage: { state: 'OR' } },
			],
		},
	})
})
