// Rounds of offers (docs/product.md §4), run by the worker: a posted referral's offers go to the top
// OFFERS_PER_ROUND eligible therapists matching ranks who have not had one yet; each pending offer
// expires at the end of its response window; when a round's offers are all answered or expired
// and nobody accepted, the next round goes out, and after the last the referral is unfilled, its
// notice carrying matching's "why not" counts.
import { loadMatchReferral, matchReferral } from '#app/domain/matching/candidates.server.ts'
import { enqueue } from '#app/domain/outbox/outbox.server.ts'
import { type Prisma } from '#app/generated/prisma/client.ts'
import { db } from '#app/utils/db.server.ts'
import { createOffer, lockReferral, moveOffer, moveReferral, offerCounts, settleReferral, type Actor } from './lifecycle.server.ts'
import { expiringNoticeAt, MATCHING_ROUNDS, nextRound, OFFERS_PER_ROUND, offerExpiresAt } from './offers.ts'
import { type RoundCause, type UnfilledWhy, whyNotLines } from './why-not.ts'

const SYSTEM: Actor = { kind: 'system' }

type Finish = (tx: Prisma.TransactionClient) => Promise<void>

export type RoundOutcome = { kind: 'sent'; round: number; offers: number } | { kind: 'unfilled'; why: string } | { kind: 'nothing'; why: string }

/** `after`: what emptied the shortlist before this round (a lapsed deadline, a step back), said in the unfilled notice. */
export async function runOfferRound(referralId: string, now: Date, finish: Finish, after?: RoundCause): Promise<RoundOutcome> {
	const referral = await db().referral.findUnique({ where: { id: referralId }, select: { status: true, matchingRound: true, urgency: true } })
	if (!referral) return { kind: 'nothing', why: 'the referral no longer exists' }
	const decision = nextRound(referral.status, referral.matchingRound, await offerCounts(db(), referralId))
	if (decision.kind === 'wait') return { kind: 'nothing', why: `the referral is ${referral.status} with offers out` }
	const match = await loadMatchReferral(referralId, undefined, now)
	if (!match) return { kind: 'nothing', why: 'the referral no longer exists' }
	if (decision.kind === 'unfilled') {
		// Matching once more, for the "why not" counts the clinic is told (docs/product.md §4) as they stand now.
		const { excluded } = await matchReferral(match, { limit: 1 })
		return markUnfilled(
			referralId,
			referral.matchingRound,
			`No therapist accepted after ${MATCHING_ROUNDS} rounds of offers.`,
			{ kind: 'matching', rounds: MATCHING_ROUNDS, excluded, ...(after ? { after } : {}) },
			now,
			finish,
		)
	}

	const offered = new Set((await db().offer.findMany({ where: { referralId }, select: { therapistId: true } })).map((o) => o.therapistId))
	const ranking = await matchReferral(match, { limit: OFFERS_PER_ROUND + offered.size })
	const picks = ranking.suggestions.filter((s) => !offered.has(s.therapistId)).slice(0, OFFERS_PER_ROUND)
	if (picks.length === 0) {
		const why = whyNotLines(ranking.excluded)
		return markUnfilled(
			referralId,
			referral.matchingRound,
			`No eligible therapist is left to ask${why.length ? ` (left out: ${why.join('; ')})` : ''}.`,
			{ kind: 'matching', rounds: null, excluded: ranking.excluded },
			now,
			finish,
		)
	}

	const expiresAt = offerExpiresAt(now, referral.urgency)
	return db().$transaction(async (tx) => {
		// Conditional: a round is sent once, and only while the referral is still open.
		const { count } = await tx.referral.updateMany({ where: { id: referralId, status: 'open', matchingRound: referral.matchingRound }, data: { matchingRound: decision.round } })
		if (count === 0) return { kind: 'nothing' as const, why: 'the referral changed while matching ran' }
		for (const pick of picks) {
			const offerId = await createOffer(tx, { referralId, therapistId: pick.therapistId, round: decision.round, sentAt: now, expiresAt, score: pick.score, reasons: pick.reasons }, SYSTEM)
			await enqueue(tx, 'offer_expiry', { offerId }, { runAt: expiresAt, dedupeKey: `offer-expiry:${offerId}` })
			const noticeAt = expiringNoticeAt(now, expiresAt, referral.urgency)
			if (noticeAt) await enqueue(tx, 'notify', { event: 'offer_expiring', referralId, offerId }, { runAt: noticeAt, dedupeKey: `offer-expiring:${offerId}` })
		}
		await finish(tx)
		return { kind: 'sent' as const, round: decision.round, offers: picks.length }
	})
}

async function markUnfilled(referralId: string, roundsDone: number, why: string, unfilled: UnfilledWhy, now: Date, finish: Finish): Promise<RoundOutcome> {
	return db().$transaction(async (tx) => {
		// Only if no round went out meanwhile.
		const current = await tx.referral.findFirst({ where: { id: referralId, status: 'open', matchingRound: roundsDone }, select: { id: true } })
		if (!current) return { kind: 'nothing' as const, why: 'the referral changed meanwhile' }
		const moved = await moveReferral(tx, { referralId, from: 'open', to: 'unfilled', actor: SYSTEM, at: now, reason: why, notify: ['referral_unfilled'], unfilled })
		if (!moved.ok) return { kind: 'nothing' as const, why: moved.message }
		await finish(tx)
		return { kind: 'unfilled' as const, why }
	})
}

/** The end of a pending offer's response window: it expires, and the referral follows. */
export async function expireOffer(offerId: string, now: Date, finish: Finish): Promise<'expired' | 'answered' | 'not_yet'> {
	return db().$transaction(async (tx) => {
		const offer = await tx.offer.findUnique({ where: { id: offerId }, select: { referralId: true, status: true, expiresAt: true } })
		if (!offer || offer.status !== 'pending') return 'answered'
		await lockReferral(tx, offer.referralId)
		if (offer.expiresAt > now) return 'not_yet'
		const moved = await moveOffer(tx, { offerId, referralId: offer.referralId, from: 'pending', to: 'expired', actor: SYSTEM, at: now, reason: 'No answer within the response window' })
		if (!moved.ok) return 'answered'
		await settleReferral(tx, offer.referralId, SYSTEM, now)
		await finish(tx)
		return 'expired'
	})
}
