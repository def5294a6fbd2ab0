// The patient's choice (docs/product.md §4, §5): through their private link, the patient sees the
// therapists who accepted — essentials, why each fits, fees and insurance, proposed times in their
// own time zone — and chooses one therapist and one time, or says none fit. The clinic may record
// a choice the patient made by phone (audited as such). Choosing releases the other acceptances
// and withdraws the offers still pending; a proposed time still free books the first session.
import { audit, auditInsertFrom } from '#app/domain/audit/audit.server.ts'
import { intersect } from '#app/domain/availability/ranges.ts'
import { refreshTherapistSearch } from '#app/domain/matching/search-index.server.ts'
import { wakingWorker } from '#app/domain/outbox/outbox.server.ts'
import { createPlan } from '#app/domain/series/plan.server.ts'
import { type Prisma } from '#app/generated/prisma/client.ts'
import { db, driverQuery } from '#app/utils/db.server.ts'
import { type Actor, actorDetails, auditActor, lockReferral, moveAllOffers, moveOffer, moveReferral } from './lifecycle.server.ts'
import { therapistCalendar } from './offer-responses.server.ts'
import { sessionRange } from './proposals.ts'
import { refuse, runStep, type StepResult } from './step-result.ts'

type Tx = Prisma.TransactionClient

export type ShortlistEntry = {
	offerId: string
	therapist: {
		fullName: string
		pronouns: string | null
		credentials: string
		bio: string
		formats: string[]
		modalities: string[]
		languages: string[]
		insurancePayers: string[]
		selfPayRate: number | null
		slidingScale: boolean
		kapTrainingHours: number
	}
	reasons: string[]
	proposedTimes: Date[]
}

export type Shortlist = {
	referralId: string
	status: string
	timeZone: string
	linkExpiresAt: Date
	entries: ShortlistEntry[]
	chosen: { fullName: string; firstSessionAt: Date | null } | null
}

/**
 * The patient opened their page: noted on the link and in the audit log, both in one statement on
 * the driver (the page is opened often, and each Prisma query costs a millisecond of CPU:
 * docs/performance.md). A link that is gone by now is noted nowhere.
 */
export async function notePatientLinkOpened(linkId: string, referralId: string, now: Date): Promise<void> {
	const record = auditInsertFrom('opened', { actorId: null, action: 'patient_link.opened', entity: 'referral', entityId: referralId, details: { patientLinkId: linkId } }, now, 3)
	await driverQuery({
		name: 'patient_link_opened',
		text: `WITH opened AS (UPDATE "PatientLink" SET "lastOpenedAt" = ($1::timestamptz AT TIME ZONE 'UTC') WHERE "id" = $2::text RETURNING "id")\n${record.text}`,
		values: [now.toISOString(), linkId, ...record.values],
	})
}

/**
 * The choice itself, in the caller's transaction: the chosen offer, the others released or
 * withdrawn, the referral matched — and scheduled when the time picked is still free.
 */
