// POST /api/v1/referrals (docs/product.md §8.3): a clinic's EHR or script writes a referral, as a
// draft (which may be incomplete) or posted at once (which needs every required field). Same
// schema as the referral form.
import { type ActionFunctionArgs } from '@remix-run/node'
import { createReferral } from '#app/domain/referrals/referral-changes.server.ts'
import { issuesByPath, ReferralInputSchema } from '#app/domain/referrals/referral-input.ts'
import { invalidFields, json, methodNotAllowed, paymentRequired, readJson, withApiKey } from '#app/utils/api.server.ts'

export function loader() {
	return methodNotAllowed('POST')
}

export function action({ request }: ActionFunctionArgs) {
	if (request.method !== 'POST') return methodNotAllowed('POST')
	return withApiKey(request, async ({ apiKeyId, clinicId }) => {
		const read = await readJson(request)
		if (!read.ok) return read.response
		const parsed = ReferralInputSchema.safeParse(read.body)
		if (!parsed.success) return invalidFields(issuesByPath(parsed.error))
		const result = await createReferral(clinicId, { kind: 'api_key', apiKeyId }, parsed.data)
		if (!result.ok && result.reason === 'payment_required') return paymentRequired(clinicId, result.message)
		if (!result.ok) return invalidFields(result.reason === 'invalid' ? result.issues : [])
		return json({ id: result.id, status: result.status }, 201, { Location: `/api/v1/referrals/${result.id}` })
	})
}
