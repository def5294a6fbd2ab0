import { describe, expect, test } from 'vitest'
import { IDLE_TIMEOUT_MS, SESSION_LIFETIME_MS, judgeSession, newSessionTimes } from './session-policy.ts'

const now = new Date('2026-11-22T12:00:00Z')
const minutes = (n: number) => n * 60 * 1000
const days = (n: number) => n * 24 * 60 * 60 * 1000
const at = (offset: number) => new Date(now.getTime() + offset)

test('a new session lasts 30 days', () => {
	expect(newSessionTimes(now)).toEqual({ expiresAt: at(SESSION_LIFETIME_MS), lastActiveAt: now })
})

describe('expiry and sliding renewal', () => {
	test('a session at or past its expiry is over', () => {
		expect(judgeSession({ expiresAt: now, lastActiveAt: at(-minutes(1)) }, now, { idleTimeout: false })).toEqual({ valid: false, reason: 'expired' })
	})

	test('with more than 15 days left nothing is written', () => {
		expect(judgeSession({ expiresAt: at(days(20)), lastActiveAt: at(-1000) }, now, { idleTimeout: false })).toEqual({ valid: true, update: null })
	})

	test('with less than 15 days left the expiry moves to 30 days from now', () => {
		const verdict = judgeSession({ expiresAt: at(days(14)), lastActiveAt: at(-1000) }, now, { idleTimeout: false })
		expect(verdict).toEqual({ valid: true, update: { expiresAt: at(days(30)) } })
	})
})

describe('idle timeout for people who can see patient details', () => {
	test('29 minutes without activity is fine, and the activity is recorded', () => {
		const verdict = judgeSession({ expiresAt: at(days(20)), lastActiveAt: at(-minutes(29)) }, now, { idleTimeout: true })
		expect(verdict).toEqual({ valid: true, update: { lastActiveAt: now } })
	})

	test('30 minutes without activity ends the session', () => {
		expect(judgeSession({ expiresAt: at(days(20)), lastActiveAt: at(-IDLE_TIMEOUT_MS) }, now, { idleTimeout: true })).toEqual({ valid: false, reason: 'idle' })
	})

	test('people without access to patient details are not timed out for idling', () => {
		const verdict = judgeSession({ expiresAt: at(days(20)), lastActiveAt: at(-days(3)) }, now, { idleTimeout: false })
		expect(verdict.valid).toBe(true)
	})
})
