// A clinic's referrals, as the clinic's own staff see them (docs/product.md §5): the patient's identity
// lives in ReferralPatient; its name on the list and the whole of it on the page are read, and audited, here.
import { audit } from '#app/domain/audit/audit.server.ts'
import { referralReference } from '#app/domain/notifications/lifecycle-notices.ts'
import { z } from 'zod'
import { db } from '#app/utils/db.server.ts'
import { calendarDate, readOneJson, utcTimestamp, sqlList, sqlStrings } from '#app/utils/sql-json.server.ts'
import { postingNeeds } from './draft-needs.ts'
import { POSTING_FACTS, type ReferralActor } from './referral-changes.server.ts'
import { storedMissing, type FieldIssue } from './referral-input.ts'
import { pageWindow, patientName, REFERRALS_PER_PAGE, type ReferralSearch } from './referral-list.ts'
import { REFERRAL_STATUSES, type ReferralStatus } from './statuses.ts'
import { SESSION_COLUMNS } from '#app/domain/series/plan.server.ts'
import { threadAccessOf, THREAD_STATUSES } from './messages.server.ts'
import { OFFER_STATUSES } from './offers.ts'

/**
 * The counts per status (for the search) and one page of rows, in one statement on the driver (the
 * list is opened often; through Prisma it was four queries, docs/performance.md). The search: a
 * reference matches the end of the id; every word, the first or the last name (case-insensitive;
 * readReferralSearch has taken LIKE's wildcards out of the words); a search with neither matches
 * nothing. The page asked for is clamped to the last, as pageWindow does.
 */
const REFERRAL_LIST_STATEMENT = `
WITH searched AS (
	SELECT r.* FROM "Referral" r
	WHERE r."clinicId" = $1::text
		AND (NOT $2::boolean
			OR ($3::text IS NOT NULL AND r.id ILIKE '%' || $3::text)
			OR (json_array_length($4::json) > 0 AND NOT EXISTS (
				SELECT 1 FROM json_array_elements_text($4::json) AS w(word)
				WHERE NOT EXISTS (SELECT 1 FROM "ReferralPatient" p WHERE p."referralId" = r.id AND (p."firstName" ILIKE '%' || w.word || '%' OR p."lastName" ILIKE '%' || w.word || '%'))))
		)
),
listed AS (SELECT * FROM searched WHERE $5::text IS NULL OR status::text = $5::text),
shown AS (
	SELECT * FROM listed
	ORDER BY "firstDosingAt" ASC NULLS LAST, "createdAt" DESC, id ASC
	OFFSET (least($6::int, greatest(1, ceil((SELECT count(*) FROM listed) / $7::numeric)::int)) - 1) * $7::int LIMIT $7::int
)
SELECT json_build_object(
	'total', (SELECT count(*)::int FROM listed),
	'counts', coalesce((SELECT json_object_agg(status, n) FROM (SELECT status, count(*)::int AS n FROM searched GROUP BY status) c), '{}'::json),
	'rows', coalesce((SELECT json_agg(json_build_object(
		'id', x.id, 'status', x.status, 'urgency', x.urgency, 'createdAt', x."createdAt", 'patientState', x."patientState", 'ageBand', x."ageBand", 'phases', x.phases, 'format', x.format,
		'paymentType', x."paymentType", 'payer', x.payer, 'firstDosingAt', x."firstDosingAt", 'dosingSessionsAt', x."dosingSessionsAt", 'draftDoseCount', x."draftDoseCount", 'draftCadenceDays', x."draftCadenceDays",
		'patient', (SELECT json_build_object('firstName', p."firstName", 'lastName', p."lastName", 'email', p.email, 'birthDate', p."birthDate") FROM "ReferralPatient" p WHERE p."referralId" = x.id))
		ORDER BY x."firstDosingAt" ASC NULLS LAST, x."createdAt" DESC, x.id ASC) FROM shown x), '[]'::json)
) AS json`

const ListedRow = z.object({
	id: z.string(),
	status: z.enum(REFERRAL_STATUSES),
	urgency: z.enum(['routine', 'urgent']),
	createdAt: utcTimestamp,
	patientState: z.string().nullable(),
	ageBand: z.string().nullable(),
	phases: sqlStrings,
	format: z.enum(['telehealth', 'in_person', 'either']).nullable(),
	paymentType: z.enum(['insurance', 'self_pay']).nullable(),
	payer: z.string().nullable(),
	firstDosingAt: utcTimestamp.nullable(),
	dosingSessionsAt: z.array(utcTimestamp),
	draftDoseCount: z.number().int().nullable(),
	draftCadenceDays: z.number().int().nullable(),
	patient: z.object({ firstName: z.string().nullable(), lastName: z.string().nullable(), email: z.string().nullable(), birthDate: calendarDate.nullable() }).nullable(),
})
const ReferralList = z.object({ total: z.number().int(), counts: z.record(z.enum(REFERRAL_STATUSES), z.number().int()), rows: z.array(ListedRow) })

