import { expect, test } from 'vitest'
import { eventMeaning, isCurrentSubscription, subscriptionSnapshot, type StripeEventLike } from './stripe-events.ts'

const event = (type: string, object: unknown): StripeEventLike => ({ id: 'evt_1', type, created: 1_790_000_000, data: { object } })

test('checkout for a subscription names the clinic it was started for', () => {
	expect(eventMeaning(event('checkout.session.completed', { mode: 'subscription', subscription: 'sub_1', customer: 'cus_1', client_reference_id: 'clinic_1' }))).toEqual({
		kind: 'subscription',
		subscriptionId: 'sub_1',
		customerId: 'cus_1',
		clinicId: 'clinic_1',
	})
	expect(eventMeaning(event('checkout.session.completed', { mode: 'payment', customer: 'cus_1' }))).toMatchObject({ kind: 'ignored' })
})

test('subscription events, expanded or not', () => {
	for (const type of ['customer.subscription.created', 'customer.subscription.updated', 'customer.subscription.deleted']) {
		expect(eventMeaning(event(type, { id: 'sub_2', customer: { id: 'cus_2' } }))).toEqual({ kind: 'subscription', subscriptionId: 'sub_2', customerId: 'cus_2', clinicId: null })
	}
})

test('invoices name their subscription at the top or under parent (API 2025-03-31 and later)', () => {
	expect(eventMeaning(event('invoice.paid', { customer: 'cus_3', subscription: 'sub_3' }))).toMatchObject({ subscriptionId: 'sub_3' })
	expect(eventMeaning(event('invoice.payment_failed', { customer: 'cus_3', parent: { subscription_details: { subscription: 'sub_4' } } }))).toMatchObject({ subscriptionId: 'sub_4' })
	expect(eventMeaning(event('invoice.paid', { customer: 'cus_3' }))).toMatchObject({ kind: 'ignored' })
})

test('other event types and malformed objects change nothing', () => {
	expect(eventMeaning(event('charge.refunded', { id: 'ch_1' }))).toEqual({ kind: 'ignored', why: 'event type charge.refunded is not one Tandem acts on' })
	expect(eventMeaning(event('customer.subscription.updated', null))).toMatchObject({ kind: 'ignored' })
	expect(eventMeaning(event('customer.subscription.updated', { id: 'sub_5' }))).toMatchObject({ kind: 'ignored' })
})

test('a subscription snapshot, with the period end on the subscription or on its item', () => {
	const base = { object: 'subscription', id: 'sub_1', customer: 'cus_1', status: 'trialing', trial_end: 1_790_000_000, cancel_at_period_end: false }
	expect(subscriptionSnapshot({ ...base, current_period_end: 1_790_000_000, items: { data: [{ price: { id: 'price_1' } }] } })).toEqual({
		id: 'sub_1',
		customerId: 'cus_1',
		status: 'trialing',
		priceId: 'price_1',
		currentPeriodEnd: new Date(1_790_000_000_000),
		trialEnd: new Date(1_790_000_000_000),
		cancelAtPeriodEnd: false,
	})
	expect(subscriptionSnapshot({ ...base, items: { data: [{ current_period_end: 1_791_000_000, price: { id: 'price_1' } }] } })?.currentPeriodEnd).toEqual(new Date(1_791_000_000_000))
	expect(subscriptionSnapshot({ ...base, status: 'sleeping' })).toBeNull()
	expect(subscriptionSnapshot({ ...base, object: 'invoice' })).toBeNull()
})

test('a clinic’s current subscription: the stored one, or a new one once the stored one has ended', () => {
	expect(isCurrentSubscription({ subscriptionId: null, status: null }, { id: 'sub_1', status: 'incomplete' })).toBe(true)
	expect(isCurrentSubscription({ subscriptionId: 'sub_1', status: 'active' }, { id: 'sub_1', status: 'canceled' })).toBe(true)
	expect(isCurrentSubscription({ subscriptionId: 'sub_1', status: 'canceled' }, { id: 'sub_2', status: 'trialing' })).toBe(true)
	// An event about the old, cancelled subscription arrives after the clinic subscribed again.
	expect(isCurrentSubscription({ subscriptionId: 'sub_2', status: 'active' }, { id: 'sub_1', status: 'canceled' })).toBe(false)
	expect(isCurrentSubscription({ subscriptionId: 'sub_2', status: 'canceled' }, { id: 'sub_1', status: 'canceled' })).toBe(false)
	expect(isCurrentSubscription({ subscriptionId: 'sub_2', status: 'active' }, { id: 'sub_3', status: 'active' })).toBe(false)
})
