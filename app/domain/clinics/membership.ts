// Who may be made what in a clinic: the rules for inviting, changing roles and removing members.
// A clinic always keeps at least one clinic admin, or nobody could manage it. Pure.
import { type ClinicRole } from '#app/domain/auth/roles.ts'

export const CLINIC_ROLES = ['clinic_admin', 'coordinator'] as const satisfies readonly ClinicRole[]

export const CLINIC_ROLE_LABELS: Record<ClinicRole, string> = {
	clinic_admin: 'Clinic admin',
	coordinator: 'Coordinator',
}

export const CLINIC_ROLE_DESCRIPTIONS: Record<ClinicRole, string> = {
	clinic_admin: 'Everything a coordinator does, plus managing the team, billing and API keys.',
	coordinator: 'Posts and follows referrals, and talks to the chosen therapists.',
}

export type Member = { userId: string; role: ClinicRole }

export type MembershipChange = { kind: 'change_role'; userId: string; role: ClinicRole } | { kind: 'remove'; userId: string }

export type MembershipProblem = 'not_a_member' | 'last_admin' | 'unchanged'

export const MEMBERSHIP_PROBLEM_MESSAGES: Record<MembershipProblem, string> = {
	not_a_member: 'That person is not a member of this clinic.',
	last_admin: 'A clinic needs at least one clinic admin. Make someone else clinic admin first.',
	unchanged: 'That person already has this role.',
}

/** Why a change to the team cannot be made, or null when it can. */
export function checkMembershipChange(members: readonly Member[], change: MembershipChange): MembershipProblem | null {
	const target = members.find((m) => m.userId === change.userId)
	if (!target) return 'not_a_member'
	if (change.kind === 'change_role' && change.role === target.role) return 'unchanged'
	const losesAdmin = target.role === 'clinic_admin' && (change.kind === 'remove' || change.role !== 'clinic_admin')
	if (losesAdmin && members.filter((m) => m.role === 'clinic_admin').length === 1) return 'last_admin'
	return null
}

export type InvitationProblem = 'already_member'

/** Whether an email address can be invited to a clinic whose members have these addresses. */
export function checkInvitation(memberEmails: readonly string[], email: string): InvitationProblem | null {
	return memberEmails.includes(email.toLowerCase()) ? 'already_member' : null
}
