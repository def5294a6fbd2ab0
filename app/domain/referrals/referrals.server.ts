// A clinic's referrals, as the clinic's own staff see them. Only stage-1 facts here (PRODUCT.md
// §5): the patient's identity lives in ReferralPatient and is read, and audited, elsewhere.
import { db } from '#app/utils/db.server.ts'
import { type ReferralStatus } from './statuses.ts'

export async function listClinicReferrals(clinicId: string, status: ReferralStatus | null) {
	const [referrals, counts] = await Promise.all([
		db().referral.findMany({
			where: { clinicId, ...(status ? { status } : {}) },
			orderBy: [{ firstDosingAt: 'asc' }],
			select: { id: true, status: true, patientState: true, phases: true, format: true, urgency: true, firstDosingAt: true, createdAt: true },
			take: 200,
		}),
		db().referral.groupBy({ by: ['status'], where: { clinicId }, _count: true }),
	])
	return { referrals, counts: Object.fromEntries(counts.map((c) => [c.status, c._count])) as Partial<Record<ReferralStatus, number>> }
}

/** One referral of this clinic (stage-1 facts), or null: another clinic's id finds nothing. */
export function getClinicReferral(clinicId: string, referralId: string) {
	return db().referral.findFirst({
		where: { id: referralId, clinicId },
		select: {
			id: true,
			status: true,
			patientState: true,
			ageBand: true,
			phases: true,
			format: true,
			modalities: true,
			focusAreas: true,
			languages: true,
			paymentType: true,
			payer: true,
			maxRate: true,
			urgency: true,
			firstDosingAt: true,
			dosingSessions: true,
			cadenceDays: true,
			integrationFromHour: true,
			integrationToHour: true,
			timingRequired: true,
			radiusMiles: true,
		},
	})
}
