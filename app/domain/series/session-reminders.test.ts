import { describe, expect, it } from 'vitest'
import { reminderStands } from './session-reminders.ts'

const START = new Date('2026-11-03T16:00:00Z')
const asked = { sequence: 2, startsAt: START.toISOString() }
const now = new Date('2026-11-02T16:00:00Z')
const session = { status: 'booked' as const, sequence: 2, startsAt: START, referralStatus: 'scheduled' }

describe('a session reminder stands', () => {
	it('while the session is booked, unchanged since it was asked for, ahead, and its referral live', () => {
		expect(reminderStands(asked, session, now)).toBe(true)
		expect(reminderStands(asked, { ...session, referralStatus: 'in_care' }, now)).toBe(true)
	})

	it('not for a session moved (a newer sequence, or another start), cancelled or no longer booked', () => {
		expect(reminderStands(asked, { ...session, sequence: 3 }, now)).toBe(false)
		expect(reminderStands(asked, { ...session, startsAt: new Date('2026-11-03T18:00:00Z') }, now)).toBe(false)
		for (const status of ['cancelled', 'proposed', 'held', 'no_show'] as const) expect(reminderStands(asked, { ...session, status }, now), status).toBe(false)
	})

	it('not once the session has started, nor for a referral that ended or a session that is gone', () => {
		expect(reminderStands(asked, session, START)).toBe(false)
		expect(reminderStands(asked, { ...session, referralStatus: 'cancelled' }, now)).toBe(false)
		expect(reminderStands(asked, { ...session, referralStatus: 'completed' }, now)).toBe(false)
		expect(reminderStands(asked, null, now)).toBe(false)
	})
})
