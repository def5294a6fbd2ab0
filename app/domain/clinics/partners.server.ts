// A clinic's standing network (docs/product.md §6): preferred partners, who get the matching boost of
// `WEIGHTS.partner` (never a filter), and blocked therapists, whom the clinic's matching leaves out
// (`not_excluded`). Plus a private note per therapist. Blocking also withdraws the therapist's
// pending offers on the clinic's referrals and releases their acceptances, through the lifecycle.
// Every change of standing is audited; the note's text is not copied into the audit log.
import { audit } from '#app/domain/audit/audit.server.ts'
import { wakingWorker } from '#app/domain/outbox/outbox.server.ts'
import { lockReferral, moveOffer, settleReferral, type Actor } from '#app/domain/referrals/lifecycle.server.ts'
import { db } from '#app/utils/db.server.ts'
import { checkNote } from './partners.ts'

export type Standing = 'partner' | 'blocked' | null

export async function clinicTherapist(clinicId: string, therapistId: string): Promise<{ standing: Standing; note: string }> {
	const row = await db().clinicTherapist.findUnique({ where: { clinicId_therapistId: { clinicId, therapistId } }, select: { standing: true, note: true } })
	return { standing: row?.standing ?? null, note: row?.note ?? '' }
}

export type StandingChange = { ok: true } | { ok: false; reason: 'invalid' | 'not_found'; message: string }

const AUDIT_ACTIONS = { partner: 'clinic.partner_added', blocked: 'clinic.therapist_blocked', none: 'clinic.therapist_standing_cleared' } as const

export async function setStanding(clinicId: string, therapistId: string, standing: Standing, userId: string, now = new Date()): Promise<StandingChange> {
	if (!(await db().therapist.findUnique({ where: { id: therapistId }, select: { id: true } }))) return { ok: false, reason: 'not_found', message: 'There is no such therapist.' }
	const actor: Actor = { kind: 'user', userId }
	await wakingWorker(
		db().$transaction(async (tx) => {
			const before = await tx.clinicTherapist.findUnique({ where: { clinicId_therapistId: { clinicId, therapistId } }, select: { standing: true } })
			await tx.clinicTherapist.upsert({
				where: { clinicId_therapistId: { clinicId, therapistId } },
				create: { clinicId, therapistId, standing, updatedById: userId },
				update: { standing, updatedById: userId },
			})
			if ((before?.standing ?? null) === standing) return
			await audit({ actorId: userId, action: AUDIT_ACTIONS[standing ?? 'none'], entity: 'therapist', entityId: therapistId, details: { clinicId, from: before?.standing ?? null, to: standing } }, tx)
			if (standing !== 'blocked') return
			// Offers already out to them on this clinic's referrals end: pending ones withdrawn, acceptances released.
			const live = await tx.offer.findMany({
				where: { therapistId, status: { in: ['pending', 'accepted'] }, referral: { clinicId } },
				select: { id: true, referralId: true, status: true },
				orderBy: { id: 'asc' },
			})
			for (const offer of live) {
				await lockReferral(tx, offer.referralId)
				const to = offer.status === 'pending' ? 'withdrawn' : 'released'
				await moveOffer(tx, { offerId: offer.id, referralId: offer.referralId, from: offer.status, to, actor, at: now, reason: 'The clinic blocked this therapist' })
				await settleReferral(tx, offer.referralId, actor, now)
			}
		}),
	)
	return { ok: true }
}

export async function setNote(clinicId: string, therapistId: string, text: string, userId: string): Promise<StandingChange> {
	const checked = checkNote(text)
	if (!checked.ok) return { ok: false, reason: 'invalid', message: checked.message }
	const note = checked.note
	if (!(await db().therapist.findUnique({ where: { id: therapistId }, select: { id: true } }))) return { ok: false, reason: 'not_found', message: 'There is no such therapist.' }
	await db().$transaction(async (tx) => {
		await tx.clinicTherapist.upsert({ where: { clinicId_therapistId: { clinicId, therapistId } }, create: { clinicId, therapistId, note, updatedById: userId }, update: { note, updatedById: userId } })
		await audit({ actorId: userId, action: 'clinic.therapist_note_changed', entity: 'therapist', entityId: therapistId, details: { clinicId, length: note.length } }, tx)
	})
	return { ok: true }
}

/** The clinic's partners and blocked therapists, by name (the directory lists them, so a block can be undone). */
export async function listStandings(clinicId: string) {
	const rows = await db().clinicTherapist.findMany({
		where: { clinicId, standing: { not: null } },
		select: { standing: true, therapist: { select: { id: true, fullName: true, credentials: true } } },
		orderBy: { therapist: { fullName: 'asc' } },
	})
	const of = (standing: 'partner' | 'blocked') => rows.filter((r) => r.standing === standing).map((r) => r.therapist)
	return { partners: of('partner'), blocked: of('blocked') }
}
