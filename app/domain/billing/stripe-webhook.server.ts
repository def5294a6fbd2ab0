// POST /webhooks/stripe (docs/product.md §7): Stripe tells Tandem that a clinic's subscription changed.
// The signature is checked over the raw body before anything else; each event id is recorded, so
// a repeat is a no-op; and the event's own copy of the subscription is never trusted: Tandem reads
// the subscription again from Stripe and stores that, only over a copy read earlier. So events
// that arrive twice, late or out of order cannot put older state over newer.
import type Stripe from 'stripe'
import { audit } from '#app/domain/audit/audit.server.ts'
import { Prisma } from '#app/generated/prisma/client.ts'
import { db } from '#app/utils/db.server.ts'
import { pastDueSince } from './entitlement.ts'
import { PLAN_SLUGS } from './plans.ts'
import { eventMeaning, isCurrentSubscription, subscriptionSnapshot } from './stripe-events.ts'
import { isMissingResource, stripeBilling, type StripeSettings } from './stripe.server.ts'

export type WebhookAnswer = { status: number; body: Record<string, unknown> }

const answer = (status: number, body: Record<string, unknown>): WebhookAnswer => ({ status, body })

export async function receiveStripeWebhook(rawBody: string, signature: string | null, now = new Date()): Promise<WebhookAnswer> {
	const billing = stripeBilling()
	if (!billing) return answer(400, { error: 'Billing is not configured on this server (no STRIPE_WEBHOOK_SECRET), so no webhook can be verified.' })
	if (!signature) return answer(400, { error: 'The Stripe-Signature header is missing.' })
	let event: Stripe.Event
	try {
		event = billing.stripe.webhooks.constructEvent(rawBody, signature, billing.settings.webhookSecret)
	} catch (error) {
		return answer(400, { error: `The signature does not match this body: ${(error as Error).message}` })
	}
	if (await db().stripeEvent.findUnique({ where: { id: event.id }, select: { id: true } })) return answer(200, { received: true, outcome: 'duplicate' })

	const outcome = await eventOutcome(event, billing, now)
	if (outcome.kind === 'retry') return answer(503, { error: outcome.why })
	const recorded = await record(event, outcome, now)
	return answer(200, { received: true, outcome: recorded })
}

type Outcome = { kind: 'ignored'; why: string } | { kind: 'retry'; why: string } | { kind: 'sync'; clinicId: string; customerId: string; subscription: Stripe.Subscription; readAt: Date }

async function eventOutcome(event: Stripe.Event, billing: NonNullable<ReturnType<typeof stripeBilling>>, now: Date): Promise<Outcome> {
	const meaning = eventMeaning(event)
	if (meaning.kind === 'ignored') return meaning
	const clinicId = await clinicForCustomer(meaning.customerId, meaning.clinicId, now)
	if (!clinicId) return { kind: 'ignored', why: `customer ${meaning.customerId} is not a Tandem clinic` }
	const readAt = new Date()
	try {
		const subscription = await billing.stripe.subscriptions.retrieve(meaning.subscriptionId)
		return { kind: 'sync', clinicId, customerId: meaning.customerId, subscription, readAt }
	} catch (error) {
		if (isMissingResource(error)) return { kind: 'ignored', why: `Stripe has no subscription ${meaning.subscriptionId}` }
		// Not recorded: Stripe delivers the event again later.
		return { kind: 'retry', why: `Stripe could not be asked for subscription ${meaning.subscriptionId}; try again later.` }
	}
}

/**
 * The clinic a customer belongs to: the one whose checkout created it, or, for a completed
 * checkout whose customer Tandem has not seen (made by Checkout itself), the clinic named by the
 * session's client_reference_id, which then keeps that customer.
 */
