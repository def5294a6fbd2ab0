// Clinic organisations and their teams (docs/product.md §1): creating a clinic, inviting people by
// email (single use, 7 days, revocable), accepting, changing roles and removing members. Every
// change to who may do what is audited.
import { z } from 'zod'
import { audit } from '#app/domain/audit/audit.server.ts'
import { hashPassword, issueToken, TOKEN_LIFETIME } from '#app/domain/accounts/accounts.server.ts'
import { type ClinicRole } from '#app/domain/auth/roles.ts'
import { type Prisma } from '#app/generated/prisma/client.ts'
import { hashToken, looksLikeToken } from '#app/domain/auth/tokens.ts'
import { checkInvitation, checkMembershipChange, CLINIC_ROLE_LABELS, type MembershipChange, type MembershipProblem } from '#app/domain/clinics/membership.ts'
import { addedToClinicMessage, clinicInvitationMessage } from '#app/domain/notifications/emails.ts'
import { lookupZip, type ZipLookup } from '#app/domain/reference/zip-codes.server.ts'
import { db } from '#app/utils/db.server.ts'
import { readOneJson } from '#app/utils/sql-json.server.ts'
import { appUrl, sendEmail } from '#app/utils/email.server.ts'

export type CreateClinicResult = { kind: 'created'; clinicId: string; admin: 'added' | 'invited' } | { kind: 'bad_zip'; problem: Extract<ZipLookup, { ok: false }>['problem'] }

/**
 * A new clinic where its ZIP code is. The admin is added at once when they have an account, and
 * otherwise invited by email to create one.
 */
export async function createClinic(input: { name: string; zip: string; adminEmail: string; actorId: string | null }): Promise<CreateClinicResult> {
	const located = lookupZip(input.zip)
	if (!located.ok) return { kind: 'bad_zip', problem: located.problem }
	const { place } = located
	// The clinic and its admin (added, or invited) together or not at all; the email after the commit.
	const created = await db().$transaction(async (tx) => {
		const clinic = await tx.clinic.create({
			data: { name: input.name, zip: place.zip, city: place.city, state: place.state, timeZone: place.timeZone },
			select: { id: true },
		})
		await audit({ actorId: input.actorId, action: 'clinic.created', entity: 'clinic', entityId: clinic.id, details: { zip: place.zip } }, tx)
		const existing = await tx.user.findUnique({ where: { email: input.adminEmail }, select: { id: true } })
		if (existing) {
			await tx.clinicMember.create({ data: { clinicId: clinic.id, userId: existing.id, role: 'clinic_admin' } })
			await audit({ actorId: input.actorId, action: 'role.granted', entity: 'clinic', entityId: clinic.id, details: { userId: existing.id, role: 'clinic_admin' } }, tx)
			return { clinicId: clinic.id, admin: 'added' as const, token: null }
		}
		const token = await issueInvitation(tx, { clinicId: clinic.id, email: input.adminEmail, role: 'clinic_admin', invitedById: input.actorId })
		return { clinicId: clinic.id, admin: 'invited' as const, token }
	})
	const email = created.token
		? clinicInvitationMessage(input.name, CLINIC_ROLE_LABELS.clinic_admin, appUrl(`/invitation?token=${created.token}`), TOKEN_LIFETIME.invitation)
		: addedToClinicMessage(input.name, CLINIC_ROLE_LABELS.clinic_admin, appUrl(`/clinics/${created.clinicId}/members`))
	await sendEmail(input.adminEmail, email)
	return { kind: 'created', clinicId: created.clinicId, admin: created.admin }
}

const ClinicRow = z.object({ id: z.string(), name: z.string(), city: z.string(), state: z.string(), zip: z.string(), timeZone: z.string(), acceptSupervisedByDefault: z.boolean() })

/** On the driver: every clinic page reads it (docs/performance.md). Null when there is no such clinic. */
export async function getClinic(clinicId: string): Promise<z.output<typeof ClinicRow> | null> {
	return readOneJson(
		{
			name: 'clinic',
			text: `SELECT json_build_object('id', id, 'name', name, 'city', city, 'state', state, 'zip', zip, 'timeZone', "timeZone", 'acceptSupervisedByDefault', "acceptSupervisedByDefault") AS json FROM "Clinic" WHERE id = $1::text`,
			values: [clinicId],
		},
		ClinicRow,
	)
}

