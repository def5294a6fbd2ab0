// POST /api/v1/referrals/:id/actions {action: post|cancel|repost, reason?} (docs/product.md §8.3): the
// new status, or 409 with the actions the referral allows now.
import { type ActionFunctionArgs } from '@remix-run/node'
import { ReferralActionSchema } from '#app/domain/api/contract.ts'
import { applyClinicAction } from '#app/domain/referrals/referral-changes.server.ts'
import { issuesByPath } from '#app/domain/referrals/referral-input.ts'
import { invalidFields, json, methodNotAllowed, paymentRequired, problem, readJson, referralNotFound, withApiKey } from '#app/utils/api.server.ts'
import { routeParam } from '#app/utils/invariant.ts'

export function loader() {
	return methodNotAllowed('POST')
}

export function action({ request, params }: ActionFunctionArgs) {
	if (request.method !== 'POST') return methodNotAllowed('POST')
	return withApiKey(request, async ({ apiKeyId, clinicId }) => {
		const read = await readJson(request)
		if (!read.ok) return read.response
		const parsed = ReferralActionSchema.safeParse(read.body)
		if (!parsed.success) return invalidFields(issuesByPath(parsed.error))
		const result = await applyClinicAction(clinicId, routeParam(params, 'referralId'), { kind: 'api_key', apiKeyId }, parsed.data.action, parsed.data.reason || null)
		if (result.ok) return json({ id: result.id, status: result.status })
		if (result.reason === 'not_found') return referralNotFound()
		if (result.reason === 'invalid') return invalidFields(result.issues)
		if (result.reason === 'payment_required') return paymentRequired(clinicId, result.message)
		return problem(409, 'Not allowed in this status', result.message, { referralStatus: result.status, allowedActions: result.allowed })
	})
}
