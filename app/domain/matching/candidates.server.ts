// Matching against the database (PRODUCT.md §6). One SQL statement reads the referral's state
// from TherapistSearch (one row per therapist and state, kept by search-index.server.ts), judges
// every hard filter exactly as eligibility.ts does — jurisdiction from the rows' validity dates,
// phases, format with the office ZIP within the radius, accepting and load, language, payment,
// not excluded, and timing from the free half-hour cells — counts those it leaves out under the
// first filter they fail, scores the rest as score.ts does and returns the best few with their
// full records. The pure functions then check those again from the therapist's own tables and
// rank them; rows whose cells do not reach the referral's windows are judged there in full.
//
// Counting the excluded under their first failed filter agrees with the pure functions only if
// each SQL condition is exactly the pure one; tests/integration/matching.test.ts checks that
// against ranking the whole network in JavaScript.
import { overridesFromRows } from '#app/domain/availability/ranges.ts'
import { addDaysToDate } from '#app/domain/calendar-dates.ts'
import { loadCompactMembership } from '#app/domain/reference/compact-membership.server.ts'
import { lookupZip, zipCentroid, zipsWithin } from '#app/domain/reference/zip-codes.server.ts'
import { type Referral } from '#app/generated/prisma/client.ts'
import { driverQuery } from '#app/utils/db.server.ts'
import { milesBetween } from './distance.ts'
import { FILTERS, integrationWindow, jurisdictionDate, type Filter } from './eligibility.ts'
import { rankCandidates, whyNot, type Ranking } from './rank.ts'
import { distancePart, TRAINING_FULL_MARKS_HOURS, WEIGHTS } from './score.ts'
import { windowCells } from './search-facts.ts'
import { type MatchCandidate, type MatchReferral } from './types.ts'

const REFERRAL_FACTS = `
SELECT r.id, r."patientState", r.phases, r.format::text AS format, r.modalities, r."focusAreas", r.languages,
	r."paymentType"::text AS "paymentType", r.payer, r."maxRate", r."firstDosingAt" AT TIME ZONE 'UTC' AS "firstDosingAt",
	r."dosingSessions", r."cadenceDays", r."integrationFromHour", r."integrationToHour", r."timingRequired", r."radiusMiles",
	c.zip AS "clinicZip", c."timeZone" AS "clinicTimeZone",
	ARRAY(SELECT o."therapistId" FROM "Offer" o WHERE o."referralId" = r.id AND o.status = 'declined') AS declined
FROM "Referral" r JOIN "Clinic" c ON c.id = r."clinicId"
WHERE r.id = $1::text AND ($2::text = '' OR r."clinicId" = $2::text)`

/** The referral's own columns, as the driver returns them (the timestamp read as UTC), with its clinic's place and the therapists who declined. */
type ReferralFactsRow = Pick<
	Referral,
	| 'id'
	| 'patientState'
	| 'phases'
	| 'format'
	| 'modalities'
	| 'focusAreas'
	| 'languages'
	| 'paymentType'
	| 'payer'
	| 'maxRate'
	| 'firstDosingAt'
	| 'dosingSessions'
	| 'cadenceDays'
	| 'integrationFromHour'
	| 'integrationToHour'
	| 'timingRequired'
	| 'radiusMiles'
> & { clinicZip: string; clinicTimeZone: string; declined: string[] }

/**
 * A referral's facts as matching reads them; with `clinicId`, only if it is that clinic's (another
 * clinic's id finds nothing). One statement on the driver: matching runs on every suggestions
 * page and API call, and Prisma's three queries for this cost more than the matching statement's
 * planning (docs/performance.md).
 */
