// The rows behind the therapist's home (therapist-home.ts). The booked sessions' patients are
// stage 2: read for the chosen therapist only, and the view audited.
import { audit } from '#app/domain/audit/audit.server.ts'
import { addDaysToDate, dateOnly } from '#app/domain/calendar-dates.ts'
import { clinicToday } from '#app/domain/directory/directory.server.ts'
import { authorizationKindLabel, licenseTypeLabel, stateName } from '#app/domain/reference/index.ts'
import { EXPIRY_NOTICE_DAYS } from '#app/domain/therapists/verification.ts'
import { db } from '#app/utils/db.server.ts'
import { type TherapistHomeRows } from './therapist-home.ts'

export async function therapistHomeRows(therapistId: string, now = new Date()): Promise<TherapistHomeRows> {
	const therapist = await db().therapist.findUniqueOrThrow({ where: { id: therapistId }, select: { timeZone: true, accepting: true } })
	const today = clinicToday(therapist.timeZone, now)
	const expiring = { status: 'verified' as const, therapistId, expiresOn: { gte: new Date(`${today}T00:00:00Z`), lte: new Date(`${addDaysToDate(today, EXPIRY_NOTICE_DAYS)}T00:00:00Z`) } }
	const [pending, sessions, licenses, authorizations, pendingLicenses, pendingAuthorizations] = await Promise.all([
		db().offer.findMany({
			where: { therapistId, status: 'pending', expiresAt: { gt: now } },
			orderBy: [{ expiresAt: 'asc' }, { id: 'asc' }],
			select: { id: true, expiresAt: true, referral: { select: { id: true, phases: true, patientState: true, urgency: true, clinic: { select: { name: true } } } } },
		}),
		db().offer.findMany({
			where: { therapistId, status: 'chosen', referral: { status: 'scheduled', firstSessionAt: { gt: now } } },
			select: { id: true, referral: { select: { id: true, firstSessionAt: true, clinic: { select: { name: true } }, patient: { select: { firstName: true, lastName: true } } } } },
		}),
		db().license.findMany({ where: expiring, select: { type: true, state: true, expiresOn: true } }),
		db().authorization.findMany({ where: expiring, select: { kind: true, expiresOn: true } }),
		db().license.count({ where: { therapistId, status: 'pending' } }),
		db().authorization.count({ where: { therapistId, status: 'pending' } }),
	])
	return {
		timeZone: therapist.timeZone,
		accepting: therapist.accepting,
		pendingOffers: pending.map((o) => ({
			offerId: o.id,
			referralId: o.referral.id,
			expiresAt: o.expiresAt,
			clinic: o.referral.clinic.name,
			phases: o.referral.phases,
			patientState: o.referral.patientState,
			urgency: o.referral.urgency,
		})),
		upcomingSessions: sessions.map((o) => ({ offerId: o.id, referralId: o.referral.id, at: o.referral.firstSessionAt!, clinic: o.referral.clinic.name, patient: o.referral.patient })),
		expiringCredentials: [
			...licenses.map((l) => ({ title: `${licenseTypeLabel(l.type)}, ${stateName(l.state)}`, expiresOn: dateOnly(l.expiresOn) })),
			...authorizations.map((a) => ({ title: authorizationKindLabel(a.kind), expiresOn: dateOnly(a.expiresOn) })),
		],
		pendingCredentials: pendingLicenses + pendingAuthorizations,
	}
}

/** The chosen therapist saw these patients' names on their home (docs/product.md §5). */
export async function auditTherapistPatientsShown(viewerUserId: string, referralIds: readonly string[]): Promise<void> {
	if (referralIds.length === 0) return
	await audit({ actorId: viewerUserId, action: 'referral.patient_viewed', entity: 'therapist_home', details: { as: 'chosen_therapist', referralIds: [...referralIds] } })
}
