// A therapist's photo on the patient's page: only through a link in use, and only for a therapist
// on that link's shortlist (or the one chosen), named by their offer. Anyone else is 404, as if
// they had no photo (docs/product.md §5: a patient link sees only its referral's shortlist).
import { type LoaderFunctionArgs } from '@remix-run/node'
import { shortlistPhoto } from '#app/domain/referrals/patient-page.server.ts'
import { photoResponse } from '#app/utils/photo-response.server.ts'
import { routeParam } from '#app/utils/invariant.ts'

export async function loader({ params }: LoaderFunctionArgs) {
	const photo = await shortlistPhoto(routeParam(params, 'token'), routeParam(params, 'offerId'), new Date())
	if (!photo) throw new Response('Not found', { status: 404 })
	return photoResponse(photo, { noReferrer: true })
}
