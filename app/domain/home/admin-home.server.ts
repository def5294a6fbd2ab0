// The rows behind the platform admin's home (admin-home.ts): counts and the first few of each
// credential queue, and the coverage map's counts per state.
import { addDaysToDate, dateOnly } from '#app/domain/calendar-dates.ts'
import { coverageByState } from '#app/domain/coverage/coverage.server.ts'
import { authorizationKindLabel, licenseTypeLabel, stateName } from '#app/domain/reference/index.ts'
import { EXPIRY_NOTICE_DAYS } from '#app/domain/therapists/verification.ts'
import { db } from '#app/utils/db.server.ts'
import { type AdminHomeRows } from './admin-home.ts'
import { ITEMS_SHOWN } from './cards.ts'

const therapist = { select: { fullName: true } } as const

export async function adminHomeRows(now = new Date()): Promise<AdminHomeRows> {
	const today = dateOnly(now)
	const expiring = { status: 'verified' as const, expiresOn: { gte: new Date(`${today}T00:00:00Z`), lte: new Date(`${addDaysToDate(today, EXPIRY_NOTICE_DAYS)}T00:00:00Z`) } }
	const pending = { status: 'pending' as const }
	const [pendingLicenses, pendingAuthorizations, pendingLicenseCount, pendingAuthorizationCount, expiringLicenses, expiringAuthorizations, expiringLicenseCount, expiringAuthorizationCount, coverage] =
		await Promise.all([
			db().license.findMany({ where: pending, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: ITEMS_SHOWN, select: { id: true, type: true, state: true, createdAt: true, therapist } }),
			db().authorization.findMany({ where: pending, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: ITEMS_SHOWN, select: { id: true, kind: true, createdAt: true, therapist } }),
			db().license.count({ where: pending }),
			db().authorization.count({ where: pending }),
			db().license.findMany({ where: expiring, orderBy: [{ expiresOn: 'asc' }, { id: 'asc' }], take: ITEMS_SHOWN, select: { id: true, type: true, state: true, expiresOn: true, therapist } }),
			db().authorization.findMany({ where: expiring, orderBy: [{ expiresOn: 'asc' }, { id: 'asc' }], take: ITEMS_SHOWN, select: { id: true, kind: true, expiresOn: true, therapist } }),
			db().license.count({ where: expiring }),
			db().authorization.count({ where: expiring }),
			coverageByState({ phases: [], format: null, modalities: [] }, { withDemand: true, now }),
		])
	const licenseTitle = (l: { type: string; state: string }) => `${licenseTypeLabel(l.type)}, ${stateName(l.state)}`
	return {
		pending: [
			...pendingLicenses.map((l) => ({ kind: 'license' as const, id: l.id, title: licenseTitle(l), therapist: l.therapist.fullName, date: dateOnly(l.createdAt), submittedAt: l.createdAt })),
			...pendingAuthorizations.map((a) => ({
				kind: 'authorization' as const,
				id: a.id,
				title: authorizationKindLabel(a.kind),
				therapist: a.therapist.fullName,
				date: dateOnly(a.createdAt),
				submittedAt: a.createdAt,
			})),
		],
		pendingCount: pendingLicenseCount + pendingAuthorizationCount,
		expiring: [
			...expiringLicenses.map((l) => ({ kind: 'license' as const, id: l.id, title: licenseTitle(l), therapist: l.therapist.fullName, date: dateOnly(l.expiresOn) })),
			...expiringAuthorizations.map((a) => ({ kind: 'authorization' as const, id: a.id, title: authorizationKindLabel(a.kind), therapist: a.therapist.fullName, date: dateOnly(a.expiresOn) })),
		],
		expiringCount: expiringLicenseCount + expiringAuthorizationCount,
		coverage,
	}
}
