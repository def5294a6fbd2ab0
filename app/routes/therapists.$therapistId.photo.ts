// A therapist's profile photo, for the people who may see their profile. Served with the type
// found in its first bytes when it was uploaded; never cached by shared caches.
import { type LoaderFunctionArgs } from '@remix-run/node'
import { canViewTherapistProfile } from '#app/domain/auth/roles.ts'
import { getPhoto } from '#app/domain/therapists/profile-editing.server.ts'
import { requireUser } from '#app/utils/permissions.server.ts'
import { photoResponse } from '#app/utils/photo-response.server.ts'
import { routeParam } from '#app/utils/invariant.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const auth = await requireUser(request)
	if (!canViewTherapistProfile(auth.principal, routeParam(params, 'therapistId'))) throw new Response('Forbidden', { status: 403 })
	const photo = await getPhoto(routeParam(params, 'therapistId'))
	if (!photo) throw new Response('Not found', { status: 404 })
	return photoResponse(photo)
}
