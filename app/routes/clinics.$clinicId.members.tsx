// A clinic's team: members and their roles, pending invitations. Every member sees the team;
// only clinic admins invite, change roles, remove members and withdraw invitations.
import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { ErrorList, Field, FormError, Notice, SubmitButton } from '#app/components/ui/forms.tsx'
import { EmailSchema } from '#app/domain/accounts/schemas.ts'
import { hasClinicRole } from '#app/domain/auth/roles.ts'
import { changeMembership, getClinic, inviteToClinic, listTeam, revokeInvitation, setReferralDefaults } from '#app/domain/clinics/clinics.server.ts'
import { CLINIC_ROLE_DESCRIPTIONS, CLINIC_ROLE_LABELS, CLINIC_ROLES, MEMBERSHIP_PROBLEM_MESSAGES } from '#app/domain/clinics/membership.ts'
import { tooManyAttempts } from '#app/utils/http.server.ts'
import { requireClinicMember } from '#app/utils/permissions.server.ts'
import { consumeRateLimits } from '#app/utils/rate-limit.server.ts'
import { TimeInZones } from '#app/components/referrals/times.tsx'
import { formatDate } from '#app/domain/time-format.ts'

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
	const auth = await requireClinicMember(request, params.clinicId!)
	const clinic = await loadClinic(params.clinicId!)
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
	const auth = await requireClinicMember(request, params.clinicId!, 'clinic_admin')
	const clinic = await loadClinic(params.clinicId!)
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
	const otherError = intent !== 'invite' && actionData?.result.error ? Object.values(actionData.result.error).flat().filter((e): e is string => Boolean(e)) : null

	return (
		<div className="mx-auto max-w-4xl space-y-10 px-4 py-12">
			<header className="space-y-1">
				<p className="text-sm text-slate-700">
					{clinic.name} · {clinic.city}, {clinic.state}
				</p>
				<h1 className="text-2xl font-semibold tracking-tight">Team</h1>
			</header>
			{actionData?.notice ? <Notice tone="success">{actionData.notice}</Notice> : null}
			<FormError id="team-error" errors={otherError ?? null} />

			<section aria-labelledby="members-title" className="space-y-3">
				<h2 id="members-title" className="text-xl font-semibold">Members</h2>
				<table className="w-full text-left text-sm">
					<thead className="border-b border-slate-300 text-slate-700">
						<tr>
							<th scope="col" className="py-2 pr-4 font-medium">Name</th>
							<th scope="col" className="py-2 pr-4 font-medium">Email</th>
							<th scope="col" className="py-2 pr-4 font-medium">Role</th>
							<th scope="col" className="py-2 pr-4 font-medium">Member since</th>
							{canManage ? <th scope="col" className="py-2 font-medium"><span className="sr-only">Actions</span></th> : null}
						</tr>
					</thead>
					<tbody className="divide-y divide-slate-200">
						{team.members.map((member) => (
							<tr key={member.userId}>
								<td className="py-3 pr-4">{member.name}{member.userId === viewerId ? ' (you)' : ''}</td>
								<td className="py-3 pr-4">{member.email}</td>
								<td className="py-3 pr-4">
									{canManage ? (
										<Form method="post" className="flex items-center gap-2">
											<input type="hidden" name="userId" value={member.userId} />
											<label className="sr-only" htmlFor={`role-${member.userId}`}>Role of {member.name}</label>
											<select id={`role-${member.userId}`} name="role" defaultValue={member.role} className="rounded border border-slate-400 px-2 py-1">
												{CLINIC_ROLES.map((role) => <option key={role} value={role}>{CLINIC_ROLE_LABELS[role]}</option>)}
											</select>
											<button type="submit" name="intent" value="change-role" className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100">
												Save<span className="sr-only"> role of {member.name}</span>
											</button>
										</Form>
									) : (
										CLINIC_ROLE_LABELS[member.role]
									)}
								</td>
								<td className="py-3 pr-4">
									<time dateTime={new Date(member.since).toISOString()}>{formatDate(new Date(member.since), clinic.timeZone)}</time>
								</td>
								{canManage ? (
									<td className="py-3">
										<Form method="post">
											<input type="hidden" name="userId" value={member.userId} />
											<button type="submit" name="intent" value="remove" className="rounded border border-red-300 px-2 py-1 text-red-900 hover:bg-red-50">
												Remove<span className="sr-only"> {member.name}</span>
											</button>
										</Form>
									</td>
								) : null}
							</tr>
						))}
					</tbody>
				</table>
			</section>

			{canManage ? (
				<>
					<section aria-labelledby="invitations-title" className="space-y-3">
						<h2 id="invitations-title" className="text-xl font-semibold">Pending invitations</h2>
						{team.invitations.length === 0 ? (
							<p className="text-slate-700">None.</p>
						) : (
							<ul className="divide-y divide-slate-200 rounded border border-slate-200">
								{team.invitations.map((invitation) => (
									<li key={invitation.id} className="flex flex-wrap items-center justify-between gap-3 p-4 text-sm">
										<div>
											<p className="font-medium">{invitation.email} · {CLINIC_ROLE_LABELS[invitation.role]}</p>
											<p className="text-slate-700">
												Sent <time dateTime={new Date(invitation.sentAt).toISOString()}>{formatDate(new Date(invitation.sentAt), clinic.timeZone)}</time>
												{invitation.invitedBy ? ` by ${invitation.invitedBy}` : ''} · expires <TimeInZones iso={new Date(invitation.expiresAt).toISOString()} zones={[{ timeZone: clinic.timeZone }]} />
											</p>
										</div>
										<Form method="post">
											<input type="hidden" name="invitationId" value={invitation.id} />
											<button type="submit" name="intent" value="revoke-invitation" className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100">
												Withdraw<span className="sr-only"> invitation for {invitation.email}</span>
											</button>
										</Form>
									</li>
								))}
							</ul>
						)}
					</section>

					<section aria-labelledby="invite-title" className="space-y-3">
						<h2 id="invite-title" className="text-xl font-semibold">Invite someone</h2>
						<Form method="post" {...getFormProps(inviteForm)} className="max-w-md space-y-4">
							<Field meta={inviteFields.email} label="Email address" type="email" autoComplete="off" />
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
							<SubmitButton name="intent" value="invite" pending={navigation.state === 'submitting'}>Send invitation</SubmitButton>
						</Form>
					</section>

					<section aria-labelledby="referral-defaults-title" className="space-y-3">
						<h2 id="referral-defaults-title" className="text-xl font-semibold">Referral defaults</h2>
						<Form method="post" className="space-y-3 rounded border border-slate-200 p-4">
							<label className="flex items-start gap-2 text-sm">
								<input type="checkbox" name="acceptSupervisedByDefault" defaultChecked={clinic.acceptSupervisedByDefault} className="mt-1" />
								<span>
									New referrals also suggest therapists with a supervised (associate) licence, practising under supervision. Off by default: only independent licences count.
									Each referral can still say otherwise.
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
