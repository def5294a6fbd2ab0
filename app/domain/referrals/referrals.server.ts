// A clinic's referrals, as the clinic's own staff see them. Only stage-1 facts here (docs/product.md
// §5): the patient's identity lives in ReferralPatient and is read, and audited, elsewhere.
import { audit } from '#app/domain/audit/audit.server.ts'
import { db } from '#app/utils/db.server.ts'
import { postingNeeds } from './draft-needs.ts'
import { POSTING_FACTS, type ReferralActor } from './referral-changes.server.ts'
import { storedMissing, type FieldIssue } from './referral-input.ts'
import { type ReferralStatus } from './statuses.ts'

/** The clinic's referrals, soonest first dose first (drafts without one last), each draft with what posting still needs. */
export async function listClinicReferrals(clinicId: string, status: ReferralStatus | null) {
	const [rows, counts] = await Promise.all([
		db().referral.findMany({
			where: { clinicId, ...(status ? { status } : {}) },
			orderBy: [{ firstDosingAt: { sort: 'asc', nulls: 'last' } }, { createdAt: 'desc' }],
			select: { id: true, status: true, urgency: true, createdAt: true, ...POSTING_FACTS },
			take: 200,
		}),
		db().referral.groupBy({ by: ['status'], where: { clinicId }, _count: true }),
	])
	// The patient's fields are read only to tell whether they are given; none of them leaves here.
	const referrals = rows.map((r) => ({
		id: r.id,
		status: r.status,
		urgency: r.urgency,
		createdAt: r.createdAt,
		patientState: r.patientState,
		phases: r.phases,
		format: r.format,
		firstDosingAt: r.firstDosingAt,
		needs: r.status === 'draft' ? postingNeeds(storedMissing(r, r.patient)) : [],
	}))
	return { referrals, counts: Object.fromEntries(counts.map((c) => [c.status, c._count])) as Partial<Record<ReferralStatus, number>> }
}

/**
 * One referral of this clinic with its stage-2 patient and timeline, for the clinic's own staff or
 * API key. Reading the patient's identity is audited (docs/product.md §5).
 */
export async function getReferralWithPatient(clinicId: string, referralId: string, viewer: ReferralActor) {
	const referral = await db().referral.findFirst({
		where: { id: referralId, clinicId },
		include: { patient: true, events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] } },
	})
	if (!referral) return null
	if (referral.patient) {
		await audit({
			actorId: viewer.kind === 'user' ? viewer.userId : null,
			action: 'referral.patient_viewed',
			entity: 'referral',
			entityId: referral.id,
			details: viewer.kind === 'api_key' ? { apiKeyId: viewer.apiKeyId } : {},
		})
	}
	return referral
}

/** The referral's offers as its clinic sees them: who, in which state, since when, with the times proposed. */
export async function clinicReferralOffers(referralId: string) {
	return db().offer.findMany({
		where: { referralId },
		orderBy: [{ round: 'asc' }, { score: 'desc' }, { id: 'asc' }],
		select: {
			id: true,
			status: true,
			round: true,
			sentAt: true,
			expiresAt: true,
			respondedAt: true,
			declineReason: true,
			proposedTimes: true,
			therapist: { select: { id: true, fullName: true, credentials: true, userId: true } },
			events: { orderBy: [{ at: 'asc' }, { id: 'asc' }], select: { id: true, at: true, actor: true, fromStatus: true, toStatus: true, reason: true } },
		},
	})
}

/** Names for the timeline's actors (`user:<id>`, `api_key:<id>`, `patient`, `system`). */
export async function describeActors(actors: readonly string[]): Promise<Map<string, string>> {
	const ids = (kind: string) => [...new Set(actors.filter((a) => a.startsWith(`${kind}:`)).map((a) => a.slice(kind.length + 1)))]
	const [users, keys] = await Promise.all([
		db().user.findMany({ where: { id: { in: ids('user') } }, select: { id: true, name: true, email: true } }),
		db().apiKey.findMany({ where: { id: { in: ids('api_key') } }, select: { id: true, name: true, prefix: true } }),
	])
	return new Map([
		['patient', 'the patient'],
		['system', 'Tandem'],
		...users.map((u) => [`user:${u.id}`, u.name || u.email] as [string, string]),
		...keys.map((k) => [`api_key:${k.id}`, `API key “${k.name}” (${k.prefix}…)`] as [string, string]),
	])
}

/** What one of this clinic's referrals lacks before it can be posted (empty when nothing), or null when the clinic has no such referral. */
export async function referralPostingNeeds(clinicId: string, referralId: string): Promise<FieldIssue[] | null> {
	const referral = await db().referral.findFirst({ where: { id: referralId, clinicId }, select: POSTING_FACTS })
	return referral ? storedMissing(referral, referral.patient) : null
}
