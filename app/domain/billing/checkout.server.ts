// Sending a clinic admin to Stripe (docs/billing.md): Checkout to start a subscription, the
// Customer Portal to change the card, see invoices or cancel. Tandem never sees card details;
// what Stripe then does comes back through the webhook.
import { audit } from '#app/domain/audit/audit.server.ts'
import { db } from '#app/utils/db.server.ts'
import { env } from '#app/utils/env.server.ts'
import { errorField, logger } from '#app/utils/logger.server.ts'
import { PLANS, type PlanSlug } from './plans.ts'
import { isMissingResource, stripeBilling } from './stripe.server.ts'

export type StripeLink = { ok: true; url: string } | { ok: false; message: string }

const NOT_CONFIGURED: StripeLink = { ok: false, message: 'Billing is not configured on this Tandem server, so there is nothing to pay: your clinic is on the demo plan.' }
const UNREACHABLE: StripeLink = { ok: false, message: 'Stripe could not be reached just now. Nothing was charged; please try again in a minute.' }
const CUSTOMER_GONE: StripeLink = { ok: false, message: 'Stripe no longer has this clinic’s billing account. Contact Tandem support.' }

/** Statuses with a subscription still going (or waiting on its first payment): start no second one. */
const GOING = new Set(['trialing', 'active', 'past_due', 'incomplete', 'unpaid', 'paused'])

const billingPage = (clinicId: string) => `${env().APP_URL}/clinics/${clinicId}/billing`

export async function startCheckout(clinicId: string, userId: string, plan: PlanSlug = 'clinic_monthly'): Promise<StripeLink> {
	const billing = stripeBilling()
	if (!billing) return NOT_CONFIGURED
	const clinic = await db().clinic.findUnique({ where: { id: clinicId }, select: { id: true, name: true, subscription: true } })
	if (!clinic) return { ok: false, message: 'This clinic no longer exists.' }
	const current = clinic.subscription
	if (current?.status && GOING.has(current.status)) return { ok: false, message: 'The clinic already has a subscription. Use “Manage billing” to change or cancel it.' }
	try {
		const customerId = current?.stripeCustomerId ?? (await createCustomer(clinic.id, clinic.name))
		const session = await billing.stripe.checkout.sessions.create({
			mode: 'subscription',
			customer: customerId,
			client_reference_id: clinic.id,
			line_items: [{ price: billing.settings.prices[plan], quantity: 1 }],
			// The free trial is for a clinic's first subscription only.
			subscription_data: { metadata: { clinicId: clinic.id }, ...(current?.stripeSubscriptionId ? {} : { trial_period_days: PLANS[plan].trialDays }) },
			success_url: `${billingPage(clinic.id)}?checkout=done`,
			cancel_url: `${billingPage(clinic.id)}?checkout=cancelled`,
		})
		if (!session.url) return UNREACHABLE
		await audit({ actorId: userId, action: 'billing.checkout_started', entity: 'clinic', entityId: clinic.id, details: { plan, checkoutSessionId: session.id } })
		return { ok: true, url: session.url }
	} catch (error) {
		if (isMissingResource(error)) return CUSTOMER_GONE
		logger().error({ clinicId, err: errorField(error) }, 'billing: checkout failed')
		return UNREACHABLE
	}
}

/** The clinic's Stripe customer, made once; a second admin at the same moment reuses the first's. */
async function createCustomer(clinicId: string, name: string): Promise<string> {
	const billing = stripeBilling()!
	const customer = await billing.stripe.customers.create({ name, metadata: { clinicId } }, { idempotencyKey: `tandem-customer-${clinicId}` })
	await db().clinicSubscription.upsert({ where: { clinicId }, create: { clinicId, stripeCustomerId: customer.id }, update: {} })
	const stored = await db().clinicSubscription.findUniqueOrThrow({ where: { clinicId }, select: { stripeCustomerId: true } })
	return stored.stripeCustomerId
}

export async function openCustomerPortal(clinicId: string, userId: string): Promise<StripeLink> {
	const billing = stripeBilling()
	if (!billing) return NOT_CONFIGURED
	const stored = await db().clinicSubscription.findUnique({ where: { clinicId }, select: { stripeCustomerId: true } })
	if (!stored) return { ok: false, message: 'The clinic has no billing account yet: start a subscription first.' }
	try {
		const session = await billing.stripe.billingPortal.sessions.create({ customer: stored.stripeCustomerId, return_url: billingPage(clinicId) })
		await audit({ actorId: userId, action: 'billing.portal_opened', entity: 'clinic', entityId: clinicId })
		return { ok: true, url: session.url }
	} catch (error) {
		if (isMissingResource(error)) return CUSTOMER_GONE
		logger().error({ clinicId, err: errorField(error) }, 'billing: portal failed')
		return UNREACHABLE
	}
}
