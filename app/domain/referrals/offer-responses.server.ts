// What a therapist does with an offer (docs/product.md §4, §5): read its de-identified facts, accept it
// with up to three proposed first-session times, decline it with a reason, retract an acceptance;
// once chosen, see the patient's details (every view audited), book the first session, report it
// happened (`in_care`, not before its booked start) and end the episode with an outcome
// (`completed`), or step back before the first session.
// A therapist reaches only offers made to them: another therapist's offer is 403, an unknown one 404.
import { calendarBusy } from '#app/domain/calendar/feeds.server.ts'
import { overridesFromRows, type Range, type Schedule } from '#app/domain/availability/ranges.ts'
import { audit } from '#app/domain/audit/audit.server.ts'
import { dateOnly } from '#app/domain/calendar-dates.ts'
import { refreshTherapistSearch } from '#app/domain/matching/search-index.server.ts'
import { enqueue, wakingWorker } from '#app/domain/outbox/outbox.server.ts'
import { bookFirstInPlan, cancelPlan } from '#app/domain/series/plan.server.ts'
import { HOLDS_TIME } from '#app/domain/series/plan.ts'
import { type Prisma } from '#app/generated/prisma/client.ts'
import { db } from '#app/utils/db.server.ts'
import { type CareOutcome, inCareTooEarly } from './care.ts'
import { type Actor, lockReferral, moveOffer, moveReferral, settleReferral } from './lifecycle.server.ts'
import { BOOKED_REFERRAL_STATUSES, DECLINE_REASONS, type DeclineReason, LOAD_OFFER_STATUSES, LOAD_REFERRAL_STATUSES } from './offers.ts'
import { SERIES_COLUMNS, storedSeries } from './dosing.ts'
import { checkProposal, proposableTimes, proposalWindows, sessionRange } from './proposals.ts'
import { postedPatient, postedReferral, type Posted } from './posted.ts'
import { askToReconfirm, releasedByChoice } from './reconfirmation.server.ts'
import { afterShortlist } from './shortlist-deadline.ts'
import { refuse, runStep, type StepResult } from './step-result.ts'

type Tx = Prisma.TransactionClient
type Client = Tx | ReturnType<typeof db>

/** What the stage-1 view of an offer reads: never the patient's identity (docs/product.md §5). */
const OFFER_VIEW = {
	id: true,
	therapistId: true,
	status: true,
	round: true,
	sentAt: true,
	expiresAt: true,
	respondedAt: true,
	declineReason: true,
	proposedTimes: true,
	reconfirmAskedAt: true,
	referral: {
		select: {
			id: true,
			status: true,
			patientState: true,
			ageBand: true,
			languages: true,
			format: true,
			modalities: true,
			focusAreas: true,
			paymentType: true,
			payer: true,
			maxRate: true,
			urgency: true,
			...SERIES_COLUMNS,
			radiusMiles: true,
			firstSessionAt: true,
			outcome: true,
			clinic: { select: { id: true, name: true, city: true, state: true, zip: true, timeZone: true } },
		},
	},
	therapist: { select: { timeZone: true, officeZip: true } },
} as const satisfies Prisma.OfferSelect

type OfferRow = Prisma.OfferGetPayload<{ select: typeof OFFER_VIEW }>
/** An offer is only ever made on a posted referral, whose facts are all present. */
export type TherapistOffer = Omit<OfferRow, 'referral'> & { referral: Posted<OfferRow['referral']> }
const withPostedReferral = (offer: OfferRow): TherapistOffer => ({ ...offer, referral: postedReferral(offer.referral) })

export type OfferAccess = { ok: true; offer: TherapistOffer } | { ok: false; reason: 'forbidden' | 'not_found' }

/** The offer, if it was made to this therapist. */
export async function therapistOffer(therapistId: string, offerId: string, client: Client = db()): Promise<OfferAccess> {
	const offer = await client.offer.findUnique({ where: { id: offerId }, select: OFFER_VIEW })
	if (!offer) return { ok: false, reason: 'not_found' }
	if (offer.therapistId !== therapistId) return { ok: false, reason: 'forbidden' }
	return { ok: true, offer: withPostedReferral(offer) }
}

export async function therapistOffers(therapistId: string) {
	const offers = await db().offer.findMany({ where: { therapistId }, select: OFFER_VIEW, orderBy: [{ sentAt: 'desc' }, { id: 'asc' }], take: 200 })
	return offers.map(withPostedReferral)
}