/** The clinic's defaults for new referrals (whether they accept supervised licences, docs/product.md §3); audited. */
export async function setReferralDefaults(clinicId: string, defaults: { acceptSupervisedByDefault: boolean }, actorId: string) {
	await db().$transaction(async (tx) => {
		await tx.clinic.update({ where: { id: clinicId }, data: defaults })
		await audit({ actorId, action: 'clinic.referral_defaults_changed', entity: 'clinic', entityId: clinicId, details: defaults }, tx)
	})
}

export async function listTeam(clinicId: string, now = new Date()) {
	const [members, invitations] = await Promise.all([
		db().clinicMember.findMany({
			where: { clinicId },
			orderBy: [{ role: 'asc' }, { createdAt: 'asc' }],
			select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
		}),
		db().userToken.findMany({
			where: { clinicId, purpose: 'invitation', usedAt: null, revokedAt: null, expiresAt: { gt: now } },
			orderBy: { createdAt: 'desc' },
			select: { id: true, email: true, role: true, expiresAt: true, createdAt: true, invitedBy: { select: { name: true } } },
		}),
	])
	return {
		members: members.map((m) => ({ userId: m.user.id, name: m.user.name, email: m.user.email, role: m.role, since: m.createdAt })),
		invitations: invitations.map((i) => ({ id: i.id, email: i.email, role: i.role!, expiresAt: i.expiresAt, sentAt: i.createdAt, invitedBy: i.invitedBy?.name ?? null })),
	}
}

/** Records an invitation (token and audit entry) and returns the token for the email. */
async function issueInvitation(tx: Prisma.TransactionClient, input: { clinicId: string; email: string; role: ClinicRole; invitedById: string | null }) {
	const token = await issueToken({ purpose: 'invitation', ...input }, { client: tx })
	await audit({ actorId: input.invitedById, action: 'invitation.sent', entity: 'clinic', entityId: input.clinicId, details: { email: input.email, role: input.role } }, tx)
	return token
}

export type InviteResult = { kind: 'sent'; replaced: boolean } | { kind: 'already_member' }

/** Invites someone by email. Inviting the same address again replaces the pending invitation. */
export async function inviteToClinic(input: { clinicId: string; email: string; role: ClinicRole; invitedById: string }): Promise<InviteResult> {
	const clinic = await db().clinic.findUniqueOrThrow({ where: { id: input.clinicId }, select: { name: true, members: { select: { user: { select: { email: true } } } } } })
	if (
		checkInvitation(
			clinic.members.map((m) => m.user.email),
			input.email,
		)
	)
		return { kind: 'already_member' }
	// The old link stops working exactly when the new one exists.
	const { count, token } = await db().$transaction(async (tx) => {
		const { count } = await tx.userToken.updateMany({
			where: { clinicId: input.clinicId, purpose: 'invitation', email: input.email, usedAt: null, revokedAt: null },
			data: { revokedAt: new Date() },
		})
		return { count, token: await issueInvitation(tx, input) }
	})
	await sendEmail(input.email, clinicInvitationMessage(clinic.name, CLINIC_ROLE_LABELS[input.role], appUrl(`/invitation?token=${token}`), TOKEN_LIFETIME.invitation))
	return { kind: 'sent', replaced: count > 0 }
}

/** Withdraws a pending invitation of this clinic. Whether one was withdrawn. */
export async function revokeInvitation(input: { clinicId: string; invitationId: string; actorId: string }) {
	const { count } = await db().userToken.updateMany({
		where: { id: input.invitationId, clinicId: input.clinicId, purpose: 'invitation', usedAt: null, revokedAt: null },
		data: { revokedAt: new Date() },
	})
	if (count === 1) await audit({ actorId: input.actorId, action: 'invitation.revoked', entity: 'clinic', entityId: input.clinicId, details: { invitationId: input.invitationId } })
	return count === 1
}

/**
 * Changes a member's role or removes them. Runs in one transaction that locks the clinic's
 * member rows, so two admins demoting each other at once cannot leave the clinic without one.
 */