/**
 * One page of the clinic's referrals, soonest first dose first (drafts without one last), each with
 * its patient's name (read by the clinic's own staff, and audited as a view of stage-2 data) and,
 * for a draft, what posting still needs; `search` finds a reference or a name. Counts per status
 * are for the same search. A page past the last shows the last.
 */
export async function listClinicReferrals(clinicId: string, options: { status?: ReferralStatus | null; search?: ReferralSearch | null; page?: string | null; viewer?: ReferralActor | null } = {}) {
	const search = options.search ?? null
	// The page asked for, as pageWindow reads it before clamping it to the last.
	const asked = pageWindow(Number.MAX_SAFE_INTEGER, options.page).page
	const values = [clinicId, search !== null, search?.reference ?? null, JSON.stringify(search?.words ?? []), options.status ?? null, Math.min(asked, 2 ** 31 - 1), REFERRALS_PER_PAGE]
	const { total, counts, rows } = (await readOneJson({ name: 'referral_list', text: REFERRAL_LIST_STATEMENT, values }, ReferralList))!
	const window = pageWindow(total, options.page)
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
	return { referrals, window, counts: counts as Partial<Record<ReferralStatus, number>> }
}

// The referral with its patient and timeline, and its offers, as json of one referral `r`: shared by
// the reads below, so that the page, its edit form and the API read the same columns.
const REFERRAL_WITH_PATIENT_JSON = `json_build_object('referral', to_json(r),
	'patient', (SELECT to_json(p) FROM "ReferralPatient" p WHERE p."referralId" = r.id),
	'events', coalesce((SELECT json_agg(to_json(e) ORDER BY e.at, e.id) FROM "ReferralEvent" e WHERE e."referralId" = r.id), '[]'::json))`
const OFFERS_JSON = `coalesce((SELECT json_agg(json_build_object(
		'id', o.id, 'status', o.status, 'round', o.round, 'sentAt', o."sentAt", 'expiresAt', o."expiresAt", 'respondedAt', o."respondedAt", 'declineReason', o."declineReason", 'proposedTimes', o."proposedTimes",
		'therapist', json_build_object('id', t.id, 'fullName', t."fullName", 'credentials', t.credentials, 'userId', t."userId"),
		'events', coalesce((SELECT json_agg(json_build_object('id', e.id, 'at', e.at, 'actor', e.actor, 'fromStatus', e."fromStatus", 'toStatus', e."toStatus", 'reason', e.reason) ORDER BY e.at, e.id)
			FROM "OfferEvent" e WHERE e."offerId" = o.id), '[]'::json))
	ORDER BY o.round ASC, o.score DESC, o.id ASC)
	FROM "Offer" o JOIN "Therapist" t ON t.id = o."therapistId" WHERE o."referralId" = r.id), '[]'::json)`

const strings = sqlStrings
const ReferralRow = z.object({
	id: z.string(),
	clinicId: z.string(),
	status: z.enum(REFERRAL_STATUSES),
	patientState: z.string().nullable(),
	ageBand: z.string().nullable(),
	phases: strings,
	format: z.enum(['telehealth', 'in_person', 'either']).nullable(),
	modalities: strings,
	focusAreas: strings,
	languages: strings,
	paymentType: z.enum(['insurance', 'self_pay']).nullable(),
	payer: z.string().nullable(),
	maxRate: z.number().int().nullable(),
	urgency: z.enum(['routine', 'urgent']),
	firstDosingAt: utcTimestamp.nullable(),
	dosingSessionsAt: z.array(utcTimestamp),
	draftDoseCount: z.number().int().nullable(),
	draftCadenceDays: z.number().int().nullable(),
	doseMinutes: z.number().int(),
	preparationFromHour: z.number().int(),
	preparationToHour: z.number().int(),
	integrationFromHour: z.number().int(),
	integrationToHour: z.number().int(),
	timingRequired: z.boolean(),
	acceptSupervised: z.boolean(),
	radiusMiles: z.number().int(),
	matchingRound: z.number().int(),
	postedAt: utcTimestamp.nullable(),
	firstSessionAt: utcTimestamp.nullable(),
	outcome: z.string().nullable(),
	createdAt: utcTimestamp,
	updatedAt: utcTimestamp,
})
const PatientRow = z.object({
	referralId: z.string(),
	firstName: z.string().nullable(),
	lastName: z.string().nullable(),
	email: z.string().nullable(),
	phone: z.string().nullable(),
	birthDate: calendarDate.nullable(),
	notes: z.string(),
	language: z.string().nullable(),
	smsOptOut: z.boolean(),
})
const ReferralEventRow = z.object({
	id: z.string(),
	referralId: z.string(),
	at: utcTimestamp,
	actor: z.string(),
	fromStatus: z.enum(REFERRAL_STATUSES).nullable(),
	toStatus: z.enum(REFERRAL_STATUSES),
	reason: z.string().nullable(),
})
const ReferralWithPatient = z
	.object({ referral: ReferralRow, patient: PatientRow.nullable(), events: z.array(ReferralEventRow) })
	.transform(({ referral, patient, events }) => ({ ...referral, patient, events }))
