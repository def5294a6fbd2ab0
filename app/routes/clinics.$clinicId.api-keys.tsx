// A clinic's API keys (docs/product.md §8.3), for its clinic admins: create one (shown once), see when
// each was last used, revoke. Documentation of the API is linked from here.
import { TextField } from '#app/components/ui/conform-fields.tsx'
import { formatDateTime } from '#app/domain/time-format.ts'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { type FieldMetadata, getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { Card } from '#app/components/ui/card.tsx'
import { ConfirmAction } from '#app/components/ui/confirm-dialog.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { FormError, Notice, SubmitButton } from '#app/components/ui/forms.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pill } from '#app/components/ui/pill.tsx'
import { ResponsiveTable } from '#app/components/ui/responsive-table.tsx'
import { createApiKey, listApiKeys, MAX_ACTIVE_KEYS, revokeApiKey } from '#app/domain/clinics/api-keys.server.ts'
import { getClinic } from '#app/domain/clinics/clinics.server.ts'
import { requireClinicMember } from '#app/utils/permissions.server.ts'
import { routeParam } from '#app/utils/invariant.ts'

export const meta: MetaFunction = () => [{ title: 'API keys — Tandem' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireClinicMember(request, routeParam(params, 'clinicId'), 'clinic_admin')
	const clinic = await getClinic(routeParam(params, 'clinicId'))
	if (!clinic) throw new Response('Not found', { status: 404 })
	const keys = await listApiKeys(clinic.id)
	return {
		clinic: { id: clinic.id, name: clinic.name, timeZone: clinic.timeZone },
		keys: keys.map((k) => ({ ...k, createdAt: k.createdAt.toISOString(), lastUsedAt: k.lastUsedAt?.toISOString() ?? null, revokedAt: k.revokedAt?.toISOString() ?? null })),
	}
}

const Intent = z.discriminatedUnion('intent', [
	z.object({
		intent: z.literal('create'),
		name: z
			.string({ required_error: 'Name the key after what will use it, like “EHR integration”.' })
			.trim()
			.min(1, 'Name the key after what will use it, like “EHR integration”.')
			.max(80, 'Use at most 80 characters.'),
	}),
	z.object({ intent: z.literal('revoke'), keyId: z.string().min(1).max(64) }),
])

type ActionData = { result: SubmissionResult<string[]>; created: { key: string; name: string } | null; notice: string | null }

export async function action({ request, params }: ActionFunctionArgs) {
	const auth = await requireClinicMember(request, routeParam(params, 'clinicId'), 'clinic_admin')
	const submission = parseWithZod(await request.formData(), { schema: Intent })
	if (submission.status !== 'success') return data<ActionData>({ result: submission.reply(), created: null, notice: null }, { status: 400 })
	const { value } = submission
	if (value.intent === 'create') {
		const result = await createApiKey(routeParam(params, 'clinicId'), value.name, auth.user.id)
		if (!result.ok)
			return data<ActionData>(
				{
					result: submission.reply({ formErrors: [result.problem === 'too_many' ? `A clinic can have ${MAX_ACTIVE_KEYS} active keys; revoke one first.` : 'This clinic no longer exists.'] }),
					created: null,
					notice: null,
				},
				{ status: 400 },
			)
		return data<ActionData>({ result: submission.reply({ resetForm: true }), created: { key: result.key, name: value.name }, notice: null })
	}
	if (!(await revokeApiKey(routeParam(params, 'clinicId'), value.keyId, auth.user.id)))
		return data<ActionData>({ result: submission.reply({ formErrors: ['That key was already revoked or is not one of this clinic’s.'] }), created: null, notice: null }, { status: 404 })
	return data<ActionData>({ result: submission.reply(), created: null, notice: 'Key revoked. Calls with it are now refused.' })
}

export default function ApiKeys() {
	const { clinic, keys } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() as ActionData | undefined
	const navigation = useNavigation()
	const intent = actionData?.result.initialValue?.intent
	const [form, fields] = useForm({
		id: 'create-key',
		lastResult: intent === 'create' ? actionData?.result : undefined,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: Intent }),
		shouldRevalidate: 'onBlur',
	})
	const revokeError =
		intent === 'revoke' && actionData?.result.error
			? Object.values(actionData.result.error)
					.flat()
					.filter((e): e is string => Boolean(e))
			: null
	return (
		<div className="mx-auto max-w-3xl space-y-8 px-4 py-12">
			<PageHeader
				eyebrow={clinic.name}
				title="API keys"
				description={
					<p>
						Keys let your EHR or scripts write referrals and read suggestions through the clinic API. Anyone holding a key acts for your clinic, so give each system its own and revoke any that may
						have leaked. The{' '}
						<a className="text-brand-700 underline" href="/api/v1/openapi.json">
							OpenAPI document
						</a>{' '}
						describes every call.
					</p>
				}
			/>
			<FormError id="revoke-error" errors={revokeError} />
			<div aria-live="polite">
				{actionData?.notice ? <Notice tone="success">{actionData.notice}</Notice> : null}
				{actionData?.created ? (
					<div className="space-y-2 rounded border border-green-300 bg-green-50 p-4">
						<p className="break-words font-medium text-green-900">Key “{actionData.created.name}” created. Copy it now: it is shown only this once.</p>
						<p>
							<label htmlFor="new-key" className="sr-only">
								The new key
							</label>
							<input
								id="new-key"
								readOnly
								value={actionData.created.key}
								className="w-full rounded border border-slate-400 bg-white px-3 py-2 font-mono text-sm"
								onFocus={(e) => e.currentTarget.select()}
							/>
						</p>
					</div>
				) : null}
			</div>
			<Card title="Create a key">
				<Form method="post" {...getFormProps(form)} className="max-w-md space-y-4">
					<input type="hidden" name="intent" value="create" />
					<TextField meta={fields.name as FieldMetadata<string>} label="Name of the new key" hint="What will use it, like “EHR integration”." autoComplete="off" />
					<FormError id={form.errorId} errors={form.errors} />
					<SubmitButton pending={navigation.state === 'submitting'}>Create key</SubmitButton>
				</Form>
			</Card>
			{keys.length === 0 ? (
				<EmptyState title="No keys yet">Create one above for each system that calls the API.</EmptyState>
			) : (
				<ResponsiveTable
					caption="The clinic’s API keys"
					rows={keys}
					rowKey={(k) => k.id}
					columns={[
						{ header: 'Name', primary: true, cell: (k) => k.name },
						{ header: 'Starts with', cell: (k) => <span className="font-mono">{k.prefix}…</span> },
						{ header: 'Created', cell: (k) => formatDateTime(new Date(k.createdAt), clinic.timeZone) },
						{ header: 'Last used', cell: (k) => (k.lastUsedAt ? formatDateTime(new Date(k.lastUsedAt), clinic.timeZone) : 'Never') },
						{
							header: 'Status',
							hideHeader: true,
							cell: (k) =>
								k.revokedAt ? (
									<Pill tone="neutral">Revoked {formatDateTime(new Date(k.revokedAt), clinic.timeZone)}</Pill>
								) : (
									<ConfirmAction
										trigger={
											<>
												Revoke<span className="sr-only"> the key {k.name}</span>
											</>
										}
										triggerVariant="danger-outline"
										triggerSize="sm"
										title={`Revoke the key “${k.name}”?`}
										description="Every call made with it will be refused from now on. This cannot be undone; create a new key for the system that used it."
										confirmLabel="Revoke the key"
										fields={{ intent: 'revoke', keyId: k.id }}
									/>
								),
						},
					]}
				/>
			)}
		</div>
	)
}
