// Writing referrals (docs/product.md §4): create (as a draft or posted at once), edit a draft, and the
// clinic's own actions (post, cancel, repost). Each change runs in one transaction, and its status
// moves through lifecycle.server.ts (conditional update, timeline, audit, outbox), so two people
// acting at once cannot both win. Posting asks the worker for the first round of offers.
import { audit } from '#app/domain/audit/audit.server.ts'
import { clinicPostingEntitlement } from '#app/domain/billing/subscriptions.server.ts'
import { refreshTherapistSearch } from '#app/domain/matching/search-index.server.ts'
import { wakingWorker } from '#app/domain/outbox/outbox.server.ts'
import { cancelPlan } from '#app/domain/series/plan.server.ts'
import { type Prisma } from '#app/generated/prisma/client.ts'
import { db } from '#app/utils/db.server.ts'
import { type Actor, actorDetails, actorLabel, auditActor, enqueueOfferRound, lockReferral, moveAllOffers, moveReferral, type Move } from './lifecycle.server.ts'
import { missingForPosting, postingProblem, referralRecord, storedMissing, type FieldIssue, type ReferralInput } from './referral-input.ts'
import { type ReferralStatus, REFERRAL_STATUS_LABELS } from './statuses.ts'
import { actionTarget, allowedActions, type ClinicAction } from './transitions.ts'

/** A clinic's people and its API keys write referrals. */
export type ReferralActor = Extract<Actor, { kind: 'user' | 'api_key' }>

export type ChangeResult =
	| { ok: true; id: string; status: ReferralStatus }
	| { ok: false; reason: 'not_found' }
	| { ok: false; reason: 'invalid'; issues: FieldIssue[] }
	| { ok: false; reason: 'conflict'; status: ReferralStatus; allowed: ClinicAction[]; message: string }
	| { ok: false; reason: 'payment_required'; message: string }

/** Thrown inside a transaction to roll it back with a result for the caller. */
class Refusal extends Error {
	constructor(readonly result: Extract<ChangeResult, { ok: false }>) {
		super(result.reason)
	}
}

async function refusals(run: () => Promise<ChangeResult>): Promise<ChangeResult> {
	try {
		return await run()
	} catch (error) {
		if (error instanceof Refusal) return error.result
		throw error
	}
}

const refused = (issues: FieldIssue[]) => new Refusal({ ok: false, reason: 'invalid', issues })

/** The stage-1 columns and the patient of an input, its doses expanded in the clinic's time zone; refused when posting a series that has begun. */
async function recordFor(clinicId: string, input: ReferralInput, now: Date) {
	const clinic = await db().clinic.findUniqueOrThrow({ where: { id: clinicId }, select: { timeZone: true, acceptSupervisedByDefault: true } })
	const record = referralRecord(input, clinic.timeZone, clinic.acceptSupervisedByDefault)
	const first = record.facts.firstDosingAt
	const problem = input.post && first ? postingProblem(first, now) : null
	if (problem) throw refused([{ path: input.dosing?.sessionsAt ? 'dosing.sessionsAt.0' : 'dosing.firstSessionAt', message: problem }])
	return record
}

/** Posting needs a subscription in good standing (docs/product.md §7); saving a draft does not. */
async function requirePostingEntitlement(tx: Prisma.TransactionClient, clinicId: string, now: Date) {
	const entitlement = await clinicPostingEntitlement(clinicId, now, tx)
	if (!entitlement.allowed) throw new Refusal({ ok: false, reason: 'payment_required', message: entitlement.message })
}

export function createReferral(clinicId: string, actor: ReferralActor, input: ReferralInput, now = new Date()): Promise<ChangeResult> {
	return wakingWorker(
		refusals(async () => {
			const { facts, patient } = await recordFor(clinicId, input, now)
			const status: ReferralStatus = input.post ? 'open' : 'draft'
			const id = await db().$transaction(async (tx) => {
				if (input.post) await requirePostingEntitlement(tx, clinicId, now)
				const created = await tx.referral.create({ data: { clinicId, ...facts, status: 'draft', patient: { create: patient } }, select: { id: true } })
				await tx.referralEvent.create({ data: { referralId: created.id, at: now, actor: actorLabel(actor), fromStatus: null, toStatus: 'draft', reason: 'Written' } })
				await audit({ ...auditActor(actor), action: 'referral.created', entity: 'referral', entityId: created.id, details: { clinicId, status, ...actorDetails(actor) } }, tx)
				if (input.post) await post(tx, created.id, 'draft', actor, now, 'Posted')
				return created.id
			})
			return { ok: true, id, status }
		}),
	)
}

async function conflictFor(tx: Prisma.TransactionClient, clinicId: string | null, referralId: string, doing: string): Promise<Refusal> {
	const current = await tx.referral.findFirst({ where: { id: referralId, ...(clinicId ? { clinicId } : {}) }, select: { status: true } })
	if (!current) return new Refusal({ ok: false, reason: 'not_found' })
	return new Refusal({
		ok: false,
		reason: 'conflict',
		status: current.status,
		allowed: allowedActions(current.status),
		message: `${doing} is not possible: the referral is ${REFERRAL_STATUS_LABELS[current.status].toLowerCase()}.`,
	})
}

/** Statuses whose facts the clinic may still change: a draft, and an unfilled referral before it is posted again. */
export const EDITABLE_STATUSES = ['draft', 'unfilled'] as const satisfies readonly ReferralStatus[]

