// GET /choose/<token>/sessions.ics: the patient's booked sessions as a calendar file, from their
// private link, in their page's language (docs/product.md §4a). Rate-limited like the page; a link
// that no longer works, or whose patient has not chosen yet, is 404.
import { type LoaderFunctionArgs } from '@remix-run/node'
import { hashToken } from '#app/domain/auth/tokens.ts'
import { patientSessionsCalendar } from '#app/domain/calendar/session-feeds.server.ts'
import { calendarResponse } from '#app/utils/calendar-response.server.ts'
import { clientIp } from '#app/utils/http.server.ts'
import { consumeRateLimits } from '#app/utils/rate-limit.server.ts'
import { routeParam } from '#app/utils/invariant.ts'

export async function loader({ params }: LoaderFunctionArgs) {
	const token = routeParam(params, 'token')
	const limited = await consumeRateLimits([
		['patientLinkPerIp', clientIp()],
		['patientLinkPerToken', hashToken(token)],
	])
	if (!limited.allowed) return new Response('Too many requests', { status: 429, headers: { 'Retry-After': String(limited.retryAfterSeconds), 'Cache-Control': 'no-store' } })
	const file = await patientSessionsCalendar(token)
	if (!file.ok) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })
	return calendarResponse(file.ics, { download: `tandem-${file.reference}.ics`, noReferrer: true })
}
