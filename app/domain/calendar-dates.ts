// Calendar dates as YYYY-MM-DD strings: expiry dates, override dates, "on the date of the first
// dosing session". Compared as strings; no time zone enters until a date meets a clock.

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
	const date = new Date(`${value}T00:00:00Z`)
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

// Matching steps through the same few weeks of dates for every candidate: answers are kept
// (a bounded table, emptied when full).
const added = new Map<string, string>()

export function addDaysToDate(date: string, days: number): string {
	const key = `${date}|${days}`
	const known = added.get(key)
	if (known !== undefined) return known
	const d = new Date(`${date}T00:00:00Z`)
	d.setUTCDate(d.getUTCDate() + days)
	const result = d.toISOString().slice(0, 10)
	if (added.size >= 20_000) added.clear()
	added.set(key, result)
	return result
}

/** The calendar date of a database DATE column (stored as midnight UTC). */
export function dateOnly(value: Date): string {
	return value.toISOString().slice(0, 10)
}
