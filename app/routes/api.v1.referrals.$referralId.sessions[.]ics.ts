// GET /api/v1/referrals/:id/sessions.ics (docs/product.md §8.3): the referral's series plan as
// iCalendar, for the clinic whose key calls; the same key and scoping as GET /api/v1/referrals/:id.
import { type LoaderFunctionArgs } from '@remix-run/node'
import { referralSessionsCalendar } from '#app/domain/calendar/session-feeds.server.ts'
import { methodNotAllowed, referralNotFound, withApiKey } from '#app/utils/api.server.ts'
import { calendarResponse } from '#app/utils/calendar-response.server.ts'
import { routeParam } from '#app/utils/invariant.ts'

export function loader({ request, params }: LoaderFunctionArgs) {
	return withApiKey(request, async ({ clinicId }) => {
		const ics = await referralSessionsCalendar(clinicId, routeParam(params, 'referralId'))
		return ics === null ? referralNotFound() : calendarResponse(ics)
	})
}

export function action() {
	return methodNotAllowed('GET')
}
