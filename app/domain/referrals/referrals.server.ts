// A clinic's referrals, as the clinic's own staff see them (docs/product.md §5): the patient's identity
// lives in ReferralPatient; its name on the list and the whole of it on the page are read, and audited, here.
import { audit } from '#app/domain/audit/audit.server.ts'
import { referralReference } from '#app/domain/notifications/lifecycle-notices.ts'
import { type Prisma } from '#app/generated/prisma/client.ts'
import { db } from '#app/utils/db.server.ts'
import { postingNeeds } from './draft-needs.ts'
import { POSTING_FACTS, type ReferralActor } from './referral-changes.server.ts'
import { storedMissing, type FieldIssue } from './referral-input.ts'
import { pageWindow, patientName, REFERRALS_PER_PAGE, type ReferralSearch } from './referral-list.ts'
import { type ReferralStatus } from './statuses.ts'

/**
 * One page of the clinic's referrals, soonest first dose first (drafts without one last), each with
 * its patient's name (read by the clinic's own staff, and audited as a view of stage-2 data) and,
 * for a draft, what posting still needs; `search` finds a reference or a name. Counts per status
 * are for the same search. A page past the last shows the last.
 */
export async function listClinicReferrals(clinicId: string, options: { status?: ReferralStatus | null; search?: ReferralSearch | null; page?: string | null; viewer?: ReferralActor | null } = {}) {
	const searched: Prisma.ReferralWhereInput = { clinicId, ...searchWhere(options.search ?? null) }
	const where: Prisma.ReferralWhereInput = { ...searched, ...(options.status ? { status: options.status } : {}) }
	const [total, counts] = await Promise.all([db().referral.count({ where }), db().referral.groupBy({ by: ['status'], where: searched, _count: true })])
	const window = pageWindow(total, options.page)
	const rows = await db().referral.findMany({
		where,
		orderBy: [{ firstDosingAt: { sort: 'asc', nulls: 'last' } }, { createdAt: 'desc' }, { id: 'asc' }],
		select: { id: true, status: true, urgency: true, createdAt: true, ...POSTING_FACTS },
		skip: (window.page - 1) * REFERRALS_PER_PAGE,
		take: REFERRALS_PER_PAGE,
	})
	const named = rows.filter((r) => r.patient?.firstName || r.patient?.lastName)
	if (options.viewer && named.length) {
		const viewer = options.viewer
		await audit({
			actorId: viewer.kind === 'user' ? viewer.userId : null,
			action: 'referral.patient_viewed',
			entity: 'clinic',
			entityId: clinicId,
			details: { list: true, referralIds: named.map((r) => r.id), fields: ['name'], ...(viewer.kind === 'api_key' ? { apiKeyId: viewer.apiKeyId } : {}) },
		})
	}
	// Of the patient, only the name leaves here; the other fields only tell whether a draft has them.
	const referrals = rows.map((r) => ({
		id: r.id,
		reference: referralReference(r.id),
		patientName: patientName(r.patient),
		status: r.status,
		urgency: r.urgency,
		createdAt: r.createdAt,
		patientState: r.patientState,
		phases: r.phases,
		format: r.format,
		firstDosingAt: r.firstDosingAt,
		needs: r.status === 'draft' ? postingNeeds(storedMissing(r, r.patient)) : [],
	}))
	return { referrals, window, counts: Object.fromEntries(counts.map((c) => [c.status, c._count])) as Partial<Record<ReferralStatus, number>> }
}

/** A reference matches the end of the id; each word of a name, the first or the last name (case-insensitive). */
function searchWhere(search: ReferralSearch | null): Prisma.ReferralWhereInput {
	if (!search) return {}
	const name: Prisma.ReferralWhereInput[] = search.words.length
		? [
				{
					AND: search.words.map((word) => ({
						patient: { OR: [{ firstName: { contains: word, mode: 'insensitive' as const } }, { lastName: { contains: word, mode: 'insensitive' as const } }] },
					})),
				},
			]
		: []
	const reference: Prisma.ReferralWhereInput[] = search.reference ? [{ id: { endsWith: search.reference, mode: 'insensitive' } }] : []
	const either = [...reference, ...name]
	return either.length ? { OR: either } : { id: '' }
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

/** The referral's status and each offer's therapist and state, for the suggestions page (null status: no such referral of this clinic). */
export async function referralOfferStates(clinicId: string, referralId: string) {
	const referral = await db().referral.findFirst({
		where: { id: referralId, clinicId },
		select: { status: true, offers: { select: { therapistId: true, status: true, sentAt: true, expiresAt: true } } },
	})
	return { status: referral?.status ?? null, offers: referral?.offers ?? [] }
}
