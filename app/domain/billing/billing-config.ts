// Whether billing runs on Stripe or in demo mode, from the environment (docs/product.md §7). Without
// Stripe keys the app says plainly that billing is not configured; half a configuration is an
// error naming what is missing, so that a deployment never believes it bills when it does not.
import { PLANS, PLAN_SLUGS, type PlanSlug } from './plans.ts'

export type BillingConfig = { mode: 'demo' } | { mode: 'stripe'; secretKey: string; webhookSecret: string; prices: Record<PlanSlug, string> }

export type BillingConfigResult = { ok: true; config: BillingConfig } | { ok: false; error: string }

export function billingConfig(env: Record<string, string | undefined>): BillingConfigResult {
	const value = (name: string) => (env[name] === '' ? undefined : env[name])
	const secretKey = value('STRIPE_SECRET_KEY')
	const webhookSecret = value('STRIPE_WEBHOOK_SECRET')
	const priceNames = PLAN_SLUGS.map((slug) => PLANS[slug].priceEnv)
	if (!secretKey && !webhookSecret) {
		const stray = priceNames.filter((name) => value(name))
		if (stray.length) return { ok: false, error: `${stray.join(' and ')} set without STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET: set both keys, or unset the prices for demo mode` }
		return { ok: true, config: { mode: 'demo' } }
	}
	if (!secretKey) return { ok: false, error: 'STRIPE_SECRET_KEY is missing: STRIPE_WEBHOOK_SECRET is set, and billing needs both (or neither, for demo mode)' }
	if (!/^(sk|rk)_(test|live)_\S+$/.test(secretKey)) return { ok: false, error: 'STRIPE_SECRET_KEY must be a Stripe secret or restricted key (sk_live_…, sk_test_…, rk_…)' }
	if (!webhookSecret) return { ok: false, error: 'STRIPE_WEBHOOK_SECRET is missing: STRIPE_SECRET_KEY is set, and billing needs both (or neither, for demo mode)' }
	if (!/^whsec_\S+$/.test(webhookSecret)) return { ok: false, error: 'STRIPE_WEBHOOK_SECRET must be the endpoint signing secret Stripe shows (whsec_…)' }
	const prices = {} as Record<PlanSlug, string>
	for (const slug of PLAN_SLUGS) {
		const name = PLANS[slug].priceEnv
		const price = value(name)
		if (!price) return { ok: false, error: `${name} is missing: the Stripe Price id of the ${PLANS[slug].name} plan (price_…)` }
		if (!/^price_\S+$/.test(price)) return { ok: false, error: `${name} must be a Stripe Price id (price_…) (got "${price}")` }
		prices[slug] = price
	}
	return { ok: true, config: { mode: 'stripe', secretKey, webhookSecret, prices } }
}