async function clinicForCustomer(customerId: string, referencedClinicId: string | null, now: Date): Promise<string | null> {
	const known = await db().clinicSubscription.findUnique({ where: { stripeCustomerId: customerId }, select: { clinicId: true } })
	if (known) return known.clinicId
	if (!referencedClinicId) return null
	const clinic = await db().clinic.findUnique({ where: { id: referencedClinicId }, select: { id: true, subscription: { select: { stripeCustomerId: true } } } })
	if (!clinic || clinic.subscription) return null
	try {
		await db().clinicSubscription.create({ data: { clinicId: clinic.id, stripeCustomerId: customerId, createdAt: now } })
	} catch (error) {
		if (!isUniqueViolation(error)) throw error
	}
	const stored = await db().clinicSubscription.findUnique({ where: { clinicId: clinic.id }, select: { stripeCustomerId: true } })
	return stored?.stripeCustomerId === customerId ? clinic.id : null
}

function planOf(settings: StripeSettings, priceId: string | null): string | null {
	return PLAN_SLUGS.find((slug) => settings.prices[slug] === priceId) ?? null
}

class Duplicate extends Error {}

/** Stores the event id and what it changed, in one transaction; returns the outcome recorded. */
async function record(event: Stripe.Event, outcome: Exclude<Outcome, { kind: 'retry' }>, now: Date): Promise<string> {
	const billing = stripeBilling()!
	try {
		return await db().$transaction(async (tx) => {
			const result = outcome.kind === 'ignored' ? `ignored: ${outcome.why}` : await sync(tx, event, outcome, billing.settings)
			try {
				await tx.stripeEvent.create({ data: { id: event.id, type: event.type, receivedAt: now, outcome: result } })
			} catch (error) {
				if (isUniqueViolation(error)) throw new Duplicate()
				throw error
			}
			return result
		})
	} catch (error) {
		// The same event delivered twice at once: the other delivery applied it.
		if (error instanceof Duplicate) return 'duplicate'
		throw error
	}
}

async function sync(tx: Prisma.TransactionClient, event: Stripe.Event, outcome: Extract<Outcome, { kind: 'sync' }>, settings: StripeSettings): Promise<string> {
	const snapshot = subscriptionSnapshot(outcome.subscription)
	if (!snapshot) return `ignored: subscription ${outcome.subscription.id} has a status Tandem does not know`
	if (snapshot.customerId !== outcome.customerId) return `ignored: subscription ${snapshot.id} belongs to another customer`
	const stored = await tx.clinicSubscription.findUnique({ where: { clinicId: outcome.clinicId } })
	if (!stored) return 'ignored: the clinic has no Stripe customer any more'
	if (!isCurrentSubscription({ subscriptionId: stored.stripeSubscriptionId, status: stored.status }, snapshot)) return `ignored: subscription ${snapshot.id} is not the clinic’s current one`
	if (stored.syncedAt && stored.syncedAt >= outcome.readAt) return 'unchanged: a copy read later is already stored'
	const next = {
		stripeSubscriptionId: snapshot.id,
		status: snapshot.status,
		priceId: snapshot.priceId,
		plan: planOf(settings, snapshot.priceId),
		currentPeriodEnd: snapshot.currentPeriodEnd,
		trialEnd: snapshot.trialEnd,
		cancelAtPeriodEnd: snapshot.cancelAtPeriodEnd,
		pastDueSince: pastDueSince(stored.status ? { status: stored.status, pastDueSince: stored.pastDueSince } : null, snapshot.status, outcome.readAt),
	}
	// Conditional on the copy just read: a concurrent delivery that stored first wins.
	const { count } = await tx.clinicSubscription.updateMany({ where: { clinicId: outcome.clinicId, syncedAt: stored.syncedAt }, data: { ...next, syncedAt: outcome.readAt } })
	if (count === 0) return 'unchanged: another delivery stored a copy first'
	const changed = (Object.keys(next) as (keyof typeof next)[]).filter((key) => !sameValue(next[key], stored[key]))
	if (changed.length === 0) return 'unchanged'
	await audit(
		{
			actorId: null,
			action: 'billing.subscription_changed',
			entity: 'clinic',
			entityId: outcome.clinicId,
			details: { eventId: event.id, eventType: event.type, subscriptionId: snapshot.id, from: stored.status, to: snapshot.status, changed },
		},
		tx,
	)
	return `applied: ${changed.join(', ')}`
}

const sameValue = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b)

function isUniqueViolation(error: unknown): boolean {
	return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002'
}
