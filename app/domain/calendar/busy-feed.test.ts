import { describe, expect, it } from 'vitest'
import { busyTimesFromIcs } from './busy-feed.ts'

const iso = (ranges: { start: Date; end: Date }[]) => ranges.map((r) => `${r.start.toISOString()}/${r.end.toISOString()}`)
const feed = (...events: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//Busy//EN', ...events, 'END:VCALENDAR'].join('\r\n')
const event = (lines: string[]) => ['BEGIN:VEVENT', ...lines, 'END:VEVENT'].join('\r\n')
const window = { from: new Date('2026-10-26T00:00:00Z'), to: new Date('2026-11-16T00:00:00Z'), timeZone: 'America/Chicago' }

describe('busy times from an iCalendar feed', () => {
	it('expands a weekly event in its own zone across the November daylight-saving change, without an excluded date', () => {
		const parsed = busyTimesFromIcs(
			feed(
				event([
					'UID:weekly@test',
					'DTSTAMP:20261001T000000Z',
					'DTSTART;TZID=America/New_York:20261020T090000',
					'DTEND;TZID=America/New_York:20261020T100000',
					'RRULE:FREQ=WEEKLY;BYDAY=TU',
					'EXDATE;TZID=America/New_York:20261103T090000',
					'SUMMARY:Supervision',
				]),
			),
			window,
		)
		expect(parsed.ok).toBe(true)
		if (!parsed.ok) return
		// 9:00 in New York is 13:00 UTC under daylight time (27 Oct), 14:00 after (10 Nov); 3 Nov is excluded.
		expect(iso(parsed.busy)).toEqual(['2026-10-27T13:00:00.000Z/2026-10-27T14:00:00.000Z', '2026-11-10T14:00:00.000Z/2026-11-10T15:00:00.000Z'])
	})

	it('follows a moved occurrence (RECURRENCE-ID) and drops a cancelled one', () => {
		const parsed = busyTimesFromIcs(
			feed(
				event(['UID:daily@test', 'DTSTAMP:20261001T000000Z', 'DTSTART:20261102T150000Z', 'DTEND:20261102T160000Z', 'RRULE:FREQ=DAILY;COUNT=3']),
				event(['UID:daily@test', 'DTSTAMP:20261001T000000Z', 'RECURRENCE-ID:20261103T150000Z', 'DTSTART:20261103T180000Z', 'DTEND:20261103T190000Z']),
				event(['UID:daily@test', 'DTSTAMP:20261001T000000Z', 'RECURRENCE-ID:20261104T150000Z', 'DTSTART:20261104T150000Z', 'DTEND:20261104T160000Z', 'STATUS:CANCELLED']),
			),
			window,
		)
		expect(parsed.ok && iso(parsed.busy)).toEqual(['2026-11-02T15:00:00.000Z/2026-11-02T16:00:00.000Z', '2026-11-03T18:00:00.000Z/2026-11-03T19:00:00.000Z'])
	})

	it('reads an all-day event as the whole day in the therapist’s zone, and a floating time in it too', () => {
		const parsed = busyTimesFromIcs(
			feed(
				event(['UID:allday@test', 'DTSTAMP:20261001T000000Z', 'DTSTART;VALUE=DATE:20261111', 'DTEND;VALUE=DATE:20261112', 'SUMMARY:Conference']),
				event(['UID:floating@test', 'DTSTAMP:20261001T000000Z', 'DTSTART:20261113T080000', 'DTEND:20261113T083000']),
			),
			window,
		)
		expect(parsed.ok && iso(parsed.busy)).toEqual(['2026-11-11T06:00:00.000Z/2026-11-12T06:00:00.000Z', '2026-11-13T14:00:00.000Z/2026-11-13T14:30:00.000Z'])
	})

	it('uses a VTIMEZONE given in the feed, and leaves out free (transparent) events and those outside the window', () => {
		const vtimezone = [
			'BEGIN:VTIMEZONE',
			'TZID:Custom Pacific',
			'BEGIN:STANDARD',
			'DTSTART:19701101T020000',
			'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
			'TZOFFSETFROM:-0700',
			'TZOFFSETTO:-0800',
			'END:STANDARD',
			'BEGIN:DAYLIGHT',
			'DTSTART:19700308T020000',
			'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
			'TZOFFSETFROM:-0800',
			'TZOFFSETTO:-0700',
			'END:DAYLIGHT',
			'END:VTIMEZONE',
		].join('\r\n')
		const parsed = busyTimesFromIcs(
			feed(
				vtimezone,
				event(['UID:pacific@test', 'DTSTAMP:20261001T000000Z', 'DTSTART;TZID=Custom Pacific:20261105T100000', 'DTEND;TZID=Custom Pacific:20261105T113000']),
				event(['UID:free@test', 'DTSTAMP:20261001T000000Z', 'DTSTART:20261106T150000Z', 'DTEND:20261106T160000Z', 'TRANSP:TRANSPARENT']),
				event(['UID:past@test', 'DTSTAMP:20261001T000000Z', 'DTSTART:20260105T150000Z', 'DTEND:20260105T160000Z']),
			),
			window,
		)
		expect(parsed.ok && iso(parsed.busy)).toEqual(['2026-11-05T18:00:00.000Z/2026-11-05T19:30:00.000Z'])
	})

	it('stops a rule that would never end, and says so plainly when the text is not iCalendar', () => {
		const endless = busyTimesFromIcs(feed(event(['UID:minutely@test', 'DTSTAMP:20261001T000000Z', 'DTSTART:19900101T000000Z', 'DTEND:19900101T000100Z', 'RRULE:FREQ=MINUTELY'])), window)
		expect(endless).toEqual({ ok: false, error: expect.stringMatching(/^A repeating event has more occurrences than Tandem reads \(10,000\)/) })
		expect(busyTimesFromIcs('<html>Sign in</html>', window)).toEqual({ ok: false, error: expect.stringMatching(/did not return an iCalendar file/) })
		expect(busyTimesFromIcs('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:nonsense', window)).toEqual({ ok: false, error: expect.stringMatching(/could not be read/) })
	})
})
