import { expect, test } from 'vitest'
import { postingEntitlement } from './entitlement.ts'
import { subscriptionNotes } from './status-text.ts'

const now = new Date('2026-11-23T12:00:00Z')
const day = (iso: string) => new Date(`${iso}T12:00:00Z`)
const format = (date: Date) => date.toISOString().slice(0, 10)
const notes = (status: 'trialing' | 'active' | 'past_due' | 'canceled', extra: { trialEnd?: Date; currentPeriodEnd?: Date; cancelAtPeriodEnd?: boolean; pastDueSince?: Date } = {}) =>
	subscriptionNotes(
		{ status, trialEnd: extra.trialEnd ?? null, currentPeriodEnd: extra.currentPeriodEnd ?? null, cancelAtPeriodEnd: extra.cancelAtPeriodEnd ?? false },
		postingEntitlement('stripe', { status, pastDueSince: extra.pastDueSince ?? null }, now),
		format,
	)

test('trial, renewal and cancellation at period end', () => {
	expect(notes('trialing', { trialEnd: day('2026-12-07') })).toEqual(['The free trial ends on 2026-12-07; the first invoice follows then.'])
	expect(notes('active', { currentPeriodEnd: day('2026-12-23') })).toEqual(['Next invoice on 2026-12-23.'])
	expect(notes('active', { currentPeriodEnd: day('2026-12-23'), cancelAtPeriodEnd: true })).toEqual(['Cancelled: the subscription ends on 2026-12-23, and posting with it.'])
})

test('grace says until when; after grace and after cancellation, what to do', () => {
	expect(notes('past_due', { currentPeriodEnd: day('2026-12-23'), pastDueSince: day('2026-11-21') })[1]).toBe(
		'The last payment failed. Posting continues until 2026-11-28 (7 days of grace); update the payment method to keep it going.',
	)
	expect(notes('past_due', { pastDueSince: day('2026-11-10') })).toEqual([expect.stringMatching(/more than 7 days ago/)])
	expect(notes('canceled')).toEqual([expect.stringMatching(/subscription has ended/)])
})
