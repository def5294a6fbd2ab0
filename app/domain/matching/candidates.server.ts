// Matching against the database (PRODUCT.md §6). One SQL statement finds the therapists who may
// see a patient in the referral's state on the dosing date (through the license and authorization
// indexes), judges the hard filters a database can judge exactly as the pure filters do (every
// phase, the format with the office ZIP within the radius, accepting and load, language, payment,
// not excluded), counts those it leaves out under the first filter they fail, and returns the rest
// with what the pure functions need. Those (eligibility.ts, score.ts, rank.ts) then check every
// filter again, the availability-based ones included, and rank.
//
// Counting the excluded under their first failed filter agrees with the pure functions only if
// each SQL condition is exactly the pure one; tests/integration/matching.test.ts checks that
// against ranking the whole network in JavaScript.
import { overridesFromRows } from '#app/domain/availability/ranges.ts'
import { addDaysToDate } from '#app/domain/calendar-dates.ts'
import { loadCompactMembership } from '#app/domain/reference/compact-membership.server.ts'
import { LICENSE_TYPES } from '#app/domain/reference/credentials.ts'
import { lookupZip, zipCentroid, zipsWithin } from '#app/domain/reference/zip-codes.server.ts'
import { db } from '#app/utils/db.server.ts'
import { milesBetween } from './distance.ts'
import { FILTERS, integrationWindow, jurisdictionDate, type Filter } from './eligibility.ts'
import { rankCandidates, whyNot, type Ranking } from './rank.ts'
import { type MatchCandidate, type MatchReferral } from './types.ts'

/** A referral's facts as matching reads them; with `clinicId`, only if it is that clinic's (another clinic's id finds nothing). */
export async function loadMatchReferral(referralId: string, clinicId?: string): Promise<MatchReferral | null> {
	const referral = await db().referral.findFirst({
		where: { id: referralId, ...(clinicId ? { clinicId } : {}) },
		include: { clinic: { select: { zip: true, timeZone: true } }, offers: { where: { status: 'declined' }, select: { therapistId: true } } },
	})
	if (!referral) return null
	const clinicPlace = lookupZip(referral.clinic.zip)
	return {
		id: referral.id,
		patientState: referral.patientState,
		phases: referral.phases,
		format: referral.format,
		modalities: referral.modalities,
		focusAreas: referral.focusAreas,
		languages: referral.languages,
		payment: { type: referral.paymentType, payer: referral.payer, maxRate: referral.maxRate },
		firstDosingAt: referral.firstDosingAt,
		dosingSessions: referral.dosingSessions,
		cadenceDays: referral.cadenceDays,
		integrationWindowHours: { from: referral.integrationFromHour, to: referral.integrationToHour },
		timingRequired: referral.timingRequired,
		radiusMiles: referral.radiusMiles,
		clinic: { location: clinicPlace.ok ? { latitude: clinicPlace.place.latitude, longitude: clinicPlace.place.longitude } : null, timeZone: referral.clinic.timeZone },
		excludedTherapistIds: new Set(referral.offers.map((o) => o.therapistId)),
		preferredTherapistIds: new Set(),
	}
}

const list = (values: Iterable<string>) => [...values].join(',')
const typesWhere = (keep: (t: (typeof LICENSE_TYPES)[number]) => boolean) => list(LICENSE_TYPES.filter(keep).map((t) => t.slug))

