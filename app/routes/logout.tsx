// Log out: end this session and clear the cookie. POST only; a link cannot log anyone out.
import { type ActionFunctionArgs, redirect } from '@remix-run/node'
import { audit } from '#app/domain/audit/audit.server.ts'
import { getAuth } from '#app/utils/permissions.server.ts'
import { invalidateSession, redirectSignedOut } from '#app/utils/session.server.ts'

export function loader() {
	return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
	const auth = await getAuth(request)
	if (auth) {
		await invalidateSession(auth.sessionId)
		await audit({ actorId: auth.user.id, action: 'auth.logout', entity: 'session', entityId: auth.sessionId })
	}
	return redirectSignedOut('/')
}