/**
 * The therapist's hours, and what holds their time: first sessions booked with them, their series
 * plans' sessions (series/plan.ts) and their own calendar. `exceptReferralId` leaves one referral's
 * planned sessions out (its own plan is being placed; its booked first session still counts).
 */
export async function therapistCalendar(therapistId: string, client: Client = db(), exceptReferralId?: string): Promise<{ schedule: Schedule; booked: Range[] }> {
	const therapist = await client.therapist.findUniqueOrThrow({
		where: { id: therapistId },
		select: {
			timeZone: true,
			availability: { select: { dayOfWeek: true, startMinute: true, endMinute: true } },
			availabilityOverrides: { select: { date: true, startMinute: true, endMinute: true } },
		},
	})
	const booked = await client.offer.findMany({
		where: { therapistId, status: 'chosen', referral: { status: { in: [...BOOKED_REFERRAL_STATUSES] }, firstSessionAt: { not: null } } },
		select: { referral: { select: { firstSessionAt: true } } },
	})
	const planned = await client.plannedSession.findMany({
		where: { therapistId, ...HOLDS_TIME, ...(exceptReferralId ? { referralId: { not: exceptReferralId } } : {}) },
		select: { startsAt: true, endsAt: true },
	})
	// Busy times from the therapist's own calendar count as booked: nothing is proposed or booked over them.
	const busy = (await calendarBusy([therapistId], client)).get(therapistId) ?? []
	return {
		schedule: { timeZone: therapist.timeZone, rules: therapist.availability, overrides: overridesFromRows(therapist.availabilityOverrides.map((o) => ({ ...o, date: dateOnly(o.date) }))) },
		booked: [...booked.map((o) => sessionRange(o.referral.firstSessionAt!)), ...planned.map((p) => ({ start: p.startsAt, end: p.endsAt })), ...busy],
	}
}

/** The first-session times the therapist may propose (or book) for this offer now. */
export async function proposableForOffer(offer: TherapistOffer, now: Date, client: Client = db()): Promise<Date[]> {
	// The chosen therapist's own plan for this referral holds the first session's place: it is not busy for it.
	const { schedule, booked } = await therapistCalendar(offer.therapistId, client, offer.status === 'chosen' ? offer.referral.id : undefined)
	return proposableTimes(schedule, booked, proposalWindows(storedSeries(offer.referral), now))
}

async function ownOffer(tx: Tx, therapistId: string, offerId: string): Promise<TherapistOffer> {
	const access = await therapistOffer(therapistId, offerId, tx)
	if (!access.ok) throw refuse(access.reason, access.reason === 'forbidden' ? 'This offer was made to another therapist.' : 'There is no such offer.')
	return access.offer
}

/** Locks the therapist's row, so two acceptances of theirs are judged against capacity one after the other. */
async function lockTherapist(tx: Tx, therapistId: string) {
	await tx.$queryRaw`SELECT 1 FROM "Therapist" WHERE id = ${therapistId} FOR UPDATE`
}

export async function acceptOffer(therapistId: string, offerId: string, picked: readonly string[], actor: Actor, now = new Date()): Promise<StepResult> {
	return wakingWorker(
		runStep(() =>
			db().$transaction(async (tx) => {
				await lockTherapist(tx, therapistId)
				const offer = await ownOffer(tx, therapistId, offerId)
				await lockReferral(tx, offer.referral.id)
				if (offer.status !== 'pending') throw refuse('conflict', 'This offer has already been answered, or it expired or was withdrawn.')
				if (offer.expiresAt <= now) throw refuse('conflict', 'This offer expired.')
				if (offer.referral.status !== 'open' && offer.referral.status !== 'shortlisted') throw refuse('conflict', 'The clinic is no longer looking for a therapist for this referral.')
				const proposal = checkProposal(picked, await proposableForOffer(offer, now, tx), offer.therapist.timeZone)
				if (!proposal.ok) throw refuse('invalid', proposal.message)
				// Acceptance re-checks capacity (docs/product.md §4): the load without this offer must leave room.
				const therapist = await tx.therapist.findUniqueOrThrow({ where: { id: therapistId }, select: { accepting: true, weeklyCapacity: true } })
				const load = await tx.offer.count({ where: { therapistId, id: { not: offerId }, status: { in: [...LOAD_OFFER_STATUSES] }, referral: { status: { in: [...LOAD_REFERRAL_STATUSES] } } } })
				if (!therapist.accepting) throw refuse('conflict', 'Your profile says you are not accepting new referrals. Turn that on in your profile first.')
				if (load >= therapist.weeklyCapacity) throw refuse('conflict', `You are at your weekly capacity (${therapist.weeklyCapacity}). Decline this offer, or raise your capacity in your profile.`)
				const moved = await moveOffer(tx, {
					offerId,
					referralId: offer.referral.id,
					from: 'pending',
					to: 'accepted',
					actor,
					at: now,
					data: { proposedTimes: proposal.times, respondedAt: now },
					notify: ['offer_accepted'],
				})
				if (!moved.ok) throw refuse('conflict', moved.message)
				await refreshTherapistSearch([therapistId], { client: tx, now })
				await settleReferral(tx, offer.referral.id, actor, now)
			}),
		),
	)
}

