// A clinic inviting an integration therapist who is not on Tandem yet. The email's link
// leads to therapist sign-up; the new therapist starts with the clinic as a partner, so the
// clinic's matching prefers them as soon as their licenses are verified. Someone already listed
// is not invited: the clinic adds them as a partner from their profile. Invitations are audited;
// a link works once, for 14 days, and inviting the same address again replaces it.
import { audit } from '#app/domain/audit/audit.server.ts'
import { hashPassword, issueToken, TOKEN_LIFETIME } from '#app/domain/accounts/accounts.server.ts'
import { hashToken, looksLikeToken } from '#app/domain/auth/tokens.ts'
import { refreshTherapistSearch } from '#app/domain/matching/search-index.server.ts'
import { clinicInvitesTherapistMessage } from '#app/domain/notifications/emails.ts'
import { db } from '#app/utils/db.server.ts'
import { appUrl, sendEmail } from '#app/utils/email.server.ts'

const PURPOSE = 'therapist_invitation' as const

export type TherapistInviteResult = { kind: 'sent'; replaced: boolean } | { kind: 'listed'; therapistId: string } | { kind: 'clinic_member' }

export async function inviteTherapist(input: { clinicId: string; email: string; note: string; invitedById: string }): Promise<TherapistInviteResult> {
	const listed = await db().therapist.findUnique({ where: { email: input.email }, select: { id: true } })
	if (listed) return { kind: 'listed', therapistId: listed.id }
	// Someone of this clinic's own team is no partner of it.
	const member = await db().clinicMember.findFirst({ where: { clinicId: input.clinicId, user: { email: input.email } }, select: { userId: true } })
	if (member) return { kind: 'clinic_member' }
	const [clinic, inviter] = await Promise.all([
		db().clinic.findUniqueOrThrow({ where: { id: input.clinicId }, select: { name: true } }),
		db().user.findUniqueOrThrow({ where: { id: input.invitedById }, select: { name: true } }),
	])
	const { count, token } = await db().$transaction(async (tx) => {
		const { count } = await tx.userToken.updateMany({ where: { clinicId: input.clinicId, purpose: PURPOSE, email: input.email, usedAt: null, revokedAt: null }, data: { revokedAt: new Date() } })
		const token = await issueToken({ purpose: PURPOSE, email: input.email, clinicId: input.clinicId, invitedById: input.invitedById }, { client: tx })
		// The note goes in the email only; the log says that there was one.
		await audit({ actorId: input.invitedById, action: 'clinic.therapist_invited', entity: 'clinic', entityId: input.clinicId, details: { email: input.email, note: input.note.length > 0 } }, tx)
		return { count, token }
	})
	await sendEmail(input.email, clinicInvitesTherapistMessage(clinic.name, inviter.name, input.note, appUrl(`/join/therapist?token=${token}`), TOKEN_LIFETIME[PURPOSE]))
	return { kind: 'sent', replaced: count > 0 }
}

/** The clinic's therapist invitations, newest first, with what became of each. */
export async function listTherapistInvitations(clinicId: string, now = new Date()) {
	const rows = await db().userToken.findMany({
		where: { clinicId, purpose: PURPOSE },
		orderBy: { createdAt: 'desc' },
		take: 50,
		select: { id: true, email: true, createdAt: true, expiresAt: true, usedAt: true, revokedAt: true, invitedBy: { select: { name: true } } },
	})
	return rows.map((r) => ({
		id: r.id,
		email: r.email,
		sentAt: r.createdAt,
		invitedBy: r.invitedBy?.name ?? null,
		status: r.usedAt ? ('joined' as const) : r.revokedAt ? ('withdrawn' as const) : r.expiresAt <= now ? ('expired' as const) : ('pending' as const),
	}))
}

export async function withdrawTherapistInvitation(input: { clinicId: string; invitationId: string; actorId: string }) {
	const { count } = await db().userToken.updateMany({ where: { id: input.invitationId, clinicId: input.clinicId, purpose: PURPOSE, usedAt: null, revokedAt: null }, data: { revokedAt: new Date() } })
	if (count === 1) await audit({ actorId: input.actorId, action: 'clinic.therapist_invitation_withdrawn', entity: 'clinic', entityId: input.clinicId, details: { invitationId: input.invitationId } })
	return count === 1
}

export type TherapistInvitationView = { clinicId: string; clinicName: string; clinicTimeZone: string; email: string; accountExists: boolean }

