import { expect, test } from 'vitest'
import {
	cadenceOf,
	doseRange,
	dosesProblem,
	dosingInWords,
	expandDoses,
	integrationWindow,
	preparationWindow,
	seriesEnd,
	storedSeries,
	tooFarAhead,
	validThroughDate,
	withOffset,
	type Series,
} from './dosing.ts'

const iso = (dates: readonly Date[], zone: string) => dates.map((d) => withOffset(d, zone))

// 2026's US changes: 8 March (spring forward) and 1 November (fall back).
test.each([
	{
		zone: 'America/Chicago',
		fall: ['2026-10-30T10:00:00.000-05:00', '2026-11-01T10:00:00.000-06:00', '2026-11-03T10:00:00.000-06:00'],
		spring: ['2026-03-06T10:00:00.000-06:00', '2026-03-08T10:00:00.000-05:00', '2026-03-10T10:00:00.000-05:00'],
	},
	{
		zone: 'America/New_York',
		fall: ['2026-10-30T10:00:00.000-04:00', '2026-11-01T10:00:00.000-05:00', '2026-11-03T10:00:00.000-05:00'],
		spring: ['2026-03-06T10:00:00.000-05:00', '2026-03-08T10:00:00.000-04:00', '2026-03-10T10:00:00.000-04:00'],
	},
	{
		zone: 'America/Los_Angeles',
		fall: ['2026-10-30T10:00:00.000-07:00', '2026-11-01T10:00:00.000-08:00', '2026-11-03T10:00:00.000-08:00'],
		spring: ['2026-03-06T10:00:00.000-08:00', '2026-03-08T10:00:00.000-07:00', '2026-03-10T10:00:00.000-07:00'],
	},
	// Arizona keeps standard time all year: nothing moves.
	{
		zone: 'America/Phoenix',
		fall: ['2026-10-30T10:00:00.000-07:00', '2026-11-01T10:00:00.000-07:00', '2026-11-03T10:00:00.000-07:00'],
		spring: ['2026-03-06T10:00:00.000-07:00', '2026-03-08T10:00:00.000-07:00', '2026-03-10T10:00:00.000-07:00'],
	},
])('every two days from 10:00 in $zone stays at 10:00 across both daylight-saving changes', ({ zone, fall, spring }) => {
	expect(iso(expandDoses(new Date(fall[0]!), 3, 2, zone), zone)).toEqual(fall)
	expect(iso(expandDoses(new Date(spring[0]!), 3, 2, zone), zone)).toEqual(spring)
	// The same series given dose by dose is taken as given, and reads back with each date's own offset.
	expect(
		iso(
			fall.map((d) => new Date(d)),
			zone,
		),
	).toEqual(fall)
	expect(cadenceOf(expandDoses(new Date(fall[0]!), 3, 2, zone), zone)).toEqual({ sessions: 3, cadenceDays: 2 })
})

test('a 10:00 CDT dose every 2 days does not drift to 09:00 CST after the November change', () => {
	const doses = expandDoses(new Date('2026-10-28T10:00:00-05:00'), 4, 2, 'America/Chicago')
	expect(doses.map((d) => d.toISOString())).toEqual(['2026-10-28T15:00:00.000Z', '2026-10-30T15:00:00.000Z', '2026-11-01T16:00:00.000Z', '2026-11-03T16:00:00.000Z'])
})

test('a time skipped by the spring change moves on an hour; seconds are kept', () => {
	expect(iso(expandDoses(new Date('2026-03-07T02:30:00-06:00'), 2, 1, 'America/Chicago'), 'America/Chicago')).toEqual(['2026-03-07T02:30:00.000-06:00', '2026-03-08T03:30:00.000-05:00'])
	expect(expandDoses(new Date('2026-12-07T10:00:30.250-06:00'), 2, 7, 'America/Chicago')[1]!.toISOString()).toBe('2026-12-14T16:00:30.250Z')
})

