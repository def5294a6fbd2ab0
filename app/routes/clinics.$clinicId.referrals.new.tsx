// Writing a referral: saved as a draft to finish later, or posted at once (PRODUCT.md §4, §8.3).
// The form goes through the same schema as the clinic API.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { ReferralFields } from '#app/components/referrals/referral-fields.tsx'
import { SubmitButton } from '#app/components/ui/forms.tsx'
import { getClinic } from '#app/domain/clinics/clinics.server.ts'
import { createReferral } from '#app/domain/referrals/referral-changes.server.ts'
import { errorsByField, fieldsFromFormData, formToInput, NEW_REFERRAL_FIELDS, type FormFields } from '#app/domain/referrals/referral-form.ts'
import { issuesByPath, ReferralInputSchema } from '#app/domain/referrals/referral-input.ts'
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
	return { clinic: { id: clinic.id, name: clinic.name }, zoneName: timeZoneName(clinic.timeZone) }
}

type ActionData = { errors: Record<string, string[]>; values: FormFields }

export async function action({ request, params }: ActionFunctionArgs) {
	const { auth, clinic } = await clinicFor(request, params.clinicId!)
	const fields = fieldsFromFormData(await request.formData())
	const post = fields.intent === 'post'
	const parsed = ReferralInputSchema.safeParse(formToInput(fields, clinic.timeZone, post))
	if (!parsed.success) return data<ActionData>({ errors: errorsByField(issuesByPath(parsed.error)), values: fields }, { status: 400 })
	const result = await createReferral(clinic.id, { kind: 'user', userId: auth.user.id }, parsed.data)
	if (!result.ok) return data<ActionData>({ errors: result.reason === 'invalid' ? { [result.path]: [result.message] } : {}, values: fields }, { status: 400 })
	return redirect(`/clinics/${clinic.id}/referrals/${result.id}?done=${post ? 'posted' : 'saved'}`)
}

export default function NewReferral() {
	const { clinic, zoneName } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() as ActionData | undefined
	const navigation = useNavigation()
	const errorCount = Object.keys(actionData?.errors ?? {}).length
	return (
		<div className="mx-auto max-w-3xl space-y-6 px-4 py-12">
			<header className="space-y-1">
				<p className="text-sm">
					<Link className="text-brand-700 underline" to={`/clinics/${clinic.id}/referrals`}>
						Referrals
					</Link>
				</p>
				<h1 className="text-2xl font-semibold tracking-tight">New referral</h1>
				<p className="text-slate-700">Save it as a draft to finish later, or post it to start matching.</p>
			</header>
			<div role="alert" aria-live="polite">
				{errorCount ? (
					<p className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
						{errorCount === 1 ? 'One field needs' : `${errorCount} fields need`} attention; each says what is wrong. Nothing was saved.
					</p>
				) : null}
			</div>
			<Form method="post" className="space-y-6" noValidate>
				<ReferralFields values={actionData?.values ?? NEW_REFERRAL_FIELDS} errors={actionData?.errors ?? {}} zoneName={zoneName} />
				<div className="flex flex-wrap gap-3">
					{/* Saving comes first, so pressing Enter in a field never posts by accident. */}
					<button type="submit" name="intent" value="save" disabled={navigation.state === 'submitting'} className="rounded border border-slate-400 px-4 py-2 font-medium hover:bg-slate-50">
						Save as draft
					</button>
					<SubmitButton name="intent" value="post" pending={navigation.state === 'submitting'}>
						Post referral
					</SubmitButton>
				</div>
			</Form>
		</div>
	)
}
