// Inviting an integration therapist who is not on Tandem yet: any clinic member sends
// an email whose link leads to therapist sign-up with the clinic as a partner; the clinic sees
// what became of its invitations and can withdraw one still pending.
import { TextField } from '#app/components/ui/conform-fields.tsx'
import { formatDate } from '#app/domain/time-format.ts'
import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { Card } from '#app/components/ui/card.tsx'
import { ConfirmAction } from '#app/components/ui/confirm-dialog.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { FormError, Notice, SubmitButton } from '#app/components/ui/forms.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pill, type PillTone } from '#app/components/ui/pill.tsx'
import { ResponsiveTable } from '#app/components/ui/responsive-table.tsx'
import { EmailSchema } from '#app/domain/accounts/schemas.ts'
import { getClinic } from '#app/domain/clinics/clinics.server.ts'
import { NOTE_MAX_LENGTH } from '#app/domain/clinics/partners.ts'
import { inviteTherapist, listTherapistInvitations, withdrawTherapistInvitation } from '#app/domain/clinics/therapist-invitations.server.ts'
import { tooManyAttempts } from '#app/utils/http.server.ts'
import { requireClinicMember } from '#app/utils/permissions.server.ts'
import { consumeRateLimits } from '#app/utils/rate-limit.server.ts'
import { routeParam } from '#app/utils/invariant.ts'

export const meta: MetaFunction = () => [{ title: 'Invite a therapist — Tandem' }]

const ActionSchema = z.discriminatedUnion('intent', [
	z.object({
		intent: z.literal('invite'),
		email: EmailSchema,
		note: z.string().trim().max(NOTE_MAX_LENGTH, `Keep the message under ${NOTE_MAX_LENGTH} characters.`).default(''),
	}),
	z.object({ intent: z.literal('withdraw'), invitationId: z.string().min(1).max(64) }),
])

async function loadClinic(clinicId: string) {
	const clinic = await getClinic(clinicId)
	if (!clinic) throw new Response('Not found', { status: 404 })
	return clinic
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireClinicMember(request, routeParam(params, 'clinicId'))
	const clinic = await loadClinic(routeParam(params, 'clinicId'))
	return { clinic: { id: clinic.id, name: clinic.name, timeZone: clinic.timeZone }, invitations: await listTherapistInvitations(clinic.id) }
}

type ActionData = { result: SubmissionResult<string[]>; notice: string | null; listedId: string | null }

export async function action({ request, params }: ActionFunctionArgs) {
	const auth = await requireClinicMember(request, routeParam(params, 'clinicId'))
	const clinic = await loadClinic(routeParam(params, 'clinicId'))
	const submission = parseWithZod(await request.formData(), { schema: ActionSchema })
	if (submission.status !== 'success') return data<ActionData>({ result: submission.reply(), notice: null, listedId: null }, { status: 400 })
	const { value } = submission
	if (value.intent === 'withdraw') {
		const withdrawn = await withdrawTherapistInvitation({ clinicId: clinic.id, invitationId: value.invitationId, actorId: auth.user.id })
		if (!withdrawn)
			return data<ActionData>({ result: submission.reply({ formErrors: ['That invitation has already been used, withdrawn or has expired.'] }), notice: null, listedId: null }, { status: 404 })
		return data<ActionData>({ result: submission.reply(), notice: 'Invitation withdrawn; its link no longer works.', listedId: null })
	}
	const limited = await consumeRateLimits([['invitePerClinic', clinic.id]])
	if (!limited.allowed) return tooManyAttempts(submission.reply(), limited.retryAfterSeconds, { notice: null, listedId: null })
	const result = await inviteTherapist({ clinicId: clinic.id, email: value.email, note: value.note, invitedById: auth.user.id })
	switch (result.kind) {
		case 'listed':
			return data<ActionData>(
				{
					result: submission.reply({ fieldErrors: { email: [`${value.email} is already listed on Tandem. Open their profile to add them to your partners.`] } }),
					notice: null,
					listedId: result.therapistId,
				},
				{ status: 409 },
			)
		case 'clinic_member':
			return data<ActionData>(
				{ result: submission.reply({ fieldErrors: { email: [`${value.email} is a member of ${clinic.name}'s team, not a therapist to invite.`] } }), notice: null, listedId: null },
				{ status: 409 },
			)
		case 'sent':
			return data<ActionData>({
				result: submission.reply({ resetForm: true }),
				notice: `Invitation ${result.replaced ? 'sent again' : 'sent'} to ${value.email}. When they sign up, they are one of your partners.`,
				listedId: null,
			})
	}
}

