// The one place a referral's or an offer's status changes (docs/product.md §4). Each move is checked
// against the pure tables (transitions.ts, offers.ts), written by a conditional update
// (`WHERE status = <expected>`, so of two racing actors only one wins), appended to the timeline,
// audited, and its notifications enqueued in the outbox — all inside the caller's transaction.
import { audit } from '#app/domain/audit/audit.server.ts'
import { type NotifyEvent } from '#app/domain/notifications/lifecycle-notices.ts'
import { enqueue } from '#app/domain/outbox/outbox.server.ts'
import { type Prisma } from '#app/generated/prisma/client.ts'
import { checkOfferTransition, followUp, type OfferCounts, type OfferStatus } from './offers.ts'
import { type ReferralStatus } from './statuses.ts'
import { checkTransition } from './transitions.ts'
import { type RoundCause, type UnfilledWhy } from './why-not.ts'

export type Actor =
	| { kind: 'user'; userId: string }
	| { kind: 'api_key'; apiKeyId: string }
	/** The patient, through their private link. */
	| { kind: 'patient'; linkId: string }
	/** The worker: expiries, rounds of offers. */
	| { kind: 'system' }

export function actorLabel(actor: Actor): string {
	switch (actor.kind) {
		case 'user':
			return `user:${actor.userId}`
		case 'api_key':
			return `api_key:${actor.apiKeyId}`
		case 'patient':
			return 'patient'
		case 'system':
			return 'system'
	}
}

export function auditActor(actor: Actor): { actorId: string | null } {
	return { actorId: actor.kind === 'user' ? actor.userId : null }
}

export function actorDetails(actor: Actor): Record<string, string> {
	if (actor.kind === 'api_key') return { apiKeyId: actor.apiKeyId }
	if (actor.kind === 'patient') return { patientLinkId: actor.linkId }
	return {}
}

/** A move the table forbids, or one that lost its race: the caller says which to the person. */
export type MoveRefused = { ok: false; reason: 'forbidden' | 'stale'; message: string }
export type Move = { ok: true } | MoveRefused

type Tx = Prisma.TransactionClient

export type ReferralMove = {
	referralId: string
	from: ReferralStatus
	to: ReferralStatus
	actor: Actor
	at: Date
	reason?: string | null
	/** Columns written with the status. */
	data?: Omit<Prisma.ReferralUpdateManyMutationInput, 'status'>
	notify?: NotifyEvent[]
	/** Why it became unfilled, carried by its `referral_unfilled` notice. */
	unfilled?: UnfilledWhy
}

export async function moveReferral(tx: Tx, move: ReferralMove): Promise<Move> {
	const check = checkTransition(move.from, move.to)
	if (!check.ok) return { ok: false, reason: 'forbidden', message: check.message }
	const { count } = await tx.referral.updateMany({ where: { id: move.referralId, status: move.from }, data: { ...move.data, status: move.to } })
	if (count === 0) return { ok: false, reason: 'stale', message: 'Someone else changed this referral a moment ago.' }
	await tx.referralEvent.create({ data: { referralId: move.referralId, at: move.at, actor: actorLabel(move.actor), fromStatus: move.from, toStatus: move.to, reason: move.reason || null } })
	await audit(
		{ ...auditActor(move.actor), action: 'referral.status_changed', entity: 'referral', entityId: move.referralId, details: { from: move.from, to: move.to, ...actorDetails(move.actor) } },
		tx,
	)
	for (const event of move.notify ?? []) await enqueue(tx, 'notify', { event, referralId: move.referralId, ...(move.unfilled ? { unfilled: move.unfilled } : {}) }, { runAt: move.at })
	return { ok: true }
}

export type OfferMove = {
	offerId: string
	referralId: string
	from: OfferStatus
	to: OfferStatus
	actor: Actor
	at: Date
	reason?: string | null
	data?: Omit<Prisma.OfferUpdateManyMutationInput, 'status'>
	notify?: NotifyEvent[]
}

export async function moveOffer(tx: Tx, move: OfferMove): Promise<Move> {
	const check = checkOfferTransition(move.from, move.to)
	if (!check.ok) return { ok: false, reason: 'forbidden', message: check.message }
	const { count } = await tx.offer.updateMany({ where: { id: move.offerId, referralId: move.referralId, status: move.from }, data: { ...move.data, status: move.to } })
	if (count === 0) return { ok: false, reason: 'stale', message: 'This offer changed a moment ago.' }
	await tx.offerEvent.create({
		data: { offerId: move.offerId, referralId: move.referralId, at: move.at, actor: actorLabel(move.actor), fromStatus: move.from, toStatus: move.to, reason: move.reason || null },
	})
	await audit(
		{
			...auditActor(move.actor),
			action: 'offer.status_changed',
			entity: 'offer',
			entityId: move.offerId,
			details: { referralId: move.referralId, from: move.from, to: move.to, ...actorDetails(move.actor) },
		},
		tx,
	)
	for (const event of move.notify ?? []) await enqueue(tx, 'notify', { event, referralId: move.referralId, offerId: move.offerId }, { runAt: move.at })
	return { ok: true }
}

