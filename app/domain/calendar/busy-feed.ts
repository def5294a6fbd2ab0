// Busy times from a therapist's own calendar (docs/product.md §4a, "calendars in"): an
// iCalendar feed, parsed with ical.js, becomes the busy ranges inside a window, which come out of
// the free time that matching, proposals and the series plan use. Recurring events are expanded
// (RRULE, RDATE, EXDATE, and moved or cancelled occurrences given as RECURRENCE-ID exceptions);
// each time is read in its own zone (a VTIMEZONE in the feed, else the IANA name of its TZID);
// floating times and all-day events are read in the therapist's zone. Transparent ("free") and
// cancelled events are not busy. Pure: the text and the clock come in, ranges go out.
import { TZDate } from '@date-fns/tz'
import ICAL from 'ical.js'
import { mergeRanges, type Range } from '#app/domain/availability/ranges.ts'

/**
 * Occurrences of the feed's recurring events stepped through, in all: a rule repeating every minute
 * since 1990 would otherwise keep the process busy for minutes. Past it the feed is refused (and
 * the last good copy kept) rather than read in part, which would offer times the therapist is busy.
 */
export const MAX_STEPS = 10_000
/** Busy ranges kept from one feed, after merging. */
export const MAX_BUSY_RANGES = 5_000

const DAY_MS = 86_400_000

export type BusyParse = { ok: true; busy: Range[]; events: number } | { ok: false; error: string }

type Time = InstanceType<typeof ICAL.Time>
type Component = InstanceType<typeof ICAL.Component>

export function busyTimesFromIcs(text: string, options: { from: Date; to: Date; timeZone: string }): BusyParse {
	let root: Component
	try {
		if (!/^\s*BEGIN:VCALENDAR/i.test(text)) return { ok: false, error: 'The address did not return an iCalendar file (it does not start with BEGIN:VCALENDAR).' }
		root = new ICAL.Component(ICAL.parse(text) as unknown[])
	} catch (error) {
		return { ok: false, error: `The calendar could not be read: ${error instanceof Error ? error.message : 'it is not valid iCalendar'}.` }
	}
	const calendar = root.name === 'vcalendar' ? root : root.getFirstSubcomponent('vcalendar')
	if (!calendar) return { ok: false, error: 'The address did not return an iCalendar file (no VCALENDAR).' }

	const vevents = calendar.getAllSubcomponents('vevent')
	const exceptions = new Map<string, Component[]>()
	const masters: Component[] = []
	for (const vevent of vevents) {
		if (vevent.hasProperty('recurrence-id')) {
			const uid = String(vevent.getFirstPropertyValue('uid') ?? '')
			exceptions.set(uid, [...(exceptions.get(uid) ?? []), vevent])
		} else masters.push(vevent)
	}

	const busy: Range[] = []
	const from = options.from.getTime()
	const to = options.to.getTime()
	const keep = (range: Range | null) => {
		if (range && range.end.getTime() > from && range.start.getTime() < to) busy.push(range)
	}
	let steps = 0
	try {
		for (const vevent of masters) {
			if (!vevent.hasProperty('dtstart')) continue
			const event = new ICAL.Event(vevent)
			const uid = String(vevent.getFirstPropertyValue('uid') ?? '')
			for (const exception of exceptions.get(uid) ?? []) event.relateException(exception)
			if (!event.isRecurring()) {
				if (isBusy(vevent)) keep(rangeOf(event.startDate, event.endDate, vevent, vevent, options.timeZone))
				continue
			}
			const duration = event.duration ? event.duration.toSeconds() * 1000 : 0
			const iterator = event.iterator()
			for (;;) {
				if (++steps > MAX_STEPS)
					return {
						ok: false,
						error: `A repeating event has more occurrences than Tandem reads (${MAX_STEPS.toLocaleString('en-US')}) before the weeks it looks at: end that series or start it later.`,
					}
				const next: Time | undefined = iterator.next()
				if (!next) break
				// Occurrences come in order of their original start: one starting after the window (and a
				// margin for zones and for exceptions moved earlier) closes it; one ending well before it is
				// skipped. Both by a cheap reading of the wall-clock time as if it were UTC.
				const roughStart = Date.UTC(next.year, next.month - 1, next.day, next.hour, next.minute, next.second)
				if (roughStart > to + 2 * DAY_MS) break
				if (roughStart + duration + 2 * DAY_MS < from && !exceptions.has(uid)) continue
				const details = event.getOccurrenceDetails(next)
				const source = details.item.component
				if (isBusy(source)) keep(rangeOf(details.startDate, details.endDate, source, vevent, options.timeZone))
			}
		}
	} catch (error) {
		return { ok: false, error: `The calendar could not be read: ${error instanceof Error ? error.message : 'an event is not valid'}.` }
	}
	const merged = mergeRanges(busy)
	return { ok: true, busy: merged.slice(0, MAX_BUSY_RANGES), events: masters.length }
}

function isBusy(vevent: Component): boolean {
	const transparency = String(vevent.getFirstPropertyValue('transp') ?? 'OPAQUE').toUpperCase()
	const status = String(vevent.getFirstPropertyValue('status') ?? '').toUpperCase()
	return transparency !== 'TRANSPARENT' && status !== 'CANCELLED'
}

function rangeOf(start: Time, end: Time | null, source: Component, master: Component, timeZone: string): Range | null {
	const startAt = instantOf(start, source.hasProperty('dtstart') ? source : master, 'dtstart', timeZone)
	let endAt: Date
	if (end && end.compare(start) > 0)
		endAt = instantOf(end, source.hasProperty('dtend') ? source : source.hasProperty('dtstart') ? source : master, source.hasProperty('dtend') ? 'dtend' : 'dtstart', timeZone)
	// An event without an end: a day for an all-day event, a moment otherwise (RFC 5545 §3.6.1), which blocks nothing.
	else if (start.isDate) endAt = wallClock(start.year, start.month, start.day + 1, 0, 0, 0, timeZone)
	else return null
	if (!(endAt.getTime() > startAt.getTime())) return null
	return { start: startAt, end: endAt }
}

/** The instant of an iCalendar time, in its own zone: UTC, a VTIMEZONE of the feed, an IANA TZID, else the therapist's. */
export function instantOf(time: Time, component: Component, property: string, timeZone: string): Date {
	if (time.isDate) return wallClock(time.year, time.month, time.day, 0, 0, 0, timeZone)
	if (time.zone === ICAL.Timezone.utcTimezone || time.zone?.tzid === 'UTC') return new Date(Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second))
	// A zone defined in the feed itself (ical.js keeps it per component tree, not in a global registry).
	if (time.zone && time.zone.component) return new Date(time.toUnixTime() * 1000)
	const tzid = component.getFirstProperty(property)?.getParameter('tzid')
	const zone = typeof tzid === 'string' && isIanaZone(tzid) ? tzid : timeZone
	return wallClock(time.year, time.month, time.day, time.hour, time.minute, time.second, zone)
}

/** A wall-clock time in a zone as a plain Date (month from 1; days past the month's end roll over). */
function wallClock(year: number, month: number, day: number, hour: number, minute: number, second: number, zone: string): Date {
	return new Date(new TZDate(year, month - 1, day, hour, minute, second, zone).getTime())
}

const zones = new Map<string, boolean>()
function isIanaZone(name: string): boolean {
	let known = zones.get(name)
	if (known === undefined) {
		try {
			new Intl.DateTimeFormat('en-US', { timeZone: name })
			known = true
		} catch {
			known = false
		}
		if (zones.size < 1000) zones.set(name, known)
	}
	return known
}
