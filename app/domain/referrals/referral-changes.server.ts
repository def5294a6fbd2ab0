// Writing referrals (PRODUCT.md §4): create (as a draft or posted at once), edit a draft, and the
// clinic's own actions (post, cancel, repost). Each change runs in one transaction: the status
// moves only by a conditional update (`WHERE status = <expected>`), so two people acting at once
// cannot both win; the timeline gets an event and the audit log an entry in the same transaction.
import { audit } from '#app/domain/audit/audit.server.ts'
import { clinicPostingEntitlement } from '#app/domain/billing/subscriptions.server.ts'
import { type Prisma } from '#app/generated/prisma/client.ts'
import { db } from '#app/utils/db.server.ts'
import { postingProblem, referralRecord, type ReferralInput } from './referral-input.ts'
import { type ReferralStatus, REFERRAL_STATUS_LABELS } from './statuses.ts'
import { actionTarget, allowedActions, type ClinicAction } from './transitions.ts'

export type ReferralActor = { kind: 'user'; userId: string } | { kind: 'api_key'; apiKeyId: string }

export type ChangeResult =
	| { ok: true; id: string; status: ReferralStatus }
	| { ok: false; reason: 'not_found' }
	| { ok: false; reason: 'invalid'; path: string; message: string }
	| { ok: false; reason: 'conflict'; status: ReferralStatus; allowed: ClinicAction[]; message: string }
	| { ok: false; reason: 'payment_required'; message: string }

const actorLabel = (actor: ReferralActor) => (actor.kind === 'user' ? `user:${actor.userId}` : `api_key:${actor.apiKeyId}`)
const auditActor = (actor: ReferralActor) => (actor.kind === 'user' ? { actorId: actor.userId } : { actorId: null })
const actorDetails = (actor: ReferralActor) => (actor.kind === 'api_key' ? { apiKeyId: actor.apiKeyId } : {})

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

const postingRefused = (message: string) => new Refusal({ ok: false, reason: 'invalid', path: 'dosing.firstSessionAt', message })

/** Posting needs a subscription in good standing (PRODUCT.md §7); saving a draft does not. */
async function requirePostingEntitlement(tx: Prisma.TransactionClient, clinicId: string, now: Date) {
	const entitlement = await clinicPostingEntitlement(clinicId, now, tx)
	if (!entitlement.allowed) throw new Refusal({ ok: false, reason: 'payment_required', message: entitlement.message })
}

export function createReferral(clinicId: string, actor: ReferralActor, input: ReferralInput, now = new Date()): Promise<ChangeResult> {
	return refusals(async () => {
		const problem = input.post ? postingProblem(input, now) : null
		if (problem) throw postingRefused(problem)
		const { facts, patient } = referralRecord(input)
		const status: ReferralStatus = input.post ? 'open' : 'draft'
		const referral = await db().$transaction(async (tx) => {
			if (input.post) await requirePostingEntitlement(tx, clinicId, now)
			const created = await tx.referral.create({
				data: { clinicId, ...facts, status, postedAt: input.post ? now : null, patient: { create: patient } },
				select: { id: true, status: true },
			})
			await tx.referralEvent.create({ data: { referralId: created.id, at: now, actor: actorLabel(actor), fromStatus: null, toStatus: 'draft', reason: 'Written' } })
			if (input.post) await tx.referralEvent.create({ data: { referralId: created.id, at: now, actor: actorLabel(actor), fromStatus: 'draft', toStatus: 'open', reason: 'Posted' } })
			await audit({ ...auditActor(actor), action: 'referral.created', entity: 'referral', entityId: created.id, details: { clinicId, status, ...actorDetails(actor) } }, tx)
			return created
		})
		return { ok: true, id: referral.id, status: referral.status }
	})
}

