// Headers every response carries (with a fresh CSP nonce), and the Origin check that refuses
// cross-site form submissions (CSRF). API and webhook routes authenticate by bearer token or
// signature instead of cookies, so the Origin check does not apply to them.
import { randomBytes } from 'node:crypto'
import { type RequestHandler } from 'express'

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
		if (options.production) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
		next()
	}
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const TOKEN_AUTHENTICATED = ['/api/', '/webhooks/']

export function originCheck(appOrigin: string): RequestHandler {
	return (req, res, next) => {
		if (SAFE_METHODS.has(req.method) || TOKEN_AUTHENTICATED.some((prefix) => req.path.startsWith(prefix))) return next()
		const origin = req.get('origin') ?? originOf(req.get('referer'))
		const own = new Set([appOrigin, `${req.protocol}://${req.get('host')}`])
		if (origin && own.has(origin)) return next()
		res
			.status(403)
			.type('text/plain')
			.send('This form was sent from another site, so it was refused. Open Tandem directly and try again.')
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