/** The parameters and the filter conditions that depend on the referral's shape. */
function matchQuery(referral: MatchReferral, onlyTherapistId: string | null) {
	const onDate = jurisdictionDate(referral)
	const needsInPerson = referral.format === 'in_person' || referral.phases.includes('in_session')
	const zips = needsInPerson || referral.format === 'either' ? (referral.clinic.location ? zipsWithin(referral.clinic.location, referral.radiusMiles, milesBetween) : []) : []
	// Overrides only matter on the dates of the integration windows scored (up to six), a day either side for time zones.
	const lastWindow = integrationWindow(referral, Math.min(6, Math.max(1, referral.dosingSessions)) - 1)
	const params = [
		referral.patientState, // $1
		onDate, // $2
		typesWhere((t) => t.independent || referral.allowSupervised === true), // $3 licenses that count
		typesWhere((t) => t.independent && t.profession === 'counselor'), // $4 home licenses behind a counseling privilege
		typesWhere((t) => t.independent && t.profession === 'psychologist'), // $5 home licenses behind a PSYPACT APIT
		list(referral.phases), // $6
		list(zips), // $7 office ZIPs within the radius
		list(referral.languages), // $8
		referral.payment.payer ?? '', // $9
		referral.payment.maxRate ?? 0, // $10
		list(referral.excludedTherapistIds), // $11
		addDaysToDate(onDate, -1), // $12 first override date
		addDaysToDate(lastWindow.end.toISOString().slice(0, 10), 1), // $13 last override date
		onlyTherapistId ?? '', // $14
	]
	const inPerson = `('in_person' = ANY(t.formats) AND licensed AND t."officeZip" = ANY(string_to_array($7::text, ',')))`
	const telehealth = `('telehealth' = ANY(t.formats))`
	const format = needsInPerson ? (referral.format === 'telehealth' ? `(${inPerson} AND ${telehealth})` : inPerson) : referral.format === 'telehealth' ? telehealth : `(${telehealth} OR ${inPerson})`
	const payment =
		referral.payment.type === 'insurance'
			? `($9::text <> '' AND $9::text = ANY(t."insurancePayers"))`
			: referral.payment.maxRate == null
				? 'TRUE'
				: `(t."slidingScale" OR (t."selfPayRate" IS NOT NULL AND t."selfPayRate" <= $10::int))`
	return { params, format, payment }
}

const CURRENT = (alias: string) => `${alias}.status = 'verified' AND ${alias}."expiresOn" >= $2::date`

/**
 * The statement: candidates by index (a license in the state, or an authorization naming it or,
 * for PSYPACT, every member state), each judged filter by filter; counts of the excluded and the
 * data of the rest, as one row of JSON.
 */
