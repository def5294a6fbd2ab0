// Therapists by name for the clinic's "offer a therapist" and "why not" fields (suggestions as
// the clinic types): id, name and credentials only, at most ten, never those the clinic blocked.
import { type LoaderFunctionArgs } from '@remix-run/node'
import { therapistNameSuggestions } from '#app/domain/referrals/direct-offers.server.ts'
import { requireClinicMember } from '#app/utils/permissions.server.ts'
import { routeParam } from '#app/utils/invariant.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireClinicMember(request, routeParam(params, 'clinicId'))
	const text = (new URL(request.url).searchParams.get('q') ?? '').slice(0, 100)
	const therapists = text.trim().length >= 2 ? await therapistNameSuggestions(routeParam(params, 'clinicId'), text) : []
	return Response.json({ therapists }, { headers: { 'Cache-Control': 'private, no-store' } })
}
