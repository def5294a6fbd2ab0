// Stripe's API faked with MSW (no network): the subscriptions Stripe "has", which tests change to
// say what Stripe would answer now, and webhook events signed with the stripe library's own
// test-header helper. The app under test runs in this process, so MSW sees its requests too.
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import Stripe from 'stripe'

export const STRIPE_TEST_ENV = {
	STRIPE_SECRET_KEY: 'sk_test_tandem_fake',
	STRIPE_WEBHOOK_SECRET: 'whsec_tandem_fake',
	STRIPE_PRICE_CLINIC_MONTHLY: 'price_clinic_monthly_fake',
} as const

const API = 'https://api.stripe.com/v1'

type FakeSubscription = { id: string; customer: string; status: string; trial_end?: number | null; current_period_end?: number; cancel_at_period_end?: boolean; price?: string }

export function fakeStripe() {
	const subscriptions = new Map<string, FakeSubscription>()
	const requests: { method: string; path: string; body: URLSearchParams }[] = []
	let down = false
	let nextId = 1

	const subscriptionObject = (s: FakeSubscription) => ({
		object: 'subscription',
		id: s.id,
		customer: s.customer,
		status: s.status,
		trial_end: s.trial_end ?? null,
		cancel_at_period_end: s.cancel_at_period_end ?? false,
		items: {
			object: 'list',
			data: [{ object: 'subscription_item', current_period_end: s.current_period_end ?? 1_800_000_000, price: { object: 'price', id: s.price ?? STRIPE_TEST_ENV.STRIPE_PRICE_CLINIC_MONTHLY } }],
		},
	})
	const missing = (what: string) => HttpResponse.json({ error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such ${what}` } }, { status: 404 })

	const server = setupServer(
		http.all(`${API}/*`, async ({ request }) => {
			const url = new URL(request.url)
			requests.push({ method: request.method, path: url.pathname, body: new URLSearchParams(request.method === 'GET' ? url.search : await request.clone().text()) })
			if (down) return HttpResponse.json({ error: { type: 'api_error', message: 'Stripe is having a bad day' } }, { status: 500 })
			return undefined
		}),
		http.get(`${API}/subscriptions/:id`, ({ params }) => {
			const found = subscriptions.get(String(params.id))
			return found ? HttpResponse.json(subscriptionObject(found)) : missing(`subscription: '${String(params.id)}'`)
		}),
		http.post(`${API}/customers`, () => HttpResponse.json({ object: 'customer', id: `cus_fake_${nextId++}` })),
		http.post(`${API}/checkout/sessions`, () => {
			const id = `cs_test_fake_${nextId++}`
			return HttpResponse.json({ object: 'checkout.session', id, url: `https://checkout.stripe.com/c/pay/${id}` })
		}),
		http.post(`${API}/billing_portal/sessions`, () => HttpResponse.json({ object: 'billing_portal.session', id: `bps_fake_${nextId++}`, url: `https://billing.stripe.com/p/session/fake_${nextId}` })),
	)

	const signer = new Stripe(STRIPE_TEST_ENV.STRIPE_SECRET_KEY)
	let eventCount = 0

	return {
		subscriptions,
		requests,
		setDown(value: boolean) {
			down = value
		},
		listen() {
			// Only Stripe is faked; the app under test on 127.0.0.1 is reached for real.
			server.listen({ onUnhandledRequest: (request, print) => (new URL(request.url).hostname.endsWith('stripe.com') ? print.error() : undefined) })
		},
		close() {
			server.close()
		},
		/** An event as Stripe would send it; `object` is the event's own (possibly stale) copy. */
		event(type: string, object: Record<string, unknown>, created = Math.floor(Date.now() / 1000)) {
			eventCount += 1
			return { id: `evt_fake_${eventCount}_${Math.random().toString(36).slice(2, 8)}`, object: 'event', type, created, api_version: '2026-10-28.endive', livemode: false, data: { object } }
		},
		subscriptionObject,
		/** The body and a valid Stripe-Signature header for it. */
		sign(event: object, secret: string = STRIPE_TEST_ENV.STRIPE_WEBHOOK_SECRET) {
			const payload = JSON.stringify(event)
			return { payload, signature: signer.webhooks.generateTestHeaderString({ payload, secret }) }
		},
	}
}

export type FakeStripe = ReturnType<typeof fakeStripe>
