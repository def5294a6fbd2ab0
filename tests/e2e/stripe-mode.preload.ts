// Loaded with `node --import` into the second browser-test server (playwright.config.ts): the app
// in Stripe mode, with Stripe's API faked by MSW inside that process. The fake has no state of its
// own: a Checkout URL names the customer it was for, and subscription `sub_e2e_<customer>` is
// that customer's, in its trial. The browser test plays Stripe's part by sending the signed webhook.
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { STRIPE_TEST_ENV } from '#tests/setup/fake-stripe.ts'

Object.assign(process.env, STRIPE_TEST_ENV)

const API = 'https://api.stripe.com/v1'
let customers = 0

setupServer(
	http.post(`${API}/customers`, () => HttpResponse.json({ object: 'customer', id: `cus_e2e${Date.now().toString(36)}${++customers}` })),
	http.post(`${API}/checkout/sessions`, async ({ request }) => {
		const form = new URLSearchParams(await request.text())
		const url = new URL('https://checkout.stripe.com/c/pay/cs_e2e')
		url.searchParams.set('customer', form.get('customer') ?? '')
		url.searchParams.set('success_url', form.get('success_url') ?? '')
		return HttpResponse.json({ object: 'checkout.session', id: 'cs_e2e', url: url.href })
	}),
	http.get(`${API}/subscriptions/:id`, ({ params }) => {
		const customer = /^sub_e2e_(cus_\w+)$/.exec(String(params.id))?.[1]
		if (!customer) return HttpResponse.json({ error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such subscription' } }, { status: 404 })
		const trialEnd = Math.floor(Date.now() / 1000) + 14 * 86_400
		return HttpResponse.json({
			object: 'subscription',
			id: params.id,
			customer,
			status: 'trialing',
			trial_end: trialEnd,
			cancel_at_period_end: false,
			items: { object: 'list', data: [{ object: 'subscription_item', current_period_end: trialEnd, price: { object: 'price', id: STRIPE_TEST_ENV.STRIPE_PRICE_CLINIC_MONTHLY } }] },
		})
	}),
	http.post(`${API}/billing_portal/sessions`, () => HttpResponse.json({ object: 'billing_portal.session', id: 'bps_e2e', url: 'https://billing.stripe.com/p/session/e2e' })),
).listen({ onUnhandledRequest: 'bypass' })
