// GET /calendar/<token>/sessions.ics: a person's private feed of planned sessions (docs/product.md
// §4a), for their calendar to subscribe to. No account needed: the token is the key; an address
// replaced or turned off is 404. Never kept by a shared cache.
import { type LoaderFunctionArgs } from '@remix-run/node'
import { hashToken } from '#app/domain/auth/tokens.ts'
import { sessionFeedCalendar } from '#app/domain/calendar/session-feeds.server.ts'
import { consumeRateLimit } from '#app/utils/rate-limit.server.ts'
import { calendarResponse } from '#app/utils/calendar-response.server.ts'
import { routeParam } from '#app/utils/invariant.ts'

export async function loader({ params }: LoaderFunctionArgs) {
	const token = routeParam(params, 'token')
	const limited = await consumeRateLimit('sessionFeedPerToken', hashToken(token))
	if (!limited.allowed) return new Response('Too many requests', { status: 429, headers: { 'Retry-After': String(limited.retryAfterSeconds), 'Cache-Control': 'no-store' } })
	const ics = await sessionFeedCalendar(token)
	if (ics === null) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })
	return calendarResponse(ics)
}