async function conflictFor(tx: Prisma.TransactionClient, clinicId: string, referralId: string, doing: string): Promise<Refusal> {
	const current = await tx.referral.findFirst({ where: { id: referralId, clinicId }, select: { status: true } })
	if (!current) return new Refusal({ ok: false, reason: 'not_found' })
	return new Refusal({
		ok: false,
		reason: 'conflict',
		status: current.status,
		allowed: allowedActions(current.status),
		message: `${doing} is not possible: the referral is ${REFERRAL_STATUS_LABELS[current.status].toLowerCase()}.`,
	})
}

/** Replaces a draft's facts and patient; with `post` set, posts it in the same transaction. */
export function updateDraftReferral(clinicId: string, referralId: string, actor: ReferralActor, input: ReferralInput, now = new Date()): Promise<ChangeResult> {
	return refusals(async () => {
		const problem = input.post ? postingProblem(input, now) : null
		if (problem) throw postingRefused(problem)
		const { facts, patient } = referralRecord(input)
		return db().$transaction(async (tx) => {
			const to: ReferralStatus = input.post ? 'open' : 'draft'
			const { count } = await tx.referral.updateMany({ where: { id: referralId, clinicId, status: 'draft' }, data: { ...facts, status: to, postedAt: input.post ? now : null } })
			if (count === 0) throw await conflictFor(tx, clinicId, referralId, 'Editing')
			if (input.post) await requirePostingEntitlement(tx, clinicId, now)
			await tx.referralPatient.upsert({ where: { referralId }, create: { referralId, ...patient }, update: patient })
			await audit({ ...auditActor(actor), action: 'referral.updated', entity: 'referral', entityId: referralId, details: { clinicId, ...actorDetails(actor) } }, tx)
			if (input.post) {
				await tx.referralEvent.create({ data: { referralId, at: now, actor: actorLabel(actor), fromStatus: 'draft', toStatus: 'open', reason: 'Posted' } })
				await audit({ ...auditActor(actor), action: 'referral.status_changed', entity: 'referral', entityId: referralId, details: { from: 'draft', to: 'open', ...actorDetails(actor) } }, tx)
			}
			return { ok: true as const, id: referralId, status: to }
		})
	})
}

const ACTION_WORDS: Record<ClinicAction, string> = { post: 'Posting', cancel: 'Cancelling', repost: 'Posting again' }

export function applyClinicAction(
	clinicId: string,
	referralId: string,
	actor: ReferralActor,
	action: ClinicAction,
	reason: string | null,
	now = new Date(),
): Promise<ChangeResult> {
	return refusals(() =>
		db().$transaction(async (tx) => {
			const current = await tx.referral.findFirst({ where: { id: referralId, clinicId }, select: { status: true, firstDosingAt: true } })
			if (!current) throw new Refusal({ ok: false, reason: 'not_found' })
			const to = actionTarget(action, current.status)
			if (!to) throw await conflictFor(tx, clinicId, referralId, ACTION_WORDS[action])
			if (to === 'open') {
				const problem = postingProblem({ dosing: { firstSessionAt: current.firstDosingAt.toISOString() } } as Pick<ReferralInput, 'dosing'>, now)
				if (problem) throw postingRefused(problem)
				await requirePostingEntitlement(tx, clinicId, now)
			}
			// Conditional: if someone else changed the status since it was read, this one loses.
			const { count } = await tx.referral.updateMany({ where: { id: referralId, clinicId, status: current.status }, data: { status: to, ...(to === 'open' ? { postedAt: now } : {}) } })
			if (count === 0) throw await conflictFor(tx, clinicId, referralId, ACTION_WORDS[action])
			// Offers still out are withdrawn when the clinic cancels (PRODUCT.md §4).
			if (to === 'cancelled') await tx.offer.updateMany({ where: { referralId, status: { in: ['pending', 'accepted'] } }, data: { status: 'withdrawn' } })
			await tx.referralEvent.create({ data: { referralId, at: now, actor: actorLabel(actor), fromStatus: current.status, toStatus: to, reason: reason || null } })
			await audit({ ...auditActor(actor), action: 'referral.status_changed', entity: 'referral', entityId: referralId, details: { from: current.status, to, ...actorDetails(actor) } }, tx)
			return { ok: true as const, id: referralId, status: to }
		}),
	)
}