export async function declineOffer(therapistId: string, offerId: string, reason: DeclineReason, actor: Actor, now = new Date()): Promise<StepResult> {
	return wakingWorker(
		runStep(() =>
			db().$transaction(async (tx) => {
				const offer = await ownOffer(tx, therapistId, offerId)
				await lockReferral(tx, offer.referral.id)
				if (offer.status !== 'pending') throw refuse('conflict', 'This offer has already been answered, or it expired or was withdrawn.')
				const moved = await moveOffer(tx, {
					offerId,
					referralId: offer.referral.id,
					from: 'pending',
					to: 'declined',
					actor,
					at: now,
					reason: DECLINE_REASONS[reason],
					data: { declineReason: reason, respondedAt: now },
				})
				if (!moved.ok) throw refuse('conflict', moved.message)
				await refreshTherapistSearch([therapistId], { client: tx, now })
				await settleReferral(tx, offer.referral.id, actor, now)
			}),
		),
	)
}

export async function retractAcceptance(therapistId: string, offerId: string, actor: Actor, now = new Date()): Promise<StepResult> {
	return wakingWorker(
		runStep(() =>
			db().$transaction(async (tx) => {
				const offer = await ownOffer(tx, therapistId, offerId)
				await lockReferral(tx, offer.referral.id)
				const moved = await moveOffer(tx, {
					offerId,
					referralId: offer.referral.id,
					from: 'accepted',
					to: 'retracted',
					actor,
					at: now,
					reason: 'The therapist withdrew their acceptance',
					notify: ['offer_retracted'],
				})
				if (!moved.ok)
					throw refuse(
						'conflict',
						offer.status === 'chosen'
							? 'The patient has already chosen you. To hand the referral back, step back from it instead.'
							: 'Only an acceptance the patient has not acted on can be withdrawn.',
					)
				await settleReferral(tx, offer.referral.id, actor, now)
			}),
		),
	)
}

/** The chosen therapist, while the referral is theirs to work on. */
async function chosenOffer(tx: Tx, therapistId: string, offerId: string): Promise<TherapistOffer> {
	const offer = await ownOffer(tx, therapistId, offerId)
	if (offer.status !== 'chosen') throw refuse('forbidden', 'Only the therapist the patient chose can do this.')
	return offer
}

export async function bookFirstSession(therapistId: string, offerId: string, startIso: string, actor: Actor, now = new Date()): Promise<StepResult> {
	return wakingWorker(
		runStep(() =>
			db().$transaction(async (tx) => {
				await lockTherapist(tx, therapistId)
				const offer = await chosenOffer(tx, therapistId, offerId)
				const proposal = checkProposal([startIso], await proposableForOffer(offer, now, tx), offer.therapist.timeZone)
				if (!proposal.ok) throw refuse('invalid', proposal.message)
				const moved = await moveReferral(tx, {
					referralId: offer.referral.id,
					from: 'matched',
					to: 'scheduled',
					actor,
					at: now,
					reason: 'First session booked',
					data: { firstSessionAt: proposal.times[0]! },
					notify: ['session_booked'],
				})
				if (!moved.ok) throw refuse('conflict', moved.reason === 'stale' ? 'The first session is already booked, or the referral changed.' : moved.message)
				await bookFirstInPlan(tx, offer.referral.id, proposal.times[0]!, now)
				await refreshTherapistSearch([therapistId], { client: tx, now })
			}),
		),
	)
}

