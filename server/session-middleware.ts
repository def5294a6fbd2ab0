// Validates the session cookie once per request, renews or clears the cookie, and runs the rest
// of the request inside a context that loaders read through utils/permissions.server.ts.
import { type RequestHandler } from 'express'
import { runWithRequestContext } from '#app/utils/request-context.server.ts'
import { blankSessionCookie, readSessionTokenFromHeader, sessionCookie, validateSessionToken } from '#app/utils/session.server.ts'

export function sessionContext(options: { secureCookies: boolean }): RequestHandler {
	return async (req, res, next) => {
		try {
			const token = readSessionTokenFromHeader(req.get('cookie'), options.secureCookies)
			const auth = token && req.path !== '/healthz' ? await validateSessionToken(token) : null
			if (token && !auth && req.path !== '/healthz') res.append('Set-Cookie', blankSessionCookie(options.secureCookies))
			if (token && auth?.renewed) res.append('Set-Cookie', sessionCookie(token, auth.expiresAt, options.secureCookies))
			runWithRequestContext({ ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null, cspNonce: String(res.locals.cspNonce ?? ''), auth }, () => next())
		} catch (error) {
			next(error)
		}
	}
}