export async function loadMatchReferral(referralId: string, clinicId?: string): Promise<MatchReferral | null> {
	const [referral] = await driverQuery<ReferralFactsRow>({ name: 'match_referral_facts', text: REFERRAL_FACTS, values: [referralId, clinicId ?? ''] })
	if (!referral) return null
	const clinicPlace = lookupZip(referral.clinicZip)
	return {
		id: referral.id,
		patientState: referral.patientState,
		phases: referral.phases,
		format: referral.format,
		modalities: referral.modalities,
		focusAreas: referral.focusAreas,
		languages: referral.languages,
		payment: {
			type: referral.paymentType,
			payer: referral.payer,
			maxRate: referral.maxRate,
		},
		firstDosingAt: referral.firstDosingAt,
		dosingSessions: referral.dosingSessions,
		cadenceDays: referral.cadenceDays,
		integrationWindowHours: {
			from: referral.integrationFromHour,
			to: referral.integrationToHour,
		},
		timingRequired: referral.timingRequired,
		radiusMiles: referral.radiusMiles,
		clinic: {
			location: clinicPlace.ok
				? {
						latitude: clinicPlace.place.latitude,
						longitude: clinicPlace.place.longitude,
					}
				: null,
			timeZone: referral.clinicTimeZone,
		},
		excludedTherapistIds: new Set(referral.declined),
		preferredTherapistIds: new Set(),
	}
}

/**
 * SQL adds the score's parts in score.ts's order with the same floating-point operations and
 * rounds as Math.round does, so its score is the exact one; ranking still treats it as a ceiling
 * with this much room, and a suggestion whose score differs sends matching back for everyone.
 */
const SCORE_SLACK = 0.02
/** Fetch every eligible therapist (a LIMIT that PostgreSQL's int still holds with one added). */
const ALL = 2 ** 31 - 2
/** Scored integration windows: the first `min(6, dosing sessions)` (score.ts). */
const windowsScored = (referral: MatchReferral) => Math.min(6, Math.max(1, referral.dosingSessions))

/**
 * The statement for one referral: its rows (one per therapist covering the state, found by the
 * (state, coveredUntil) index), each judged filter by filter exactly as eligibility.ts does, the
 * timing filter and the availability share from the free half-hour cells; counts of the excluded
 * by first failed filter; the eligible scored as score.ts scores them, and the best `fetch` of
 * them (plus any whose cells do not reach the windows, which the pure functions judge) with
 * their full records.
 *
 * Everything that varies from referral to referral is a parameter: the text varies only with the
 * statement's shape (format, payment, whether timing is required, how many windows are scored).
 * It is planned for every call, with the values (about 1 ms): a plan kept for all values (a named
 * prepared statement) guessed the rows of a state wrongly and ran eight times slower.
 */
