// Writing a referral: saved as a draft to finish later, or posted at once (docs/product.md §4, §8.3).
// The form goes through the same schema as the clinic API.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { BackLink } from '#app/components/ui/back-link.tsx'
import { ReferralFields, ReferralFormButtons, ReferralFormProblems } from '#app/components/referrals/referral-fields.tsx'
import { billingRefusal, type BillingRefusal } from '#app/domain/billing/billing-refusal.ts'
import { getClinic } from '#app/domain/clinics/clinics.server.ts'
import { createReferral } from '#app/domain/referrals/referral-changes.server.ts'
import { errorsByField, newReferralFields, parseReferralSubmission, type FormFields } from '#app/domain/referrals/referral-form.ts'
import { timeZoneName } from '#app/domain/therapists/profile-text.ts'
import { requireClinicMember } from '#app/utils/permissions.server.ts'

export const meta: MetaFunction = () => [{ title: 'New referral — Tandem' }]

async function clinicFor(request: Request, clinicId: string) {
	const auth = await requireClinicMember(request, clinicId)
	const clinic = await getClinic(clinicId)
	if (!clinic) throw new Response('Not found', { status: 404 })
	return { auth, clinic }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { clinic } = await clinicFor(request, params.clinicId!)
	return { clinic: { id: clinic.id, name: clinic.name }, zoneName: timeZoneName(clinic.timeZone), fields: newReferralFields(clinic) }
}

type ActionData = { errors: Record<string, string[]>; values: FormFields; billing?: BillingRefusal }

export async function action({ request, params }: ActionFunctionArgs) {
	const { auth, clinic } = await clinicFor(request, params.clinicId!)
	const submitted = parseReferralSubmission(await request.formData(), clinic.timeZone)
	if (!submitted.ok) return data<ActionData>({ errors: submitted.errors, values: submitted.fields }, { status: 400 })
	const result = await createReferral(clinic.id, { kind: 'user', userId: auth.user.id }, submitted.input)
	if (!result.ok && result.reason === 'payment_required')
		return data<ActionData>({ errors: {}, values: submitted.fields, billing: billingRefusal(auth.principal, clinic.id, result.message) }, { status: 402 })
	if (!result.ok) return data<ActionData>({ errors: result.reason === 'invalid' ? errorsByField(result.issues) : {}, values: submitted.fields }, { status: 400 })
	return redirect(`/clinics/${clinic.id}/referrals/${result.id}?done=${submitted.post ? 'posted' : 'saved'}`)
}

export default function NewReferral() {
	const { clinic, zoneName, fields } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() as ActionData | undefined
	const navigation = useNavigation()
	return (
		<div className="mx-auto max-w-3xl space-y-6 px-4 py-12">
			<header className="space-y-1">
				<BackLink to={`/clinics/${clinic.id}/referrals`}>Referrals</BackLink>
				<h1 className="text-2xl font-semibold tracking-tight">New referral</h1>
				<p className="text-slate-700">Save it as a draft to finish later, or post it to start matching.</p>
			</header>
			<ReferralFormProblems errors={actionData?.errors ?? {}} billing={actionData?.billing} posting={actionData?.values.intent === 'post'} />
			<Form method="post" className="space-y-6" noValidate>
				<ReferralFields values={actionData?.values ?? fields} errors={actionData?.errors ?? {}} zoneName={zoneName} />
				<ReferralFormButtons save="Save as draft" post="Post referral" pending={navigation.state === 'submitting'} />
			</Form>
		</div>
	)
}
