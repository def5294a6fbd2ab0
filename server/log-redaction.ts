// The access log (pino-http): one line per request, with the request's id, and nothing in it that
// could be used to act as someone: bearer tokens in paths and query strings masked (maskUrl), the
// Authorization and Cookie headers never written, Set-Cookie never written. Health checks are not logged.
import { randomUUID } from 'node:crypto'
import { type IncomingMessage, type ServerResponse } from 'node:http'
import { type RequestHandler } from 'express'
import { type Logger } from 'pino'
import { pinoHttp } from 'pino-http'
import { MASK, maskUrl } from '#app/domain/auth/secret-urls.ts'
import { logger, runWithLogContext } from '#app/utils/logger.server.ts'

export const REQUEST_ID_HEADER = 'X-Request-Id'

/** A caller's request id is kept when it is 1–128 characters of letters, digits and `-_.:`; anything else gets a fresh id. */
export function parseRequestId(given: string | string[] | undefined): string | null {
	const value = Array.isArray(given) ? given[0] : given
	if (value === undefined) return null
	const trimmed = value.trim()
	return /^[A-Za-z0-9._:-]{1,128}$/.test(trimmed) ? trimmed : null
}

/** Headers a log may show as they are; any other header is left out. */
const SHOWN_HEADERS = new Set(['user-agent', 'content-type', 'content-length', 'accept', 'x-forwarded-for', 'x-forwarded-proto'])
/** Headers whose presence matters but whose value is a credential. */
const MASKED_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization', 'stripe-signature', 'x-api-key'])

export type LoggedRequest = { method: string; url: string; headers: Record<string, string> }

/** Pure: what the log says of a request. The URL masked, credentials replaced by MASK, the referer masked like a URL. */
export function redactRequest(request: { method?: string; url?: string; headers: Record<string, string | string[] | undefined> }): LoggedRequest {
	const headers: Record<string, string> = {}
	for (const [rawName, rawValue] of Object.entries(request.headers)) {
		if (rawValue === undefined) continue
		const name = rawName.toLowerCase()
		const value = Array.isArray(rawValue) ? rawValue.join(', ') : rawValue
		if (MASKED_HEADERS.has(name)) headers[name] = MASK
		else if (name === 'referer') headers[name] = maskReferer(value)
		else if (SHOWN_HEADERS.has(name)) headers[name] = value
	}
	return { method: request.method ?? 'GET', url: maskUrl(request.url ?? ''), headers }
}

function maskReferer(referer: string): string {
	const origin = /^https?:\/\/[^/?#]*/i.exec(referer)?.[0] ?? ''
	return origin + maskUrl(referer.slice(origin.length))
}

/** Pure: what the log says of a response: its status, and its length; never its cookies. */
export function redactResponse(response: { statusCode: number; getHeader: (name: string) => unknown }): { statusCode: number; contentLength?: number } {
	const length = Number(response.getHeader('content-length'))
	return Number.isFinite(length) ? { statusCode: response.statusCode, contentLength: length } : { statusCode: response.statusCode }
}

type RequestWithId = IncomingMessage & { id?: string; originalUrl?: string }

/**
 * Gives each request its id (the caller's `X-Request-Id` when well formed), echoes it in the
 * response, and runs the rest of the request in a log context that carries it.
 */
export function requestId(): RequestHandler {
	return (req, res, next) => {
		const id = parseRequestId(req.headers['x-request-id']) ?? randomUUID()
		;(req as RequestWithId).id = id
		res.locals.requestId = id
		res.setHeader(REQUEST_ID_HEADER, id)
		runWithLogContext({ requestId: id }, next)
	}
}

/**
 * Opens the request's log context again. Callbacks of streams (the body's reading) run outside
 * the context the request started in, so middleware after the body limit re-enters it.
 */
export function reenterLogContext(): RequestHandler {
	return (_req, res, next) => {
		const id = res.locals.requestId as string | undefined
		if (id) runWithLogContext({ requestId: id }, next)
		else next()
	}
}

/** The access log: one line when each request ends, except health checks. */
export function requestLogger(options: { logger?: Logger } = {}) {
	return pinoHttp<IncomingMessage, ServerResponse>({
		logger: options.logger ?? logger(),
		genReqId: (req) => (req as RequestWithId).id ?? randomUUID(),
		customAttributeKeys: { reqId: 'requestId' },
		// The line names its request id even when the response ends outside the request's log context.
		quietReqLogger: true,
		autoLogging: { ignore: (req) => ['/healthz', '/readyz', '/metrics'].includes(((req as RequestWithId).originalUrl ?? req.url ?? '').split('?')[0]!) },
		serializers: {
			req: (req: IncomingMessage & { raw?: RequestWithId }) => {
				const raw = req.raw ?? (req as RequestWithId)
				return redactRequest({ method: raw.method, url: raw.originalUrl ?? raw.url, headers: raw.headers })
			},
			res: (res: ServerResponse & { raw?: ServerResponse }) => redactResponse(res.raw ?? res),
		},
		customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
		customSuccessMessage: (req, res) => `${req.method} ${maskUrl((req as RequestWithId).originalUrl ?? req.url ?? '')} ${res.statusCode}`,
		customErrorMessage: (req, res) => `${req.method} ${maskUrl((req as RequestWithId).originalUrl ?? req.url ?? '')} ${res.statusCode}`,
	})
}
