import { expect, test } from 'vitest'
import { DEFAULT_TIME_ZONE, formatCalendarDate, formatDate, formatDateTime, formatDeadline, formatRange, formatRelative, formatTime, isKnownTimeZone, viewerTimeZone, zoneName } from './time-format.ts'

// US daylight saving in 2026: from Sunday March 8, 2:00 local, to Sunday November 1, 2:00 local.
const at = (iso: string) => new Date(iso)
const NOW = at('2026-12-02T15:00:00Z')

test('the zone’s name is the one in force on the date shown, across both changes', () => {
	// Chicago: 1:59 AM CST, then 3:00 AM CDT; in November 1:59 AM CDT, then 1:00 AM CST again.
	expect(zoneName('America/Chicago', at('2026-03-08T07:59:00Z'))).toBe('CST')
	expect(zoneName('America/Chicago', at('2026-03-08T08:00:00Z'))).toBe('CDT')
	expect(zoneName('America/Chicago', at('2026-11-01T06:59:00Z'))).toBe('CDT')
	expect(zoneName('America/Chicago', at('2026-11-01T07:00:00Z'))).toBe('CST')
	expect(zoneName('America/New_York', at('2026-03-08T07:00:00Z'))).toBe('EDT')
	expect(zoneName('America/New_York', at('2026-11-01T06:00:00Z'))).toBe('EST')
	expect(zoneName('America/Chicago', at('2026-07-15T12:00:00Z'), 'long')).toBe('Central Daylight Time')
	expect(zoneName('America/Chicago', at('2026-01-15T12:00:00Z'), 'long')).toBe('Central Standard Time')
	expect(zoneName('America/Chicago', at('2026-07-15T12:00:00Z'), 'generic')).toBe('Central Time')
})

test('America/Menominee is Central today (it was Eastern in 1970), in summer and in winter', () => {
	expect(zoneName('America/Menominee', at('1970-01-01T00:00:00Z'), 'generic')).toMatch(/^Eastern/)
	expect(zoneName('America/Menominee', at('2026-12-04T04:17:00Z'), 'generic')).toBe('Central Time')
	expect(zoneName('America/Menominee', at('2026-12-04T04:17:00Z'))).toBe('CST')
	expect(zoneName('America/Menominee', at('2026-07-04T04:17:00Z'))).toBe('CDT')
	expect(formatTime(at('2026-03-08T08:30:00Z'), 'America/Menominee')).toBe('3:30 AM CDT')
})

test('zones without daylight saving keep one name and one offset all year', () => {
	for (const iso of ['2026-03-08T07:59:00Z', '2026-03-08T08:00:00Z', '2026-11-01T06:59:00Z', '2026-11-01T07:00:00Z']) {
		expect(zoneName('America/Phoenix', at(iso))).toBe('MST')
		expect(zoneName('Pacific/Honolulu', at(iso))).toBe('HST')
	}
	// Phoenix is 7 hours behind UTC before and after the March change; Denver moves to 6.
	expect(formatTime(at('2026-03-08T06:00:00Z'), 'America/Phoenix')).toBe('11:00 PM MST')
	expect(formatTime(at('2026-03-09T06:00:00Z'), 'America/Phoenix')).toBe('11:00 PM MST')
	expect(formatTime(at('2026-03-09T06:00:00Z'), 'America/Denver')).toBe('12:00 AM MDT')
	expect(formatTime(at('2026-11-02T10:00:00Z'), 'Pacific/Honolulu')).toBe('12:00 AM HST')
	expect(zoneName('Pacific/Honolulu', at('2026-07-01T00:00:00Z'), 'long')).toBe('Hawaii-Aleutian Standard Time')
})

test('a moment reads in full in emails and shorter on pages, in the reader’s zone', () => {
	const deadline = at('2026-12-05T04:17:00Z')
	expect(formatDateTime(deadline, 'America/Chicago', { audience: 'email', now: NOW })).toBe('Friday, December 4, 10:17 PM CST')
	expect(formatDateTime(deadline, 'America/Chicago', { now: NOW })).toBe('Fri, Dec 4, 10:17 PM CST')
	expect(formatDateTime(deadline, 'America/New_York', { audience: 'email', now: NOW })).toBe('Friday, December 4, 11:17 PM EST')
	expect(formatDateTime(deadline, 'Pacific/Honolulu', { audience: 'email', now: NOW })).toBe('Friday, December 4, 6:17 PM HST')
	// The same instant is a day later east of Chicago's midnight.
	expect(formatDate(at('2026-12-05T05:30:00Z'), 'America/New_York', { now: NOW })).toBe('Sat, Dec 5')
	expect(formatDate(at('2026-12-05T05:30:00Z'), 'America/Chicago', { now: NOW })).toBe('Fri, Dec 4')
})

test('the year is said when it is not this year, or when now is not known', () => {
	expect(formatDate(at('2027-01-08T18:00:00Z'), 'America/Chicago', { audience: 'email', now: NOW })).toBe('Friday, January 8, 2027')
	expect(formatDate(at('2026-12-08T18:00:00Z'), 'America/Chicago')).toBe('Tue, Dec 8, 2026')
	// New Year’s Eve in Chicago is already next year in UTC: the reader’s zone decides.
	expect(formatDate(at('2027-01-01T03:00:00Z'), 'America/Chicago', { now: NOW })).toBe('Thu, Dec 31')
})

