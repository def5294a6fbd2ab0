import { expect, test } from 'vitest'
import { RATE_LIMITS } from '#app/domain/auth/rate-limit.ts'
import { longestRateLimitWindowMs, purgeCutoffs, purgePeriod } from './purge.ts'

test('a period is a UTC hour, named for the dedupe key', () => {
	expect(purgePeriod(new Date('2026-12-02T10:59:59.999Z'))).toEqual({ name: '2026-12-02T10', startsAt: new Date('2026-12-02T10:00:00Z') })
	expect(purgePeriod(new Date('2026-12-02T11:00:00Z')).name).toBe('2026-12-02T11')
})

test('rate-limit rows go once the longest window has passed', () => {
	expect(longestRateLimitWindowMs()).toBe(Math.max(...Object.values(RATE_LIMITS).map((r) => r.windowSeconds)) * 1000)
	expect(longestRateLimitWindowMs()).toBe(24 * 3_600_000)
})

test('the cutoffs', () => {
	const now = new Date('2026-12-02T10:00:00Z')
	expect(purgeCutoffs(now)).toEqual({
		sessions: now,
		tokens: new Date('2026-11-02T10:00:00Z'),
		patientLinks: new Date('2026-11-02T10:00:00Z'),
		rateLimits: new Date('2026-12-01T10:00:00Z'),
		signInAddresses: new Date('2026-06-05T10:00:00Z'),
		emailLog: new Date('2026-11-02T10:00:00Z'),
		emailJobs: now,
		finishedJobs: new Date('2026-11-25T10:00:00Z'),
	})
})
