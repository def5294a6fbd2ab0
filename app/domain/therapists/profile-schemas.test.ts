import { expect, test } from 'vitest'
import { CalendarFeedSchema, DateOverrideSchema, RemoveDateOverrideSchema, WeeklyHoursSchema } from './profile-schemas.ts'

test('weekly hours are read day by day; an empty day has none, and a day that does not read says what it should look like', () => {
	expect(WeeklyHoursSchema.parse({ day0: '09:00-12:00, 13:00-17:00', day3: '' })).toEqual({
		day0: [
			{ startMinute: 540, endMinute: 720 },
			{ startMinute: 780, endMinute: 1020 },
		],
		day1: [],
		day2: [],
		day3: [],
		day4: [],
		day5: [],
		day6: [],
	})
	const refused = WeeklyHoursSchema.safeParse({ day0: '9-5', day2: '09:00-12:00, 11:00-13:00' })
	expect(refused.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
		['day0', '"9-5" should look like 09:00-12:00.'],
		['day2', 'Two of those ranges overlap; join them into one.'],
	])
})

test('a date’s own hours need a date; no hours is a day off', () => {
	expect(DateOverrideSchema.parse({ date: '2027-01-04' })).toEqual({ date: '2027-01-04', overrideHours: [] })
	expect(DateOverrideSchema.safeParse({ date: 'next tuesday', overrideHours: '10:00-09:00' }).error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
		['date', 'Choose a date.'],
		['overrideHours', '"10:00-09:00" ends before it starts.'],
	])
	expect(RemoveDateOverrideSchema.safeParse({ date: '2027-02-30' }).success).toBe(false)
})

test('a calendar address is required, trimmed and at most 2,000 characters', () => {
	expect(CalendarFeedSchema.parse({ calendarUrl: '  webcal://example.org/cal.ics ' })).toEqual({ calendarUrl: 'webcal://example.org/cal.ics' })
	expect(CalendarFeedSchema.safeParse({ calendarUrl: '   ' }).error?.issues[0]?.message).toBe('Give the address of your calendar (its secret iCal address).')
	expect(CalendarFeedSchema.safeParse({}).error?.issues[0]?.message).toBe('Give the address of your calendar (its secret iCal address).')
	expect(CalendarFeedSchema.safeParse({ calendarUrl: `https://example.org/${'x'.repeat(2000)}` }).error?.issues[0]?.message).toMatch(/longer than 2,000 characters/)
})
