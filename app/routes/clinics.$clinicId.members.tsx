// A clinic's team: members and their roles, pending invitations. Every member sees the team;
// only clinic admins invite, change roles, remove members and withdraw invitations.
import { TextField } from '#app/components/ui/conform-fields.tsx'
import { formatDate, formatDateTime } from '#app/domain/time-format.ts'
import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { useId } from 'react'
import { Button } from '#app/components/ui/button.tsx'
import { ConfirmAction } from '#app/components/ui/confirm-dialog.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { ErrorList, FormError, Notice, SubmitButton } from '#app/components/ui/forms.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { ResponsiveTable } from '#app/components/ui/responsive-table.tsx'
import { EmailSchema } from '#app/domain/accounts/schemas.ts'
import { hasClinicRole } from '#app/domain/auth/roles.ts'
import { changeMembership, getClinic, inviteToClinic, listTeam, revokeInvitation, setReferralDefaults } from '#app/domain/clinics/clinics.server.ts'
import { CLINIC_ROLE_DESCRIPTIONS, CLINIC_ROLE_LABELS, CLINIC_ROLES, MEMBERSHIP_PROBLEM_MESSAGES } from '#app/domain/clinics/membership.ts'
import { tooManyAttempts } from '#app/utils/http.server.ts'
import { requireClinicMember } from '#app/utils/permissions.server.ts'
import { consumeRateLimits } from '#app/utils/rate-limit.server.ts'
import { routeParam } from '#app/utils/invariant.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Team — ${data?.clinic.name ?? 'Clinic'} — Tandem` }]

const RoleSchema = z.enum(CLINIC_ROLES, { errorMap: () => ({ message: 'Choose clinic admin or coordinator.' }) })
const Id = z.string().min(1).max(64)

const ActionSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('invite'), email: EmailSchema, role: RoleSchema }),
	z.object({ intent: z.literal('change-role'), userId: Id, role: RoleSchema }),
	z.object({ intent: z.literal('remove'), userId: Id }),
	z.object({ intent: z.literal('revoke-invitation'), invitationId: Id }),
	z.object({ intent: z.literal('referral-defaults'), acceptSupervisedByDefault: z.literal('on', { errorMap: () => ({ message: 'Tick the box, or leave it empty.' }) }).optional() }),
])

async function loadClinic(clinicId: string) {
	const clinic = await getClinic(clinicId)
	if (!clinic) throw new Response('Not found', { status: 404 })
	return clinic
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const auth = await requireClinicMember(request, routeParam(params, 'clinicId'))
	const clinic = await loadClinic(routeParam(params, 'clinicId'))
	const team = await listTeam(clinic.id)
	return {
		clinic,
		team,
		viewerId: auth.user.id,
		canManage: hasClinicRole(auth.principal, clinic.id, 'clinic_admin'),
	}
}

type ActionData = { result: SubmissionResult<string[]>; notice: string | null }

export async function action({ request, params }: ActionFunctionArgs) {
	const auth = await requireClinicMember(request, routeParam(params, 'clinicId'), 'clinic_admin')
	const clinic = await loadClinic(routeParam(params, 'clinicId'))
	const submission = parseWithZod(await request.formData(), { schema: ActionSchema })
	if (submission.status !== 'success') return data<ActionData>({ result: submission.reply(), notice: null }, { status: 400 })
	const { value } = submission
	const actorId = auth.user.id

	if (value.intent === 'invite') {
		const limited = await consumeRateLimits([['invitePerClinic', clinic.id]])
		if (!limited.allowed) return tooManyAttempts(submission.reply(), limited.retryAfterSeconds, { notice: null })
		const result = await inviteToClinic({ clinicId: clinic.id, email: value.email, role: value.role, invitedById: actorId })
		if (result.kind === 'already_member') {
			return data<ActionData>({ result: submission.reply({ fieldErrors: { email: [`${value.email} is already a member of ${clinic.name}.`] } }), notice: null }, { status: 409 })
		}
		return data<ActionData>({ result: submission.reply({ resetForm: true }), notice: `Invitation ${result.replaced ? 'sent again' : 'sent'} to ${value.email}. It expires in 7 days.` })
	}
	if (value.intent === 'referral-defaults') {
		const acceptSupervisedByDefault = value.acceptSupervisedByDefault === 'on'
		await setReferralDefaults(clinic.id, { acceptSupervisedByDefault }, actorId)
		return data<ActionData>({
			result: submission.reply(),
			notice: acceptSupervisedByDefault ? 'New referrals will accept supervised licences unless you say otherwise.' : 'New referrals will count independent licences only unless you say otherwise.',
		})
	}
	if (value.intent === 'revoke-invitation') {
		const revoked = await revokeInvitation({ clinicId: clinic.id, invitationId: value.invitationId, actorId })
		if (!revoked) return data<ActionData>({ result: submission.reply({ formErrors: ['That invitation has already been used, withdrawn or expired.'] }), notice: null }, { status: 404 })
		return data<ActionData>({ result: submission.reply(), notice: 'Invitation withdrawn; its link no longer works.' })
	}
	const change = value.intent === 'remove' ? { kind: 'remove' as const, userId: value.userId } : { kind: 'change_role' as const, userId: value.userId, role: value.role }
	const result = await changeMembership({ clinicId: clinic.id, change, actorId })
	if (result.kind === 'refused') {
		const status = result.problem === 'not_a_member' ? 404 : 409
		return data<ActionData>({ result: submission.reply({ formErrors: [MEMBERSHIP_PROBLEM_MESSAGES[result.problem]] }), notice: null }, { status })
	}
	// Someone who removed themselves (another admin remains) can no longer see this page.
	if (value.intent === 'remove' && value.userId === actorId) return redirect('/account')
	return data<ActionData>({ result: submission.reply(), notice: value.intent === 'remove' ? 'Member removed. They can no longer see this clinic.' : 'Role changed.' })
}