export async function changeMembership(input: { clinicId: string; change: MembershipChange; actorId: string }): Promise<{ kind: 'done' } | { kind: 'refused'; problem: MembershipProblem }> {
	const { clinicId, change, actorId } = input
	return db().$transaction(async (tx) => {
		const members = await tx.$queryRaw<{ userId: string; role: ClinicRole }[]>`
			SELECT "userId", "role"::text AS "role" FROM "ClinicMember" WHERE "clinicId" = ${clinicId} FOR UPDATE`
		const problem = checkMembershipChange(members, change)
		if (problem) return { kind: 'refused' as const, problem }
		const from = members.find((m) => m.userId === change.userId)!.role
		if (change.kind === 'remove') {
			await tx.clinicMember.delete({ where: { clinicId_userId: { clinicId, userId: change.userId } } })
			await audit({ actorId, action: 'role.revoked', entity: 'clinic', entityId: clinicId, details: { userId: change.userId, role: from } }, tx)
		} else {
			await tx.clinicMember.update({ where: { clinicId_userId: { clinicId, userId: change.userId } }, data: { role: change.role } })
			await audit({ actorId, action: 'role.changed', entity: 'clinic', entityId: clinicId, details: { userId: change.userId, from, to: change.role } }, tx)
		}
		return { kind: 'done' as const }
	})
}

// ---------------------------------------------------------------------------------------------
// Accepting an invitation

export type InvitationView = {
	clinicId: string
	clinicName: string
	role: ClinicRole
	email: string
	expiresAt: Date
	accountExists: boolean
}

/** What a usable invitation offers, without using it (the page shows it before anyone clicks). */
export async function describeInvitation(token: string, now = new Date()): Promise<InvitationView | null> {
	if (!looksLikeToken(token)) return null
	const found = await db().userToken.findUnique({
		where: { id: hashToken(token) },
		select: { purpose: true, email: true, role: true, usedAt: true, revokedAt: true, expiresAt: true, clinic: { select: { id: true, name: true } } },
	})
	if (!found || found.purpose !== 'invitation' || !found.clinic || !found.role || found.usedAt || found.revokedAt || found.expiresAt <= now) return null
	const account = await db().user.findUnique({ where: { email: found.email }, select: { id: true } })
	return { clinicId: found.clinic.id, clinicName: found.clinic.name, role: found.role, email: found.email, expiresAt: found.expiresAt, accountExists: Boolean(account) }
}

export type AcceptResult = { kind: 'joined'; clinicId: string; userId: string } | { kind: 'invalid' } | { kind: 'wrong_account'; invitedEmail: string } | { kind: 'account_exists' }

/**
 * Uses the invitation once (of two racing requests, one wins) and makes the person a member.
 * `as` is the signed-in user accepting it; without one, `newAccount` creates the account, which
 * counts as verified because the link proves control of the address.
 */
export async function acceptInvitation(token: string, who: { as: { userId: string; email: string } } | { newAccount: { name: string; password: string } }, now = new Date()): Promise<AcceptResult> {
	const view = await describeInvitation(token, now)
	if (!view) return { kind: 'invalid' }
	if ('as' in who && who.as.email !== view.email) return { kind: 'wrong_account', invitedEmail: view.email }
	if ('newAccount' in who && view.accountExists) return { kind: 'account_exists' }
	const passwordHash = 'newAccount' in who ? await hashPassword(who.newAccount.password) : null

	return db().$transaction(async (tx) => {
		const { count } = await tx.userToken.updateMany({
			where: { id: hashToken(token), purpose: 'invitation', usedAt: null, revokedAt: null, expiresAt: { gt: now } },
			data: { usedAt: now },
		})
		if (count !== 1) return { kind: 'invalid' as const }
		let userId: string
		if ('as' in who) {
			userId = who.as.userId
			await tx.user.updateMany({ where: { id: userId, emailVerifiedAt: null }, data: { emailVerifiedAt: now } })
		} else {
			const user = await tx.user.create({ data: { email: view.email, name: who.newAccount.name, passwordHash: passwordHash!, emailVerifiedAt: now }, select: { id: true } })
			userId = user.id
			await audit({ actorId: userId, action: 'auth.signup', entity: 'user', entityId: userId, details: { via: 'invitation' } }, tx)
		}
		// Already a member (invited twice, say): keep the membership, take the invited role.
		await tx.clinicMember.upsert({
			where: { clinicId_userId: { clinicId: view.clinicId, userId } },
			create: { clinicId: view.clinicId, userId, role: view.role },
			update: { role: view.role },
		})
		await audit({ actorId: userId, action: 'invitation.accepted', entity: 'clinic', entityId: view.clinicId, details: { role: view.role } }, tx)
		await audit({ actorId: userId, action: 'role.granted', entity: 'clinic', entityId: view.clinicId, details: { userId, role: view.role, via: 'invitation' } }, tx)
		return { kind: 'joined' as const, clinicId: view.clinicId, userId }
	})
}
