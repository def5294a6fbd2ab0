import { TZDate } from '@date-fns/tz'
import { expect, test } from 'vitest'
import { buildDateRanges, dayOfWeek, intersect, localDate, mergeRanges, overridesFromRows, slots, subtract, wallTimeToInstant, type Range, type Schedule } from './ranges.ts'

const at = (iso: string) => new Date(iso)
const range = (start: string, end: string): Range => ({ start: at(start), end: at(end) })
const iso = (ranges: Range[]) => ranges.map((r) => [r.start.toISOString(), r.end.toISOString()])

/** Mondays 9:00–12:00 and Sundays 1:00–4:00 (to straddle the 2 a.m. changes), local time. */
const newYork: Schedule = {
	timeZone: 'America/New_York',
	rules: [
		{ dayOfWeek: 0, startMinute: 9 * 60, endMinute: 12 * 60 },
		{ dayOfWeek: 6, startMinute: 60, endMinute: 4 * 60 },
	],
}

test('weekdays count from Monday, in any zone', () => {
	expect(dayOfWeek('2026-11-23')).toBe(0) // a Monday
	expect(dayOfWeek('2026-11-22')).toBe(6)
	expect(localDate(at('2026-11-23T03:00:00Z'), 'America/Los_Angeles')).toBe('2026-11-22')
	expect(localDate(at('2026-11-23T03:00:00Z'), 'America/New_York')).toBe('2026-11-22')
	expect(localDate(at('2026-11-23T06:00:00Z'), 'America/New_York')).toBe('2026-11-23')
})

test('the local date of every quarter hour through a year of daylight-saving changes matches the zone database, in zones with odd offsets too', () => {
	const zones = ['America/New_York', 'America/Los_Angeles', 'America/Phoenix', 'Pacific/Honolulu', 'America/Anchorage', 'America/St_Johns', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Europe/London']
	const wrong: string[] = []
	let checked = 0
	for (const zone of zones) {
		for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 15 * 60_000 + 7_000) {
			const local = new TZDate(ms, zone)
			const expected = `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`
			const got = localDate(new Date(ms), zone)
			checked++
			if (got !== expected) wrong.push(`${zone} ${new Date(ms).toISOString()}: ${got}, not ${expected}`)
		}
	}
	expect(checked).toBeGreaterThan(300_000)
	expect(wrong).toEqual([])
}, 30_000)

