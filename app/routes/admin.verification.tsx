// The verification queue: pending licenses and authorizations, oldest first, with what to check
// against the state board. A platform admin verifies or rejects each with a note. What happens to a
// verified credential afterwards (checks, suspension, revocation) is on /admin/credentials.
import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { Button } from '#app/components/ui/button.tsx'
import { ConfirmAction } from '#app/components/ui/confirm-dialog.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { FormError, Notice } from '#app/components/ui/forms.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { listPendingCredentials, reviewCredential } from '#app/domain/therapists/verification.server.ts'
import { requireAdmin } from '#app/utils/permissions.server.ts'
import { TimeInZones } from '#app/components/referrals/times.tsx'
import { timeZoneOf } from '#app/domain/accounts/viewer-time-zone.server.ts'

export const meta: MetaFunction = () => [{ title: 'Verification queue — Tandem' }]

const ReviewSchema = z.object({
	kind: z.enum(['license', 'authorization'], { errorMap: () => ({ message: 'Say whether this is a licence or an authorization.' }) }),
	id: z.string({ required_error: 'Say which credential this is.' }).min(1, 'Say which credential this is.').max(64, 'That is not a credential of the queue.'),
	decision: z.enum(['verify', 'reject'], { errorMap: () => ({ message: 'Choose to verify or to reject.' }) }),
	note: z.string().max(1000, 'Keep the note under 1,000 characters.').default(''),
})

export async function loader({ request }: LoaderFunctionArgs) {
	const auth = await requireAdmin(request)
	const [pending, timeZone] = await Promise.all([listPendingCredentials(), timeZoneOf(auth.principal)])
	return { pending, timeZone }
}

type ActionData = { result: SubmissionResult<string[]>; notice: string | null }

export async function action({ request }: ActionFunctionArgs) {
	const auth = await requireAdmin(request)
	const submission = parseWithZod(await request.formData(), { schema: ReviewSchema })
	if (submission.status !== 'success') return data<ActionData>({ result: submission.reply(), notice: null }, { status: 400 })
	const { kind, id, decision, note } = submission.value
	const result = await reviewCredential({ kind, id, decision, note, actorId: auth.user.id })
	if (result.kind === 'not_pending') return data<ActionData>({ result: submission.reply({ formErrors: ['Someone has already reviewed that one, or it was removed.'] }), notice: null }, { status: 409 })
	if (result.kind === 'refused') return data<ActionData>({ result: submission.reply({ formErrors: [result.message] }), notice: null }, { status: 400 })
	return data<ActionData>({ result: submission.reply({ resetForm: true }), notice: decision === 'verify' ? 'Verified. It counts from now on.' : 'Rejected. The therapist has been told.' })
}

/** Verifying one credential: its own form, so a refusal shows beside that credential. */
function VerifyForm({
	credential,
	lastResult,
	busy,
}: {
	credential: { id: string; kind: string; title: string; therapist: { fullName: string } }
	lastResult: SubmissionResult<string[]> | undefined
	busy: boolean
}) {
	const [form] = useForm({ id: `verify-${credential.id}`, lastResult, constraint: getZodConstraint(ReviewSchema), shouldValidate: 'onBlur' })
	return (
		<Form method="post" {...getFormProps(form)}>
			<input type="hidden" name="kind" value={credential.kind} />
			<input type="hidden" name="id" value={credential.id} />
			<Button type="submit" name="decision" value="verify" size="sm" disabled={busy}>
				Verify
				<span className="sr-only">
					{' '}
					{credential.title} of {credential.therapist.fullName}
				</span>
			</Button>
		</Form>
	)
}

const errorsOf = (result: SubmissionResult<string[]> | undefined) =>
	result?.error
		? Object.values(result.error)
				.flat()
				.filter((e): e is string => Boolean(e))
		: []

// A calendar date (an expiry) is the same day everywhere: read at midnight UTC, it is that day.
const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' })