test('a series’ cadence only when every dose is that many days after the last at the same clock time', () => {
	const zone = 'America/Chicago'
	expect(cadenceOf([new Date('2026-12-07T16:00:00Z')], zone)).toEqual({ sessions: 1, cadenceDays: null })
	expect(cadenceOf([new Date('2026-12-07T16:00:00Z'), new Date('2026-12-09T16:00:00Z'), new Date('2026-12-12T16:00:00Z')], zone)).toEqual({ sessions: 3, cadenceDays: null })
	expect(cadenceOf([new Date('2026-12-07T16:00:00Z'), new Date('2026-12-09T17:00:00Z')], zone)).toEqual({ sessions: 2, cadenceDays: null })
	// 24 hours across the fall change is not a day in Chicago (10:00 CDT → 09:00 CST).
	expect(cadenceOf([new Date('2026-10-31T15:00:00Z'), new Date('2026-11-01T15:00:00Z')], zone)).toEqual({ sessions: 2, cadenceDays: null })
	expect(cadenceOf([new Date('2026-12-07T16:00:00Z'), new Date('2026-12-07T22:00:00Z')], zone)).toEqual({ sessions: 2, cadenceDays: null })
})

test('a list of doses: 1 to 12, increasing, at least 12 hours apart', () => {
	const at = (...hours: number[]) => hours.map((h) => new Date(Date.UTC(2026, 11, 7) + h * 3_600_000))
	expect(dosesProblem(at(0))).toBeNull()
	expect(dosesProblem(at(0, 12, 24))).toBeNull()
	expect(dosesProblem([])).toMatch(/at least one/)
	expect(dosesProblem(at(...Array.from({ length: 13 }, (_, i) => i * 24)))).toMatch(/at most 12/)
	expect(dosesProblem(at(0, 11))).toMatch(/12 hours apart \(sessions 1 and 2/)
	expect(dosesProblem(at(0, 24, 24))).toMatch(/in order/)
	expect(dosesProblem(at(24, 0))).toMatch(/in order/)
})

const series: Series = {
	phases: ['preparation', 'integration'],
	doses: expandDoses(new Date('2026-10-28T10:00:00-05:00'), 4, 2, 'America/Chicago'),
	doseMinutes: 120,
	integrationWindowHours: { from: 24, to: 72 },
	preparationWindowHours: { from: 336, to: 24 },
}

test('windows: preparation before the first dose, each dose at the clinic, integration after each dose', () => {
	expect(preparationWindow(series)).toEqual({ start: new Date('2026-10-14T15:00:00Z'), end: new Date('2026-10-27T15:00:00Z') })
	expect(doseRange(series, 0)).toEqual({ start: new Date('2026-10-28T15:00:00Z'), end: new Date('2026-10-28T17:00:00Z') })
	// After the change the dose is at 16:00 UTC; its window follows it.
	expect(integrationWindow(series, 2)).toEqual({ start: new Date('2026-11-02T16:00:00Z'), end: new Date('2026-11-04T16:00:00Z') })
})

test('the series ends with the last dose’s integration window, or the last dose without integration', () => {
	expect(seriesEnd(series)).toEqual(new Date('2026-11-06T16:00:00Z'))
	expect(seriesEnd({ ...series, phases: ['preparation', 'in_session'] })).toEqual(new Date('2026-11-03T18:00:00Z'))
	expect(validThroughDate(series, 'America/Chicago')).toBe('2026-11-06')
	// 15:00 on the 5th in Chicago is already the 6th in Tokyo.
	expect(validThroughDate({ ...series, integrationWindowHours: { from: 24, to: 53 } }, 'America/Chicago')).toBe('2026-11-05')
	expect(validThroughDate({ ...series, integrationWindowHours: { from: 24, to: 53 } }, 'Asia/Tokyo')).toBe('2026-11-06')
})

test('a stored series, a year ahead, and the series in words', () => {
	const row = { phases: ['integration'], dosingSessionsAt: series.doses, doseMinutes: 90, integrationFromHour: 12, integrationToHour: 48, preparationFromHour: 72, preparationToHour: 2 }
	expect(storedSeries(row)).toEqual({ phases: ['integration'], doses: series.doses, doseMinutes: 90, integrationWindowHours: { from: 12, to: 48 }, preparationWindowHours: { from: 72, to: 2 } })
	const now = new Date('2026-12-02T00:00:00Z')
	expect(tooFarAhead(new Date('2027-12-02T00:00:00Z'), now)).toBe(false)
	expect(tooFarAhead(new Date('2027-12-02T00:00:01Z'), now)).toBe(true)
	expect(dosingInWords({ doses: series.doses.slice(0, 2), doseMinutes: 120 }, 'America/Chicago')).toBe('2 sessions of 120 minutes: Wed, Oct 28, 2026, 10:00 AM CDT; Fri, Oct 30, 2026, 10:00 AM CDT')
})
