// Stripe's webhook endpoint (docs/billing.md). The body is read as text and handed over unparsed:
// the signature covers the exact bytes Stripe sent.
import { type ActionFunctionArgs } from '@remix-run/node'
import { receiveStripeWebhook } from '#app/domain/billing/stripe-webhook.server.ts'

const MAX_BODY_BYTES = 512 * 1024

const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...headers } })

export function loader() {
	return reply(405, { error: 'Stripe sends webhook events here with POST.' }, { Allow: 'POST' })
}

export async function action({ request }: ActionFunctionArgs) {
	if (request.method !== 'POST') return reply(405, { error: 'Stripe sends webhook events here with POST.' }, { Allow: 'POST' })
	if (Number(request.headers.get('Content-Length') ?? 0) > MAX_BODY_BYTES) return reply(413, { error: `The body is larger than ${MAX_BODY_BYTES / 1024} KB.` })
	const body = await request.text()
	if (Buffer.byteLength(body) > MAX_BODY_BYTES) return reply(413, { error: `The body is larger than ${MAX_BODY_BYTES / 1024} KB.` })
	const { status, body: answer } = await receiveStripeWebhook(body, request.headers.get('Stripe-Signature'))
	return reply(status, answer)
}
