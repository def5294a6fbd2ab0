// GET /api/v1/referrals/:id/matches?limit=N (docs/product.md §8.3): the ranked suggestions with their
// scores and reasons, how many fit in all, and how many each filter left out.
import { type LoaderFunctionArgs } from '@remix-run/node'
import { MATCHES_DEFAULT_LIMIT as DEFAULT_LIMIT, MATCHES_MAX_LIMIT as MAX_LIMIT } from '#app/domain/api/contract.ts'
import { loadMatchReferral, matchReferral } from '#app/domain/matching/candidates.server.ts'
import { getTherapistSummaries } from '#app/domain/therapists/profiles.server.ts'
import { referralPostingNeeds } from '#app/domain/referrals/referrals.server.ts'
import { invalidFields, json, methodNotAllowed, problem, referralNotFound, withApiKey } from '#app/utils/api.server.ts'
import { routeParam } from '#app/utils/invariant.ts'

export function loader({ request, params }: LoaderFunctionArgs) {
	return withApiKey(request, async ({ clinicId }) => {
		const url = new URL(request.url)
		const unknown = [...new Set(url.searchParams.keys())].filter((k) => k !== 'limit')
		if (unknown.length) return invalidFields([{ path: '(query)', message: `Unknown parameter${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ')}.` }])
		const given = url.searchParams.get('limit')
		const limit = given === null ? DEFAULT_LIMIT : /^\d+$/.test(given) ? Number(given) : NaN
		if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return invalidFields([{ path: 'limit', message: `Give a whole number from 1 to ${MAX_LIMIT}.` }])
		const referral = await loadMatchReferral(routeParam(params, 'referralId'), clinicId)
		if (!referral) {
			// An incomplete draft has nothing to match yet: say what it lacks, as posting would.
			const missing = await referralPostingNeeds(clinicId, routeParam(params, 'referralId'))
			if (!missing?.length) return referralNotFound()
			return problem(409, 'The draft is incomplete', 'Matching needs what posting needs; each missing field is in errors.', { errors: missing })
		}
		const result = await matchReferral(referral, { limit })
		const summaries = await getTherapistSummaries(result.suggestions.map((s) => s.therapistId))
		return json({
			total: result.eligible,
			matches: result.suggestions.map((s) => {
				const t = summaries.get(s.therapistId)!
				return { therapist: { id: t.id, email: t.email, fullName: t.fullName }, score: s.score, reasons: s.reasons }
			}),
			excluded: result.excluded,
		})
	})
}

export function action() {
	return methodNotAllowed('GET')
}
