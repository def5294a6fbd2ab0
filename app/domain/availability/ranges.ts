// Availability as concrete time (after cal.com's date-ranges): weekly rules in the therapist's
// own time zone plus date overrides, expanded into UTC ranges for an interval, with booked time
// subtracted. Wall-clock times become instants through @date-fns/tz, so daylight-saving changes
// and people in different zones come out right. Pure: no database, the clock passed in.
import { TZDate } from '@date-fns/tz'
import { addDaysToDate } from '#app/domain/calendar-dates.ts'

/** 0 = Monday … 6 = Sunday, minutes from local midnight; `endMinute` may be 1440 (midnight). */
export type WeeklyRule = { dayOfWeek: number; startMinute: number; endMinute: number }

/**
 * A local date whose hours replace the weekly rules for that day (cal.com's semantics): extra
 * hours on a day normally off, different hours, or none at all (`ranges: []`, a day off).
 */
export type DateOverride = { date: string; ranges: { startMinute: number; endMinute: number }[] }

export type Range = { start: Date; end: Date }

export type Schedule = { timeZone: string; rules: readonly WeeklyRule[]; overrides?: readonly DateOverride[] }

export const MINUTES_PER_DAY = 24 * 60

/**
 * Zone arithmetic is the costly part of matching thousands of schedules, and the same few zones,
 * dates and hours come up again and again: the conversions below remember their answers (bounded
 * caches; the answers never change, so the functions stay pure).
 */
const CACHE_LIMIT = 100_000
const localDates = new Map<string, string>()
const wallTimes = new Map<string, number>()
function remember<K, T>(cache: Map<K, T>, key: K, compute: () => T): T {
	let value = cache.get(key)
	if (value === undefined) {
		if (cache.size >= CACHE_LIMIT) cache.clear()
		cache.set(key, (value = compute()))
	}
	return value
}

const DAY_MS = 86_400_000
/** Per zone, by UTC day number (number keys: these are looked up for every date of every schedule). */
const steadyOffsets = new Map<string, Map<number, number | null>>()
const utcDates = new Map<number, string>()
/** YYYY-MM-DD of a UTC day number. */
const utcDate = (day: number) => remember(utcDates, day, () => new Date(day * DAY_MS).toISOString().slice(0, 10))
/** A zone's UTC offset in milliseconds at an instant. */
const offsetAt = (timeZone: string, ms: number) => -new TZDate(ms, timeZone).getTimezoneOffset() * 60_000
/**
 * The zone's offset all through a UTC day, or null when it changes that day (a daylight-saving
 * change): the same at both ends means none, as no zone changes twice in a day.
 */
