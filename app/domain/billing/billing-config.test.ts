import { expect, test } from 'vitest'
import { billingConfig } from './billing-config.ts'

const full = { STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc', STRIPE_PRICE_CLINIC_MONTHLY: 'price_123' }

test('no Stripe variables: demo mode', () => {
	expect(billingConfig({})).toEqual({ ok: true, config: { mode: 'demo' } })
	expect(billingConfig({ STRIPE_SECRET_KEY: '', STRIPE_WEBHOOK_SECRET: '' })).toEqual({ ok: true, config: { mode: 'demo' } })
})

test('keys and every price: Stripe mode', () => {
	expect(billingConfig(full)).toEqual({ ok: true, config: { mode: 'stripe', secretKey: 'sk_test_abc', webhookSecret: 'whsec_abc', prices: { clinic_monthly: 'price_123' } } })
})

test.each([
	[{ ...full, STRIPE_SECRET_KEY: undefined }, /^STRIPE_SECRET_KEY is missing/],
	[{ ...full, STRIPE_WEBHOOK_SECRET: undefined }, /^STRIPE_WEBHOOK_SECRET is missing/],
	[{ ...full, STRIPE_SECRET_KEY: 'pk_test_abc' }, /^STRIPE_SECRET_KEY must be a Stripe secret/],
	[{ ...full, STRIPE_WEBHOOK_SECRET: 'abc' }, /^STRIPE_WEBHOOK_SECRET must be/],
	[{ ...full, STRIPE_PRICE_CLINIC_MONTHLY: undefined }, /^STRIPE_PRICE_CLINIC_MONTHLY is missing/],
	[{ ...full, STRIPE_PRICE_CLINIC_MONTHLY: 'prod_123' }, /^STRIPE_PRICE_CLINIC_MONTHLY must be a Stripe Price id/],
	[{ STRIPE_PRICE_CLINIC_MONTHLY: 'price_123' }, /set without STRIPE_SECRET_KEY/],
])('half a configuration names what is wrong: %o', (env, error) => {
	const result = billingConfig(env)
	expect(result.ok).toBe(false)
	expect(!result.ok && result.error).toMatch(error)
})
