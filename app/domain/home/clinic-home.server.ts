// The rows behind the clinic's home (clinic-home.ts): one small query per card, run together, and
// one for the patients' names of the referrals they name. Showing the names is audited once per view.
import { audit } from '#app/domain/audit/audit.server.ts'
import { db } from '#app/utils/db.server.ts'
import { EXPIRING_WITHIN_HOURS, weekWindow, type ClinicHomeRows } from './clinic-home.ts'
import { ITEMS_SHOWN } from './cards.ts'

const HOUR = 3_600_000

export async function clinicHomeRows(clinic: { id: string; timeZone: string }, viewerUserId: string, now = new Date()): Promise<ClinicHomeRows> {
	const clinicId = clinic.id
	const week = weekWindow(now, clinic.timeZone)
	const [expiring, shortlists, links, unfilled, unfilledCount, unread, sessions] = await Promise.all([
		db().offer.groupBy({
			by: ['referralId'],
			where: { status: 'pending', expiresAt: { gt: now, lte: new Date(now.getTime() + EXPIRING_WITHIN_HOURS * HOUR) }, referral: { clinicId } },
			_count: { _all: true },
			_min: { expiresAt: true },
		}),
		db().referral.findMany({
			where: { clinicId, status: 'shortlisted' },
			select: { id: true, patientLinks: { where: { revokedAt: null, expiresAt: { gt: now } }, orderBy: { expiresAt: 'desc' }, take: 1, select: { expiresAt: true } } },
		}),
		db().patientLink.findMany({
			where: { lastOpenedAt: null, revokedAt: null, expiresAt: { gt: now }, referral: { clinicId } },
			select: { referralId: true, createdAt: true, expiresAt: true },
			orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
		}),
		db().referral.findMany({
			where: { clinicId, status: 'unfilled' },
			orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
			take: ITEMS_SHOWN,
			select: { id: true, events: { where: { toStatus: 'unfilled' }, orderBy: { at: 'desc' }, take: 1, select: { at: true } } },
		}),
		db().referral.count({ where: { clinicId, status: 'unfilled' } }),
		// No read marker on messages themselves: the viewer's unread "message from the therapist" notifications stand for them.
		db().notification.groupBy({
			by: ['referralId'],
			where: { userId: viewerUserId, readAt: null, kind: 'message_to_clinic', referralId: { not: null } },
			_count: { _all: true },
			_max: { createdAt: true },
		}),
		db().referral.findMany({
			where: { clinicId, status: { in: ['scheduled', 'in_care'] }, firstSessionAt: { gte: week.from, lt: week.to } },
			select: { id: true, firstSessionAt: true, offers: { where: { status: 'chosen' }, take: 1, select: { therapist: { select: { fullName: true } } } } },
		}),
	])
	const ids = new Set([
		...expiring.map((r) => r.referralId),
		...shortlists.map((r) => r.id),
		...links.map((r) => r.referralId),
		...unfilled.map((r) => r.id),
		...unread.map((r) => r.referralId!),
		...sessions.map((r) => r.id),
	])
	const named = await db().referral.findMany({ where: { id: { in: [...ids] }, clinicId }, select: { id: true, patient: { select: { firstName: true, lastName: true } } } })
	return {
		clinicId,
		timeZone: clinic.timeZone,
		now,
		expiringOffers: expiring.map((r) => ({ referralId: r.referralId, offers: r._count._all, firstExpiresAt: r._min.expiresAt! })),
		shortlists: shortlists.map((r) => ({ referralId: r.id, choiceDueAt: r.patientLinks[0]?.expiresAt ?? null })),
		unopenedLinks: links.map((l) => ({ referralId: l.referralId, sentAt: l.createdAt, expiresAt: l.expiresAt })),
		unfilled: unfilled.map((r) => ({ referralId: r.id, since: r.events[0]?.at ?? null })),
		unfilledCount,
		unreadMessages: unread.map((r) => ({ referralId: r.referralId!, messages: r._count._all, lastAt: r._max.createdAt! })),
		firstSessions: sessions.map((r) => ({ referralId: r.id, at: r.firstSessionAt!, therapist: r.offers[0]?.therapist.fullName ?? null })),
		patients: new Map(named.map((r) => [r.id, r.patient])),
	}
}

/** The names a home showed are stage-2 data (docs/product.md §5): one audit row for the view. */
export async function auditPatientsShown(viewerUserId: string, clinicId: string, referralIds: readonly string[]): Promise<void> {
	if (referralIds.length === 0) return
	await audit({ actorId: viewerUserId, action: 'referral.patient_viewed', entity: 'clinic', entityId: clinicId, details: { page: 'home', referralIds: [...referralIds] } })
}
