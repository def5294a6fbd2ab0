// Browser tests sign in here instead of through the form (tests/e2e/helpers.ts startSession): a
// session made as logging in makes it, its cookie set. 404 unless the process started with
// TANDEM_E2E_ROUTES=1 outside production (utils/e2e-routes.server.ts).
import { type ActionFunctionArgs } from '@remix-run/node'
import { rememberAddress } from '#app/domain/accounts/sign-in.server.ts'
import { sessionAccess } from '#app/domain/auth/two-factor.ts'
import { db } from '#app/utils/db.server.ts'
import { E2eSessionSchema, readE2eForm, requireE2eRoutes } from '#app/utils/e2e-routes.server.ts'
import { clientIp } from '#app/utils/http.server.ts'
import { markSessionTwoFactorVerified, startSession } from '#app/utils/session.server.ts'

export function loader() {
	requireE2eRoutes()
	throw new Response('Method not allowed', { status: 405, headers: { Allow: 'POST' } })
}

export async function action({ request }: ActionFunctionArgs) {
	requireE2eRoutes()
	const { email, twoFactor } = await readE2eForm(request, E2eSessionSchema)
	const user = await db().user.findUnique({ where: { email }, select: { id: true, emailVerifiedAt: true, totpEnabledAt: true, isPlatformAdmin: true } })
	// Logging in refuses these too.
	if (!user?.emailVerifiedAt) return Response.json({ error: 'No account with a confirmed email address has that address.' }, { status: 400 })
	const { session, setCookie } = await startSession(user.id)
	if (twoFactor) await markSessionTwoFactorVerified(session.id)
	const access = sessionAccess({ twoFactorEnabled: user.totpEnabledAt !== null, sessionVerified: twoFactor, isPlatformAdmin: user.isPlatformAdmin })
	if (access === 'full') await rememberAddress(user.id, clientIp())
	return Response.json({ access }, { headers: { 'Set-Cookie': setCookie } })
}