/** What a usable invitation offers, without using it (mail scanners open links). */
export async function describeTherapistInvitation(token: string, now = new Date()): Promise<TherapistInvitationView | null> {
	if (!looksLikeToken(token)) return null
	const found = await db().userToken.findUnique({
		where: { id: hashToken(token) },
		select: { purpose: true, email: true, usedAt: true, revokedAt: true, expiresAt: true, clinic: { select: { id: true, name: true, timeZone: true } } },
	})
	if (!found || found.purpose !== PURPOSE || !found.clinic || found.usedAt || found.revokedAt || found.expiresAt <= now) return null
	const account = await db().user.findUnique({ where: { email: found.email }, select: { id: true } })
	return { clinicId: found.clinic.id, clinicName: found.clinic.name, clinicTimeZone: found.clinic.timeZone, email: found.email, accountExists: Boolean(account) }
}

export type TherapistJoinResult =
	{ kind: 'joined'; userId: string; therapistId: string } | { kind: 'invalid' } | { kind: 'wrong_account'; invitedEmail: string } | { kind: 'account_exists' } | { kind: 'listed' }

/**
 * Uses the invitation once and makes the person a therapist with an empty profile (no licenses,
 * no hours, no capacity: nobody is offered to them until they fill it in and their licenses are
 * verified), with the inviting clinic as a partner. `as` is a signed-in user accepting it;
 * without one, `newAccount` creates the account, verified because the link proves the address.
 */
export async function acceptTherapistInvitation(
	token: string,
	who: { as: { userId: string; email: string } } | { newAccount: { name: string; password: string } },
	now = new Date(),
): Promise<TherapistJoinResult> {
	const view = await describeTherapistInvitation(token, now)
	if (!view) return { kind: 'invalid' }
	if ('as' in who && who.as.email !== view.email) return { kind: 'wrong_account', invitedEmail: view.email }
	if ('newAccount' in who && view.accountExists) return { kind: 'account_exists' }
	if (await db().therapist.findUnique({ where: { email: view.email }, select: { id: true } })) return { kind: 'listed' }
	const passwordHash = 'newAccount' in who ? await hashPassword(who.newAccount.password) : null

	const result = await db().$transaction(async (tx) => {
		const { count } = await tx.userToken.updateMany({ where: { id: hashToken(token), purpose: PURPOSE, usedAt: null, revokedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } })
		if (count !== 1) return { kind: 'invalid' as const }
		let user: { id: string; name: string }
		if ('as' in who) {
			user = await tx.user.findUniqueOrThrow({ where: { id: who.as.userId }, select: { id: true, name: true } })
			await tx.user.updateMany({ where: { id: user.id, emailVerifiedAt: null }, data: { emailVerifiedAt: now } })
		} else {
			user = await tx.user.create({ data: { email: view.email, name: who.newAccount.name, passwordHash: passwordHash!, emailVerifiedAt: now }, select: { id: true, name: true } })
			await audit({ actorId: user.id, action: 'auth.signup', entity: 'user', entityId: user.id, details: { via: 'therapist_invitation' } }, tx)
		}
		// Someone with a therapist profile under another address keeps it, and gains the partner.
		const existing = await tx.therapist.findUnique({ where: { userId: user.id }, select: { id: true } })
		if (existing) {
			await tx.clinicTherapist.upsert({
				where: { clinicId_therapistId: { clinicId: view.clinicId, therapistId: existing.id } },
				create: { clinicId: view.clinicId, therapistId: existing.id, standing: 'partner' },
				update: { standing: 'partner' },
			})
			await audit(
				{ actorId: user.id, action: 'clinic.partner_added', entity: 'therapist', entityId: existing.id, details: { clinicId: view.clinicId, to: 'partner', via: 'therapist_invitation' } },
				tx,
			)
			return { kind: 'joined' as const, userId: user.id, therapistId: existing.id }
		}
		const therapist = await tx.therapist.create({
			data: {
				userId: user.id,
				email: view.email,
				fullName: user.name,
				credentials: '',
				timeZone: view.clinicTimeZone,
				phases: [],
				formats: [],
				modalities: [],
				focusAreas: [],
				languages: ['en'],
				insurancePayers: [],
				weeklyCapacity: 0,
			},
			select: { id: true },
		})
		await tx.clinicTherapist.create({ data: { clinicId: view.clinicId, therapistId: therapist.id, standing: 'partner', updatedById: null } })
		await audit({ actorId: user.id, action: 'therapist.joined', entity: 'therapist', entityId: therapist.id, details: { via: 'therapist_invitation', clinicId: view.clinicId } }, tx)
		await audit(
			{ actorId: user.id, action: 'clinic.partner_added', entity: 'therapist', entityId: therapist.id, details: { clinicId: view.clinicId, from: null, to: 'partner', via: 'therapist_invitation' } },
			tx,
		)
		await refreshTherapistSearch([therapist.id], { client: tx, now })
		return { kind: 'joined' as const, userId: user.id, therapistId: therapist.id }
	})
	return result
}
