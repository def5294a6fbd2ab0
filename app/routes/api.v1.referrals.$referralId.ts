// GET /api/v1/referrals/:id (docs/product.md §8.3): the referral, its status, offers, timeline and series plan. Reading the
// patient's details through the API is audited like reading them on the page.
import { type LoaderFunctionArgs } from '@remix-run/node'
import { getClinic } from '#app/domain/clinics/clinics.server.ts'
import { referralResource } from '#app/domain/referrals/referral-resource.ts'
import { clinicReferralOffers, getReferralWithPatient } from '#app/domain/referrals/referrals.server.ts'
import { referralPlan } from '#app/domain/series/plan.server.ts'
import { json, methodNotAllowed, referralNotFound, withApiKey } from '#app/utils/api.server.ts'
import { routeParam } from '#app/utils/invariant.ts'

export function loader({ request, params }: LoaderFunctionArgs) {
	return withApiKey(request, async ({ apiKeyId, clinicId }) => {
		const [clinic, referral] = await Promise.all([getClinic(clinicId), getReferralWithPatient(clinicId, routeParam(params, 'referralId'), { kind: 'api_key', apiKeyId })])
		if (!clinic || !referral) return referralNotFound()
		const [offers, sessions] = await Promise.all([clinicReferralOffers(referral.id), referralPlan(referral.id)])
		return json(referralResource(referral, referral.patient, referral.events, offers, clinic.timeZone, sessions))
	})
}

export function action() {
	return methodNotAllowed('GET')
}