function matchStatement(referral: MatchReferral, onlyTherapistId: string | null, fetch: number) {
	const onDate = jurisdictionDate(referral)
	const needsInPerson = referral.format === 'in_person' || referral.phases.includes('in_session')
	const zips = needsInPerson || referral.format === 'either' ? (referral.clinic.location ? zipsWithin(referral.clinic.location, referral.radiusMiles, milesBetween) : []) : []
	const windows = Array.from({ length: windowsScored(referral) }, (_, i) => windowCells(integrationWindow(referral, i)))
	const reachable = windows.filter((w) => w.end - w.start >= 2)
	// Overrides only matter on the dates of the windows scored, a day either side for time zones.
	const lastWindow = integrationWindow(referral, windows.length - 1)
	const values: unknown[] = [
		referral.patientState, // $1
		onDate, // $2
		referral.allowSupervised === true, // $3
		[...referral.phases], // $4
		// $5 the office ZIPs within the radius, each with the distance component for an office
		// there, worked out here exactly as score.ts does (JSON keeps a double's exact value).
		JSON.stringify(Object.fromEntries(zips.map((zip) => [zip, distancePart(milesBetween(zipCentroid(zip)!, referral.clinic.location!), referral.radiusMiles)]))),
		[...referral.languages], // $6
		referral.payment.payer ?? '', // $7
		referral.payment.maxRate ?? 0, // $8
		[...referral.excludedTherapistIds], // $9
		onlyTherapistId ?? '', // $10
		[...referral.preferredTherapistIds], // $11
		[...referral.modalities], // $12
		[...referral.focusAreas], // $13
		fetch, // $14
		addDaysToDate(onDate, -1), // $15 first override date
		addDaysToDate(lastWindow.end.toISOString().slice(0, 10), 1), // $16 last override date
		// The cells the windows with room for a session span (null: none has), which a row's cells must hold for SQL to judge it.
		reachable.length ? Math.min(...reachable.map((w) => w.start)) : null, // $17
		reachable.length ? Math.max(...reachable.map((w) => w.end)) : null, // $18
		windows.map((w) => w.start), // $19 each window's cells [start, end)
		windows.map((w) => w.end), // $20
	]
	// An office ZIP within the radius is one with a distance part.
	const distancePartSql = `($5::jsonb -> r."officeZip"::text)::float8`
	const inPersonOk = `('in_person' = ANY(r.formats) AND r.licensed AND $5::jsonb ? r."officeZip"::text)`
	const telehealth = `('telehealth' = ANY(r.formats))`
	const format = needsInPerson
		? referral.format === 'telehealth'
			? `(${inPersonOk} AND ${telehealth})`
			: inPersonOk
		: referral.format === 'telehealth'
			? telehealth
			: `(${telehealth} OR ${inPersonOk})`
	const inPersonMode = needsInPerson ? 'TRUE' : referral.format === 'telehealth' ? 'FALSE' : inPersonOk
	const payment =
		referral.payment.type === 'insurance'
			? `($7::text <> '' AND $7::text = ANY(r."insurancePayers"))`
			: referral.payment.maxRate == null
				? 'TRUE'
				: `(r."slidingScale" OR (r."selfPayRate" IS NOT NULL AND r."selfPayRate" <= $8::int))`
	// Window i's cells [start, end): a session may start at cell c when both c and c + 1 are free
	// (a window narrower than two cells holds no '11').
	const fits = (i: number) =>
		`(position(B'11' IN substring(r."freeCells" FROM ($19::int[])[${i}] - r."freeFromCell" + 1 FOR greatest(0, ($20::int[])[${i}] - ($19::int[])[${i}]))) > 0)`
	const decided = `($17::int IS NULL OR (r."freeFromCell" <= $17::int AND $18::int <= r."freeFromCell" + bit_length(r."freeCells")))`
	// Each wanted item the therapist offers counts once per time it is wanted, as score.ts counts.
	const overlap = (param: string, column: string) =>
		`(CASE WHEN cardinality(${param}::text[]) = 0 THEN 1::float8 ELSE (SELECT count(*) FROM unnest(${param}::text[]) w WHERE w = ANY(r.${column}))::float8 / cardinality(${param}::text[])::float8 END)`
	const parts: Record<keyof typeof WEIGHTS, string> = {
		modalities: overlap('$12', 'modalities'),
		focusAreas: overlap('$13', '"focusAreas"'),
		training: `(least(r."kapTrainingHours", ${TRAINING_FULL_MARKS_HOURS})::float8 / ${TRAINING_FULL_MARKS_HOURS}::float8)`,
		availability: `(CASE WHEN r.decided THEN (${windows.map((_, i) => `(${fits(i + 1)})::int`).join(' + ')})::float8 / ${windows.length}::float8 ELSE 1::float8 END)`,
		distance: `(CASE WHEN r.in_person_mode AND ${distancePartSql} IS NOT NULL THEN ${distancePartSql} ELSE 0.5::float8 END)`,
		responsiveness: `((coalesce(r."acceptanceRate", 0.5::float8) + CASE WHEN r."medianResponseHours" IS NULL THEN 0.5::float8 ELSE greatest(0::float8, least(1::float8, (48::float8 - r."medianResponseHours") / 42::float8)) END) / 2::float8)`,
		load: `(CASE WHEN r."weeklyCapacity" > 0 THEN greatest(0::float8, 1::float8 - r.load::float8 / r."weeklyCapacity"::float8) ELSE 0::float8 END)`,
		partner: `(CASE WHEN r.id = ANY($11::text[]) THEN 1::float8 ELSE 0::float8 END)`,
	}
	// Added in score.ts's order, in floating point as JavaScript adds, then rounded to cents as Math.round does.
	const total = `((${(Object.keys(WEIGHTS) as (keyof typeof WEIGHTS)[]).map((k) => `${WEIGHTS[k]}::float8 * ${parts[k]}`).join(' + ')}) * 100::float8)`

	const text = `
-- Every parameter typed once: some shapes of the statement leave some of them unused.
-- No joins: a join copies every row of the state, cells and all; these lookups cost one probe each.
WITH args AS (SELECT $3::boolean AS supervised, $4::text[] AS phases, $5::jsonb AS zips, $6::text[] AS languages, $7::text AS payer, $8::int AS max_rate, $9::text[] AS excluded,
	$11::text[] AS preferred, $12::text[] AS modalities, $13::text[] AS focus_areas, $17::int AS cells_from, $18::int AS cells_to, $19::int[] AS starts, $20::int[] AS ends),
-- Load: offers not yet in care (PRODUCT.md §4), one object keyed by therapist.
loads AS MATERIALIZED (
	SELECT coalesce(jsonb_object_agg(id, load), '{}'::jsonb) AS by_therapist FROM (
		SELECT o."therapistId" AS id, count(*)::int AS load FROM "Offer" o JOIN "Referral" x ON x.id = o."referralId"
		WHERE o.status IN ('pending', 'accepted', 'chosen') AND x.status NOT IN ('in_care', 'completed')
		GROUP BY 1
	) l
),
found AS (
	SELECT s.*, s."therapistId" AS id, coalesce(((SELECT by_therapist FROM loads) ->> s."therapistId")::int, 0) AS load,
		coalesce(s."licensedUntil" >= $2::date OR ($3::boolean AND s."supervisedUntil" >= $2::date), false) AS licensed,
		coalesce(s."authorizedUntil" >= $2::date, false) AS authorized
	FROM "TherapistSearch" s
	WHERE s.state = $1::text::bpchar AND s."coveredUntil" >= $2::date AND ($10::text = '' OR s."therapistId" = $10::text)
),
judged AS (
	SELECT r.*, ${decided} AS decided, ${inPersonMode} AS in_person_mode, CASE
		WHEN NOT coalesce((r.licensed OR r.authorized), false) THEN 'jurisdiction'
		WHEN NOT coalesce((r.phases @> $4::text[]), false) THEN 'phases'
		WHEN NOT coalesce(${format}, false) THEN 'format'
		WHEN NOT coalesce((r.accepting AND r.load < r."weeklyCapacity"), false) THEN 'capacity'
		WHEN NOT coalesce((cardinality($6::text[]) = 0 OR r.languages && $6::text[]), false) THEN 'language'
		WHEN NOT coalesce(${payment}, false) THEN 'payment'
		WHEN coalesce(r.id = ANY($9::text[]), false) THEN 'not_excluded'
		${referral.timingRequired ? `WHEN ${decided} AND NOT coalesce(${fits(1)}, false) THEN 'timing'` : ''}
	END AS failed
	FROM found r
),
-- Narrow rows (the cells stay behind): this one is read twice. Most rows fail a filter, so
-- whatever only the eligible need is worked out for them alone.
staged AS (
	SELECT r.id, r.failed, r."acceptanceRate", r."medianResponseHours",
		-- Worked out for the eligible only (a row's expressions are evaluated where they are used).
		CASE WHEN r.failed IS NULL THEN r.decided END AS decided, CASE WHEN r.failed IS NULL THEN r.load END AS load,
		-- A score SQL cannot work out (a missing value) counts as full marks: the therapist is fetched and scored exactly.
		CASE WHEN r.failed IS NULL THEN coalesce(${total}, 10000) END AS total
	FROM judged r
),
eligible AS (
	SELECT id, decided, load, "acceptanceRate", "medianResponseHours",
		(CASE WHEN total - floor(total) >= 0.5::float8 THEN floor(total) + 1 ELSE floor(total) END) / 100::float8 AS score
	FROM staged WHERE failed IS NULL
),
-- The score of the last place fetched; everyone scoring as much comes too, ties included.
cut AS (SELECT coalesce((SELECT score FROM eligible WHERE decided ORDER BY score DESC LIMIT 1 OFFSET $14::int - 1), '-Infinity'::float8) AS score),
fetched AS (SELECT e.* FROM eligible e WHERE NOT e.decided OR e.score >= (SELECT score FROM cut))
SELECT
	(CASE WHEN $10::text = '' THEN coalesce((SELECT therapists FROM "NetworkTally" WHERE id = 1), 0)
		ELSE (SELECT count(*)::int FROM "Therapist" WHERE id = $10::text) END) AS network,
	(SELECT coalesce(json_object_agg(failed, n), '{}') FROM (SELECT failed, count(*)::int AS n FROM staged WHERE failed IS NOT NULL GROUP BY failed) c) AS counts,
	(SELECT count(*)::int FROM eligible WHERE decided) AS decided,
	(SELECT max(score) FROM eligible WHERE decided AND score < (SELECT score FROM cut)) AS "nextScore",
	(SELECT coalesce(json_agg(json_build_array(
		t.id, t.phases, t.formats, t.languages, t.modalities, t."focusAreas", t."insurancePayers", t."selfPayRate", t."slidingScale",
		t."officeZip", t.accepting, t."weeklyCapacity", e.load, t."kapTrainingHours", t."timeZone",
		(SELECT json_agg(json_build_array(l.state, l.type, l.status, l."expiresOn")) FROM "License" l WHERE l."therapistId" = t.id),
		(SELECT json_agg(json_build_array(a.kind, a."homeState", a.states, a.status, a."expiresOn")) FROM "Authorization" a WHERE a."therapistId" = t.id),
		(SELECT json_agg(json_build_array(v."dayOfWeek", v."startMinute", v."endMinute")) FROM "AvailabilityRule" v WHERE v."therapistId" = t.id),
		(SELECT json_agg(json_build_array(v.date, v."startMinute", v."endMinute")) FROM "AvailabilityOverride" v WHERE v."therapistId" = t.id AND v.date BETWEEN $15::date AND $16::date),
		e."acceptanceRate", e."medianResponseHours", e.decided, e.score
	)), '[]') FROM fetched e JOIN "Therapist" t ON t.id = e.id) AS rows`
	return { text, values }
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
	acceptanceRate: number | null,
	medianResponseHours: number | null,
	decided: boolean,
	score: number,
]