function matchSql(format: string, payment: string) {
	return `
-- Parameters only some referrals use still need a type.
WITH args AS (SELECT $7::text AS zips, $9::text AS payer, $10::int AS max_rate),
psypact AS (SELECT state FROM "CompactMember" WHERE "compactSlug" = 'psypact'),
-- Current licenses in the state, and whether one of them counts (independent, or supervised when allowed).
lic AS (
	SELECT l."therapistId" AS id, bool_or(l.type::text = ANY(string_to_array($3::text, ','))) AS licensed
	FROM "License" l WHERE l.state = $1::text::bpchar AND ${CURRENT('l')}
	GROUP BY 1
),
-- Current authorizations naming the state (or, for PSYPACT, every member), with the license at home each needs.
auth AS (
	SELECT a."therapistId" AS id, bool_or(
		(a.kind = 'state_telehealth' AND $1::text = ANY(a.states))
		OR (a.kind = 'counseling_privilege' AND $1::text = ANY(a.states) AND a."homeState" <> $1::text::bpchar AND h.type::text = ANY(string_to_array($4::text, ',')))
		OR (a.kind = 'psypact_apit' AND a."homeState" <> $1::text::bpchar AND $1::text IN (SELECT state FROM psypact) AND a."homeState" IN (SELECT state FROM psypact)
			AND h.type::text = ANY(string_to_array($5::text, ',')))
	) AS authorized
	FROM "Authorization" a
	LEFT JOIN "License" h ON h."therapistId" = a."therapistId" AND h.state = a."homeState" AND ${CURRENT('h')}
	WHERE ${CURRENT('a')} AND (a.states @> ARRAY[$1::text] OR (a.kind = 'psypact_apit' AND a.states = '{}' AND $1::text IN (SELECT state FROM psypact)))
	GROUP BY 1
),
cand AS (
	SELECT coalesce(lic.id, auth.id) AS id, coalesce(lic.licensed, false) AS licensed, coalesce(auth.authorized, false) AS authorized
	FROM lic FULL JOIN auth ON auth.id = lic.id
),
-- Load: offers not yet in care (PRODUCT.md §4).
loads AS (
	SELECT o."therapistId" AS id, count(*)::int AS load FROM "Offer" o JOIN "Referral" r ON r.id = o."referralId"
	WHERE o.status IN ('pending', 'accepted', 'chosen') AND r.status NOT IN ('in_care', 'completed') AND o."therapistId" IN (SELECT id FROM cand)
	GROUP BY 1
),
judged AS (
	SELECT t.*, cand.licensed, cand.authorized, coalesce(loads.load, 0) AS load
	FROM cand JOIN "Therapist" t ON t.id = cand.id LEFT JOIN loads ON loads.id = t.id
	WHERE $14::text = '' OR t.id = $14::text
),
staged AS (
	SELECT t.*, CASE
		WHEN NOT (licensed OR authorized) THEN 'jurisdiction'
		WHEN NOT (t.phases @> string_to_array($6::text, ',')) THEN 'phases'
		WHEN NOT ${format} THEN 'format'
		WHEN NOT (t.accepting AND t.load < t."weeklyCapacity") THEN 'capacity'
		WHEN NOT ($8::text = '' OR t.languages && string_to_array($8::text, ',')) THEN 'language'
		WHEN NOT ${payment} THEN 'payment'
		WHEN t.id = ANY(string_to_array($11::text, ',')) THEN 'not_excluded'
	END AS failed
	FROM judged t
)
SELECT
	(SELECT count(*)::int FROM "Therapist" WHERE $14::text = '' OR id = $14::text) AS network,
	(SELECT coalesce(json_object_agg(failed, n), '{}') FROM (SELECT failed, count(*)::int AS n FROM staged WHERE failed IS NOT NULL GROUP BY failed) c) AS counts,
	(SELECT coalesce(json_agg(json_build_array(
		s.id, s.phases, s.formats, s.languages, s.modalities, s."focusAreas", s."insurancePayers", s."selfPayRate", s."slidingScale",
		s."officeZip", s.accepting, s."weeklyCapacity", s.load, s."kapTrainingHours", s."timeZone",
		(SELECT json_agg(json_build_array(l.state, l.type, l.status, l."expiresOn")) FROM "License" l WHERE l."therapistId" = s.id),
		(SELECT json_agg(json_build_array(a.kind, a."homeState", a.states, a.status, a."expiresOn")) FROM "Authorization" a WHERE a."therapistId" = s.id),
		(SELECT json_agg(json_build_array(r."dayOfWeek", r."startMinute", r."endMinute")) FROM "AvailabilityRule" r WHERE r."therapistId" = s.id),
		(SELECT json_agg(json_build_array(v.date, v."startMinute", v."endMinute")) FROM "AvailabilityOverride" v WHERE v."therapistId" = s.id AND v.date BETWEEN $12::date AND $13::date),
		(SELECT json_build_array(count(*), count(*) FILTER (WHERE o.status NOT IN ('declined', 'expired')), json_agg(EXTRACT(EPOCH FROM (o."respondedAt" - o."sentAt")) / 3600))
			FROM "Offer" o WHERE o."therapistId" = s.id AND o."respondedAt" IS NOT NULL)
	)), '[]') FROM staged s WHERE failed IS NULL) AS rows`
}

type Row = [
	id: string,
	phases: string[],
	formats: string[],
	languages: string[],
	modalities: string[],
	focusAreas: string[],
	insurancePayers: string[],
	selfPayRate: number | null,
	slidingScale: boolean,
	officeZip: string | null,
	accepting: boolean,
	weeklyCapacity: number,
	load: number,
	kapTrainingHours: number,
	timeZone: string,
	licenses: [string, string, 'pending' | 'verified' | 'rejected', string][] | null,
	authorizations: [string, string, string[], 'pending' | 'verified' | 'rejected', string][] | null,
	rules: [number, number, number][] | null,
	overrides: [string, number | null, number | null][] | null,
	answered: [number, number, number[] | null],
]

