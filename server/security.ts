// Headers every response carries (with a fresh CSP nonce), and the Origin check that refuses
// cross-site form submissions (CSRF). API and webhook routes authenticate by bearer token or
// signature instead of cookies, so the Origin check does not apply to them.
import { randomBytes } from 'node:crypto'
import { type RequestHandler } from 'express'
import { pathKind, routedPath } from './request-path.ts'

export function contentSecurityPolicy(nonce: string, options: { production: boolean }) {
	return [
		"default-src 'self'",
		`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
		`style-src 'self' 'nonce-${nonce}'`,
		"img-src 'self' data:",
		"font-src 'self'",
		"connect-src 'self'",
		"frame-ancestors 'none'",
		"base-uri 'self'",
		"form-action 'self'",
		"object-src 'none'",
		...(options.production ? ['upgrade-insecure-requests'] : []),
	].join('; ')
}

export function securityHeaders(options: { production: boolean; dev: boolean }): RequestHandler {
	return (_req, res, next) => {
		const nonce = randomBytes(16).toString('base64')
		res.locals.cspNonce = nonce
		// Vite's dev server injects scripts of its own; there the policy only reports.
		res.setHeader(options.dev ? 'Content-Security-Policy-Report-Only' : 'Content-Security-Policy', contentSecurityPolicy(nonce, options))
		res.setHeader('X-Content-Type-Options', 'nosniff')
		res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin')
		res.setHeader('X-Frame-Options', 'DENY')
		res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()')
		// No other site's window keeps a handle on ours (Stripe Checkout is a plain redirect, not
		// a popup), and no other site may embed our responses (photos, pages, data).
		res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
		res.setHeader('Cross-Origin-Resource-Policy', 'same-origin')
		if (options.production) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
		next()
	}
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export type OriginCheckInput = {
	method: string
	/** The raw request target (`req.originalUrl`), judged as the router will see it. */
	url: string
	origin: string | undefined
	referer: string | undefined
	/** APP_URL's origin, and the origin the request itself was addressed to. */
	ownOrigins: readonly string[]
	/** The host the request says it was sent to: X-Forwarded-Host's first entry, else Host. */
	requestHost?: string | undefined
}

/**
 * Whether a request may go on (CSRF defence). Pure. Safe methods and the token-authenticated
 * routes (API, webhooks) pass; anything else needs an Origin (or, failing that, a Referer) of this
 * site. The path is normalised first: `/api/../account` is the account page, not the API.
 */
export function originAllowed(input: OriginCheckInput): boolean {
	if (SAFE_METHODS.has(input.method.toUpperCase())) return true
	if (pathKind(routedPath(input.url)) !== 'app') return true
	// Remix aborts an action whose Origin names another host than the request's (as a 500): such a
	// request is refused here, with words, instead. A browser's own form never sends that pair.
	if (input.origin !== undefined && input.requestHost !== undefined && originOf(input.origin)?.replace(/^[a-z]+:\/\//, '') !== input.requestHost) return false
	const origin = input.origin ?? originOf(input.referer)
	return origin !== undefined && input.ownOrigins.includes(origin)
}

export function originCheck(appOrigin: string): RequestHandler {
	return (req, res, next) => {
		const allowed = originAllowed({
			method: req.method,
			url: req.originalUrl,
			origin: req.get('origin'),
			referer: req.get('referer'),
			ownOrigins: [appOrigin, `${req.protocol}://${req.get('host')}`],
			requestHost: req.get('x-forwarded-host')?.split(',')[0]?.trim() || req.get('host'),
		})
		if (allowed) return next()
		res.status(403).type('text/plain').send('This form was sent from another site, so it was refused. Open Tandem directly and try again.')
	}
}

function originOf(referer: string | undefined): string | undefined {
	if (!referer) return undefined
	try {
		return new URL(referer).origin
	} catch {
		return undefined
	}
}
