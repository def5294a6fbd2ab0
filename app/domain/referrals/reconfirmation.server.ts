// When the chosen therapist steps back before the first session (docs/product.md §4), the therapists
// whose acceptances that choice released are asked again: each released offer becomes pending once
// more, marked as a re-confirmation, for RECONFIRM_WINDOW_HOURS — not a round of its own. The first
// to re-confirm shortlists the referral again, which sends the patient a fresh link; when none does,
// their offers expire and the next round goes out (or the referral is unfilled after the last).
import { enqueue } from '#app/domain/outbox/outbox.server.ts'
import { type Prisma } from '#app/generated/prisma/client.ts'
import { type Actor, moveOffer } from './lifecycle.server.ts'
import { expiringNoticeAt, reconfirmExpiresAt } from './offers.ts'

type Tx = Prisma.TransactionClient

/**
 * The offers the choice of `chosenOfferId` released (moved from accepted to released in the choice's
 * own transaction) that are still released — and whose therapist the clinic has not blocked since.
 */
export async function releasedByChoice(tx: Tx, referralId: string, chosenOfferId: string): Promise<{ id: string; therapistId: string }[]> {
	const choice = await tx.offerEvent.findFirst({ where: { offerId: chosenOfferId, toStatus: 'chosen' }, orderBy: [{ at: 'desc' }, { id: 'desc' }], select: { at: true } })
	if (!choice) return []
	const released = await tx.offerEvent.findMany({ where: { referralId, fromStatus: 'accepted', toStatus: 'released', at: choice.at }, select: { offerId: true } })
	if (released.length === 0) return []
	const { clinicId } = await tx.referral.findUniqueOrThrow({ where: { id: referralId }, select: { clinicId: true } })
	return tx.offer.findMany({
		where: { id: { in: released.map((e) => e.offerId) }, status: 'released', therapist: { clinics: { none: { clinicId, standing: 'blocked' } } } },
		select: { id: true, therapistId: true },
		orderBy: { id: 'asc' },
	})
}

/** Asks each offer's therapist to re-confirm: pending again for 24 hours, told at once, reminded before it ends. Returns the offers asked. */
export async function askToReconfirm(tx: Tx, referralId: string, offers: readonly { id: string; therapistId: string }[], actor: Actor, now: Date): Promise<{ id: string; therapistId: string }[]> {
	const { urgency } = await tx.referral.findUniqueOrThrow({ where: { id: referralId }, select: { urgency: true } })
	const expiresAt = reconfirmExpiresAt(now)
	const asked: { id: string; therapistId: string }[] = []
	for (const offer of offers) {
		const moved = await moveOffer(tx, {
			offerId: offer.id,
			referralId,
			from: 'released',
			to: 'pending',
			actor,
			at: now,
			reason: 'The patient’s chosen therapist stepped back: asked to re-confirm',
			data: { reconfirmAskedAt: now, expiresAt, respondedAt: null },
			notify: ['offer_reconfirm'],
		})
		if (!moved.ok) continue
		asked.push(offer)
		// Keys name this re-confirmation: the offer's first window had its own.
		await enqueue(tx, 'offer_expiry', { offerId: offer.id }, { runAt: expiresAt, dedupeKey: `offer-expiry:${offer.id}:reconfirm:${now.getTime()}` })
		const noticeAt = expiringNoticeAt(now, expiresAt, urgency)
		if (noticeAt) await enqueue(tx, 'notify', { event: 'offer_expiring', referralId, offerId: offer.id }, { runAt: noticeAt, dedupeKey: `offer-expiring:${offer.id}:reconfirm:${now.getTime()}` })
	}
	return asked
}