type Member = Awaited<ReturnType<typeof listTeam>>['members'][number]

/** A member's role, changed in place. Its own id, because the table and the phone's cards both render it. */
function RoleForm({ member }: { member: { userId: string; name: string; role: (typeof CLINIC_ROLES)[number] } }) {
	const id = useId()
	return (
		<Form method="post" className="flex flex-wrap items-center gap-2">
			<input type="hidden" name="userId" value={member.userId} />
			<label className="sr-only" htmlFor={id}>
				Role of {member.name}
			</label>
			<select id={id} name="role" defaultValue={member.role} className="max-w-full rounded border border-slate-400 px-2 py-1">
				{CLINIC_ROLES.map((role) => (
					<option key={role} value={role}>
						{CLINIC_ROLE_LABELS[role]}
					</option>
				))}
			</select>
			<Button type="submit" name="intent" value="change-role" variant="secondary" size="sm">
				Save<span className="sr-only"> role of {member.name}</span>
			</Button>
		</Form>
	)
}

export default function ClinicMembers() {
	const { clinic, team, viewerId, canManage } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() as ActionData | undefined
	const navigation = useNavigation()
	const intent = actionData?.result.initialValue?.intent
	const [inviteForm, inviteFields] = useForm({
		id: 'invite',
		lastResult: intent === 'invite' ? actionData?.result : undefined,
		defaultValue: { role: 'coordinator' },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ActionSchema }),
	})
	// Role, removal and withdrawal forms have no visible fields to hang an error on: show them all here.
	const otherError =
		intent !== 'invite' && actionData?.result.error
			? Object.values(actionData.result.error)
					.flat()
					.filter((e): e is string => Boolean(e))
			: null

	return (
		<div className="mx-auto max-w-4xl space-y-10 px-4 py-12">
			<PageHeader eyebrow={`${clinic.name} · ${clinic.city}, ${clinic.state}`} title="Team" />
			{actionData?.notice ? <Notice tone="success">{actionData.notice}</Notice> : null}
			<FormError id="team-error" errors={otherError ?? null} />

			<section aria-labelledby="members-title" className="space-y-3">
				<h2 id="members-title" className="text-xl font-semibold">
					Members
				</h2>
				<ResponsiveTable
					caption="Members"
					rows={team.members}
					rowKey={(member) => member.userId}
					columns={[
						{ header: 'Name', primary: true, cell: (member) => `${member.name}${member.userId === viewerId ? ' (you)' : ''}` },
						{ header: 'Email', cell: (member) => <span className="[overflow-wrap:anywhere]">{member.email}</span> },
						{ header: 'Role', cell: (member) => (canManage ? <RoleForm member={member} /> : CLINIC_ROLE_LABELS[member.role]) },
						{ header: 'Member since', cell: (member) => formatDate(new Date(member.since), clinic.timeZone) },
						...(canManage
							? [
									{
										header: 'Actions',
										hideHeader: true,
										cell: (member: Member) => (
											<ConfirmAction
												trigger={
													<>
														Remove<span className="sr-only"> {member.name}</span>
													</>
												}
												triggerVariant="danger-outline"
												triggerSize="sm"
												title={member.userId === viewerId ? 'Leave this clinic?' : `Remove ${member.name}?`}
												description={
													member.userId === viewerId
														? `You will no longer see ${clinic.name} or its referrals.`
														: `${member.name} will no longer see ${clinic.name} or its referrals. You can invite them again later.`
												}
												confirmLabel={member.userId === viewerId ? 'Leave the clinic' : 'Remove from the team'}
												fields={{ intent: 'remove', userId: member.userId }}
											/>
										),
									},
								]
							: []),
					]}
				/>
			</section>

			{canManage ? (
				<>
					<section aria-labelledby="invitations-title" className="space-y-3">
						<h2 id="invitations-title" className="text-xl font-semibold">
							Pending invitations
						</h2>
						{team.invitations.length === 0 ? (
							<EmptyState title="No invitations waiting">Invite someone below; their invitation shows here until they join.</EmptyState>
						) : (
							<ResponsiveTable
								caption="Pending invitations"
								rows={team.invitations}
								rowKey={(invitation) => invitation.id}
								columns={[
									{ header: 'Email', primary: true, cell: (invitation) => <span className="[overflow-wrap:anywhere]">{invitation.email}</span> },
									{ header: 'Role', cell: (invitation) => CLINIC_ROLE_LABELS[invitation.role] },
									{ header: 'Sent', cell: (invitation) => `${formatDate(new Date(invitation.sentAt), clinic.timeZone)}${invitation.invitedBy ? ` by ${invitation.invitedBy}` : ''}` },
									{ header: 'Expires', cell: (invitation) => formatDateTime(new Date(invitation.expiresAt), clinic.timeZone) },
									{
										header: 'Actions',
										hideHeader: true,
										cell: (invitation) => (
											<ConfirmAction
												trigger={
													<>
														Withdraw<span className="sr-only"> invitation for {invitation.email}</span>
													</>
												}
												triggerSize="sm"
												title="Withdraw this invitation?"
												description={`The link sent to ${invitation.email} will stop working. You can invite them again later.`}
												confirmLabel="Withdraw the invitation"
												fields={{ intent: 'revoke-invitation', invitationId: invitation.id }}
											/>
										),
									},
								]}
							/>
						)}
					</section>

					<section aria-labelledby="invite-title" className="space-y-3">
						<h2 id="invite-title" className="text-xl font-semibold">
							Invite someone
						</h2>
						<Form method="post" {...getFormProps(inviteForm)} className="max-w-md space-y-4">
							<TextField meta={inviteFields.email} label="Email address" type="email" autoComplete="off" />
							<fieldset className="space-y-2">
								<legend className="text-sm font-medium text-slate-900">Role</legend>
								{CLINIC_ROLES.map((role) => (
									<label key={role} className="flex gap-2 text-sm">
										<input type="radio" name={inviteFields.role.name} value={role} defaultChecked={inviteFields.role.initialValue === role} className="mt-1" />
										<span>
											<span className="font-medium">{CLINIC_ROLE_LABELS[role]}</span>: {CLINIC_ROLE_DESCRIPTIONS[role]}
										</span>
									</label>
								))}
								<ErrorList id={inviteFields.role.errorId} errors={inviteFields.role.errors} />
							</fieldset>
							<FormError id={inviteForm.errorId} errors={inviteForm.errors} />
							<SubmitButton name="intent" value="invite" pending={navigation.state === 'submitting'}>
								Send invitation
							</SubmitButton>
						</Form>
					</section>

					<section aria-labelledby="referral-defaults-title" className="space-y-3">
						<h2 id="referral-defaults-title" className="text-xl font-semibold">
							Referral defaults
						</h2>
						<Form method="post" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
							<label className="flex items-start gap-2 text-sm">
								<input type="checkbox" name="acceptSupervisedByDefault" defaultChecked={clinic.acceptSupervisedByDefault} className="mt-1" />
								<span>
									New referrals also suggest therapists with a supervised (associate) licence, practising under supervision. Off by default: only independent licences count. Each referral can still
									say otherwise.
								</span>
							</label>
							<SubmitButton name="intent" value="referral-defaults" pending={navigation.state === 'submitting'}>
								Save referral defaults
							</SubmitButton>
						</Form>
					</section>
				</>
			) : (
				<p className="text-sm text-slate-700">Clinic admins invite people and change roles.</p>
			)}
		</div>
	)
}