export async function markInCare(therapistId: string, offerId: string, actor: Actor, now = new Date()): Promise<StepResult> {
	return wakingWorker(
		runStep(() =>
			db().$transaction(async (tx) => {
				const offer = await chosenOffer(tx, therapistId, offerId)
				await lockReferral(tx, offer.referral.id)
				const { status, firstSessionAt } = await tx.referral.findUniqueOrThrow({ where: { id: offer.referral.id }, select: { status: true, firstSessionAt: true } })
				const tooEarly = status === 'scheduled' ? inCareTooEarly(firstSessionAt, now, offer.therapist.timeZone) : null
				if (tooEarly) throw refuse('conflict', tooEarly)
				const moved = await moveReferral(tx, { referralId: offer.referral.id, from: 'scheduled', to: 'in_care', actor, at: now, reason: 'First session took place', notify: ['in_care'] })
				if (!moved.ok) throw refuse('conflict', 'Only a booked first session can be marked as having taken place.')
			}),
		),
	)
}

export async function completeCare(therapistId: string, offerId: string, outcome: CareOutcome, actor: Actor, now = new Date()): Promise<StepResult> {
	return wakingWorker(
		runStep(() =>
			db().$transaction(async (tx) => {
				const offer = await chosenOffer(tx, therapistId, offerId)
				const moved = await moveReferral(tx, { referralId: offer.referral.id, from: 'in_care', to: 'completed', actor, at: now, reason: 'Episode of support ended', data: { outcome } })
				if (!moved.ok) throw refuse('conflict', 'Only a patient in care can have their episode ended.')
			}),
		),
	)
}

/** Stage 2 (docs/product.md §5): the patient's details, for the chosen therapist only; every view audited. */
export async function chosenTherapistPatient(therapistId: string, offerId: string, viewerUserId: string) {
	const offer = await db().offer.findUnique({ where: { id: offerId }, select: { therapistId: true, status: true, referralId: true, referral: { select: { status: true, patient: true } } } })
	if (!offer || offer.therapistId !== therapistId || offer.status !== 'chosen' || offer.referral.status === 'cancelled') return null
	await audit({ actorId: viewerUserId, action: 'referral.patient_viewed', entity: 'referral', entityId: offer.referralId, details: { as: 'chosen_therapist', offerId } })
	return offer.referral.patient ? postedPatient(offer.referral.patient) : null
}

/**
 * The chosen therapist steps back before the first session (docs/product.md §4: scheduled → matched,
 * matched → shortlisted): their offer is retracted and a booked session cancelled. The therapists
 * whose acceptances the choice released are asked to re-confirm (reconfirmation.server.ts); with
 * none to ask, the referral follows its offers — open again, and the next round goes out, or
 * unfilled when every round was sent. The clinic is told which of these happens.
 */
export async function stepBack(therapistId: string, offerId: string, reason: string, actor: Actor, now = new Date()): Promise<StepResult> {
	return wakingWorker(
		runStep(() =>
			db().$transaction(async (tx) => {
				const offer = await chosenOffer(tx, therapistId, offerId)
				await lockReferral(tx, offer.referral.id)
				const referralId = offer.referral.id
				const { status, matchingRound } = await tx.referral.findUniqueOrThrow({ where: { id: referralId }, select: { status: true, matchingRound: true } })
				if (status !== 'matched' && status !== 'scheduled')
					throw refuse(
						'conflict',
						status === 'in_care' || status === 'completed' ? 'After the first session, end the episode of support instead.' : 'This referral is no longer yours to step back from.',
					)
				if (status === 'scheduled') {
					const unbooked = await moveReferral(tx, {
						referralId,
						from: 'scheduled',
						to: 'matched',
						actor,
						at: now,
						reason: 'The chosen therapist stepped back; the first session is cancelled',
						data: { firstSessionAt: null },
					})
					if (!unbooked.ok) throw refuse('conflict', unbooked.message)
				}
				await cancelPlan(tx, referralId)
				const retracted = await moveOffer(tx, { offerId, referralId, from: 'chosen', to: 'retracted', actor, at: now, reason })
				if (!retracted.ok) throw refuse('conflict', retracted.message)
				const back = await moveReferral(tx, { referralId, from: 'matched', to: 'shortlisted', actor, at: now, reason: 'The chosen therapist stepped back before the first session' })
				if (!back.ok) throw refuse('conflict', back.message)
				const asked = await askToReconfirm(tx, referralId, await releasedByChoice(tx, referralId, offerId), actor, now)
				const next = afterShortlist(asked.length, matchingRound)
				await enqueue(tx, 'notify', { event: 'chosen_stepped_back', referralId, offerId, next, reconfirming: asked.length }, { runAt: now })
				await refreshTherapistSearch([therapistId, ...asked.map((o) => o.therapistId)], { client: tx, now })
				await settleReferral(tx, referralId, actor, now, 'stepped_back')
			}),
		),
	)
}