/**
 * Replaces a draft's or an unfilled referral's facts and patient (an unfilled one, to relax its
 * criteria); with `post` set, posts it (again) in the same transaction, with fresh rounds of offers.
 */
export function updateReferral(clinicId: string, referralId: string, actor: ReferralActor, input: ReferralInput, now = new Date()): Promise<ChangeResult> {
	return wakingWorker(
		refusals(async () => {
			const { facts, patient } = await recordFor(clinicId, input, now)
			return db().$transaction(async (tx) => {
				await lockReferral(tx, referralId)
				const current = await tx.referral.findFirst({ where: { id: referralId, clinicId }, select: { status: true } })
				if (!current) throw new Refusal({ ok: false, reason: 'not_found' })
				const from = current.status
				if (!(EDITABLE_STATUSES as readonly ReferralStatus[]).includes(from)) throw await conflictFor(tx, clinicId, referralId, 'Editing')
				// Only a draft may be incomplete: an unfilled referral was posted, and keeps what posting needs.
				if (from !== 'draft' && !input.post) {
					const missing = missingForPosting(input)
					if (missing.length) throw refused(missing)
				}
				await tx.referral.updateMany({ where: { id: referralId, clinicId, status: from }, data: facts })
				if (input.post) await requirePostingEntitlement(tx, clinicId, now)
				await tx.referralPatient.upsert({ where: { referralId }, create: { referralId, ...patient }, update: patient })
				await audit({ ...auditActor(actor), action: 'referral.updated', entity: 'referral', entityId: referralId, details: { clinicId, status: from, ...actorDetails(actor) } }, tx)
				if (input.post) await post(tx, referralId, from, actor, now, from === 'draft' ? 'Posted' : 'Posted again with changed criteria')
				return { ok: true as const, id: referralId, status: input.post ? ('open' as const) : from }
			})
		}),
	)
}

/** Draft or unfilled → open, with fresh rounds of offers for this posting; the worker sends the first. */
async function post(tx: Prisma.TransactionClient, referralId: string, from: ReferralStatus, actor: ReferralActor, now: Date, reason: string) {
	const moved: Move = await moveReferral(tx, { referralId, from, to: 'open', actor, at: now, reason, data: { postedAt: now, matchingRound: 0 } })
	if (!moved.ok) throw await conflictFor(tx, null, referralId, 'Posting')
	await enqueueOfferRound(tx, referralId, 0, now, now)
}

/** What posting checks of a stored referral: the facts a draft may lack, and whether its patient has each required field. */
export const POSTING_FACTS = {
	patientState: true,
	ageBand: true,
	phases: true,
	format: true,
	paymentType: true,
	payer: true,
	firstDosingAt: true,
	dosingSessionsAt: true,
	draftDoseCount: true,
	draftCadenceDays: true,
	patient: { select: { firstName: true, lastName: true, email: true, birthDate: true } },
} as const satisfies Prisma.ReferralSelect

const ACTION_WORDS: Record<ClinicAction, string> = { post: 'Posting', cancel: 'Cancelling', repost: 'Posting again' }

export function applyClinicAction(clinicId: string, referralId: string, actor: ReferralActor, action: ClinicAction, reason: string | null, now = new Date()): Promise<ChangeResult> {
	return wakingWorker(
		refusals(() =>
			db().$transaction(async (tx) => {
				const current = await tx.referral.findFirst({ where: { id: referralId, clinicId }, select: { status: true, ...POSTING_FACTS } })
				if (!current) throw new Refusal({ ok: false, reason: 'not_found' })
				const to = actionTarget(action, current.status)
				if (!to) throw await conflictFor(tx, clinicId, referralId, ACTION_WORDS[action])
				if (to === 'open') {
					// Posting a draft needs everything a draft may lack, each missing field named, and a first dose still ahead.
					const problem = current.firstDosingAt ? postingProblem(current.firstDosingAt, now) : null
					const issues = [...storedMissing(current, current.patient), ...(problem ? [{ path: 'dosing.firstSessionAt', message: problem }] : [])]
					if (issues.length) throw refused(issues)
					await requirePostingEntitlement(tx, clinicId, now)
				}
				if (to === 'open') await post(tx, referralId, current.status, actor, now, reason || (action === 'repost' ? 'Posted again' : 'Posted'))
				else {
					// Conditional: if someone else changed the status since it was read, this one loses.
					if (!(await moveReferral(tx, { referralId, from: current.status, to, actor, at: now, reason, notify: ['referral_cancelled'] })).ok)
						throw await conflictFor(tx, clinicId, referralId, ACTION_WORDS[action])
					// Offers still out are withdrawn, and acceptances released, when the clinic cancels (docs/product.md §4).
					// Therapists with an offer out hear of it; the chosen one, if any, through the referral's notice.
					await moveAllOffers(tx, referralId, 'pending', 'withdrawn', actor, now, ['referral_cancelled'])
					await moveAllOffers(tx, referralId, 'accepted', 'released', actor, now, ['referral_cancelled'])
					await cancelPlan(tx, referralId)
					// A booked first session frees the chosen therapist's hour.
					const chosen = await tx.offer.findMany({ where: { referralId, status: 'chosen' }, select: { therapistId: true } })
					await refreshTherapistSearch(
						chosen.map((o) => o.therapistId),
						{ client: tx, now },
					)
				}
				return { ok: true as const, id: referralId, status: to }
			}),
		),
	)
}
