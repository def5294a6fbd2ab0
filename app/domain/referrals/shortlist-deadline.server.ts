// The shortlist's deadline (docs/product.md §4): the patient link's expiry. Scheduled with every new
// link of a shortlisted referral — the deadline itself and the patient's reminders 48 and 12 hours
// before it — as outbox jobs under dedupe keys naming the deadline, so they run once across all
// workers. At the deadline, if the patient has not chosen, the acceptances expire (each therapist is
// told, their capacity freed), the clinic is told, and the referral is open again for the next round,
// or unfilled when every round was sent. The referral's lock and the conditional updates make a
// choice at the same moment and the expiry exclusive: whichever comes second finds nothing to do.
import { refreshTherapistSearch } from '#app/domain/matching/search-index.server.ts'
import { enqueue } from '#app/domain/outbox/outbox.server.ts'
import { scheduleReminders } from '#app/domain/outbox/reminders.server.ts'
import { type Prisma } from '#app/generated/prisma/client.ts'
import { db } from '#app/utils/db.server.ts'
import { type Actor, lockReferral, moveOffer, moveReferral, settleReferral } from './lifecycle.server.ts'
import { afterShortlist, SHORTLIST_REMINDER_HOURS, shortlistLapsed } from './shortlist-deadline.ts'

type Tx = Prisma.TransactionClient
const SYSTEM: Actor = { kind: 'system' }

/** Asks for the deadline's job and the patient's reminders before it; asking again for the same deadline adds nothing. */
export async function scheduleShortlistDeadline(tx: Tx, referralId: string, deadline: Date, now: Date): Promise<void> {
	await enqueue(tx, 'shortlist_deadline', { referralId, deadline: deadline.toISOString() }, { runAt: deadline, dedupeKey: `shortlist-deadline:${referralId}:${deadline.getTime()}` })
	await scheduleReminders(
		tx,
		{ kind: 'shortlist_reminder', key: `shortlist:${referralId}`, deadline, leadHours: SHORTLIST_REMINDER_HOURS, payload: (hours) => ({ referralId, deadline: deadline.toISOString(), hours }) },
		now,
	)
}

/**
 * The deadline a shortlisted referral has now: its newest link's expiry (a link the clinic sends
 * again moves it; a link the clinic withdrew keeps it). Null when it has no link.
 */
export async function shortlistDeadline(client: Tx | ReturnType<typeof db>, referralId: string): Promise<{ deadline: Date; revoked: boolean } | null> {
	const newest = await client.patientLink.findFirst({ where: { referralId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { expiresAt: true, revokedAt: true } })
	return newest ? { deadline: newest.expiresAt, revoked: newest.revokedAt !== null } : null
}

export type ShortlistExpiry = 'lapsed' | 'not_needed' | 'not_yet'

/** The deadline's job: the shortlist lapses if this is still its deadline and the patient has not chosen. */
export async function expireShortlist(referralId: string, deadline: Date, now: Date, finish: (tx: Tx) => Promise<void>): Promise<ShortlistExpiry> {
	return db().$transaction(async (tx) => {
		await lockReferral(tx, referralId)
		const referral = await tx.referral.findUnique({ where: { id: referralId }, select: { status: true, matchingRound: true } })
		const current = await shortlistDeadline(tx, referralId)
		// Chosen, cancelled, withdrawn, or a newer link moved the deadline (its own job comes then).
		if (!referral || !current || current.deadline.getTime() !== deadline.getTime() || referral.status !== 'shortlisted') return 'not_needed'
		if (!shortlistLapsed(referral.status, deadline, now)) return 'not_yet'

		const accepted = await tx.offer.findMany({ where: { referralId, status: 'accepted' }, select: { id: true, therapistId: true }, orderBy: { id: 'asc' } })
		const reason = 'The patient did not choose before the shortlist’s deadline'
		for (const offer of accepted) await moveOffer(tx, { offerId: offer.id, referralId, from: 'accepted', to: 'expired', actor: SYSTEM, at: now, reason, notify: ['shortlist_expired'] })
		const moved = await moveReferral(tx, { referralId, from: 'shortlisted', to: 'open', actor: SYSTEM, at: now, reason })
		if (!moved.ok) throw new Error(moved.message)
		const next = afterShortlist(0, referral.matchingRound)
		await enqueue(tx, 'notify', { event: 'shortlist_lapsed', referralId, next }, { runAt: now })
		// The next round (or unfilled, with matching's counts) once nothing is pending.
		await settleReferral(tx, referralId, SYSTEM, now, 'shortlist_lapsed')
		// Their load counted the acceptances: matching sees the room they have again.
		if (accepted.length) await refreshTherapistSearch([...new Set(accepted.map((o) => o.therapistId))], { client: tx, now })
		await finish(tx)
		return 'lapsed'
	})
}