export default function VerificationQueue() {
	const { pending, timeZone } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() as ActionData | undefined
	const navigation = useNavigation()
	const result = navigation.state === 'idle' ? actionData?.result : undefined
	const reviewed = result?.initialValue?.id
	const about = typeof reviewed === 'string' && pending.some((c) => c.id === reviewed) ? reviewed : null
	return (
		<div className="mx-auto max-w-4xl space-y-8 px-4 py-12">
			<PageHeader
				title="Verification queue"
				description={
					<p>
						Check each credential with the issuing board (the state’s license lookup, the PSYPACT or Counseling Compact registry). Only verified, unexpired credentials count for matching.{' '}
						<Link to="/admin/credentials" className="text-brand-700 underline">
							Verified credentials due for a check, and suspending or revoking one, are under credential checks.
						</Link>
					</p>
				}
			/>
			{actionData?.notice ? <Notice tone="success">{actionData.notice}</Notice> : null}
			<FormError id="review-error" errors={about ? null : errorsOf(result)} />
			{pending.length === 0 ? <EmptyState title="Nothing is waiting">New licences and authorizations appear here when therapists add them.</EmptyState> : null}
			<ul className="space-y-4">
				{pending.map((credential) => (
					<li key={credential.id}>
						<article aria-labelledby={`credential-${credential.id}`} className="min-w-0 space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
							<h2 id={`credential-${credential.id}`} className="break-words font-semibold">
								{credential.therapist.fullName}: {credential.title}
							</h2>
							<dl className="grid grid-cols-1 gap-y-1 text-sm [overflow-wrap:anywhere] sm:grid-cols-[10rem_minmax(0,1fr)]">
								<dt className="font-medium">Therapist</dt>
								<dd>{credential.therapist.email}</dd>
								{credential.number ? (
									<>
										<dt className="font-medium">License number</dt>
										<dd className="font-mono">{credential.number}</dd>
									</>
								) : null}
								<dt className="font-medium">{credential.kind === 'license' ? 'State' : 'Home state'}</dt>
								<dd>{credential.state}</dd>
								{credential.kind === 'authorization' ? (
									<>
										<dt className="font-medium">Covers</dt>
										<dd>{credential.coveredStates.length ? credential.coveredStates.join(', ') : 'every member state'}</dd>
									</>
								) : null}
								<dt className="font-medium">Expires</dt>
								<dd>{dateFormat.format(new Date(`${credential.expiresOn}T00:00:00Z`))}</dd>
								<dt className="font-medium">Submitted</dt>
								<dd>
									<TimeInZones iso={new Date(credential.submittedAt).toISOString()} zones={[{ timeZone }]} />
								</dd>
							</dl>
							{about === credential.id && errorsOf(result).length ? (
								<p role="alert" className="text-sm text-red-800">
									{errorsOf(result).join(' ')}
								</p>
							) : null}
							<div className="flex flex-wrap gap-3">
								<VerifyForm credential={credential} lastResult={about === credential.id ? result : undefined} busy={navigation.state === 'submitting'} />
								<ConfirmAction
									trigger={
										<>
											Reject
											<span className="sr-only">
												{' '}
												{credential.title} of {credential.therapist.fullName}
											</span>
										</>
									}
									triggerVariant="danger-outline"
									triggerSize="sm"
									title={`Reject ${credential.title}?`}
									description={`${credential.therapist.fullName} is told why, and the credential does not count for matching.`}
									confirmLabel="Reject the credential"
									fields={{ kind: credential.kind, id: credential.id, decision: 'reject' }}
								>
									<div className="space-y-1">
										<label htmlFor={`note-${credential.id}`} className="block text-sm font-medium">
											Why it is rejected (the therapist sees this)
										</label>
										<textarea id={`note-${credential.id}`} name="note" rows={3} maxLength={1000} className="block w-full rounded border border-slate-400 px-3 py-2 text-sm" />
									</div>
								</ConfirmAction>
							</div>
						</article>
					</li>
				))}
			</ul>
		</div>
	)
}
