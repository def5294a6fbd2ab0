// The clinic API's plumbing (docs/product.md §8.3): the bearer key, RFC 9457 problem+json errors,
// JSON bodies, and an audit entry for every call, whatever its outcome. Handlers receive the
// caller's clinic and return a Response; anything they throw unexpectedly becomes a plain 500
// problem without details.
import { audit } from '#app/domain/audit/audit.server.ts'
import { bearerKey } from '#app/domain/auth/api-keys.ts'
import { authenticateApiKey } from '#app/domain/clinics/api-keys.server.ts'
import { consumeRateLimit } from './rate-limit.server.ts'
import { clientIp } from './http.server.ts'
import { errorField, logger } from './logger.server.ts'

export type ApiCaller = { apiKeyId: string; clinicId: string }

export type FieldProblem = { path: string; message: string }

const PROBLEM_TYPES = {
	400: 'invalid-request',
	401: 'unauthorized',
	402: 'payment-required',
	404: 'not-found',
	405: 'method-not-allowed',
	409: 'conflict',
	413: 'payload-too-large',
	415: 'unsupported-media-type',
	429: 'too-many-requests',
	500: 'server-error',
} as const

export type ProblemStatus = keyof typeof PROBLEM_TYPES

/** An RFC 9457 problem: `type` names the kind, `detail` says what to do, `errors` lists the fields. */
export function problem(status: ProblemStatus, title: string, detail: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
	return new Response(JSON.stringify({ type: `/api/v1/problems/${PROBLEM_TYPES[status]}`, title, status, detail, ...extra }), {
		status,
		headers: { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store', ...headers },
	})
}

export function invalidFields(errors: readonly FieldProblem[]): Response {
	const first = errors[0]
	return problem(400, 'The request has invalid fields', errors.length === 1 ? `${first!.path}: ${first!.message}` : `${errors.length} fields are invalid; see errors.`, { errors })
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
	return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers } })
}

export function methodNotAllowed(allow: string): Response {
	return problem(405, 'Method not allowed', `Use ${allow} on this address.`, {}, { Allow: allow })
}

/** Posting refused for the clinic's subscription (docs/product.md §7); `billingUrl` is where an admin fixes it. */
export function paymentRequired(clinicId: string, message: string): Response {
	return problem(402, 'The clinic’s subscription does not allow posting', message, { billingUrl: `/clinics/${clinicId}/billing` })
}

/** Same answer for an unknown id and another clinic's: the response must not say which. */
export function referralNotFound(): Response {
	return problem(404, 'Referral not found', 'No referral with this id belongs to your clinic.')
}

const MAX_BODY_BYTES = 64 * 1024

/** The request's JSON body, or the problem to answer with. */
export async function readJson(request: Request): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
	const type = request.headers.get('Content-Type') ?? ''
	if (!/^application\/json\b/i.test(type)) return { ok: false, response: problem(415, 'Send JSON', 'Set Content-Type: application/json and send a JSON body.') }
	if (Number(request.headers.get('Content-Length') ?? 0) > MAX_BODY_BYTES) return { ok: false, response: problem(413, 'Body too large', `Send at most ${MAX_BODY_BYTES / 1024} KB.`) }
	const text = await request.text()
	if (new TextEncoder().encode(text).length > MAX_BODY_BYTES) return { ok: false, response: problem(413, 'Body too large', `Send at most ${MAX_BODY_BYTES / 1024} KB.`) }
	try {
		return { ok: true, body: JSON.parse(text) }
	} catch (error) {
		return { ok: false, response: problem(400, 'The body is not valid JSON', (error as Error).message) }
	}
}

/** Runs an API handler for the clinic whose key the request carries, and audits the call. */
export async function withApiKey(request: Request, handler: (caller: ApiCaller) => Promise<Response>): Promise<Response> {
	const url = new URL(request.url)
	const call = { method: request.method, path: url.pathname + url.search }
	const presented = bearerKey(request.headers.get('Authorization'))
	const caller = presented.ok ? await authenticateApiKey(presented.key) : null
	if (!caller) {
		const ip = clientIp()
		const limited = ip ? await consumeRateLimit('apiBadKeyPerIp', ip) : { allowed: true as const }
		const response = !limited.allowed
			? problem(429, 'Too many requests', 'Too many calls without a valid key from this address; try again later.', {}, { 'Retry-After': String(limited.retryAfterSeconds) })
			: problem(
					401,
					'A valid API key is needed',
					presented.ok
						? 'This key is unknown or was revoked. A clinic admin can create a new one in the clinic’s API keys page.'
						: presented.problem === 'missing'
							? 'Send your clinic’s key as Authorization: Bearer tdm_….'
							: 'The Authorization header must be "Bearer" followed by a key that starts with tdm_.',
					{},
					{ 'WWW-Authenticate': 'Bearer realm="tandem"' },
				)
		await audit({ actorId: null, action: 'api.request', entity: 'api', entityId: null, details: { ...call, status: response.status } })
		return response
	}
	const limited = await consumeRateLimit('apiPerKey', caller.apiKeyId)
	let response: Response
	if (!limited.allowed) {
		response = problem(429, 'Too many requests', `This key made too many calls; try again in ${limited.retryAfterSeconds} seconds.`, {}, { 'Retry-After': String(limited.retryAfterSeconds) })
	} else {
		try {
			response = await handler(caller)
		} catch (error) {
			if (error instanceof Response) throw error
			logger().error({ err: errorField(error) }, 'API handler failed')
			response = problem(500, 'Something went wrong', 'The request could not be completed. Try again, and tell us if it keeps happening.')
		}
	}
	await audit({ actorId: null, action: 'api.request', entity: 'api_key', entityId: caller.apiKeyId, details: { ...call, status: response.status, clinicId: caller.clinicId } })
	return response
}
