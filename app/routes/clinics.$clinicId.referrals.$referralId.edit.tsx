// Editing a referral: a draft, or an unfilled one whose criteria the clinic relaxes before posting
// it again. The same form and schema as writing one. While offers are out, a referral's facts stay
// as therapists were offered them; the clinic cancels and writes a new one instead.
import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { BackLink } from '#app/components/ui/back-link.tsx'
import { ReferralFields, ReferralFormButtons, ReferralFormProblems } from '#app/components/referrals/referral-fields.tsx'
import { billingRefusal, type BillingRefusal } from '#app/domain/billing/billing-refusal.ts'
import { getClinic } from '#app/domain/clinics/clinics.server.ts'
import { EDITABLE_STATUSES, updateReferral } from '#app/domain/referrals/referral-changes.server.ts'
import { errorsByField, nestedFields, recordToFields, referralFormSchema, type ReferralFormValue } from '#app/domain/referrals/referral-form.ts'
import { getReferralWithPatient } from '#app/domain/referrals/referrals.server.ts'
import { REFERRAL_STATUS_LABELS } from '#app/domain/referrals/statuses.ts'
import { timeZoneName } from '#app/domain/therapists/profile-text.ts'
import { requireClinicMember } from '#app/utils/permissions.server.ts'
import { routeParam } from '#app/utils/invariant.ts'

export const meta: MetaFunction = () => [{ title: 'Edit referral — Tandem' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const auth = await requireClinicMember(request, routeParam(params, 'clinicId'))
	const clinic = await getClinic(routeParam(params, 'clinicId'))
	const referral = clinic ? await getReferralWithPatient(clinic.id, routeParam(params, 'referralId'), { kind: 'user', userId: auth.user.id }) : null
	if (!clinic || !referral) throw new Response('Not found', { status: 404 })
	return {
		clinic: { id: clinic.id, name: clinic.name },
		zoneName: timeZoneName(clinic.timeZone),
		referral: { id: referral.id, status: referral.status },
		fields: (EDITABLE_STATUSES as readonly string[]).includes(referral.status) ? recordToFields(referral, referral.patient, clinic.timeZone) : null,
	}
}

type ActionData = { result: SubmissionResult<string[]>; billing?: BillingRefusal }

export async function action({ request, params }: ActionFunctionArgs) {
	const auth = await requireClinicMember(request, routeParam(params, 'clinicId'))
	const clinic = await getClinic(routeParam(params, 'clinicId'))
	if (!clinic) throw new Response('Not found', { status: 404 })
	const submission = parseWithZod(await request.formData(), { schema: referralFormSchema(clinic.timeZone), disableAutoCoercion: true })
	if (submission.status !== 'success') return data<ActionData>({ result: submission.reply() }, { status: 400 })
	const result = await updateReferral(clinic.id, routeParam(params, 'referralId'), { kind: 'user', userId: auth.user.id }, submission.value.input)
	if (result.ok) return redirect(`/clinics/${clinic.id}/referrals/${result.id}?done=${submission.value.post ? 'posted' : 'saved'}`)
	if (result.reason === 'not_found') throw new Response('Not found', { status: 404 })
	if (result.reason === 'invalid') return data<ActionData>({ result: submission.reply({ fieldErrors: errorsByField(result.issues) }) }, { status: 400 })
	if (result.reason === 'payment_required') return data<ActionData>({ result: submission.reply(), billing: billingRefusal(auth.principal, clinic.id, result.message) }, { status: 402 })
	return data<ActionData>({ result: submission.reply({ formErrors: [`${result.message} Nothing was changed.`] }) }, { status: 409 })
}

export default function EditReferral() {
	const { clinic, zoneName, referral, fields } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() as ActionData | undefined
	const navigation = useNavigation()
	const unfilled = referral.status === 'unfilled'
	const [form, formFields] = useForm<ReferralFormValue>({ id: 'referral', lastResult: actionData?.result, defaultValue: fields ? nestedFields(fields) : undefined, shouldRevalidate: 'onSubmit' })
	return (
		<div className="mx-auto max-w-3xl space-y-6 px-4 py-12">
			<header className="space-y-1">
				<BackLink to={`/clinics/${clinic.id}/referrals/${referral.id}`}>Back to the referral</BackLink>
				<h1 className="text-2xl font-semibold tracking-tight">{unfilled ? 'Change the criteria and post again' : 'Edit draft referral'}</h1>
				{unfilled ? (
					<p className="text-slate-700">
						Nobody could take this referral as it stood. Relax what you can — a wider integration window, a larger radius, other approaches or languages — then post it again: the therapists not asked
						yet get offers.
					</p>
				) : null}
			</header>
			{fields === null ? (
				<p className="rounded border border-amber-300 bg-amber-50 p-4">
					This referral is {REFERRAL_STATUS_LABELS[referral.status].toLowerCase()}, so it can no longer be edited: therapists were offered it as it stands. Cancel it and write a new one to change it.
				</p>
			) : (
				<>
					<ReferralFormProblems form={form} billing={actionData?.billing} posting={actionData?.result.initialValue?.intent === 'post'} />
					<Form method="post" className="space-y-6" {...getFormProps(form)}>
						<ReferralFields fields={formFields} zoneName={zoneName} />
						<ReferralFormButtons save={unfilled ? 'Save changes' : 'Save draft'} post={unfilled ? 'Save and post again' : 'Save and post'} pending={navigation.state === 'submitting'} />
					</Form>
				</>
			)}
		</div>
	)
}
