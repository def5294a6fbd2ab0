// What the billing page says about a clinic's subscription, in plain words.
import { GRACE_DAYS, type Entitlement, type SubscriptionStatus } from './entitlement.ts'

export const SUBSCRIPTION_STATUS_LABELS: Record<SubscriptionStatus, string> = {
	incomplete: 'Waiting for the first payment',
	incomplete_expired: 'Not started (first payment never completed)',
	trialing: 'Free trial',
	active: 'Active',
	past_due: 'Payment failed',
	canceled: 'Cancelled',
	unpaid: 'Unpaid',
	paused: 'Paused',
}

export type StoredSubscription = { status: SubscriptionStatus | null; trialEnd: Date | null; currentPeriodEnd: Date | null; cancelAtPeriodEnd: boolean }

/** The lines under the plan: when the trial or period ends, what happens next, and the grace left. */
export function subscriptionNotes(subscription: StoredSubscription, entitlement: Entitlement, formatDate: (date: Date) => string): string[] {
	const notes: string[] = []
	const { status, trialEnd, currentPeriodEnd, cancelAtPeriodEnd } = subscription
	if (status === 'trialing' && trialEnd)
		notes.push(
			cancelAtPeriodEnd
				? `The free trial ends on ${formatDate(trialEnd)}, and the subscription with it (it was cancelled).`
				: `The free trial ends on ${formatDate(trialEnd)}; the first invoice follows then.`,
		)
	else if ((status === 'active' || status === 'past_due') && currentPeriodEnd)
		notes.push(cancelAtPeriodEnd ? `Cancelled: the subscription ends on ${formatDate(currentPeriodEnd)}, and posting with it.` : `Next invoice on ${formatDate(currentPeriodEnd)}.`)
	if (entitlement.allowed && entitlement.basis === 'grace')
		notes.push(`The last payment failed. Posting continues until ${formatDate(entitlement.graceEndsAt)} (${GRACE_DAYS} days of grace); update the payment method to keep it going.`)
	if (!entitlement.allowed) notes.push(entitlement.message)
	return notes
}
