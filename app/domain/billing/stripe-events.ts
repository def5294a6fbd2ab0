// What a Stripe webhook event means for Tandem, read from the event's JSON alone (pure): which
// subscription and customer it is about, or why it changes nothing. The webhook never trusts an
// event's copy of the subscription for state: it reads the subscription again from Stripe, so an
// event delivered late or twice cannot put older state over newer (docs/billing.md).
import { SUBSCRIPTION_STATUSES, type SubscriptionStatus } from './entitlement.ts'

export const HANDLED_EVENT_TYPES = [
	'checkout.session.completed',
	'customer.subscription.created',
	'customer.subscription.updated',
	'customer.subscription.deleted',
	'invoice.paid',
	'invoice.payment_failed',
] as const

export type StripeEventLike = { id: string; type: string; created: number; data: { object: unknown } }

export type EventMeaning = { kind: 'subscription'; subscriptionId: string; customerId: string; clinicId: string | null } | { kind: 'ignored'; why: string }

type Obj = Record<string, unknown>
const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value)
/** An expandable field: the id itself, or the expanded object's id. */
const idOf = (value: unknown): string | null => (typeof value === 'string' && value ? value : isObj(value) && typeof value.id === 'string' ? value.id : null)

export function eventMeaning(event: StripeEventLike): EventMeaning {
	if (!(HANDLED_EVENT_TYPES as readonly string[]).includes(event.type)) return { kind: 'ignored', why: `event type ${event.type} is not one Tandem acts on` }
	const object = event.data.object
	if (!isObj(object)) return { kind: 'ignored', why: 'the event carries no object' }
	const customerId = idOf(object.customer)
	let subscriptionId: string | null
	let clinicId: string | null = null
	if (event.type === 'checkout.session.completed') {
		if (object.mode !== 'subscription') return { kind: 'ignored', why: 'a checkout session that is not for a subscription' }
		subscriptionId = idOf(object.subscription)
		clinicId = typeof object.client_reference_id === 'string' ? object.client_reference_id : null
	} else if (event.type.startsWith('customer.subscription.')) {
		subscriptionId = idOf(object.id)
	} else {
		// Invoices name their subscription at the top (API versions before 2025-03-31) or under parent.
		const parent = isObj(object.parent) && isObj(object.parent.subscription_details) ? object.parent.subscription_details.subscription : undefined
		subscriptionId = idOf(object.subscription) ?? idOf(parent)
		if (!subscriptionId) return { kind: 'ignored', why: 'an invoice that is not for a subscription' }
	}
	if (!subscriptionId || !customerId) return { kind: 'ignored', why: 'the event names no subscription or customer' }
	return { kind: 'subscription', subscriptionId, customerId, clinicId }
}

export type SubscriptionSnapshot = {
	id: string
	customerId: string
	status: SubscriptionStatus
	priceId: string | null
	currentPeriodEnd: Date | null
	trialEnd: Date | null
	cancelAtPeriodEnd: boolean
}

const date = (seconds: unknown) => (typeof seconds === 'number' && Number.isFinite(seconds) ? new Date(seconds * 1000) : null)

/** The facts Tandem keeps from a Stripe subscription object, or null if it does not look like one. */
export function subscriptionSnapshot(subscription: unknown): SubscriptionSnapshot | null {
	if (!isObj(subscription) || subscription.object !== 'subscription') return null
	const id = idOf(subscription.id)
	const customerId = idOf(subscription.customer)
	const status = subscription.status
	if (!id || !customerId || typeof status !== 'string' || !(SUBSCRIPTION_STATUSES as readonly string[]).includes(status)) return null
	const items = isObj(subscription.items) && Array.isArray(subscription.items.data) ? subscription.items.data.filter(isObj) : []
	const first = items[0]
	// The period end moved from the subscription to its items in API version 2025-03-31.
	const periodEnd = date(subscription.current_period_end) ?? date(first?.current_period_end)
	return {
		id,
		customerId,
		status: status as SubscriptionStatus,
		priceId: first && isObj(first.price) ? idOf(first.price.id) : null,
		currentPeriodEnd: periodEnd,
		trialEnd: date(subscription.trial_end),
		cancelAtPeriodEnd: subscription.cancel_at_period_end === true,
	}
}

const ENDED: ReadonlySet<SubscriptionStatus> = new Set(['canceled', 'incomplete_expired'])

/**
 * Whether a subscription read from Stripe is the clinic's current one: the one stored, or a new
 * one that is still going while the stored one has ended (a clinic that subscribes again). An
 * event about an earlier, ended subscription never replaces a newer one.
 */
export function isCurrentSubscription(stored: { subscriptionId: string | null; status: SubscriptionStatus | null }, incoming: Pick<SubscriptionSnapshot, 'id' | 'status'>): boolean {
	if (!stored.subscriptionId || stored.subscriptionId === incoming.id) return true
	return !ENDED.has(incoming.status) && (stored.status === null || ENDED.has(stored.status))
}
