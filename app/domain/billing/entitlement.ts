// Who may post a referral (docs/product.md §7): a clinic whose subscription is trialing or active, or
// past due for at most seven days. Drafts stay editable whatever the subscription says. In demo
// mode (no Stripe keys) every clinic is on the demo plan and may post.
import { addDays } from 'date-fns'
import { PLANS } from './plans.ts'

export const GRACE_DAYS = 7

/** Stripe's subscription statuses. */
export const SUBSCRIPTION_STATUSES = ['incomplete', 'incomplete_expired', 'trialing', 'active', 'past_due', 'canceled', 'unpaid', 'paused'] as const
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number]

export type SubscriptionFacts = {
	status: SubscriptionStatus
	/** When the subscription was first seen past due in its current spell (null when it is not). */
	pastDueSince: Date | null
}

export type Entitlement =
	| { allowed: true; basis: 'demo' | 'trialing' | 'active' }
	| { allowed: true; basis: 'grace'; graceEndsAt: Date }
	| { allowed: false; reason: 'no_subscription' | 'grace_over' | 'ended' | 'incomplete' | 'paused'; message: string }

export function postingEntitlement(mode: 'demo' | 'stripe', subscription: SubscriptionFacts | null, now: Date): Entitlement {
	if (mode === 'demo') return { allowed: true, basis: 'demo' }
	if (!subscription)
		return {
			allowed: false,
			reason: 'no_subscription',
			message: `Posting referrals needs a subscription. A clinic admin can start one, with a ${PLANS.clinic_monthly.trialDays}-day free trial, on the billing page.`,
		}
	switch (subscription.status) {
		case 'trialing':
		case 'active':
			return { allowed: true, basis: subscription.status }
		case 'past_due': {
			// Seen past due without a date (should not happen): the grace period starts now.
			const graceEndsAt = addDays(subscription.pastDueSince ?? now, GRACE_DAYS)
			if (now < graceEndsAt) return { allowed: true, basis: 'grace', graceEndsAt }
			return {
				allowed: false,
				reason: 'grace_over',
				message: `The last payment failed more than ${GRACE_DAYS} days ago. A clinic admin can update the payment method on the billing page; posting resumes as soon as it is paid.`,
			}
		}
		case 'incomplete':
			return { allowed: false, reason: 'incomplete', message: 'The subscription’s first payment has not gone through yet. A clinic admin can finish it on the billing page.' }
		case 'paused':
			return { allowed: false, reason: 'paused', message: 'The subscription is paused. A clinic admin can resume it on the billing page.' }
		case 'canceled':
		case 'unpaid':
		case 'incomplete_expired':
			return { allowed: false, reason: 'ended', message: 'The clinic’s subscription has ended. A clinic admin can subscribe again on the billing page; drafts are kept.' }
	}
}

/**
 * When a subscription's current past-due spell began: kept while it stays past due, set when it
 * becomes past due (at the moment Stripe reported it), cleared when it leaves that status.
 */
export function pastDueSince(previous: SubscriptionFacts | null, status: SubscriptionStatus, observedAt: Date): Date | null {
	if (status !== 'past_due') return null
	if (previous?.status === 'past_due' && previous.pastDueSince) return previous.pastDueSince < observedAt ? previous.pastDueSince : observedAt
	return observedAt
}
