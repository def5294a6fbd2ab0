// A date and time typed by a person (`2026-11-03T10:00`, as a datetime-local field sends it), read
// as a wall-clock time in their zone: the schema for forms, and the instant it names. Pure.
import { z } from 'zod'
import { wallTimeToInstant } from '#app/domain/availability/ranges.ts'
import { isIsoDate } from '#app/domain/calendar-dates.ts'

const PATTERN = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)$/

export const LocalDateTime = z
	.string({ required_error: 'Give the date and time.' })
	.trim()
	.refine((value) => {
		const match = PATTERN.exec(value)
		return Boolean(match && isIsoDate(match[1]!) && match[1]! >= '2000-01-01' && match[1]! <= '2100-12-31')
	}, 'Give a date and time, such as 2026-11-03 10:00.')

/** The instant a valid local date and time names in the zone (a time skipped by a spring-forward change moves on an hour). */
export function localDateTimeInstant(value: string, timeZone: string): Date {
	const [, date, hours, minutes] = PATTERN.exec(value.trim())!
	return wallTimeToInstant(date!, Number(hours) * 60 + Number(minutes), timeZone)
}