function toCandidate(row: Row): MatchCandidate {
	const [
		id,
		phases,
		formats,
		languages,
		modalities,
		focusAreas,
		insurancePayers,
		selfPayRate,
		slidingScale,
		officeZip,
		accepting,
		weeklyCapacity,
		load,
		kapTrainingHours,
		timeZone,
		licenses,
		authorizations,
		rules,
		overrides,
		acceptanceRate,
		medianResponseHours,
	] = row
	return {
		id,
		credentials: {
			licenses: (licenses ?? []).map(([state, type, status, expiresOn]) => ({
				state,
				type,
				status,
				expiresOn,
			})),
			authorizations: (authorizations ?? []).map(([kind, homeState, states, status, expiresOn]) => ({
				kind,
				homeState,
				states,
				status,
				expiresOn,
			})),
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
		// Kept with the search row (refreshed when an offer is answered), so that SQL and the pure score read the same numbers.
		responsiveness: { acceptanceRate, medianResponseHours },
		schedule: {
			timeZone,
			rules: (rules ?? []).map(([dayOfWeek, startMinute, endMinute]) => ({
				dayOfWeek,
				startMinute,
				endMinute,
			})),
			overrides: overridesFromRows(
				(overrides ?? []).map(([date, startMinute, endMinute]) => ({
					date,
					startMinute,
					endMinute,
				})),
			),
		},
		// First sessions get booked with the referral lifecycle (issue 6); until then none.
		booked: [],
	}
}

type Judged = {
	network: number
	/** Excluded by SQL, by first failed filter. */
	counts: Partial<Record<Filter, number>>
	/** How many passed every filter SQL could judge, with their windows inside the cells. */
	decided: number
	/** The best SQL score among those not fetched (null: all were fetched). */
	nextScore: number | null
	candidates: MatchCandidate[]
	/** The SQL score of each fetched decided candidate. */
	scores: Map<string, number>
}

async function judge(referral: MatchReferral, onlyTherapistId: string | null, fetch: number): Promise<Judged> {
	const [result] = await driverQuery<{
		network: number
		counts: Partial<Record<Filter, number>>
		decided: number
		nextScore: number | null
		rows: Row[]
	}>(matchStatement(referral, onlyTherapistId, fetch))
	const { network, counts, decided, nextScore, rows } = result!
	const scores = new Map(rows.filter((r) => r[21]).map((r) => [r[0], r[22]]))
	return {
		network,
		counts,
		decided,
		nextScore,
		candidates: rows.map(toCandidate),
		scores,
	}
}

/** The ranking (at most `limit` suggestions), how many fit in all, and the size of the network. */
export type MatchResult = Ranking & { network: number }

/**
 * SQL hands over its best-scored eligible therapists (everyone tied with the last of them too);
 * the pure functions check them and rank. The answer is final when the last place beats the best
 * score left behind; otherwise fetch more and rank again.
 */
export async function matchReferral(referral: MatchReferral, options: { limit?: number } = {}): Promise<MatchResult> {
	let fetch = options.limit === undefined ? ALL : Math.max(options.limit * 2, options.limit + 10)
	const [first, compacts] = await Promise.all([judge(referral, null, fetch), loadCompactMembership()])
	let judged = first
	for (;;) {
		const ceilings = new Map([...judged.scores].map(([id, score]) => [id, score + SCORE_SLACK]))
		const ranking = rankCandidates(referral, judged.candidates, { compacts }, { ...options, ceilings })
		const last = options.limit !== undefined && ranking.suggestions.length >= options.limit ? ranking.suggestions[options.limit - 1]! : null
		const agrees = ranking.suggestions.every((s) => !judged.scores.has(s.therapistId) || judged.scores.get(s.therapistId) === s.score)
		if (judged.nextScore !== null && !(agrees && last && last.score > judged.nextScore)) {
			fetch = agrees ? Math.min(ALL, fetch * 8) : ALL
			judged = await judge(referral, null, fetch)
			continue
		}
		// Decided candidates not fetched are eligible; those fetched were counted by the ranking.
		const fetchedDecided = judged.scores.size
		ranking.eligible += judged.decided - fetchedDecided
		for (const filter of FILTERS) ranking.excluded[filter] += judged.counts[filter] ?? 0
		// Nobody without a row for the state can see a patient there: jurisdiction.
		const judgedCount = judged.decided + (judged.candidates.length - fetchedDecided) + Object.values(judged.counts).reduce((a, b) => a + b, 0)
		ranking.excluded.jurisdiction += judged.network - judgedCount
		return { ...ranking, network: judged.network }
	}
}

/** For one named therapist: the first filter that excludes them from this referral, or null if none does. */
export async function whyNotTherapist(referral: MatchReferral, therapistId: string): Promise<Filter | null | 'unknown_therapist'> {
	const [judged, compacts] = await Promise.all([judge(referral, therapistId, 1), loadCompactMembership()])
	if (judged.network === 0) return 'unknown_therapist'
	const failed = (Object.keys(judged.counts) as Filter[])[0]
	if (failed) return failed
	const [candidate] = judged.candidates
	return candidate ? whyNot(referral, candidate, { compacts }) : 'jurisdiction'
}
