// Billing with Stripe faked by MSW (docs/product.md §7, docs/billing.md): the webhook verifies the
// signature over the raw body, applies each event once, never lets an old or repeated event put
// older state back, and ignores customers it does not know; posting (UI and API) follows the
// subscription, with drafts always allowed.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createApiKey } from '#app/domain/clinics/api-keys.server.ts'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { createSession, SESSION_COOKIE } from '#app/utils/session.server.ts'
import { seedDemoData } from '#prisma/seed.ts'
import { startTestServer, type TestServer } from '#tests/setup/app-server.ts'
import { apiReferralBody } from '#tests/factories/referrals.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'
import { fakeStripe, STRIPE_TEST_ENV } from '#tests/setup/fake-stripe.ts'

// This file runs the app in Stripe mode. The environment is parsed on first use, after this.
const savedEnv = Object.fromEntries(Object.keys(STRIPE_TEST_ENV).map((name) => [name, process.env[name]]))
Object.assign(process.env, STRIPE_TEST_ENV)

const stripe = fakeStripe()
let server: TestServer
let clinicId: string
let apiKey: string
let coordinatorId: string
let adminId: string
const CUSTOMER = 'cus_austin'

const referralBody = (post: boolean) => ({ ...apiReferralBody(), post })

async function deliver(body: string, signature: string | null) {
	const headers: Record<string, string> = { 'Content-Type': 'application/json' }
	if (signature !== null) headers['Stripe-Signature'] = signature
	const response = await fetch(`${server.origin}/webhooks/stripe`, { method: 'POST', headers, body })
	return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

async function send(event: object) {
	const { payload, signature } = stripe.sign(event)
	return deliver(payload, signature)
}

const stored = () => db().clinicSubscription.findUnique({ where: { clinicId } })
// The audit log is append-only, so each test counts from its own start.
let auditsBefore = 0
const audits = async () => (await db().auditEvent.count({ where: { action: 'billing.subscription_changed', entityId: clinicId } })) - auditsBefore
const subscriptionEvent = (type: string, id: string, status: string) => stripe.event(type, stripe.subscriptionObject({ id, customer: CUSTOMER, status }))

beforeAll(async () => {
	stripe.listen()
	await resetDatabase()
	await seedDemoData(db(), { anchor: new Date('2026-11-16T00:00:00Z') })
	const admin = await db().clinicMember.findFirstOrThrow({ where: { user: { email: 'tx.admin@tandem.example' } } })
	clinicId = admin.clinicId
	adminId = admin.userId
	coordinatorId = (await db().clinicMember.findFirstOrThrow({ where: { clinicId, role: 'coordinator' } })).userId
	const key = await createApiKey(clinicId, 'EHR', null)
	if (!key.ok) throw new Error('no key')
	apiKey = key.key
	server = await startTestServer()
}, 120_000)

afterAll(async () => {
	await server?.close()
	stripe.close()
	await closeDatabase()
	for (const [name, value] of Object.entries(savedEnv)) {
		if (value === undefined) delete process.env[name]
		else process.env[name] = value
	}
})

describe('webhook', () => {
	beforeEach(async () => {
		stripe.subscriptions.clear()
		stripe.setDown(false)
		await db().stripeEvent.deleteMany()
		await db().clinicSubscription.deleteMany()
		// As checkout leaves it: the clinic's customer, no subscription yet.
		await db().clinicSubscription.create({ data: { clinicId, stripeCustomerId: CUSTOMER } })
		auditsBefore = 0
		auditsBefore = await audits()
	})

	test('a missing or wrong signature, or a body altered after signing: 400 and nothing changes', async () => {
		stripe.subscriptions.set('sub_1', { id: 'sub_1', customer: CUSTOMER, status: 'active' })
		const event = subscriptionEvent('customer.subscription.created', 'sub_1', 'active')
		const { payload, signature } = stripe.sign(event)
		expect((await deliver(payload, null)).status).toBe(400)
		expect((await deliver(payload, stripe.sign(event, 'whsec_someone_else').signature)).status).toBe(400)
		expect((await deliver(payload, 'garbage')).status).toBe(400)
		const altered = payload.replace('"active"', '"trialing"')
		expect(altered).not.toBe(payload)
		const answer = await deliver(altered, signature)
		expect(answer.status).toBe(400)
		expect(answer.body.error).toMatch(/signature/i)
		expect(await db().stripeEvent.count()).toBe(0)
		expect((await stored())?.status).toBeNull()
		// The untouched body with its signature is accepted.
		expect((await deliver(payload, signature)).status).toBe(200)
		expect((await stored())?.status).toBe('active')
	})

	test('every handled event type, delivered twice: applied once, the repeat is a no-op', async () => {
		stripe.subscriptions.set('sub_1', { id: 'sub_1', customer: CUSTOMER, status: 'trialing', trial_end: 1_790_000_000 })
		const events = [
			stripe.event('checkout.session.completed', { object: 'checkout.session', mode: 'subscription', subscription: 'sub_1', customer: CUSTOMER, client_reference_id: clinicId }),
			subscriptionEvent('customer.subscription.created', 'sub_1', 'trialing'),
			subscriptionEvent('customer.subscription.updated', 'sub_1', 'trialing'),
			stripe.event('invoice.paid', { object: 'invoice', customer: CUSTOMER, parent: { subscription_details: { subscription: 'sub_1' } } }),
			stripe.event('invoice.payment_failed', { object: 'invoice', customer: CUSTOMER, subscription: 'sub_1' }),
			subscriptionEvent('customer.subscription.deleted', 'sub_1', 'canceled'),
		]
		for (const [index, event] of events.entries()) {
			// What Stripe would answer by then: the last event is the cancellation.
			if (index === events.length - 1) stripe.subscriptions.set('sub_1', { id: 'sub_1', customer: CUSTOMER, status: 'canceled' })
			const first = await send(event)
			expect(first.status).toBe(200)
			expect(first.body.outcome).not.toBe('duplicate')
			const auditsAfterFirst = await audits()
			const state = await stored()
			const again = await send(event)
			expect(again).toEqual({ status: 200, body: { received: true, outcome: 'duplicate' } })
			expect(await audits()).toBe(auditsAfterFirst)
			expect(await stored()).toEqual(state)
		}
		expect(await db().stripeEvent.count()).toBe(events.length)
		expect((await stored())?.status).toBe('canceled')
		// Changes were audited: the subscription appeared, then was cancelled.
		expect(await audits()).toBe(2)
	})

	test('the same event delivered five times at once is applied once', async () => {
		stripe.subscriptions.set('sub_1', { id: 'sub_1', customer: CUSTOMER, status: 'active' })
		const event = subscriptionEvent('customer.subscription.created', 'sub_1', 'active')
		const answers = await Promise.all(Array.from({ length: 5 }, () => send(event)))
		expect(answers.every((a) => a.status === 200)).toBe(true)
		expect(await db().stripeEvent.count()).toBe(1)
		expect(await audits()).toBe(1)
		expect((await stored())?.status).toBe('active')
	})

	test('out of order: "updated" before "created", and an old "updated" after a newer one, leave Stripe’s current state', async () => {
		stripe.subscriptions.set('sub_1', { id: 'sub_1', customer: CUSTOMER, status: 'active' })
		// Stripe sent created (trialing), then updated (active); they arrive the other way round.
		const created = subscriptionEvent('customer.subscription.created', 'sub_1', 'trialing')
		const updated = subscriptionEvent('customer.subscription.updated', 'sub_1', 'active')
		expect((await send(updated)).status).toBe(200)
		expect((await stored())?.status).toBe('active')
		expect((await send(created)).status).toBe(200)
		expect((await stored())?.status).toBe('active')

		// The payment fails (past due); then an older "updated" saying active arrives late.
		stripe.subscriptions.set('sub_1', { id: 'sub_1', customer: CUSTOMER, status: 'past_due' })
		await send(stripe.event('invoice.payment_failed', { object: 'invoice', customer: CUSTOMER, subscription: 'sub_1' }))
		const pastDue = await stored()
		expect(pastDue?.status).toBe('past_due')
		expect(pastDue?.pastDueSince).toBeInstanceOf(Date)
		await send(subscriptionEvent('customer.subscription.updated', 'sub_1', 'active'))
		expect(await stored()).toMatchObject({ status: 'past_due', pastDueSince: pastDue?.pastDueSince })

		// Paid at last: active, and the grace clock clears.
		stripe.subscriptions.set('sub_1', { id: 'sub_1', customer: CUSTOMER, status: 'active' })
		await send(stripe.event('invoice.paid', { object: 'invoice', customer: CUSTOMER, subscription: 'sub_1' }))
		expect(await stored()).toMatchObject({ status: 'active', pastDueSince: null })
	})

	test('a late event about an earlier, cancelled subscription does not replace the clinic’s new one', async () => {
		stripe.subscriptions.set('sub_old', { id: 'sub_old', customer: CUSTOMER, status: 'canceled' })
		stripe.subscriptions.set('sub_new', { id: 'sub_new', customer: CUSTOMER, status: 'active' })
		await send(subscriptionEvent('customer.subscription.created', 'sub_new', 'active'))
		const late = await send(subscriptionEvent('customer.subscription.deleted', 'sub_old', 'canceled'))
		expect(late.status).toBe(200)
		expect(late.body.outcome).toMatch(/^ignored: subscription sub_old is not the clinic’s current one/)
		expect(await stored()).toMatchObject({ stripeSubscriptionId: 'sub_new', status: 'active' })
	})

	test('an event for a customer Tandem does not know: acknowledged, recorded, nothing changes', async () => {
		stripe.subscriptions.set('sub_x', { id: 'sub_x', customer: 'cus_stranger', status: 'active' })
		const event = stripe.event('customer.subscription.created', stripe.subscriptionObject({ id: 'sub_x', customer: 'cus_stranger', status: 'active' }))
		const answer = await send(event)
		expect(answer).toEqual({ status: 200, body: { received: true, outcome: 'ignored: customer cus_stranger is not a Tandem clinic' } })
		expect(await db().stripeEvent.findUnique({ where: { id: event.id } })).toMatchObject({ outcome: expect.stringMatching(/^ignored/) })
		expect(await db().clinicSubscription.count()).toBe(1)
		expect((await stored())?.status).toBeNull()
		// Nor can a checkout naming a clinic take over a clinic that already has its customer.
		const hijack = await send(
			stripe.event('checkout.session.completed', { object: 'checkout.session', mode: 'subscription', subscription: 'sub_x', customer: 'cus_stranger', client_reference_id: clinicId }),
		)
		expect(hijack.body.outcome).toMatch(/^ignored: customer cus_stranger/)
		expect((await stored())?.stripeCustomerId).toBe(CUSTOMER)
	})

	test('event types Tandem does not act on are acknowledged and ignored', async () => {
		const answer = await send(stripe.event('charge.refunded', { object: 'charge', id: 'ch_1', customer: CUSTOMER }))
		expect(answer).toEqual({ status: 200, body: { received: true, outcome: 'ignored: event type charge.refunded is not one Tandem acts on' } })
		expect(stripe.requests).not.toContainEqual(expect.objectContaining({ path: '/v1/charges/ch_1' }))
	})

	test('when Stripe cannot be asked, the event is not recorded, so Stripe’s redelivery applies it', async () => {
		stripe.subscriptions.set('sub_1', { id: 'sub_1', customer: CUSTOMER, status: 'active' })
		const event = subscriptionEvent('customer.subscription.created', 'sub_1', 'active')
		stripe.setDown(true)
		const failed = await send(event)
		expect(failed.status).toBe(503)
		expect(await db().stripeEvent.count()).toBe(0)
		stripe.setDown(false)
		expect((await send(event)).body.outcome).toMatch(/^applied/)
		expect((await stored())?.status).toBe('active')
	})
})

describe('posting follows the subscription', () => {
	const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000)
	const setSubscription = async (status: 'trialing' | 'active' | 'past_due' | 'canceled' | null, pastDueSince: Date | null = null) => {
		await db().clinicSubscription.deleteMany({ where: { clinicId } })
		if (status) await db().clinicSubscription.create({ data: { clinicId, stripeCustomerId: CUSTOMER, stripeSubscriptionId: 'sub_1', status, pastDueSince } })
	}
	const apiPost = async (body: unknown, path = '/api/v1/referrals') => {
		const response = await fetch(server.origin + path, { method: 'POST', headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
		return { status: response.status, type: response.headers.get('Content-Type'), body: await response.json() }
	}
	const formPost = async (userId: string, path: string, form: Record<string, string>) => {
		const { token } = await createSession(userId, { ip: null, userAgent: 'billing test' })
		const response = await fetch(server.origin + path, {
			method: 'POST',
			headers: { Cookie: `${SESSION_COOKIE}=${token}`, Origin: server.origin, 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams(form),
			redirect: 'manual',
		})
		return { status: response.status, html: await response.text() }
	}
	const draft = async () => {
		const created = await apiPost(referralBody(false))
		expect(created.status).toBe(201)
		return created.body.id as string
	}

	test.each([
		['trialing', null],
		['active', null],
		['past_due', daysAgo(2)],
	] as const)('allowed while %s, in the API and the UI', async (status, since) => {
		await setSubscription(status, since)
		expect((await apiPost(referralBody(true))).status).toBe(201)
		const id = await draft()
		const posted = await formPost(coordinatorId, `/clinics/${clinicId}/referrals/${id}`, { intent: 'post' })
		expect(posted.status).toBe(200)
		expect((await db().referral.findUniqueOrThrow({ where: { id } })).status).toBe('open')
	})

	test.each([
		['past due for 8 days (grace over)', 'past_due', daysAgo(8), /more than 7 days ago/],
		['cancelled', 'canceled', null, /subscription has ended/],
		['never subscribed', null, null, /needs a subscription/],
	] as const)('refused when %s: 402 problem in the API, a message with the billing link in the UI; drafts stay editable', async (_label, status, since, message) => {
		await setSubscription(status, since)
		const refused = await apiPost(referralBody(true))
		expect(refused).toMatchObject({
			status: 402,
			type: 'application/problem+json',
			body: { status: 402, type: '/api/v1/problems/payment-required', detail: expect.stringMatching(message), billingUrl: `/clinics/${clinicId}/billing` },
		})

		// A draft can still be written, edited and then not posted.
		const id = await draft()
		const viaApi = await apiPost({ action: 'post' }, `/api/v1/referrals/${id}/actions`)
		expect(viaApi.status).toBe(402)
		const asCoordinator = await formPost(coordinatorId, `/clinics/${clinicId}/referrals/${id}`, { intent: 'post' })
		expect(asCoordinator.status).toBe(402)
		expect(asCoordinator.html).toMatch(message)
		expect(asCoordinator.html).toContain('It stays a draft')
		// Only admins can act on billing, so only they get the link.
		expect(asCoordinator.html).not.toContain(`href="/clinics/${clinicId}/billing"`)
		const asAdmin = await formPost(adminId, `/clinics/${clinicId}/referrals/${id}`, { intent: 'post' })
		expect(asAdmin.html).toContain(`href="/clinics/${clinicId}/billing"`)
		expect((await db().referral.findUniqueOrThrow({ where: { id } })).status).toBe('draft')
		expect(await db().referralEvent.count({ where: { referralId: id, toStatus: 'open' } })).toBe(0)
	})
})

describe('billing page, checkout and portal', () => {
	const page = async (userId: string, init: { method?: string; form?: Record<string, string> } = {}) => {
		const { token } = await createSession(userId, { ip: null, userAgent: 'billing test' })
		const headers: Record<string, string> = { Cookie: `${SESSION_COOKIE}=${token}` }
		if (init.form) Object.assign(headers, { Origin: server.origin, 'Content-Type': 'application/x-www-form-urlencoded' })
		const response = await fetch(`${server.origin}/clinics/${clinicId}/billing`, {
			method: init.method ?? 'GET',
			headers,
			body: init.form ? new URLSearchParams(init.form) : undefined,
			redirect: 'manual',
		})
		return { status: response.status, location: response.headers.get('Location'), html: await response.text() }
	}

	beforeEach(async () => {
		stripe.subscriptions.clear()
		stripe.setDown(false)
		stripe.requests.length = 0
		await db().clinicSubscription.deleteMany()
	})

	test('an admin starts the trial: Checkout for the clinic’s new customer, then the webhook makes it show', async () => {
		expect((await page(adminId)).html).toContain('Start the 14-day free trial')
		const started = await page(adminId, { method: 'POST', form: { intent: 'checkout' } })
		expect(started.status).toBe(302)
		expect(started.location).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_fake_/)
		const customer = (await stored())!.stripeCustomerId
		expect(customer).toMatch(/^cus_fake_/)
		const session = stripe.requests.find((r) => r.path === '/v1/checkout/sessions')!.body
		expect(Object.fromEntries(session)).toMatchObject({
			mode: 'subscription',
			customer,
			client_reference_id: clinicId,
			'line_items[0][price]': STRIPE_TEST_ENV.STRIPE_PRICE_CLINIC_MONTHLY,
			'subscription_data[trial_period_days]': '14',
		})
		expect(await db().auditEvent.count({ where: { action: 'billing.checkout_started', entityId: clinicId } })).toBeGreaterThan(0)

		// Stripe completes the checkout and tells Tandem.
		stripe.subscriptions.set('sub_trial', { id: 'sub_trial', customer, status: 'trialing', trial_end: Math.floor(Date.now() / 1000) + 14 * 86_400 })
		expect(
			(await send(stripe.event('checkout.session.completed', { object: 'checkout.session', mode: 'subscription', subscription: 'sub_trial', customer, client_reference_id: clinicId }))).status,
		).toBe(200)
		const after = await page(adminId)
		expect(after.html).toContain('Free trial')
		expect(after.html).toMatch(/The free trial ends on/)
		expect(after.html).not.toContain('Start the 14-day free trial')
		// A second checkout is refused while the subscription runs.
		const again = await page(adminId, { method: 'POST', form: { intent: 'checkout' } })
		expect(again.status).toBe(409)
		expect(again.html).toContain('already has a subscription')

		const portal = await page(adminId, { method: 'POST', form: { intent: 'portal' } })
		expect(portal.status).toBe(302)
		expect(portal.location).toMatch(/^https:\/\/billing\.stripe\.com\//)
		expect(Object.fromEntries(stripe.requests.find((r) => r.path === '/v1/billing_portal/sessions')!.body)).toMatchObject({
			customer,
			return_url: expect.stringContaining(`/clinics/${clinicId}/billing`),
		})
	})

	test('when Stripe is down, checkout says so and nothing is stored', async () => {
		stripe.setDown(true)
		const failed = await page(adminId, { method: 'POST', form: { intent: 'checkout' } })
		expect(failed.status).toBe(409)
		expect(failed.html).toContain('Stripe could not be reached')
		expect(await stored()).toBeNull()
	})

	test('a coordinator can neither see billing nor start checkout', async () => {
		expect((await page(coordinatorId)).status).toBe(403)
		expect((await page(coordinatorId, { method: 'POST', form: { intent: 'checkout' } })).status).toBe(403)
		expect(stripe.requests).toEqual([])
	})
})
