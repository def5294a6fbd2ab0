// Billing in the browser: on the server in Stripe mode (Stripe faked inside it by MSW), a clinic
// admin starts the trial, is sent to the (faked) Checkout page, Stripe's webhook arrives, and the
// billing page shows the plan; a coordinator cannot reach billing. On the demo server, the page
// says plainly that billing is not configured.
import Stripe from 'stripe'
import { STRIPE_TEST_ENV } from '#tests/setup/fake-stripe.ts'
import { expect, test } from './app-server.ts'
import { expectNoSeriousAxeViolations, startSession, watchConsole } from './helpers.ts'

test.describe('in Stripe mode', () => {
	// This worker's server in Stripe mode (tests/e2e/app-server.ts), started for this test only.
	test.use({ baseURL: async ({ stripeServer }, provide) => provide(stripeServer.origin) })

	test('a clinic admin subscribes through Checkout; the webhook makes the plan show; a coordinator cannot reach billing', async ({ page, request, browser, baseURL }) => {
		const problems = watchConsole(page)
		// Stripe's hosted Checkout, faked: the test pays by sending the webhook Stripe would send.
		await page.route('https://checkout.stripe.com/**', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Checkout</title><h1>Fake Stripe Checkout</h1>' }))

		await startSession(page, 'tx.admin@tandem.example')
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Billing' }).click()
		await expect(page.getByRole('heading', { name: 'Billing' })).toBeVisible()
		await expect(page.getByText('No subscription')).toBeVisible()
		const billingUrl = page.url()
		await expectNoSeriousAxeViolations(page)

		await page.getByRole('button', { name: 'Start the 14-day free trial' }).click()
		await expect(page.getByRole('heading', { name: 'Fake Stripe Checkout' })).toBeVisible()
		const checkout = new URL(page.url())
		expect(checkout.origin).toBe('https://checkout.stripe.com')
		const customer = checkout.searchParams.get('customer')!
		const clinicId = /\/clinics\/([^/]+)\/billing/.exec(billingUrl)![1]!

		const event = {
			id: `evt_e2e_${Date.now()}`,
			object: 'event',
			type: 'checkout.session.completed',
			created: Math.floor(Date.now() / 1000),
			data: { object: { object: 'checkout.session', mode: 'subscription', customer, subscription: `sub_e2e_${customer}`, client_reference_id: clinicId } },
		}
		const payload = JSON.stringify(event)
		const signature = new Stripe(STRIPE_TEST_ENV.STRIPE_SECRET_KEY).webhooks.generateTestHeaderString({ payload, secret: STRIPE_TEST_ENV.STRIPE_WEBHOOK_SECRET })
		const delivered = await request.post('/webhooks/stripe', { headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signature }, data: payload })
		expect(delivered.status()).toBe(200)
		expect(await delivered.json()).toMatchObject({ outcome: expect.stringMatching(/^applied/) })

		// Stripe sends the admin back to the success URL it was given.
		await page.goto(checkout.searchParams.get('success_url')!)
		await expect(page.getByText('Checkout finished.')).toBeVisible()
		await expect(page.getByText('Free trial', { exact: true })).toBeVisible()
		await expect(page.getByText(/The free trial ends on/)).toBeVisible()
		await expect(page.getByRole('button', { name: /Manage billing/ })).toBeVisible()
		await expectNoSeriousAxeViolations(page)
		expect(problems).toEqual([])

		const coordinator = await browser.newPage({ baseURL })
		await startSession(coordinator, 'tx.coordinator@tandem.example')
		await expect(coordinator.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Referrals' })).toBeVisible()
		await expect(coordinator.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Billing' })).toHaveCount(0)
		const response = await coordinator.goto(billingUrl)
		expect(response?.status()).toBe(403)
		await coordinator.close()
	})
})

test('without Stripe keys, the billing page says billing is not configured', async ({ page }) => {
	await startSession(page, 'tx.admin@tandem.example')
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Billing' }).click()
	await expect(page.getByRole('heading', { name: 'Billing is not configured' })).toBeVisible()
	await expect(page.getByText(/no payment is taken and none is recorded/)).toBeVisible()
	await expect(page.getByRole('button', { name: /trial|subscribe/i })).toHaveCount(0)
	await expectNoSeriousAxeViolations(page)
})