const OfferRows = z.array(
	z.object({
		id: z.string(),
		status: z.enum(OFFER_STATUSES),
		round: z.number().int(),
		sentAt: utcTimestamp,
		expiresAt: utcTimestamp,
		respondedAt: utcTimestamp.nullable(),
		declineReason: z.string().nullable(),
		proposedTimes: sqlList(utcTimestamp),
		therapist: z.object({ id: z.string(), fullName: z.string(), credentials: z.string(), userId: z.string().nullable() }),
		events: z.array(z.object({ id: z.string(), at: utcTimestamp, actor: z.string(), fromStatus: z.enum(OFFER_STATUSES).nullable(), toStatus: z.enum(OFFER_STATUSES), reason: z.string().nullable() })),
	}),
)

/** Reading the patient's identity is audited (docs/product.md §5). */
async function auditPatientViewed(referral: { id: string; patient: unknown }, viewer: ReferralActor) {
	if (!referral.patient) return
	await audit({
		actorId: viewer.kind === 'user' ? viewer.userId : null,
		action: 'referral.patient_viewed',
		entity: 'referral',
		entityId: referral.id,
		details: viewer.kind === 'api_key' ? { apiKeyId: viewer.apiKeyId } : {},
	})
}

/**
 * One referral of this clinic with its stage-2 patient and timeline, for the clinic's own staff or
 * API key; another clinic's referral is null, as an unknown one is.
 */
export async function getReferralWithPatient(clinicId: string, referralId: string, viewer: ReferralActor) {
	const referral = await readOneJson(
		{
			name: 'referral_with_patient',
			text: `SELECT ${REFERRAL_WITH_PATIENT_JSON} AS json FROM "Referral" r WHERE r.id = $2::text AND r."clinicId" = $1::text`,
			values: [clinicId, referralId],
		},
		ReferralWithPatient,
	)
	if (referral) await auditPatientViewed(referral, viewer)
	return referral
}

/** The referral's offers as its clinic sees them: who, in which state, since when, with the times proposed. */
export async function clinicReferralOffers(referralId: string) {
	const offers = await readOneJson({ name: 'referral_offers', text: `SELECT ${OFFERS_JSON} AS json FROM "Referral" r WHERE r.id = $1::text`, values: [referralId] }, OfferRows)
	return offers ?? []
}

/**
 * Everything the clinic's referral page reads, in one statement on the driver (through Prisma it
 * was sixteen, docs/performance.md): the clinic; its referral (another clinic's is null, as an
 * unknown one) with patient, timeline and offers; the patient's current link (the newest live
 * one); the thread's messages once a therapist is chosen (threadAccessOf decides whether the viewer
 * sees them); the plan; and the users and API keys the timeline names.
 */