function toCandidate(row: Row): MatchCandidate {
	const [id, phases, formats, languages, modalities, focusAreas, insurancePayers, selfPayRate, slidingScale, officeZip, accepting, weeklyCapacity, load, kapTrainingHours, timeZone, licenses, authorizations, rules, overrides, answered] = row
	const [answeredCount, acceptedCount, hoursList] = answered
	const hours = (hoursList ?? []).map(Number).sort((a, b) => a - b)
	return {
		id,
		credentials: {
			licenses: (licenses ?? []).map(([state, type, status, expiresOn]) => ({ state, type, status, expiresOn })),
			authorizations: (authorizations ?? []).map(([kind, homeState, states, status, expiresOn]) => ({ kind, homeState, states, status, expiresOn })),
		},
		phases,
		formats,
		languages,
		modalities,
		focusAreas,
		insurancePayers,
		selfPayRate,
		slidingScale,
		office: officeZip ? zipCentroid(officeZip) : null,
		accepting,
		weeklyCapacity,
		load,
		kapTrainingHours,
		responsiveness: {
			acceptanceRate: answeredCount ? acceptedCount / answeredCount : null,
			medianResponseHours: hours.length ? hours[Math.floor(hours.length / 2)]! : null,
		},
		schedule: {
			timeZone,
			rules: (rules ?? []).map(([dayOfWeek, startMinute, endMinute]) => ({ dayOfWeek, startMinute, endMinute })),
			overrides: overridesFromRows((overrides ?? []).map(([date, startMinute, endMinute]) => ({ date, startMinute, endMinute }))),
		},
		// First sessions get booked with the referral lifecycle (issue 6); until then none.
		booked: [],
	}
}

type Judged = { network: number; counts: Partial<Record<Filter, number>>; candidates: MatchCandidate[] }

async function judge(referral: MatchReferral, onlyTherapistId: string | null = null): Promise<Judged> {
	const { params, format, payment } = matchQuery(referral, onlyTherapistId)
	const [result] = await db().$queryRawUnsafe<{ network: number; counts: Partial<Record<Filter, number>>; rows: Row[] }[]>(matchSql(format, payment), ...params)
	return { network: result!.network, counts: result!.counts, candidates: result!.rows.map(toCandidate) }
}

/** The ranking (at most `limit` suggestions), how many fit in all, and the size of the network. */
export type MatchResult = Ranking & { network: number }

export async function matchReferral(referral: MatchReferral, options: { limit?: number } = {}): Promise<MatchResult> {
	const [judged, compacts] = await Promise.all([judge(referral), loadCompactMembership()])
	const ranking = rankCandidates(referral, judged.candidates, { compacts }, options)
	for (const filter of FILTERS) ranking.excluded[filter] += judged.counts[filter] ?? 0
	// Nobody the indexes did not find can see a patient in the state: jurisdiction.
	const judgedCount = judged.candidates.length + Object.values(judged.counts).reduce((a, b) => a + b, 0)
	ranking.excluded.jurisdiction += judged.network - judgedCount
	return { ...ranking, network: judged.network }
}

/** For one named therapist: the first filter that excludes them from this referral, or null if none does. */
export async function whyNotTherapist(referral: MatchReferral, therapistId: string): Promise<Filter | null | 'unknown_therapist'> {
	const [judged, compacts] = await Promise.all([judge(referral, therapistId), loadCompactMembership()])
	if (judged.network === 0) return 'unknown_therapist'
	const failed = (Object.keys(judged.counts) as Filter[])[0]
	if (failed) return failed
	const [candidate] = judged.candidates
	return candidate ? whyNot(referral, candidate, { compacts }) : 'jurisdiction'
}
