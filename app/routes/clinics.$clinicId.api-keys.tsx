// A clinic's API keys (docs/product.md §8.3), for its clinic admins: create one (shown once), see when
// each was last used, revoke. Documentation of the API is linked from here.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { Notice, SubmitButton } from '#app/components/ui/forms.tsx'
import { createApiKey, listApiKeys, MAX_ACTIVE_KEYS, revokeApiKey } from '#app/domain/clinics/api-keys.server.ts'
import { getClinic } from '#app/domain/clinics/clinics.server.ts'
import { requireClinicMember } from '#app/utils/permissions.server.ts'
import { firstFormIssue } from '#app/utils/form-issue.ts'
import { TimeInZones, type ZoneLabel } from '#app/components/referrals/times.tsx'

export const meta: MetaFunction = () => [{ title: 'API keys — Tandem' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireClinicMember(request, params.clinicId!, 'clinic_admin')
	const clinic = await getClinic(params.clinicId!)
	if (!clinic) throw new Response('Not found', { status: 404 })
	const keys = await listApiKeys(clinic.id)
	return {
		clinic: { id: clinic.id, name: clinic.name, timeZone: clinic.timeZone },
		keys: keys.map((k) => ({ ...k, createdAt: k.createdAt.toISOString(), lastUsedAt: k.lastUsedAt?.toISOString() ?? null, revokedAt: k.revokedAt?.toISOString() ?? null })),
	}
}

const Intent = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('create'), name: z.string().trim().min(1, 'Name the key after what will use it, like “EHR integration”.').max(80, 'Use at most 80 characters.') }),
	z.object({ intent: z.literal('revoke'), keyId: z.string().min(1).max(64) }),
])

type ActionData = { error: string | null; field?: string; created: { key: string; name: string } | null; notice: string | null }

export async function action({ request, params }: ActionFunctionArgs) {
	const auth = await requireClinicMember(request, params.clinicId!, 'clinic_admin')
	const parsed = Intent.safeParse(Object.fromEntries(await request.formData()))
	if (!parsed.success) return data<ActionData>({ ...firstFormIssue(parsed.error), created: null, notice: null }, { status: 400 })
	if (parsed.data.intent === 'create') {
		const result = await createApiKey(params.clinicId!, parsed.data.name, auth.user.id)
		if (!result.ok) return data<ActionData>({ error: result.problem === 'too_many' ? `A clinic can have ${MAX_ACTIVE_KEYS} active keys; revoke one first.` : 'This clinic no longer exists.', created: null, notice: null }, { status: 400 })
		return { error: null, created: { key: result.key, name: parsed.data.name }, notice: null }
	}
	if (!(await revokeApiKey(params.clinicId!, parsed.data.keyId, auth.user.id))) return data<ActionData>({ error: 'That key was already revoked or is not one of this clinic’s.', created: null, notice: null }, { status: 404 })
	return { error: null, created: null, notice: 'Key revoked. Calls with it now get 401.' }
}

export default function ApiKeys() {
	const { clinic, keys } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() as ActionData | undefined
	const navigation = useNavigation()
	const zones: [ZoneLabel] = [{ timeZone: clinic.timeZone }]
	return (
		<div className="mx-auto max-w-3xl space-y-8 px-4 py-12">
			<header className="space-y-2">
				<p className="text-sm text-slate-700">{clinic.name}</p>
				<h1 className="text-2xl font-semibold tracking-tight">API keys</h1>
				<p className="text-slate-700">
					Keys let your EHR or scripts write referrals and read suggestions through the clinic API. Anyone holding a key acts for your clinic, so give each system its own and revoke any that may have leaked. The{' '}
					<a className="text-brand-700 underline" href="/api/v1/openapi.json">
						OpenAPI document
					</a>{' '}
					describes every call.
				</p>
			</header>
			<div role="alert">{actionData?.error ? <p className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">{actionData.error}</p> : null}</div>
			<div aria-live="polite">
				{actionData?.notice ? <Notice tone="success">{actionData.notice}</Notice> : null}
				{actionData?.created ? (
					<div className="space-y-2 rounded border border-green-300 bg-green-50 p-4">
						<p className="font-medium text-green-900">Key “{actionData.created.name}” created. Copy it now: it is shown only this once.</p>
						<p>
							<label htmlFor="new-key" className="sr-only">
								The new key
							</label>
							<input id="new-key" readOnly value={actionData.created.key} className="w-full rounded border border-slate-400 bg-white px-3 py-2 font-mono text-sm" onFocus={(e) => e.currentTarget.select()} />
						</p>
					</div>
				) : null}
			</div>
			<Form method="post" className="flex flex-wrap items-end gap-3">
				<input type="hidden" name="intent" value="create" />
				<div className="space-y-1">
					<label htmlFor="key-name" className="block text-sm font-medium">
						Name of the new key
					</label>
					<input id="key-name" name="name" required maxLength={80} placeholder="EHR integration" className="w-72 rounded border border-slate-400 px-3 py-2" />
				</div>
				<SubmitButton pending={navigation.state === 'submitting'}>Create key</SubmitButton>
			</Form>
			{keys.length === 0 ? (
				<p className="text-slate-700">No keys yet.</p>
			) : (
				<table className="w-full text-left text-sm">
					<caption className="sr-only">The clinic’s API keys</caption>
					<thead className="border-b border-slate-300 text-slate-700">
						<tr>
							<th scope="col" className="py-2 pr-4 font-medium">Name</th>
							<th scope="col" className="py-2 pr-4 font-medium">Starts with</th>
							<th scope="col" className="py-2 pr-4 font-medium">Created</th>
							<th scope="col" className="py-2 pr-4 font-medium">Last used</th>
							<th scope="col" className="py-2 font-medium"><span className="sr-only">Status</span></th>
						</tr>
					</thead>
					<tbody className="divide-y divide-slate-200">
						{keys.map((k) => (
							<tr key={k.id}>
								<td className="py-3 pr-4">{k.name}</td>
								<td className="py-3 pr-4 font-mono">{k.prefix}…</td>
								<td className="py-3 pr-4">
									<TimeInZones iso={k.createdAt} zones={zones} />
								</td>
								<td className="py-3 pr-4">{k.lastUsedAt ? <TimeInZones iso={k.lastUsedAt} zones={zones} /> : 'Never'}</td>
								<td className="py-3">
									{k.revokedAt ? (
										<>
											Revoked <TimeInZones iso={k.revokedAt} zones={zones} />
										</>
									) : (
										<Form method="post">
											<input type="hidden" name="intent" value="revoke" />
											<input type="hidden" name="keyId" value={k.id} />
											<button type="submit" className="rounded border border-red-700 px-3 py-1 text-red-800 hover:bg-red-50">
												Revoke<span className="sr-only"> the key {k.name}</span>
											</button>
										</Form>
									)}
								</td>
							</tr>
						))}
					</tbody>
				</table>
			)}
		</div>
	)
}