const REFERRAL_PAGE_STATEMENT = `
SELECT json_build_object(
	'clinic', (SELECT json_build_object('id', c.id, 'name', c.name, 'timeZone', c."timeZone") FROM "Clinic" c WHERE c.id = $1::text),
	'referral', (SELECT json_build_object(
		'row', ${REFERRAL_WITH_PATIENT_JSON},
		'offers', ${OFFERS_JSON},
		'link', (SELECT json_build_object('id', l.id, 'createdAt', l."createdAt", 'expiresAt', l."expiresAt", 'lastOpenedAt', l."lastOpenedAt") FROM "PatientLink" l
			WHERE l."referralId" = r.id AND l."revokedAt" IS NULL AND l."expiresAt" > ($3::timestamptz AT TIME ZONE 'UTC') ORDER BY l."createdAt" DESC LIMIT 1),
		'messages', CASE WHEN r.status IN (${THREAD_STATUSES.map((status) => `'${status}'`).join(', ')}) THEN coalesce((SELECT json_agg(json_build_object('id', m.id, 'from', m."from", 'body', m.body, 'createdAt', m."createdAt", 'author', coalesce(nullif(u.name, ''), u.email)) ORDER BY m."createdAt", m.id)
			FROM "ReferralMessage" m JOIN "User" u ON u.id = m."authorId" WHERE m."referralId" = r.id), '[]'::json) END,
		'sessions', coalesce((SELECT json_agg(json_build_object(${Object.keys(SESSION_COLUMNS)
			.map((column) => `'${column}', s."${column}"`)
			.join(', ')}) ORDER BY s."startsAt", s.id) FROM "PlannedSession" s WHERE s."referralId" = r.id), '[]'::json),
		'users', coalesce((SELECT json_agg(json_build_object('id', u.id, 'name', u.name, 'email', u.email)) FROM "User" u WHERE u.id IN (
			SELECT substr(actor, 6) FROM "ReferralEvent" WHERE "referralId" = r.id AND actor LIKE 'user:%'
			UNION SELECT substr(e.actor, 6) FROM "OfferEvent" e JOIN "Offer" o ON o.id = e."offerId" WHERE o."referralId" = r.id AND e.actor LIKE 'user:%')), '[]'::json),
		'apiKeys', coalesce((SELECT json_agg(json_build_object('id', k.id, 'name', k.name, 'prefix', k.prefix)) FROM "ApiKey" k WHERE k.id IN (
			SELECT substr(actor, 9) FROM "ReferralEvent" WHERE "referralId" = r.id AND actor LIKE 'api!_key:%' ESCAPE '!'
			UNION SELECT substr(e.actor, 9) FROM "OfferEvent" e JOIN "Offer" o ON o.id = e."offerId" WHERE o."referralId" = r.id AND e.actor LIKE 'api!_key:%' ESCAPE '!')), '[]'::json))
		FROM "Referral" r WHERE r.id = $2::text AND r."clinicId" = $1::text)
) AS json`

const ReferralPage = z.object({
	clinic: z.object({ id: z.string(), name: z.string(), timeZone: z.string() }).nullable(),
	referral: z
		.object({
			row: ReferralWithPatient,
			offers: OfferRows,
			link: z.object({ id: z.string(), createdAt: utcTimestamp, expiresAt: utcTimestamp, lastOpenedAt: utcTimestamp.nullable() }).nullable(),
			messages: z.array(z.object({ id: z.string(), from: z.enum(['clinic', 'therapist']), body: z.string(), createdAt: utcTimestamp, author: z.string() })).nullable(),
			sessions: z.array(
				z.object({
					id: z.string(),
					phase: z.enum(['preparation', 'in_session', 'integration']),
					doseIndex: z.number().int(),
					startsAt: utcTimestamp,
					endsAt: utcTimestamp,
					status: z.enum(['proposed', 'booked', 'held', 'no_show', 'cancelled']),
					sequence: z.number().int(),
					needsTime: z.boolean(),
					outsideWindow: z.boolean(),
				}),
			),
			users: z.array(z.object({ id: z.string(), name: z.string(), email: z.string() })),
			apiKeys: z.array(z.object({ id: z.string(), name: z.string(), prefix: z.string() })),
		})
		.nullable(),
})

/** The clinic's referral page's reads (REFERRAL_PAGE_STATEMENT); null when the clinic has no such referral. Viewing the patient is audited. */
export async function clinicReferralPage(clinicId: string, referralId: string, viewer: Extract<ReferralActor, { kind: 'user' }>, now: Date) {
	const page = (await readOneJson({ name: 'referral_page', text: REFERRAL_PAGE_STATEMENT, values: [clinicId, referralId, now.toISOString()] }, ReferralPage))!
	if (!page.clinic || !page.referral) return null
	const { row: referral, offers, link, messages, sessions, users, apiKeys } = page.referral
	await auditPatientViewed(referral, viewer)
	const chosen = offers.find((o) => o.status === 'chosen')
	const access = threadAccessOf(
		{ clinicId: referral.clinicId, status: referral.status, chosen: chosen && { id: chosen.id, therapistId: chosen.therapist.id } },
		{ kind: 'clinic', userId: viewer.userId, clinicId },
	)
	return { clinic: page.clinic, referral, offers, link, thread: access.ok && messages ? messages : null, sessions, actors: actorNames(users, apiKeys) }
}

/** Names for the timeline's actors (`user:<id>`, `api_key:<id>`, `patient`, `system`), from the users and API keys they name. */
export function actorNames(users: readonly { id: string; name: string; email: string }[], keys: readonly { id: string; name: string; prefix: string }[]): Map<string, string> {
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
