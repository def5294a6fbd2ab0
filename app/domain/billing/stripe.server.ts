// The one Stripe client, made from the keys in the environment (billing-config.ts). Requests
// retry twice on network errors with Stripe's idempotency keys and give up after 10 s, so a slow
// Stripe shows as a clear error on the billing page rather than a hung request.
import Stripe from 'stripe'
import { env } from '#app/utils/env.server.ts'

export type StripeSettings = Extract<ReturnType<typeof env>['billing'], { mode: 'stripe' }>

let client: { key: string; stripe: Stripe } | undefined

/** Stripe settings and client, or null in demo mode. */
export function stripeBilling(): { settings: StripeSettings; stripe: Stripe } | null {
	const settings = env().billing
	if (settings.mode !== 'stripe') return null
	if (client?.key !== settings.secretKey) client = { key: settings.secretKey, stripe: new Stripe(settings.secretKey, { maxNetworkRetries: 2, timeout: 10_000, appInfo: { name: 'Tandem' } }) }
	return { settings, stripe: client.stripe }
}

/** Stripe's "no such object" answer (a deleted customer or a subscription id from elsewhere). */
export function isMissingResource(error: unknown): boolean {
	return error instanceof Stripe.errors.StripeInvalidRequestError && (error.code === 'resource_missing' || error.statusCode === 404)
}
