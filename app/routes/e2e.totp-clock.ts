// Browser tests pin the clock two-factor codes are checked against (tests/e2e/helpers.ts
// pinTotpStep), so a test gives a code for a step of its choosing instead of waiting up to 30
// seconds for the next one. 404 unless the process started with TANDEM_E2E_ROUTES=1 outside
// production (utils/e2e-routes.server.ts).
import { type ActionFunctionArgs } from '@remix-run/node'
import { E2eTotpClockSchema, pinTotpClock, readE2eForm, requireE2eRoutes } from '#app/utils/e2e-routes.server.ts'

export function loader() {
	requireE2eRoutes()
	throw new Response('Method not allowed', { status: 405, headers: { Allow: 'POST' } })
}

export async function action({ request }: ActionFunctionArgs) {
	requireE2eRoutes()
	const { at } = await readE2eForm(request, E2eTotpClockSchema)
	pinTotpClock(at)
	return Response.json({ at })
}