function steadyOffset(timeZone: string, day: number): number | null {
	let zone = steadyOffsets.get(timeZone)
	if (!zone) steadyOffsets.set(timeZone, (zone = new Map()))
	return remember(zone, day, () => {
		const offset = offsetAt(timeZone, day * DAY_MS)
		return offset === offsetAt(timeZone, (day + 1) * DAY_MS) ? offset : null
	})
}

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
	const ms = instant.getTime()
	// Most days have one offset all day: the date is the UTC date of the shifted instant, with no
	// zone lookup for each instant (every referral's windows are new instants).
	const offset = steadyOffset(timeZone, Math.floor(ms / DAY_MS))
	if (offset !== null) return utcDate(Math.floor((ms + offset) / DAY_MS))
	return remember(localDates, `${timeZone}|${ms}`, () => {
		const local = new TZDate(ms, timeZone)
		return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`
	})
}

/** The instant a wall-clock time happens. A time skipped by a spring-forward change moves on an hour. */
export function wallTimeToInstant(date: string, minute: number, timeZone: string): Date {
	return new Date(
		remember(wallTimes, `${timeZone}|${date}|${minute}`, () => {
			const [year, month, day] = date.split('-').map(Number) as [number, number, number]
			// With one offset for two days either side, the wall time happens exactly once, that
			// offset before (a zone is at most 14 hours from UTC); near a change, the zone database decides.
			const wall = Date.UTC(year, month - 1, day, 0, minute)
			const wallDay = Math.floor(wall / DAY_MS)
			const offset = steadyOffset(timeZone, wallDay)
			if (offset !== null && [-2, -1, 1, 2].every((d) => steadyOffset(timeZone, wallDay + d) === offset)) return wall - offset
			return new TZDate(year, month - 1, day, 0, minute, timeZone).getTime()
		}),
	)
}

const weekdays = new Map<string, number>()
/** Monday = 0 for a YYYY-MM-DD date (the weekday does not depend on the zone). */
export function dayOfWeek(date: string): number {
	return remember(weekdays, date, () => {
		const [year, month, day] = date.split('-').map(Number) as [number, number, number]
		return (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7
	})
}

/**
 * Every free range of the schedule that overlaps `interval`, clipped to it, in UTC, sorted and
 * merged. Each local day's hours come from its override if it has one, else from the weekly rules.
 */
export function buildDateRanges(schedule: Schedule, interval: Range): Range[] {
	if (interval.end <= interval.start) return []
	const overrides = new Map<string, DateOverride['ranges']>()
	for (const override of schedule.overrides ?? []) overrides.set(override.date, [...(overrides.get(override.date) ?? []), ...override.ranges])
	const ranges: Range[] = []
	// One local day either side: a day's hours can reach into the interval from a neighbouring date.
	const last = addDaysToDate(localDate(interval.end, schedule.timeZone), 1)
	for (let date = addDaysToDate(localDate(interval.start, schedule.timeZone), -1); date <= last; date = addDaysToDate(date, 1)) {
		const weekday = dayOfWeek(date)
		const hours = overrides.get(date) ?? schedule.rules.filter((rule) => rule.dayOfWeek === weekday)
		for (const { startMinute, endMinute } of hours) {
			if (endMinute <= startMinute) continue
			const start = wallTimeToInstant(date, startMinute, schedule.timeZone)
			const end = wallTimeToInstant(date, endMinute, schedule.timeZone)
			if (end > start) ranges.push({ start, end })
		}
	}
	return intersect(mergeRanges(ranges), [interval])
}

/** Sorted, with overlapping and touching ranges joined. */
export function mergeRanges(ranges: readonly Range[]): Range[] {
	const sorted = [...ranges].filter((r) => r.end > r.start).sort((a, b) => a.start.getTime() - b.start.getTime())
	const merged: Range[] = []
	for (const range of sorted) {
		const previous = merged[merged.length - 1]
		if (previous && range.start <= previous.end) {
			if (range.end > previous.end) previous.end = range.end
		} else {
			merged.push({ start: range.start, end: range.end })
		}
	}
	return merged
}

/** The time in both lists of ranges. */
export function intersect(a: readonly Range[], b: readonly Range[]): Range[] {
	const left = mergeRanges(a)
	const right = mergeRanges(b)
	const result: Range[] = []
	let i = 0
	let j = 0
	while (i < left.length && j < right.length) {
		const start = new Date(Math.max(left[i]!.start.getTime(), right[j]!.start.getTime()))
		const end = new Date(Math.min(left[i]!.end.getTime(), right[j]!.end.getTime()))
		if (end > start) result.push({ start, end })
		if (left[i]!.end < right[j]!.end) i++
		else j++
	}
	return result
}

/** The time in `ranges` that is not in `busy` (booked sessions, say). */
export function subtract(ranges: readonly Range[], busy: readonly Range[]): Range[] {
	const blocks = mergeRanges(busy)
	const result: Range[] = []
	for (const range of mergeRanges(ranges)) {
		let cursor = range.start
		for (const block of blocks) {
			if (block.end <= cursor || block.start >= range.end) continue
			if (block.start > cursor) result.push({ start: cursor, end: block.start })
			if (block.end > cursor) cursor = block.end
		}
		if (cursor < range.end) result.push({ start: cursor, end: range.end })
	}
	return result
}

/**
 * Start times of `durationMinutes` slots lying wholly inside the ranges, every `stepMinutes`
 * from each range's start (a session can start at 9:00 or 9:30, not at 9:07).
 */
export function slots(ranges: readonly Range[], durationMinutes: number, stepMinutes = 30): Date[] {
	const duration = durationMinutes * 60_000
	const step = stepMinutes * 60_000
	const starts: Date[] = []
	for (const range of mergeRanges(ranges)) {
		const first = Math.ceil(range.start.getTime() / step) * step
		for (let t = first; t + duration <= range.end.getTime(); t += step) starts.push(new Date(t))
	}
	return starts
}

function pad(n: number): string {
	return String(n).padStart(2, '0')
}

/** Override rows as stored (one per range of hours; no hours = a day off) grouped by date. */
export function overridesFromRows(rows: readonly { date: string; startMinute: number | null; endMinute: number | null }[]): DateOverride[] {
	const byDate = new Map<string, DateOverride['ranges']>()
	for (const row of rows) {
		const ranges = byDate.get(row.date) ?? []
		if (row.startMinute !== null && row.endMinute !== null) ranges.push({ startMinute: row.startMinute, endMinute: row.endMinute })
		byDate.set(row.date, ranges)
	}
	return [...byDate].map(([date, ranges]) => ({ date, ranges }))
}
