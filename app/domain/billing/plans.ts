// Tandem's plans (docs/product.md §7), in one place. Clinics pay a flat monthly fee per location;
// therapists list for free. No price here may depend on the number, value or payer of referrals,
// and nothing a clinic pays reaches matching (score.ts has no payment input).
export const PLANS = {
	clinic_monthly: {
		name: 'Clinic',
		summary: 'One clinic location: unlimited referrals, the partner directory and the clinic API.',
		monthlyUsd: 249,
		per: 'location',
		trialDays: 14,
		/** The environment variable holding the plan's Stripe Price id. */
		priceEnv: 'STRIPE_PRICE_CLINIC_MONTHLY',
	},
} as const

export type PlanSlug = keyof typeof PLANS
export const PLAN_SLUGS = Object.keys(PLANS) as PlanSlug[]

export function isPlanSlug(value: string): value is PlanSlug {
	return Object.hasOwn(PLANS, value)
}
