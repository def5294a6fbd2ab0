// A clinic names a therapist itself (a preferred partner, someone it knows): while the referral is
// open and its first round is out, the therapist gets an offer in the current round, with the normal response window, expiry,
// reminder and notice, if matching's own rules find them eligible (docs/product.md §6), they have
// not had an offer for this referral, and the clinic has not blocked them. Also: finding a
// therapist by name, for the pages' suggestions as the clinic types.
import { audit } from '#app/domain/audit/audit.server.ts'
import { judgeTherapist, loadMatchReferral } from '#app/domain/matching/candidates.server.ts'
import { FILTER_LABELS } from '#app/domain/matching/eligibility.ts'
import { enqueue, wakingWorker } from '#app/domain/outbox/outbox.server.ts'
import { db } from '#app/utils/db.server.ts'
import { actorDetails, auditActor, createOffer, lockReferral, type Actor } from './lifecycle.server.ts'
import { expiringNoticeAt, OFFER_STATUS_LABELS, offerExpiresAt } from './offers.ts'
import { canOfferDirectly } from './referral-summary.ts'
import { REFERRAL_STATUS_LABELS } from './statuses.ts'
import { refuse, runStep, type StepResult } from './step-result.ts'

export async function offerNamedTherapist(clinicId: string, referralId: string, therapistId: string, actor: Actor, now = new Date()): Promise<StepResult<{ offerId: string; therapistName: string }>> {
	return wakingWorker(
		runStep(async () => {
			const referral = await db().referral.findFirst({ where: { id: referralId, clinicId }, select: { status: true } })
			if (!referral) throw refuse('not_found', 'There is no such referral.')
			const therapist = await db().therapist.findUnique({ where: { id: therapistId }, select: { id: true, fullName: true } })
			if (!therapist) throw refuse('not_found', 'There is no such therapist on Tandem.')
			await checkOfferable(clinicId, referralId, referral.status, therapist)
			// Matching's own rules, as of now, before anything is written.
			const match = await loadMatchReferral(referralId, clinicId, now)
			if (!match) throw refuse('conflict', 'This referral lacks what matching needs.')
			const verdict = await judgeTherapist(match, therapist.id)
			if (verdict.kind === 'unknown_therapist') throw refuse('not_found', 'There is no such therapist on Tandem.')
			if (verdict.kind === 'excluded') throw refuse('conflict', `${therapist.fullName} cannot take this referral: ${FILTER_LABELS[verdict.filter]}.`)
			const offerId = await db().$transaction(async (tx) => {
				await lockReferral(tx, referralId)
				// Again under the lock: the referral or its offers may have changed while matching ran.
				const current = await tx.referral.findFirst({ where: { id: referralId, clinicId }, select: { status: true, matchingRound: true, urgency: true } })
				if (!current) throw refuse('not_found', 'There is no such referral.')
				await checkOfferable(clinicId, referralId, current.status, therapist, tx)
				// Before the first round is out, a pending offer would hold it back (offers.ts nextRound): named offers join a round under way.
				if (current.matchingRound === 0) throw refuse('conflict', 'The first round of offers is going out now. Try again in a minute.')
				const expiresAt = offerExpiresAt(now, current.urgency)
				const round = current.matchingRound
				const id = await createOffer(tx, { referralId, therapistId: therapist.id, round, sentAt: now, expiresAt, score: verdict.suggestion.score, reasons: verdict.suggestion.reasons }, actor)
				await enqueue(tx, 'offer_expiry', { offerId: id }, { runAt: expiresAt, dedupeKey: `offer-expiry:${id}` })
				const noticeAt = expiringNoticeAt(now, expiresAt, current.urgency)
				if (noticeAt) await enqueue(tx, 'notify', { event: 'offer_expiring', referralId, offerId: id }, { runAt: noticeAt, dedupeKey: `offer-expiring:${id}` })
				await audit({ ...auditActor(actor), action: 'offer.named_by_clinic', entity: 'offer', entityId: id, details: { referralId, therapistId: therapist.id, round, ...actorDetails(actor) } }, tx)
				return id
			})
			return { offerId, therapistName: therapist.fullName }
		}),
	)
}

type Reader = Pick<ReturnType<typeof db>, 'offer' | 'clinicTherapist'>

async function checkOfferable(clinicId: string, referralId: string, status: Parameters<typeof canOfferDirectly>[0], therapist: { id: string; fullName: string }, client: Reader = db()) {
	if (!canOfferDirectly(status)) throw refuse('conflict', `A therapist can be offered this referral only while it is open; it is ${REFERRAL_STATUS_LABELS[status].toLowerCase()}.`)
	const [earlier, standing] = await Promise.all([
		client.offer.findFirst({ where: { referralId, therapistId: therapist.id }, orderBy: { sentAt: 'desc' }, select: { status: true } }),
		client.clinicTherapist.findUnique({ where: { clinicId_therapistId: { clinicId, therapistId: therapist.id } }, select: { standing: true } }),
	])
	if (earlier) throw refuse('conflict', `${therapist.fullName} already had an offer for this referral (${OFFER_STATUS_LABELS[earlier.status].toLowerCase()}).`)
	if (standing?.standing === 'blocked') throw refuse('conflict', `${therapist.fullName} is blocked by your clinic. Clear the block on their profile first.`)
}

export type TherapistName = { id: string; fullName: string; credentials: string }

/** Therapists whose name contains the text (case-insensitive), partners of the clinic first, then by name; at most `limit`. */
export async function therapistNameSuggestions(clinicId: string, text: string, limit = 10): Promise<TherapistName[]> {
	const words = text.trim().split(/\s+/).filter(Boolean).slice(0, 4)
	if (!words.length) return []
	const rows = await db().therapist.findMany({
		where: { AND: words.map((word) => ({ fullName: { contains: word, mode: 'insensitive' as const } })), clinics: { none: { clinicId, standing: 'blocked' } } },
		orderBy: [{ fullName: 'asc' }, { id: 'asc' }],
		select: { id: true, fullName: true, credentials: true, clinics: { where: { clinicId }, select: { standing: true } } },
		take: limit * 3,
	})
	const partner = (r: (typeof rows)[number]) => (r.clinics[0]?.standing === 'partner' ? 0 : 1)
	return rows
		.sort((a, b) => partner(a) - partner(b))
		.slice(0, limit)
		.map((r) => ({ id: r.id, fullName: r.fullName, credentials: r.credentials }))
}

/**
 * The therapist a typed name means: the id when the form carried one, else the one therapist of that
 * exact name (case-insensitive). Several of one name, or none, is said plainly.
 */
export async function resolveTherapistName(name: string, therapistId: string | null): Promise<{ ok: true; therapist: { id: string; fullName: string } } | { ok: false; message: string }> {
	if (therapistId) {
		const therapist = await db().therapist.findUnique({ where: { id: therapistId }, select: { id: true, fullName: true } })
		if (therapist && therapist.fullName.trim().toLowerCase() === name.trim().toLowerCase()) return { ok: true, therapist }
	}
	const matches = await db().therapist.findMany({ where: { fullName: { equals: name.trim(), mode: 'insensitive' } }, select: { id: true, fullName: true }, take: 2 })
	if (matches.length === 1) return { ok: true, therapist: matches[0]! }
	if (matches.length > 1) return { ok: false, message: `Several therapists are called ${name.trim()}. Choose one from the suggestions as you type.` }
	return { ok: false, message: `No therapist on Tandem is called ${name.trim()}. Choose one from the suggestions as you type.` }
}