test('wall times every 45 minutes of every day of a year, skipped and repeated hours included, becomes the instant the zone database gives', () => {
	const zones = ['America/New_York', 'America/Los_Angeles', 'America/Phoenix', 'America/St_Johns', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Europe/London']
	const wrong: string[] = []
	let checked = 0
	for (const zone of zones) {
		for (let day = Date.UTC(2026, 0, 1); day < Date.UTC(2027, 0, 1); day += 86_400_000) {
			const date = new Date(day).toISOString().slice(0, 10)
			const [year, month, dayOfMonth] = date.split('-').map(Number) as [number, number, number]
			for (const minute of [...Array.from({ length: 32 }, (_, i) => i * 45), 1440]) {
				const expected = new TZDate(year, month - 1, dayOfMonth, 0, minute, zone).getTime()
				const got = wallTimeToInstant(date, minute, zone).getTime()
				checked++
				if (got !== expected) wrong.push(`${zone} ${date} +${minute} min: ${new Date(got).toISOString()}, not ${new Date(expected).toISOString()}`)
			}
		}
	}
	expect(checked).toBeGreaterThan(80_000)
	expect(wrong).toEqual([])
}, 30_000)

test('9:00 local is 14:00 UTC in winter and 13:00 UTC in summer', () => {
	const winter = buildDateRanges(newYork, range('2026-01-05T00:00:00Z', '2026-01-06T00:00:00Z'))
	const summer = buildDateRanges(newYork, range('2026-07-06T00:00:00Z', '2026-07-07T00:00:00Z'))
	expect(iso(winter)).toEqual([['2026-01-05T14:00:00.000Z', '2026-01-05T17:00:00.000Z']])
	expect(iso(summer)).toEqual([['2026-07-06T13:00:00.000Z', '2026-07-06T16:00:00.000Z']])
})

test('spring forward (8 March 2026): Sunday 1:00–4:00 is only two hours long, and Monday moves an hour earlier in UTC', () => {
	const week = buildDateRanges(newYork, range('2026-03-07T00:00:00Z', '2026-03-10T00:00:00Z'))
	expect(iso(week)).toEqual([
		['2026-03-08T06:00:00.000Z', '2026-03-08T08:00:00.000Z'], // 1:00 EST → 4:00 EDT
		['2026-03-09T13:00:00.000Z', '2026-03-09T16:00:00.000Z'],
	])
})

test('fall back (1 November 2026): Sunday 1:00–4:00 is four hours long, and Monday moves an hour later in UTC', () => {
	const week = buildDateRanges(newYork, range('2026-10-31T00:00:00Z', '2026-11-03T00:00:00Z'))
	expect(iso(week)).toEqual([
		['2026-11-01T05:00:00.000Z', '2026-11-01T09:00:00.000Z'], // 1:00 EDT → 4:00 EST
		['2026-11-02T14:00:00.000Z', '2026-11-02T17:00:00.000Z'],
	])
})

test('a wall time skipped by spring forward moves on an hour', () => {
	expect(wallTimeToInstant('2026-03-08', 2 * 60 + 30, 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z') // 3:30 EDT
	expect(wallTimeToInstant('2026-03-08', 24 * 60, 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z') // midnight
})

test('Arizona keeps its offset all year while Colorado changes', () => {
	const rules = [{ dayOfWeek: 0, startMinute: 9 * 60, endMinute: 10 * 60 }]
	const phoenix: Schedule = { timeZone: 'America/Phoenix', rules }
	const denver: Schedule = { timeZone: 'America/Denver', rules }
	const january = range('2026-01-05T00:00:00Z', '2026-01-06T00:00:00Z')
	const july = range('2026-07-06T00:00:00Z', '2026-07-07T00:00:00Z')
	expect(buildDateRanges(phoenix, january)[0]!.start.toISOString()).toBe('2026-01-05T16:00:00.000Z')
	expect(buildDateRanges(phoenix, july)[0]!.start.toISOString()).toBe('2026-07-06T16:00:00.000Z')
	expect(buildDateRanges(denver, january)[0]!.start.toISOString()).toBe('2026-01-05T16:00:00.000Z')
	expect(buildDateRanges(denver, july)[0]!.start.toISOString()).toBe('2026-07-06T15:00:00.000Z')
})

test("overrides replace a day's hours: a day off, extra hours on a day normally off, different hours", () => {
	const schedule: Schedule = {
		...newYork,
		overrides: [
			{ date: '2026-01-05', ranges: [] }, // Monday off
			{ date: '2026-01-06', ranges: [{ startMinute: 18 * 60, endMinute: 20 * 60 }] }, // Tuesday evening, extra
			{
				date: '2026-01-12',
				ranges: [
					{ startMinute: 13 * 60, endMinute: 14 * 60 },
					{ startMinute: 15 * 60, endMinute: 16 * 60 },
				],
			},
		],
	}
	const twoWeeks = buildDateRanges(schedule, range('2026-01-05T00:00:00Z', '2026-01-13T00:00:00Z'))
	expect(iso(twoWeeks)).toEqual([
		['2026-01-06T23:00:00.000Z', '2026-01-07T01:00:00.000Z'],
		['2026-01-11T06:00:00.000Z', '2026-01-11T09:00:00.000Z'], // the Sunday rule
		['2026-01-12T18:00:00.000Z', '2026-01-12T19:00:00.000Z'],
		['2026-01-12T20:00:00.000Z', '2026-01-12T21:00:00.000Z'],
	])
})

test('ranges are clipped to the interval, and hours reaching across local midnight are joined', () => {
	const lateNight: Schedule = {
		timeZone: 'America/Los_Angeles',
		rules: [
			{ dayOfWeek: 0, startMinute: 22 * 60, endMinute: 24 * 60 },
			{ dayOfWeek: 1, startMinute: 0, endMinute: 60 },
		],
	}
	expect(iso(buildDateRanges(lateNight, range('2026-01-06T06:30:00Z', '2026-01-06T08:30:00Z')))).toEqual([['2026-01-06T06:30:00.000Z', '2026-01-06T08:30:00.000Z']])
	expect(iso(buildDateRanges(lateNight, range('2026-01-05T00:00:00Z', '2026-01-08T00:00:00Z')))).toEqual([['2026-01-06T06:00:00.000Z', '2026-01-06T09:00:00.000Z']])
	expect(buildDateRanges(lateNight, range('2026-01-06T09:00:00Z', '2026-01-06T09:00:00Z'))).toEqual([])
})

test('a therapist in Los Angeles and a clinic window in Chicago meet in UTC', () => {
	// The therapist works Tuesdays 8:00–12:00 Pacific; a dosing session ends Monday 10:00 Central
	// and integration should happen 24–26 hours later: Tuesday 10:00–12:00 Central.
	const therapist: Schedule = { timeZone: 'America/Los_Angeles', rules: [{ dayOfWeek: 1, startMinute: 8 * 60, endMinute: 12 * 60 }] }
	const dosing = wallTimeToInstant('2026-04-06', 10 * 60, 'America/Chicago')
	const window = { start: new Date(dosing.getTime() + 24 * 3_600_000), end: new Date(dosing.getTime() + 26 * 3_600_000) }
	const free = buildDateRanges(therapist, window)
	// 8:00 Pacific = 10:00 Central; the window closes at 12:00 Central = 10:00 Pacific.
	expect(iso(free)).toEqual([['2026-04-07T15:00:00.000Z', '2026-04-07T17:00:00.000Z']])
	expect(slots(free, 60).map((d) => d.toISOString())).toEqual(['2026-04-07T15:00:00.000Z', '2026-04-07T15:30:00.000Z', '2026-04-07T16:00:00.000Z'])
})

test('booked sessions are subtracted; what is left may hold no full slot', () => {
	const free = [range('2026-01-05T14:00:00Z', '2026-01-05T17:00:00Z')]
	const booked = [range('2026-01-05T14:30:00Z', '2026-01-05T15:30:00Z'), range('2026-01-05T16:00:00Z', '2026-01-05T17:30:00Z')]
	const left = subtract(free, booked)
	expect(iso(left)).toEqual([
		['2026-01-05T14:00:00.000Z', '2026-01-05T14:30:00.000Z'],
		['2026-01-05T15:30:00.000Z', '2026-01-05T16:00:00.000Z'],
	])
	expect(slots(left, 60)).toEqual([])
	expect(slots(left, 30).map((d) => d.toISOString())).toEqual(['2026-01-05T14:00:00.000Z', '2026-01-05T15:30:00.000Z'])
	expect(subtract(free, [])).toEqual(free)
	expect(subtract(free, [range('2026-01-05T10:00:00Z', '2026-01-05T20:00:00Z')])).toEqual([])
})

test('merge and intersect: touching ranges join; only shared time remains', () => {
	expect(
		iso(mergeRanges([range('2026-01-05T12:00:00Z', '2026-01-05T13:00:00Z'), range('2026-01-05T10:00:00Z', '2026-01-05T12:00:00Z'), range('2026-01-05T12:30:00Z', '2026-01-05T12:45:00Z')])),
	).toEqual([['2026-01-05T10:00:00.000Z', '2026-01-05T13:00:00.000Z']])
	const a = [range('2026-01-05T10:00:00Z', '2026-01-05T12:00:00Z'), range('2026-01-05T14:00:00Z', '2026-01-05T16:00:00Z')]
	const b = [range('2026-01-05T11:00:00Z', '2026-01-05T15:00:00Z')]
	expect(iso(intersect(a, b))).toEqual([
		['2026-01-05T11:00:00.000Z', '2026-01-05T12:00:00.000Z'],
		['2026-01-05T14:00:00.000Z', '2026-01-05T15:00:00.000Z'],
	])
})

test('slots start on the half hour and fit wholly inside', () => {
	expect(slots([range('2026-01-05T14:10:00Z', '2026-01-05T15:40:00Z')], 60).map((d) => d.toISOString())).toEqual(['2026-01-05T14:30:00.000Z'])
})

test('override rows group by date; a row without hours makes a day off', () => {
	expect(
		overridesFromRows([
			{ date: '2026-12-24', startMinute: null, endMinute: null },
			{ date: '2026-12-28', startMinute: 600, endMinute: 660 },
			{ date: '2026-12-28', startMinute: 780, endMinute: 840 },
		]),
	).toEqual([
		{ date: '2026-12-24', ranges: [] },
		{
			date: '2026-12-28',
			ranges: [
				{ startMinute: 600, endMinute: 660 },
				{ startMinute: 780, endMinute: 840 },
			],
		},
	])
})