async function applyChoice(tx: Tx, referralId: string, offerId: string, startIso: string | null, actor: Actor, now: Date): Promise<'matched' | 'scheduled'> {
	await lockReferral(tx, referralId)
	const referral = await tx.referral.findUnique({ where: { id: referralId }, select: { status: true } })
	if (!referral) throw refuse('not_found', 'There is no such referral.')
	if (referral.status !== 'shortlisted')
		throw refuse('conflict', referral.status === 'matched' || referral.status === 'scheduled' ? 'A therapist has already been chosen.' : 'There is no choice to make on this referral now.')
	const offer = await tx.offer.findFirst({ where: { id: offerId, referralId }, select: { id: true, status: true, therapistId: true, proposedTimes: true } })
	if (!offer) throw refuse('not_found', 'That therapist is not on this shortlist.')
	if (offer.status !== 'accepted') throw refuse('conflict', 'That therapist is no longer available for this referral. Choose another.')
	const start = startIso === null ? null : (offer.proposedTimes.find((t) => t.toISOString() === startIso) ?? null)
	if (startIso !== null && !start) throw refuse('invalid', 'Choose one of the times the therapist proposed.')
	if (start && start <= now) throw refuse('invalid', 'That time has passed. Choose a later one.')

	const chose = await moveOffer(tx, { offerId, referralId, from: 'accepted', to: 'chosen', actor, at: now, data: {}, notify: ['patient_chose'] })
	if (!chose.ok) throw refuse('conflict', 'That therapist is no longer available for this referral. Choose another.')
	await moveAllOffers(tx, referralId, 'accepted', 'released', actor, now, ['offer_released'])
	await moveAllOffers(tx, referralId, 'pending', 'withdrawn', actor, now)
	const matched = await moveReferral(tx, {
		referralId,
		from: 'shortlisted',
		to: 'matched',
		actor,
		at: now,
		reason: actor.kind === 'patient' ? 'The patient chose a therapist' : 'The clinic recorded the patient’s choice',
	})
	if (!matched.ok) throw refuse('conflict', matched.message)

	let outcome: 'matched' | 'scheduled' = 'matched'
	if (start) {
		// The therapist's other patients may have taken the hour since it was proposed.
		const { booked } = await therapistCalendar(offer.therapistId, tx)
		if (intersect(booked, [sessionRange(start)]).length === 0) {
			const scheduled = await moveReferral(tx, {
				referralId,
				from: 'matched',
				to: 'scheduled',
				actor,
				at: now,
				reason: 'First session booked at the time chosen',
				data: { firstSessionAt: start },
				notify: ['session_booked'],
			})
			if (scheduled.ok) outcome = 'scheduled'
		}
	}
	await createPlan(tx, referralId, now)
	await refreshTherapistSearch([offer.therapistId], { client: tx, now })
	return outcome
}

export type ChoiceResult = StepResult<{ outcome: 'matched' | 'scheduled' }>

export async function patientChooses(linkId: string, referralId: string, offerId: string, startIso: string | null, now = new Date()): Promise<ChoiceResult> {
	return wakingWorker(runStep(async () => ({ outcome: await db().$transaction((tx) => applyChoice(tx, referralId, offerId, startIso, { kind: 'patient', linkId }, now)) })))
}

/** The clinic records a choice the patient made by phone or in person. */
export async function recordChoiceForPatient(clinicId: string, referralId: string, offerId: string, startIso: string | null, userId: string, now = new Date()): Promise<ChoiceResult> {
	const actor: Actor = { kind: 'user', userId }
	return wakingWorker(
		runStep(async () => {
			const outcome = await db().$transaction(async (tx) => {
				if (!(await tx.referral.findFirst({ where: { id: referralId, clinicId }, select: { id: true } }))) throw refuse('not_found', 'There is no such referral.')
				const result = await applyChoice(tx, referralId, offerId, startIso, actor, now)
				await audit({ ...auditActor(actor), action: 'referral.choice_recorded', entity: 'referral', entityId: referralId, details: { offerId, onBehalfOf: 'patient', ...actorDetails(actor) } }, tx)
				return result
			})
			return { outcome }
		}),
	)
}

/** None of the therapists fit: the referral is unfilled; the clinic and the therapists who accepted are told so. */
export async function patientDeclinesAll(linkId: string, referralId: string, now = new Date()): Promise<StepResult> {
	const actor: Actor = { kind: 'patient', linkId }
	return wakingWorker(
		runStep(() =>
			db().$transaction(async (tx) => {
				await lockReferral(tx, referralId)
				const moved = await moveReferral(tx, {
					referralId,
					from: 'shortlisted',
					to: 'unfilled',
					actor,
					at: now,
					reason: 'The patient said none of the therapists fit',
					notify: ['referral_unfilled'],
					unfilled: { kind: 'patient_declined' },
				})
				if (!moved.ok) throw refuse('conflict', 'There is no choice to make on this referral now.')
				// Told that none fit, not that someone else was chosen (docs/product.md §4).
				await moveAllOffers(tx, referralId, 'accepted', 'released', actor, now, ['none_fit'])
				await moveAllOffers(tx, referralId, 'pending', 'withdrawn', actor, now)
			}),
		),
	)
}
