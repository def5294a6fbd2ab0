// Writing a referral: saved as a draft to finish later, or posted at once (docs/product.md §4, §8.3).
// The form goes through the same schema as the clinic API, read by Conform.
import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { BackLink } from '#app/components/ui/back-link.tsx'
import { ReferralFields, ReferralFormButtons, ReferralFormProblems } from '#app/components/referrals/referral-fields.tsx'
import { billingRefusal, type BillingRefusal } from '#app/domain/billing/billing-refusal.ts'
import { getClinic } from '#app/domain/clinics/clinics.server.ts'
import { createReferral } from '#app/domain/referrals/referral-changes.server.ts'
import { errorsByField, nestedFields, newReferralFields, referralFormSchema, type ReferralFormValue } from '#app/domain/referrals/referral-form.ts'
import { timeZoneName } from '#app/domain/therapists/profile-text.ts'
import { requireClinicMember } from '#app/utils/permissions.server.ts'
import { routeParam } from '#app/utils/invariant.ts'

export const meta: MetaFunction = () => [{ title: 'New referral — Tandem' }]

async function clinicFor(request: Request, clinicId: string) {
	const auth = await requireClinicMember(request, clinicId)
	const clinic = await getClinic(clinicId)
	if (!clinic) throw new Response('Not found', { status: 404 })
	return { auth, clinic }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { clinic } = await clinicFor(request, routeParam(params, 'clinicId'))
	return { clinic: { id: clinic.id, name: clinic.name }, zoneName: timeZoneName(clinic.timeZone), fields: newReferralFields(clinic) }
}

type ActionData = { result: SubmissionResult<string[]>; billing?: BillingRefusal }

export async function action({ request, params }: ActionFunctionArgs) {
	const { auth, clinic } = await clinicFor(request, routeParam(params, 'clinicId'))
	const submission = parseWithZod(await request.formData(), { schema: referralFormSchema(clinic.timeZone), disableAutoCoercion: true })
	if (submission.status !== 'success') return data<ActionData>({ result: submission.reply() }, { status: 400 })
	const { input, post } = submission.value
	const result = await createReferral(clinic.id, { kind: 'user', userId: auth.user.id }, input)
	if (!result.ok && result.reason === 'payment_required') return data<ActionData>({ result: submission.reply(), billing: billingRefusal(auth.principal, clinic.id, result.message) }, { status: 402 })
	if (!result.ok && result.reason === 'invalid') return data<ActionData>({ result: submission.reply({ fieldErrors: errorsByField(result.issues) }) }, { status: 400 })
	if (!result.ok)
		return data<ActionData>({ result: submission.reply({ formErrors: [`${'message' in result ? result.message : 'The referral could not be saved.'} Nothing was saved.`] }) }, { status: 400 })
	return redirect(`/clinics/${clinic.id}/referrals/${result.id}?done=${post ? 'posted' : 'saved'}`)
}

export default function NewReferral() {
	const { clinic, zoneName, fields } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() as ActionData | undefined
	const navigation = useNavigation()
	const [form, formFields] = useForm<ReferralFormValue>({ id: 'referral', lastResult: actionData?.result, defaultValue: nestedFields(fields), shouldRevalidate: 'onSubmit' })
	return (
		<div className="mx-auto max-w-3xl space-y-6 px-4 py-12">
			<header className="space-y-1">
				<BackLink to={`/clinics/${clinic.id}/referrals`}>Referrals</BackLink>
				<h1 className="text-2xl font-semibold tracking-tight">New referral</h1>
				<p className="text-slate-700">Save it as a draft to finish later, or post it to start matching.</p>
			</header>
			<ReferralFormProblems form={form} billing={actionData?.billing} posting={actionData?.result.initialValue?.intent === 'post'} />
			<Form method="post" className="space-y-6" {...getFormProps(form)}>
				<ReferralFields fields={formFields} zoneName={zoneName} />
				<ReferralFormButtons save="Save as draft" post="Post referral" pending={navigation.state === 'submitting'} />
			</Form>
		</div>
	)
}
