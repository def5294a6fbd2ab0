// Moments in words people read, always in a named zone: the reader's own (docs/product.md §3, §5).
// Zone names are those in force on the date shown (CST in winter, CDT in summer); ISO strings are
// for machines only. Pure: the same text on the server and in the browser.
import { dateTimeFormat } from '#app/utils/intl.ts'

/** Where a viewer's zone is unknown (a platform admin without a clinic): the zone of most US clinics. */
export const DEFAULT_TIME_ZONE = 'America/Chicago'

export type ZoneNameStyle = 'short' | 'long' | 'generic'

const INTL_ZONE_STYLE = { short: 'short', long: 'long', generic: 'longGeneric' } as const

/** Formatters are built once per zone and options (app/utils/intl.ts). */
const formatter = (timeZone: string, options: Intl.DateTimeFormatOptions) => dateTimeFormat('en-US', { ...options, timeZone })

// Newer ICU puts narrow and thin no-break spaces in "10:17 PM" and ranges; Node and the browser may
// disagree, so both write plain spaces.
const plain = (s: string) => s.replace(/[\u202f\u2009\u00a0]/g, ' ')

/** Whether a zone name is one the time-zone database knows. */
export function isKnownTimeZone(timeZone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone })
		return true
	} catch {
		return false
	}
}

/**
 * The zone's name on the date of `at`: "CST" / "CDT" (short), "Central Standard Time" (long) or
 * "Central Time" (generic). America/Menominee is Central today, whatever it was in 1970.
 */
export function zoneName(timeZone: string, at: Date, style: ZoneNameStyle = 'short'): string {
	const part = formatter(timeZone, { timeZoneName: INTL_ZONE_STYLE[style] })
		.formatToParts(at)
		.find((p) => p.type === 'timeZoneName')
	return part ? plain(part.value) : timeZone
}

export type Audience = 'page' | 'email'

/** The calendar year of a moment in a zone. */
function yearIn(at: Date, timeZone: string): string {
	return formatter(timeZone, { year: 'numeric' }).format(at)
}

/** The year is said only when it is not the reader's current one (or when "now" is not known). */
function needsYear(at: Date, timeZone: string, now: Date | undefined): boolean {
	return !now || yearIn(at, timeZone) !== yearIn(now, timeZone)
}

export type FormatOptions = { audience?: Audience; now?: Date }

/** "Fri, Dec 4" on pages, "Friday, December 4" in emails; with ", 2027" when not this year. */
export function formatDate(at: Date, timeZone: string, { audience = 'page', now }: FormatOptions = {}): string {
	const long = audience === 'email'
	return plain(
		formatter(timeZone, {
			weekday: long ? 'long' : 'short',
			month: long ? 'long' : 'short',
			day: 'numeric',
			...(needsYear(at, timeZone, now) ? { year: 'numeric' } : {}),
		}).format(at),
	)
}

/** "10:17 PM CST": the clock and the zone's name on that date. */
export function formatTime(at: Date, timeZone: string): string {
	return `${clock(at, timeZone)} ${zoneName(timeZone, at)}`
}

function clock(at: Date, timeZone: string): string {
	return plain(formatter(timeZone, { hour: 'numeric', minute: '2-digit' }).format(at))
}

/** "Fri, Dec 4, 10:17 PM CST" on pages, "Friday, December 4, 10:17 PM CST" in emails. */
export function formatDateTime(at: Date, timeZone: string, options: FormatOptions = {}): string {
	return `${formatDate(at, timeZone, options)}, ${formatTime(at, timeZone)}`
}

/** The calendar day of a moment in a zone, YYYY-MM-DD (to compare days, not to show). */
function dayIn(at: Date, timeZone: string): string {
	const parts = formatter(timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at)
	const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
	return `${get('year')}-${get('month')}-${get('day')}`
}

/**
 * "Fri, Dec 4, 9:00–10:00 AM CST" within a day; "Fri, Dec 4, 11:00 PM CST – Sat, Dec 5, 1:00 AM CST"
 * across midnight. A range across a daylight-saving change names the zone at each end.
 */
export function formatRange(start: Date, end: Date, timeZone: string, options: FormatOptions = {}): string {
	const startZone = zoneName(timeZone, start)
	const endZone = zoneName(timeZone, end)
	if (dayIn(start, timeZone) !== dayIn(end, timeZone)) return `${formatDateTime(start, timeZone, options)} – ${formatDateTime(end, timeZone, options)}`
	const date = formatDate(start, timeZone, options)
	if (startZone !== endZone) return `${date}, ${clock(start, timeZone)} ${startZone} – ${clock(end, timeZone)} ${endZone}`
	const [from, to] = [clock(start, timeZone), clock(end, timeZone)]
	const [fromTime, fromHalf] = from.split(' ')
	const sameHalf = fromHalf === to.split(' ')[1]
	return `${date}, ${sameHalf ? fromTime : from}–${to} ${endZone}`
}

/** A calendar date written YYYY-MM-DD (a date of birth, an expiry) in words: "Mar 9, 1985", "March 9, 1985" in emails. No zone: it is the same day everywhere. */
export function formatCalendarDate(date: string, audience: Audience = 'page'): string {
	const at = new Date(`${date}T12:00:00Z`)
	if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(at.getTime())) return date
	return plain(formatter('UTC', { month: audience === 'email' ? 'long' : 'short', day: 'numeric', year: 'numeric' }).format(at))
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/**
 * How far a moment is from now, in words: "in 6 hours", "in 2 days", "3 minutes ago", "now".
 * Counts whole units toward now, so a deadline is never said to be further off than it is.
 */
export function formatRelative(at: Date, now: Date): string {
	const ms = at.getTime() - now.getTime()
	const size = Math.abs(ms)
	const [count, unit] = size < MINUTE ? [0, 'minute'] : size < HOUR ? [Math.floor(size / MINUTE), 'minute'] : size < 2 * DAY ? [Math.floor(size / HOUR), 'hour'] : [Math.floor(size / DAY), 'day']
	if (count === 0) return 'now'
	const words = `${count} ${unit}${count === 1 ? '' : 's'}`
	return ms > 0 ? `in ${words}` : `${words} ago`
}

/** "in 6 hours (Friday, December 4, 10:17 PM CST)": a deadline both ways. */
export function formatDeadline(at: Date, timeZone: string, now: Date, audience: Audience = 'page'): string {
	return `${formatRelative(at, now)} (${formatDateTime(at, timeZone, { audience, now })})`
}

/**
 * The zone a signed-in person reads times in: their clinic's (the first they joined), else their
 * therapist profile's, else the default. Nothing comes from the browser: the same page says the
 * same thing wherever it is opened.
 */
export function viewerTimeZone(viewer: { clinicTimeZones: readonly string[]; therapistTimeZone: string | null }): string {
	return viewer.clinicTimeZones[0] ?? viewer.therapistTimeZone ?? DEFAULT_TIME_ZONE
}
