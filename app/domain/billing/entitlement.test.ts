import { describe, expect, test } from 'vitest'
import { GRACE_DAYS, pastDueSince, postingEntitlement, SUBSCRIPTION_STATUSES, type SubscriptionStatus } from './entitlement.ts'

const now = new Date('2026-11-23T12:00:00Z')
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000)

describe('posting entitlement', () => {
	test.each<[SubscriptionStatus, Date | null, boolean]>([
		['trialing', null, true],
		['active', null, true],
		['past_due', daysAgo(0), true],
		['past_due', daysAgo(6.9), true],
		['past_due', daysAgo(GRACE_DAYS), false],
		['past_due', daysAgo(30), false],
		['canceled', null, false],
		['unpaid', null, false],
		['incomplete', null, false],
		['incomplete_expired', null, false],
		['paused', null, false],
	])('%s (past due since %s): allowed %s', (status, since, allowed) => {
		expect(postingEntitlement('stripe', { status, pastDueSince: since }, now).allowed).toBe(allowed)
	})

	test('no subscription: refused, with a way forward', () => {
		const result = postingEntitlement('stripe', null, now)
		expect(result).toMatchObject({ allowed: false, reason: 'no_subscription' })
		expect(result.allowed === false && result.message).toMatch(/billing page/)
	})

	test('demo mode allows everyone, whatever the stored state', () => {
		for (const status of SUBSCRIPTION_STATUSES) expect(postingEntitlement('demo', { status, pastDueSince: daysAgo(90) }, now)).toEqual({ allowed: true, basis: 'demo' })
		expect(postingEntitlement('demo', null, now)).toEqual({ allowed: true, basis: 'demo' })
	})

	test('grace says when it ends', () => {
		expect(postingEntitlement('stripe', { status: 'past_due', pastDueSince: daysAgo(2) }, now)).toEqual({
			allowed: true,
			basis: 'grace',
			graceEndsAt: new Date(daysAgo(2).getTime() + GRACE_DAYS * 86_400_000),
		})
	})
})

describe('when the past-due spell began', () => {
	test('starts when a subscription becomes past due, is kept while it stays so, and clears after', () => {
		const first = pastDueSince({ status: 'active', pastDueSince: null }, 'past_due', daysAgo(3))
		expect(first).toEqual(daysAgo(3))
		expect(pastDueSince({ status: 'past_due', pastDueSince: first }, 'past_due', daysAgo(1))).toEqual(daysAgo(3))
		expect(pastDueSince({ status: 'past_due', pastDueSince: first }, 'active', daysAgo(0))).toBeNull()
		expect(pastDueSince(null, 'past_due', daysAgo(2))).toEqual(daysAgo(2))
	})

	test('an earlier report of the same spell moves its start back, never forward', () => {
		expect(pastDueSince({ status: 'past_due', pastDueSince: daysAgo(1) }, 'past_due', daysAgo(4))).toEqual(daysAgo(4))
	})
})