/** Every offer of the referral still in `from` moves to `to` (withdrawing, releasing). */
export async function moveAllOffers(tx: Tx, referralId: string, from: OfferStatus, to: OfferStatus, actor: Actor, at: Date, notify: NotifyEvent[] = []): Promise<number> {
	const offers = await tx.offer.findMany({ where: { referralId, status: from }, select: { id: true }, orderBy: { id: 'asc' } })
	let moved = 0
	for (const offer of offers) if ((await moveOffer(tx, { offerId: offer.id, referralId, from, to, actor, at, notify })).ok) moved++
	return moved
}

export async function offerCounts(tx: Tx, referralId: string): Promise<OfferCounts> {
	const groups = await tx.offer.groupBy({ by: ['status'], where: { referralId }, _count: { _all: true } })
	return Object.fromEntries(groups.map((g) => [g.status, g._count._all]))
}

/**
 * Locks the referral's row for the rest of the transaction. Every change that touches a
 * referral's offers takes it first (before any offer row), so changes to one referral happen one
 * after the other and never deadlock on each other's rows.
 */
export async function lockReferral(tx: Tx, referralId: string): Promise<void> {
	await tx.$queryRaw`SELECT 1 FROM "Referral" WHERE id = ${referralId} FOR UPDATE`
}

/**
 * After an offer changed: the referral follows its offers (offers.ts `followUp`). The first
 * acceptance shortlists it and sends the patient their link; the last acceptance gone reopens it;
 * an open referral with nothing pending gets its next round (the worker sends it; `after` says what
 * emptied the shortlist, for the notice if the referral is unfilled instead).
 */
export async function settleReferral(tx: Tx, referralId: string, actor: Actor, at: Date, after?: RoundCause): Promise<void> {
	for (;;) {
		await lockReferral(tx, referralId)
		const referral = await tx.referral.findUnique({ where: { id: referralId }, select: { status: true, matchingRound: true, postedAt: true } })
		if (!referral) return
		const next = followUp(referral.status, await offerCounts(tx, referralId))
		if (next === 'none') return
		if (next === 'next_round') {
			await enqueueOfferRound(tx, referralId, referral.matchingRound, referral.postedAt, at, after)
			return
		}
		const moved =
			next === 'shortlist'
				? await moveReferral(tx, { referralId, from: 'open', to: 'shortlisted', actor, at, reason: 'A therapist accepted' })
				: await moveReferral(tx, { referralId, from: 'shortlisted', to: 'open', actor, at, reason: 'Every acceptance was withdrawn or expired' })
		if (!moved.ok) return
		if (next === 'shortlist') await enqueue(tx, 'patient_link', { referralId }, { runAt: at, dedupeKey: `patient-link:${referralId}:${at.getTime()}` })
	}
}

/** The next round of offers, once per round of each posting; `after` says what emptied the shortlist, if that is why. */
export async function enqueueOfferRound(tx: Tx, referralId: string, roundsDone: number, postedAt: Date | null, at: Date, after?: RoundCause): Promise<void> {
	await enqueue(tx, 'offer_round', { referralId, ...(after ? { after } : {}) }, { runAt: at, dedupeKey: `offer-round:${referralId}:${postedAt?.getTime() ?? 0}:${roundsDone + 1}` })
}

export type NewOffer = { referralId: string; therapistId: string; round: number; sentAt: Date; expiresAt: Date; score: number; reasons: string[] }

/** An offer comes into being pending, with its event, its audit entry and the therapist's notice. */
export async function createOffer(tx: Tx, offer: NewOffer, actor: Actor): Promise<string> {
	const { id } = await tx.offer.create({ data: { ...offer, status: 'pending' }, select: { id: true } })
	await tx.offerEvent.create({ data: { offerId: id, referralId: offer.referralId, at: offer.sentAt, actor: actorLabel(actor), fromStatus: null, toStatus: 'pending', reason: `Round ${offer.round}` } })
	await audit(
		{
			...auditActor(actor),
			action: 'offer.status_changed',
			entity: 'offer',
			entityId: id,
			details: { referralId: offer.referralId, from: null, to: 'pending', round: offer.round, ...actorDetails(actor) },
		},
		tx,
	)
	await enqueue(tx, 'notify', { event: 'offer_received', referralId: offer.referralId, offerId: id }, { runAt: offer.sentAt })
	return id
}
