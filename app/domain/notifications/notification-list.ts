// What the notifications page shows (docs/product.md §4, §5): each line with its time in the viewer's
// zone and the referral it is about. The stored line never holds PHI; the patient's name is added
// when shown, to those who may see it (stage 2): the referral's clinic, and its chosen therapist.
import { type Principal } from '#app/domain/auth/roles.ts'
import { formatDateTime } from '#app/domain/time-format.ts'
import { referralReference } from './lifecycle-notices.ts'

export type StoredNotification = { id: string; text: string; href: string; referralId: string | null; createdAt: Date; readAt: Date | null }

/** A referral a notification is about, with what decides who may read its patient's name. */
export type NotifiedReferral = { id: string; clinicId: string; status: string; chosenTherapistId: string | null; patientName: string | null }

export type ListedNotification = { id: string; text: string; href: string; unread: boolean; at: string; when: string; reference: string | null; patientName: string | null }

/** The same rule as the referral and offer pages: the clinic's own staff, or the chosen therapist while the referral stands. */
export function mayReadPatientName(principal: Pick<Principal, 'memberships' | 'therapistId'>, referral: NotifiedReferral): boolean {
	if (principal.memberships.some((m) => m.clinicId === referral.clinicId)) return true
	return principal.therapistId !== null && principal.therapistId === referral.chosenTherapistId && referral.status !== 'cancelled'
}

export function patientFullName(patient: { firstName: string | null; lastName: string | null } | null): string | null {
	const name = [patient?.firstName, patient?.lastName].filter(Boolean).join(' ').trim()
	return name || null
}

export function listNotifications(
	rows: readonly StoredNotification[],
	referrals: readonly NotifiedReferral[],
	viewer: { principal: Pick<Principal, 'memberships' | 'therapistId'>; timeZone: string },
	now: Date,
): ListedNotification[] {
	const byId = new Map(referrals.map((r) => [r.id, r]))
	return rows.map((n) => {
		const referral = n.referralId ? byId.get(n.referralId) : undefined
		return {
			id: n.id,
			text: n.text,
			href: n.href,
			unread: n.readAt === null,
			at: n.createdAt.toISOString(),
			when: formatDateTime(n.createdAt, viewer.timeZone, { now }),
			reference: n.referralId ? referralReference(n.referralId) : null,
			patientName: referral && mayReadPatientName(viewer.principal, referral) ? referral.patientName : null,
		}
	})
}
