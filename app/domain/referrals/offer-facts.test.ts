import { expect, test } from 'vitest'
import { expandDoses } from './dosing.ts'
import { distanceBand, seriesShape, stageOneFacts, type StageOneReferral } from './offer-facts.ts'

const series = (first: string, sessions: number, cadenceDays: number) => expandDoses(new Date(first), sessions, cadenceDays, 'America/Chicago')

const referral: StageOneReferral = {
	patientState: 'TX',
	ageBand: '35-44',
	languages: ['en', 'es'],
	phases: ['integration'],
	format: 'telehealth',
	modalities: ['act'],
	focusAreas: ['depression'],
	paymentType: 'self_pay',
	payer: null,
	maxRate: 150,
	urgency: 'routine',
	// Thursday 26 November 2026, 01:00 UTC: still Wednesday the 25th in Chicago.
	dosingSessionsAt: series('2026-11-26T01:00:00Z', 6, 3),
}

test('the series shape names the week, not the day, in the clinic’s time zone', () => {
	expect(seriesShape(referral, 'America/Chicago')).toBe('6 sessions, about 2 a week, starting the week of November 23, 2026')
	// In Tokyo it is already Thursday; the week is the same.
	expect(seriesShape(referral, 'Asia/Tokyo')).toBe('6 sessions, about 2 a week, starting the week of November 23, 2026')
	// Sunday night in Los Angeles is Monday in UTC: the week before.
	expect(seriesShape({ ...referral, dosingSessionsAt: series('2026-11-30T03:00:00Z', 6, 3) }, 'America/Los_Angeles')).toBe('6 sessions, about 2 a week, starting the week of November 23, 2026')
	expect(seriesShape({ ...referral, dosingSessionsAt: series('2026-11-26T01:00:00Z', 6, 1) }, 'America/Chicago')).toMatch(/^6 sessions, daily,/)
	expect(seriesShape({ ...referral, dosingSessionsAt: series('2026-11-26T01:00:00Z', 6, 14) }, 'America/Chicago')).toMatch(/^6 sessions, about every 2 weeks,/)
	expect(seriesShape({ ...referral, dosingSessionsAt: series('2026-11-26T01:00:00Z', 1, 3) }, 'America/Chicago')).toBe('1 session in the week of November 23, 2026')
})

test('distance as a band', () => {
	expect([0, 4.9, 5, 12, 30, 80].map(distanceBand)).toEqual(['under 5 miles', 'under 5 miles', '5 to 10 miles', '10 to 25 miles', '25 to 50 miles', 'over 50 miles'])
})

test('stage-one facts carry no exact date', () => {
	const facts = stageOneFacts(referral, 'America/Chicago', null)
	expect(Object.fromEntries(facts)).toMatchObject({ 'Patient located in': 'Texas', Payment: 'Self-pay, up to $150 a session', Format: 'Telehealth' })
	expect(JSON.stringify(facts)).not.toMatch(/November 2[5-6]|2026-11-2/)
	expect(Object.fromEntries(stageOneFacts({ ...referral, format: 'in_person' }, 'America/Chicago', 7.2)).Format).toMatch(/5 to 10 miles from your office/)
})
