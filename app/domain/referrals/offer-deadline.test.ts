import { describe, expect, test } from 'vitest'
import { awaitsAnswer, dueIn } from './offer-deadline.ts'

const now = new Date('2026-12-02T15:00:00Z')
const hours = (h: number) => new Date(now.getTime() + h * 3_600_000)

describe('how long is left', () => {
	test('minutes, hours under two days, then days; rounded down', () => {
		expect(dueIn(hours(0.5), now)).toEqual({ text: 'Due in 30 minutes', tone: 'danger' })
		expect(dueIn(new Date(now.getTime() + 20_000), now)).toEqual({ text: 'Due in 1 minute', tone: 'danger' })
		expect(dueIn(hours(1), now)).toEqual({ text: 'Due in 1 hour', tone: 'danger' })
		expect(dueIn(hours(5.9), now)).toEqual({ text: 'Due in 5 hours', tone: 'danger' })
		expect(dueIn(hours(6), now)).toEqual({ text: 'Due in 6 hours', tone: 'warning' })
		expect(dueIn(hours(23.99), now)).toEqual({ text: 'Due in 23 hours', tone: 'warning' })
		expect(dueIn(hours(24), now)).toEqual({ text: 'Due in 24 hours', tone: 'neutral' })
		expect(dueIn(hours(47.5), now)).toEqual({ text: 'Due in 47 hours', tone: 'neutral' })
		expect(dueIn(hours(48), now)).toEqual({ text: 'Due in 2 days', tone: 'neutral' })
		expect(dueIn(hours(24 * 7 - 1), now)).toEqual({ text: 'Due in 6 days', tone: 'neutral' })
		expect(dueIn(now, now)).toEqual({ text: 'Past its deadline', tone: 'danger' })
	})

	test('across the night the clocks go back in Chicago (1 November 2026): real hours, not the wall clock', () => {
		// Noon CDT on Saturday to 11:00 CST on Sunday: the wall clock moved 23 hours, 24 passed.
		const saturdayNoon = new Date('2026-10-31T17:00:00Z')
		expect(dueIn(new Date('2026-11-01T17:00:00Z'), saturdayNoon)).toEqual({ text: 'Due in 24 hours', tone: 'neutral' })
		// Noon CDT to noon CST the next day: 25 hours.
		expect(dueIn(new Date('2026-11-01T18:00:00Z'), saturdayNoon)).toEqual({ text: 'Due in 25 hours', tone: 'neutral' })
		// 8:00 PM CDT to 1:30 AM CST: six and a half hours, though the clock moved five and a half.
		expect(dueIn(new Date('2026-11-01T07:30:00Z'), new Date('2026-11-01T01:00:00Z'))).toEqual({ text: 'Due in 6 hours', tone: 'warning' })
	})
})

test('an offer awaits an answer while pending and before its deadline', () => {
	expect(awaitsAnswer({ status: 'pending', expiresAt: hours(1) }, now)).toBe(true)
	expect(awaitsAnswer({ status: 'pending', expiresAt: now }, now)).toBe(false)
	expect(awaitsAnswer({ status: 'accepted', expiresAt: hours(1) }, now)).toBe(false)
})
