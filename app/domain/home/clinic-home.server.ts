// The rows behind the clinic's home (clinic-home.ts), with the patients' names of the referrals
// they name, in one statement. Showing the names is audited once per view.
import { audit } from '#app/domain/audit/audit.server.ts'
import { z } from 'zod'
import { readOneJson, sqlInstant, utcTimestamp } from '#app/utils/sql-json.server.ts'
import { EXPIRING_WITHIN_HOURS, weekWindow, type ClinicHomeRows } from './clinic-home.ts'
import { ITEMS_SHOWN } from './cards.ts'

const HOUR = 3_600_000

/**
 * Every card's rows and the patients' names, in one statement on the driver: one query per card
 * through Prisma made the home the slowest page (docs/performance.md). Each part reads what its
 * Prisma query read: only this clinic's referrals, and names only of this clinic's referrals.
 */
const CLINIC_HOME_STATEMENT = `
WITH
	expiring AS (
		SELECT o."referralId", count(*)::int AS offers, min(o."expiresAt") AS "firstExpiresAt"
		FROM "Offer" o JOIN "Referral" r ON r.id = o."referralId"
		WHERE r."clinicId" = $1::text AND o.status = 'pending' AND o."expiresAt" > ($3::timestamptz AT TIME ZONE 'UTC') AND o."expiresAt" <= ($4::timestamptz AT TIME ZONE 'UTC')
		GROUP BY o."referralId"),
	shortlists AS (
		SELECT r.id AS "referralId",
			(SELECT max(l."expiresAt") FROM "PatientLink" l WHERE l."referralId" = r.id AND l."revokedAt" IS NULL AND l."expiresAt" > ($3::timestamptz AT TIME ZONE 'UTC')) AS "choiceDueAt"
		FROM "Referral" r WHERE r."clinicId" = $1::text AND r.status = 'shortlisted'),
	links AS (
		SELECT l.id, l."referralId", l."createdAt" AS "sentAt", l."expiresAt"
		FROM "PatientLink" l JOIN "Referral" r ON r.id = l."referralId"
		WHERE r."clinicId" = $1::text AND l."lastOpenedAt" IS NULL AND l."revokedAt" IS NULL AND l."expiresAt" > ($3::timestamptz AT TIME ZONE 'UTC')),
	unfilled AS (
		SELECT r.id AS "referralId", r."updatedAt",
			(SELECT e.at FROM "ReferralEvent" e WHERE e."referralId" = r.id AND e."toStatus" = 'unfilled' ORDER BY e.at DESC LIMIT 1) AS since
		FROM "Referral" r WHERE r."clinicId" = $1::text AND r.status = 'unfilled'
		ORDER BY r."updatedAt" DESC, r.id ASC LIMIT $7::int),
	unread AS (
		SELECT n."referralId", count(*)::int AS messages, max(n."createdAt") AS "lastAt"
		FROM "Notification" n
		WHERE n."userId" = $2::text AND n."readAt" IS NULL AND n.kind = 'message_to_clinic' AND n."referralId" IS NOT NULL
		GROUP BY n."referralId"),
	sessions AS (
		SELECT r.id AS "referralId", r."firstSessionAt" AS at,
			(SELECT t."fullName" FROM "Offer" o JOIN "Therapist" t ON t.id = o."therapistId" WHERE o."referralId" = r.id AND o.status = 'chosen' LIMIT 1) AS therapist
		FROM "Referral" r
		WHERE r."clinicId" = $1::text AND r.status IN ('scheduled', 'in_care') AND r."firstSessionAt" >= ($5::timestamptz AT TIME ZONE 'UTC') AND r."firstSessionAt" < ($6::timestamptz AT TIME ZONE 'UTC'))
SELECT json_build_object(
	'expiringOffers', coalesce((SELECT json_agg(x) FROM expiring x), '[]'::json),
	'shortlists', coalesce((SELECT json_agg(x) FROM shortlists x), '[]'::json),
	'unopenedLinks', coalesce((SELECT json_agg(json_build_object('referralId', x."referralId", 'sentAt', x."sentAt", 'expiresAt', x."expiresAt") ORDER BY x."sentAt", x.id) FROM links x), '[]'::json),
	'unfilled', coalesce((SELECT json_agg(json_build_object('referralId', x."referralId", 'since', x.since) ORDER BY x."updatedAt" DESC, x."referralId") FROM unfilled x), '[]'::json),
	'unfilledCount', (SELECT count(*)::int FROM "Referral" r WHERE r."clinicId" = $1::text AND r.status = 'unfilled'),
	'unreadMessages', coalesce((SELECT json_agg(x) FROM unread x), '[]'::json),
	'firstSessions', coalesce((SELECT json_agg(x) FROM sessions x), '[]'::json),
	'patients', coalesce((SELECT json_agg(json_build_object('referralId', r.id,
			'patient', (SELECT json_build_object('firstName', p."firstName", 'lastName', p."lastName") FROM "ReferralPatient" p WHERE p."referralId" = r.id)))
		FROM "Referral" r
		WHERE r."clinicId" = $1::text AND r.id IN (
			SELECT "referralId" FROM expiring UNION SELECT "referralId" FROM shortlists UNION SELECT "referralId" FROM links
			UNION SELECT "referralId" FROM unfilled UNION SELECT "referralId" FROM unread UNION SELECT "referralId" FROM sessions)), '[]'::json)
) AS json`

const ClinicHomeRow = z.object({
	expiringOffers: z.array(z.object({ referralId: z.string(), offers: z.number().int(), firstExpiresAt: utcTimestamp })),
	shortlists: z.array(z.object({ referralId: z.string(), choiceDueAt: utcTimestamp.nullable() })),
	unopenedLinks: z.array(z.object({ referralId: z.string(), sentAt: utcTimestamp, expiresAt: utcTimestamp })),
	unfilled: z.array(z.object({ referralId: z.string(), since: utcTimestamp.nullable() })),
	unfilledCount: z.number().int(),
	unreadMessages: z.array(z.object({ referralId: z.string(), messages: z.number().int(), lastAt: utcTimestamp })),
	firstSessions: z.array(z.object({ referralId: z.string(), at: utcTimestamp, therapist: z.string().nullable() })),
	patients: z.array(z.object({ referralId: z.string(), patient: z.object({ firstName: z.string().nullable(), lastName: z.string().nullable() }).nullable() })),
})

export async function clinicHomeRows(clinic: { id: string; timeZone: string }, viewerUserId: string, now = new Date()): Promise<ClinicHomeRows> {
	const week = weekWindow(now, clinic.timeZone)
	const soon = new Date(now.getTime() + EXPIRING_WITHIN_HOURS * HOUR)
	const values = [clinic.id, viewerUserId, sqlInstant(now), sqlInstant(soon), sqlInstant(week.from), sqlInstant(week.to), ITEMS_SHOWN]
	const rows = (await readOneJson({ name: 'clinic_home', text: CLINIC_HOME_STATEMENT, values }, ClinicHomeRow))!
	const { patients, ...cards } = rows
	return { clinicId: clinic.id, timeZone: clinic.timeZone, now, ...cards, patients: new Map(patients.map((r) => [r.referralId, r.patient])) }
}

/** The names a home showed are stage-2 data (docs/product.md §5): one audit row for the view. */
export async function auditPatientsShown(viewerUserId: string, clinicId: string, referralIds: readonly string[]): Promise<void> {
	if (referralIds.length === 0) return
	await audit({ actorId: viewerUserId, action: 'referral.patient_viewed', entity: 'clinic', entityId: clinicId, details: { page: 'home', referralIds: [...referralIds] } })
}
