// The verification queue for platform admins: pending licenses and authorizations with what to
// check against the state board, verified or rejected with a note, and the daily look for
// credentials about to expire. A review applies only to a credential still pending (conditional
// update), so two admins cannot both decide; a rejected credential stops counting at once.
import { audit } from '#app/domain/audit/audit.server.ts'
import { addDaysToDate, dateOnly } from '#app/domain/calendar-dates.ts'
import { credentialExpiringMessage, credentialReviewedMessage } from '#app/domain/notifications/emails.ts'
import { authorizationKindLabel, licenseTypeLabel, stateName } from '#app/domain/reference/index.ts'
import { refreshTherapistSearch } from '#app/domain/matching/search-index.server.ts'
import { db } from '#app/utils/db.server.ts'
import { appUrl, sendEmail } from '#app/utils/email.server.ts'
import { EXPIRY_NOTICE_DAYS, nextCheckDue, reviewProblem, type ReviewDecision } from './verification.ts'

export type CredentialKind = 'license' | 'authorization'

export type PendingCredential = {
	kind: CredentialKind
	id: string
	therapist: { id: string; fullName: string; email: string }
	title: string
	state: string
	number: string | null
	coveredStates: string[]
	expiresOn: string
	submittedAt: Date
}

const therapistSelect = { select: { id: true, fullName: true, email: true } } as const

/** Oldest first: the queue is worked in the order therapists asked. */
export async function listPendingCredentials(): Promise<PendingCredential[]> {
	const [licenses, authorizations] = await Promise.all([
		db().license.findMany({ where: { status: 'pending' }, orderBy: { createdAt: 'asc' }, include: { therapist: therapistSelect } }),
		db().authorization.findMany({ where: { status: 'pending' }, orderBy: { createdAt: 'asc' }, include: { therapist: therapistSelect } }),
	])
	return [
		...licenses.map((l) => ({
			kind: 'license' as const,
			id: l.id,
			therapist: l.therapist,
			title: `${licenseTypeLabel(l.type)}, ${stateName(l.state)}`,
			state: l.state,
			number: l.number,
			coveredStates: [l.state],
			expiresOn: dateOnly(l.expiresOn),
			submittedAt: l.createdAt,
		})),
		...authorizations.map((a) => ({
			kind: 'authorization' as const,
			id: a.id,
			therapist: a.therapist,
			title: authorizationKindLabel(a.kind),
			state: a.homeState,
			number: null,
			coveredStates: a.states,
			expiresOn: dateOnly(a.expiresOn),
			submittedAt: a.createdAt,
		})),
	].sort((x, y) => x.submittedAt.getTime() - y.submittedAt.getTime())
}

export type ReviewResult = { kind: 'done' } | { kind: 'not_pending' } | { kind: 'refused'; message: string }

export async function reviewCredential(input: { kind: CredentialKind; id: string; decision: ReviewDecision; note: string; actorId: string; now?: Date }): Promise<ReviewResult> {
	const now = input.now ?? new Date()
	const today = dateOnly(now)
	const found =
		input.kind === 'license'
			? await db().license.findUnique({ where: { id: input.id }, select: { status: true, expiresOn: true, therapistId: true, therapist: { select: { email: true } } } })
			: await db().authorization.findUnique({ where: { id: input.id }, select: { status: true, expiresOn: true, therapistId: true, therapist: { select: { email: true } } } })
	if (!found || found.status !== 'pending') return { kind: 'not_pending' }
	const problem = reviewProblem(input.decision, input.note, dateOnly(found.expiresOn), today)
	if (problem) return { kind: 'refused', message: problem }

	const verified = input.decision === 'verify'
	const data = {
		status: verified ? ('verified' as const) : ('rejected' as const),
		verifiedAt: verified ? now : null,
		verifiedById: input.actorId,
		reviewNote: input.note.trim() || null,
		nextCheckDue: verified ? new Date(`${nextCheckDue(today, dateOnly(found.expiresOn))}T00:00:00Z`) : null,
	}
	const where = { id: input.id, status: 'pending' as const }
	// The decision and the search rows matching reads, together.
	const count = await db().$transaction(async (tx) => {
		const { count } = input.kind === 'license' ? await tx.license.updateMany({ where, data }) : await tx.authorization.updateMany({ where, data })
		if (count === 1) await refreshTherapistSearch([found.therapistId], { client: tx, now })
		return count
	})
	if (count !== 1) return { kind: 'not_pending' }
	await audit({ actorId: input.actorId, action: verified ? 'credential.verified' : 'credential.rejected', entity: input.kind, entityId: input.id, details: { note: data.reviewNote } })
	await sendEmail(found.therapist.email, credentialReviewedMessage(input.kind, verified, appUrl('/account')))
	return { kind: 'done' }
}

/**
 * The daily look (docs/product.md §3: expired credentials stop counting at once, because eligibility
 * reads the expiry date): tells each therapist once about verified credentials expiring within
 * 30 days. Returns how many credentials were flagged.
 */
export async function flagExpiringCredentials(now = new Date()): Promise<number> {
	const today = dateOnly(now)
	const window = { gte: new Date(`${today}T00:00:00Z`), lte: new Date(`${addDaysToDate(today, EXPIRY_NOTICE_DAYS)}T00:00:00Z`) }
	const where = { status: 'verified' as const, expiresOn: window, expiryNoticeSentAt: null }
	const [licenses, authorizations] = await Promise.all([
		db().license.findMany({ where, select: { id: true, therapist: { select: { email: true } } } }),
		db().authorization.findMany({ where, select: { id: true, therapist: { select: { email: true } } } }),
	])
	const flagged = new Map<string, number>()
	for (const [kind, rows] of [
		['license', licenses],
		['authorization', authorizations],
	] as const) {
		for (const row of rows) {
			// Once per credential, even if two workers run the job at once.
			const update = { where: { id: row.id, expiryNoticeSentAt: null }, data: { expiryNoticeSentAt: now } }
			const { count } = kind === 'license' ? await db().license.updateMany(update) : await db().authorization.updateMany(update)
			if (count === 1) flagged.set(row.therapist.email, (flagged.get(row.therapist.email) ?? 0) + 1)
		}
	}
	for (const [email, count] of flagged) await sendEmail(email, credentialExpiringMessage(count, EXPIRY_NOTICE_DAYS, appUrl('/account')))
	return [...flagged.values()].reduce((a, b) => a + b, 0)
}