test('no ISO strings and no UTC in what a person reads', () => {
	for (const zone of ['America/Chicago', 'America/Phoenix', 'America/Menominee', 'Pacific/Honolulu', 'America/Anchorage']) {
		for (const text of [formatDateTime(NOW, zone, { audience: 'email' }), formatRange(NOW, at('2026-12-02T16:00:00Z'), zone), formatDeadline(at('2026-12-02T21:00:00Z'), zone, NOW)]) {
			expect(text).not.toMatch(/UTC|GMT|\d{4}-\d{2}-\d{2}|T\d{2}:/)
			expect(text).not.toMatch(/[\u202f\u2009\u00a0]/)
		}
	}
})

test('a range within a day says the date once; across midnight both ends in full', () => {
	expect(formatRange(at('2026-12-04T15:00:00Z'), at('2026-12-04T16:00:00Z'), 'America/Chicago', { now: NOW })).toBe('Fri, Dec 4, 9:00–10:00 AM CST')
	expect(formatRange(at('2026-12-04T17:30:00Z'), at('2026-12-04T18:30:00Z'), 'America/Chicago', { now: NOW })).toBe('Fri, Dec 4, 11:30 AM–12:30 PM CST')
	expect(formatRange(at('2026-12-05T05:00:00Z'), at('2026-12-05T07:00:00Z'), 'America/Chicago', { now: NOW })).toBe('Fri, Dec 4, 11:00 PM CST – Sat, Dec 5, 1:00 AM CST')
	expect(formatRange(at('2026-12-04T15:00:00Z'), at('2026-12-04T16:00:00Z'), 'America/Phoenix', { audience: 'email', now: NOW })).toBe('Friday, December 4, 8:00–9:00 AM MST')
})

test('a range across a daylight-saving change names the zone at each end', () => {
	// 1:00 AM CST to 4:00 AM CDT on March 8 is two hours; November 1 has 1:00 AM twice.
	expect(formatRange(at('2026-03-08T07:00:00Z'), at('2026-03-08T09:00:00Z'), 'America/Chicago', { now: NOW })).toBe('Sun, Mar 8, 1:00 AM CST – 4:00 AM CDT')
	expect(formatRange(at('2026-11-01T06:00:00Z'), at('2026-11-01T07:30:00Z'), 'America/Chicago', { now: NOW })).toBe('Sun, Nov 1, 1:00 AM CDT – 1:30 AM CST')
	expect(formatRange(at('2026-03-08T07:00:00Z'), at('2026-03-08T09:00:00Z'), 'America/Phoenix', { now: NOW })).toBe('Sun, Mar 8, 12:00–2:00 AM MST')
})

test('a deadline in words counts whole units toward now', () => {
	expect(formatRelative(at('2026-12-02T21:00:00Z'), NOW)).toBe('in 6 hours')
	expect(formatRelative(at('2026-12-02T21:59:00Z'), NOW)).toBe('in 6 hours')
	expect(formatRelative(at('2026-12-02T16:00:00Z'), NOW)).toBe('in 1 hour')
	expect(formatRelative(at('2026-12-02T15:45:00Z'), NOW)).toBe('in 45 minutes')
	expect(formatRelative(at('2026-12-02T15:00:30Z'), NOW)).toBe('now')
	expect(formatRelative(at('2026-12-04T14:00:00Z'), NOW)).toBe('in 47 hours')
	expect(formatRelative(at('2026-12-05T15:00:00Z'), NOW)).toBe('in 3 days')
	expect(formatRelative(at('2026-12-02T14:57:00Z'), NOW)).toBe('3 minutes ago')
	expect(formatRelative(at('2026-11-30T15:00:00Z'), NOW)).toBe('2 days ago')
	// Across the November change a day has 25 hours; the count is of real hours.
	expect(formatRelative(at('2026-11-01T17:00:00Z'), at('2026-10-31T17:00:00Z'))).toBe('in 24 hours')
	expect(formatDeadline(at('2026-12-02T21:00:00Z'), 'America/Chicago', NOW, 'email')).toBe('in 6 hours (Wednesday, December 2, 3:00 PM CST)')
})

test('the viewer’s zone: their clinic’s, else their profile’s, else the default', () => {
	expect(viewerTimeZone({ clinicTimeZones: ['America/Denver', 'America/Chicago'], therapistTimeZone: 'America/New_York' })).toBe('America/Denver')
	expect(viewerTimeZone({ clinicTimeZones: [], therapistTimeZone: 'Pacific/Honolulu' })).toBe('Pacific/Honolulu')
	expect(viewerTimeZone({ clinicTimeZones: [], therapistTimeZone: null })).toBe(DEFAULT_TIME_ZONE)
	expect(isKnownTimeZone(DEFAULT_TIME_ZONE)).toBe(true)
	expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false)
})

test('a calendar date is the same day everywhere, in words', () => {
	expect(formatCalendarDate('1985-03-09')).toBe('Mar 9, 1985')
	expect(formatCalendarDate('2026-12-31', 'email')).toBe('December 31, 2026')
	expect(formatCalendarDate('not a date')).toBe('not a date')
})