const STATUS_LABELS = { pending: 'Waiting', joined: 'Joined', withdrawn: 'Withdrawn', expired: 'Expired' } as const
const STATUS_TONES: Record<keyof typeof STATUS_LABELS, PillTone> = { pending: 'info', joined: 'success', withdrawn: 'neutral', expired: 'neutral' }
export default function InviteTherapist() {
	const { clinic, invitations } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() as ActionData | undefined
	const navigation = useNavigation()
	const intent = actionData?.result.initialValue?.intent
	const [form, fields] = useForm({
		id: 'invite-therapist',
		lastResult: intent === 'invite' ? actionData?.result : undefined,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ActionSchema }),
	})
	const withdrawError =
		intent === 'withdraw' && actionData?.result.error
			? Object.values(actionData.result.error)
					.flat()
					.filter((e): e is string => Boolean(e))
			: null
	return (
		<div className="mx-auto max-w-3xl space-y-8 px-4 py-12">
			<PageHeader
				back={{ to: `/clinics/${clinic.id}/therapists`, label: 'Back to the directory' }}
				eyebrow={clinic.name}
				title="Invite an integration therapist"
				description={
					<p className="max-w-prose">
						Someone you already work with who is not on Tandem yet: they get an email to create their therapist account, and start as one of your clinic’s preferred partners. They receive your
						referrals once their licenses are verified.
					</p>
				}
			/>
			<div aria-live="polite">{actionData?.notice ? <Notice tone="success">{actionData.notice}</Notice> : null}</div>
			<Card title="Send an invitation">
				<Form method="post" {...getFormProps(form)} className="space-y-5">
					<input type="hidden" name="intent" value="invite" />
					<TextField meta={fields.email} label="Their email address" type="email" autoComplete="off" />
					<div className="space-y-1">
						<label htmlFor={fields.note.id} className="block text-sm font-medium text-slate-900">
							A message from you (optional)
						</label>
						<textarea
							id={fields.note.id}
							name={fields.note.name}
							rows={3}
							maxLength={NOTE_MAX_LENGTH}
							defaultValue={fields.note.initialValue ?? ''}
							className="block w-full rounded border border-slate-400 px-3 py-2"
						/>
					</div>
					{actionData?.listedId ? (
						<p>
							<Link to={`/therapists/${actionData.listedId}`} className="font-medium text-brand-800 underline">
								Open their profile
							</Link>
						</p>
					) : null}
					<FormError id={form.errorId} errors={form.errors} />
					<SubmitButton pending={navigation.state === 'submitting'}>Send the invitation</SubmitButton>
				</Form>
			</Card>
			<section aria-labelledby="sent-title" className="space-y-3">
				<h2 id="sent-title" className="text-xl font-semibold">
					Invitations sent
				</h2>
				<FormError id="withdraw-error" errors={withdrawError} />
				{invitations.length === 0 ? (
					<EmptyState title="No invitations yet">Therapists you invite are listed here, with whether they joined.</EmptyState>
				) : (
					<ResponsiveTable
						caption="Invitations sent"
						rows={invitations}
						rowKey={(i) => i.id}
						columns={[
							{ header: 'Email', primary: true, cell: (i) => <span className="[overflow-wrap:anywhere]">{i.email}</span> },
							{ header: 'Sent', cell: (i) => `${formatDate(new Date(i.sentAt), clinic.timeZone)}${i.invitedBy ? ` by ${i.invitedBy}` : ''}` },
							{ header: 'Status', cell: (i) => <Pill tone={STATUS_TONES[i.status]}>{STATUS_LABELS[i.status]}</Pill> },
							{
								header: 'Actions',
								hideHeader: true,
								cell: (i) =>
									i.status === 'pending' ? (
										<ConfirmAction
											trigger={
												<>
													Withdraw<span className="sr-only"> the invitation to {i.email}</span>
												</>
											}
											triggerSize="sm"
											title="Withdraw this invitation?"
											description={`The link sent to ${i.email} will stop working. You can invite them again later.`}
											confirmLabel="Withdraw the invitation"
											fields={{ intent: 'withdraw', invitationId: i.id }}
										/>
									) : null,
							},
						]}
					/>
				)}
			</section>
		</div>
	)
}
