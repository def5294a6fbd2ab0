// Matching against the database (docs/product.md §6). One SQL statement reads the referral's state
// from TherapistSearch (one row per therapist and state, kept by search-index.server.ts), judges
// every hard filter exactly as eligibility.ts does — jurisdiction from the rows' validity dates,
// phases, format with the office ZIP within the radius, accepting and load, language, payment,
// not excluded, and timing from the half-hour cells where a session can start — counts those it
// leaves out under the first filter they fail, bounds the score of the rest, scores exactly (as
// score.ts does) those whose bound could reach the last place, and returns the best few in
// rank.ts's order; a second statement reads their full records. The pure functions then check those again
// from the therapist's own tables and rank them; rows whose cells do not reach the referral's
// windows are judged there in full.
//
// Counting the excluded under their first failed filter agrees with the pure functions only if
// each SQL condition is exactly the pure one; tests/integration/matching.test.ts checks that
// against ranking the whole network in JavaScript.
import { busyFromJson } from '#app/domain/calendar/busy-json.ts'
import { overridesFromRows, type Schedule } from '#app/domain/availability/ranges.ts'
import { addDaysToDate } from '#app/domain/calendar-dates.ts'
import { compactMembership } from '#app/domain/reference/compact-membership.server.ts'
import { FOCUS_AREAS, MODALITIES } from '#app/domain/reference/index.ts'
import { lookupZip, zipCentroid, zipOffice, zipsWithin } from '#app/domain/reference/zip-codes.server.ts'
import { type CompactMembership, type CredentialFacts } from '#app/domain/therapists/jurisdiction.ts'
import { type Referral } from '#app/generated/prisma/client.ts'
import { BOOKED_REFERRAL_STATUSES, LOAD_OFFER_STATUSES, LOAD_REFERRAL_STATUSES } from '#app/domain/referrals/offers.ts'
import { sessionRange } from '#app/domain/referrals/proposals.ts'
import { timeHoldingSql } from '#app/domain/series/plan.ts'
import { driverQuery } from '#app/utils/db.server.ts'
import { milesBetween } from './distance.ts'
import { integrationWindow, preparationWindow } from '#app/domain/referrals/dosing.ts'
import { FILTERS, inPersonOnly, jurisdictionDate, sessionPlaces, timingDose, timingWindows, wholeCells, type Filter } from './eligibility.ts'
import { rankCandidates, tieBreaker, whyNot, type Ranking } from './rank.ts'
import { distancePart, WEIGHTS, windowsScored } from './score.ts'
import { inPanelSql, licensedSql, officeLicensedSql, offersPhasesSql, offersSql, responsivenessPartSql, speaksSql, telehealthCoveredSql, trainingPartSql, withinBudgetSql } from './rules-sql.ts'
import { slugBits, windowCells } from './search-facts.ts'
import { type MatchCandidate, type MatchReferral } from './types.ts'

const REFERRAL_FACTS = `
SELECT r.id, r."patientState", r.phases, r.format::text AS format, r.modalities, r."focusAreas", r.languages,
	r."paymentType"::text AS "paymentType", r.payer, r."maxRate",
	ARRAY(SELECT d AT TIME ZONE 'UTC' FROM unnest(r."dosingSessionsAt") AS d) AS "dosingSessionsAt", r."doseMinutes",
	r."preparationFromHour", r."preparationToHour", r."integrationFromHour", r."integrationToHour", r."timingRequired", r."acceptSupervised", r."radiusMiles",
	c.zip AS "clinicZip", c."timeZone" AS "clinicTimeZone", c.state::text AS "clinicState",
	ARRAY(SELECT o."therapistId" FROM "Offer" o WHERE o."referralId" = r.id AND o.status = 'declined') AS declined,
	ARRAY(SELECT t."therapistId" FROM "ClinicTherapist" t WHERE t."clinicId" = r."clinicId" AND t.standing = 'blocked') AS blocked,
	ARRAY(SELECT t."therapistId" FROM "ClinicTherapist" t WHERE t."clinicId" = r."clinicId" AND t.standing = 'partner') AS partners
FROM "Referral" r JOIN "Clinic" c ON c.id = r."clinicId"
WHERE r.id = $1::text AND ($2::text = '' OR r."clinicId" = $2::text)`

/** The referral's own columns, as the driver returns them (the timestamp read as UTC), with its clinic's place, the therapists who declined, and the clinic's blocked therapists and partners. */
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
	| 'dosingSessionsAt'
	| 'doseMinutes'
	| 'preparationFromHour'
	| 'preparationToHour'
	| 'integrationFromHour'
	| 'integrationToHour'
	| 'timingRequired'
	| 'acceptSupervised'
	| 'radiusMiles'
> & { clinicZip: string; clinicTimeZone: string; clinicState: string; declined: string[]; blocked: string[]; partners: string[] }

/**
 * A referral's facts as matching reads them, matched as of `asOf`; with `clinicId`, only if it is
 * that clinic's (another clinic's id finds nothing). One statement on the driver: matching runs on every suggestions
 * page and API call, and Prisma's three queries for this cost more than the matching statement's
 * planning (docs/performance.md).
 */
export async function loadMatchReferral(referralId: string, clinicId?: string, asOf = new Date()): Promise<MatchReferral | null> {
	const [referral] = await driverQuery<ReferralFactsRow>({ name: 'match_referral_facts', text: REFERRAL_FACTS, values: [referralId, clinicId ?? ''] })
	if (!referral) return null
	// A draft still missing what posting needs has nothing to match yet (callers say what it lacks).
	const { patientState, format, paymentType } = referral
	if (patientState === null || format === null || paymentType === null || referral.phases.length === 0 || referral.dosingSessionsAt.length === 0) return null
	const clinicPlace = lookupZip(referral.clinicZip)
	return {
		id: referral.id,
		patientState,
		phases: referral.phases,
		format,
		modalities: referral.modalities,
		focusAreas: referral.focusAreas,
		languages: referral.languages,
		payment: {
			type: paymentType,
			payer: referral.payer,
			maxRate: referral.maxRate,
		},
		doses: referral.dosingSessionsAt,
		doseMinutes: referral.doseMinutes,
		preparationWindowHours: { from: referral.preparationFromHour, to: referral.preparationToHour },
		integrationWindowHours: {
			from: referral.integrationFromHour,
			to: referral.integrationToHour,
		},
		timingRequired: referral.timingRequired,
		allowSupervised: referral.acceptSupervised,
		asOf,
		radiusMiles: referral.radiusMiles,
		clinic: {
			location: clinicPlace.ok
				? {
						latitude: clinicPlace.place.latitude,
						longitude: clinicPlace.place.longitude,
					}
				: null,
			timeZone: referral.clinicTimeZone,
			state: referral.clinicState,
		},
		// Those who declined this referral, and those the clinic blocked; the clinic's partners get the boost.
		excludedTherapistIds: new Set([...referral.declined, ...referral.blocked]),
		preferredTherapistIds: new Set(referral.partners),
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
/**
 * Matching scores exactly, first, this many therapists per place asked for, those with the highest
 * bounds on their score; more only when a bound reaches the last place. On the benchmark's network
 * a few hundred bounds at most reach the 20th best score, of thousands eligible (docs/performance.md).
 */
const FIRST_SCORED_PER_PLACE = 10
/**
 * Points added to a bound before comparing it with a score: the bound adds the same parts in
 * another order (the therapist's own points come from JavaScript) and scores are rounded to cents,
 * which together move a score by less than half a cent.
 */
const BOUND_SLACK = 0.01
/** Constant slugs as an SQL list (they are identifiers of ours, never input). */
const sqlList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ')

/** The parameters of the matching statement for one referral: every value that varies from referral to referral. */
function matchParameters(referral: MatchReferral, onlyTherapistId: string | null, fetch: number, firstScored: number): unknown[] {
	const onDate = jurisdictionDate(referral)
	const needsInPerson = inPersonOnly(referral)
	const zips = needsInPerson || referral.format === 'either' ? (referral.clinic.location ? zipsWithin(referral.clinic.location, referral.radiusMiles, milesBetween) : []) : []
	const windows = Array.from({ length: windowsScored(referral) }, (_, i) => windowCells(integrationWindow(referral, i)))
	// The timing filter's windows (each needs a free hour) and the first dose (free throughout), as eligibility.ts takes them.
	const timing = timingWindows(referral, referral.asOf)
	const timingCells = referral.timingRequired ? [timing.preparation, timing.integration].flatMap((w) => (w ? [windowCells(w)] : [])) : []
	const dose = referral.timingRequired ? timingDose(referral) : null
	const doseCells = dose ? windowCells(wholeCells(dose)) : null
	const reachable = [...windows, ...timingCells, ...(doseCells ? [doseCells] : [])].filter((w) => w.end - w.start >= 2)
	return [
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
		referral.modalities.map((slug) => slugBits(MODALITIES.slugs, [slug])), // $12 each wanted approach's bit
		referral.focusAreas.map((slug) => slugBits(FOCUS_AREAS.slugs, [slug])), // $13 each wanted focus area's bit
		fetch, // $14
		// The cells the windows with room for a session span (null: none has), which a row's cells must hold for SQL to judge it.
		reachable.length ? Math.min(...reachable.map((w) => w.start)) : null, // $15
		reachable.length ? Math.max(...reachable.map((w) => w.end)) : null, // $16
		windows.map((w) => w.start), // $17 each scored window's cells [start, end)
		windows.map((w) => w.end), // $18
		referral.id, // $19 for the tie-break (rank.ts)
		firstScored, // $20 how many to score exactly first, by bound
		timingCells.map((w) => w.start), // $21 each timing window's cells [start, end): a free hour in each
		timingCells.map((w) => w.end), // $22
		doseCells?.start ?? null, // $23 the first dose's whole cells [start, end): every one free
		doseCells?.end ?? null, // $24
		referral.clinic.state, // $25 where in-session support happens
		zips, // $26 the office ZIPs within the radius, to find offices' own rows by
	]
}

/** Which search rows a referral's matching reads (see drivingRows). */
function drivingPlace(referral: MatchReferral): 'clinic' | 'patient' | 'office' | 'either' {
	return sessionPlaces(referral).atClinic ? 'clinic' : referral.format === 'telehealth' ? 'patient' : referral.format === 'in_person' ? 'office' : 'either'
}

/**
 * The search rows (alias r) matching reads, one per therapist who could be eligible: with in-session
 * support, the clinic's state's (a licence there is needed); by telehealth, the patient's state's;
 * in person, each office's own state's row (office ZIPs within the radius); either way, both, an
 * office's row only for those without a row for the patient's state. Anyone without such a row
 * fails jurisdiction (matchReferral counts them so). Shared with the benchmark's bare narrowing.
 */
export function drivingRows(referral: MatchReferral, sql: { patientState: string; validThrough: string; clinicState: string; officeZips: string }): string {
	const patientRows = `(r.state = ${sql.patientState} AND r."coveredUntil" >= ${sql.validThrough})`
	const officeRows = `(r."atOffice" AND r."officeZip" = ANY(${sql.officeZips}) AND r."coveredUntil" >= ${sql.validThrough})`
	switch (drivingPlace(referral)) {
		case 'clinic':
			return `(r.state = ${sql.clinicState} AND r."coveredUntil" >= ${sql.validThrough})`
		case 'patient':
			return patientRows
		case 'office':
			return officeRows
		case 'either':
			return `(${patientRows} OR (${officeRows} AND r.state <> ${sql.patientState} AND NOT EXISTS (SELECT FROM "TherapistSearch" p WHERE p.state = ${sql.patientState} AND p."therapistId" = r."therapistId" AND p."coveredUntil" >= ${sql.validThrough})))`
	}
}

/**
 * The statement. One pass over the state's rows (one per therapist covering the state, found by
 * the (state, coveredUntil) index) reads every row as far as the filters need and works out its
 * first failed filter exactly as eligibility.ts does, timing included, keeping only counts and, for
 * the rows that pass, their place and a cheap bound on their score. Those with the highest bounds
 * are then read again by place and scored exactly as score.ts does (availability from the
 * half-hour cells where a session can start), and any other whose bound still reaches the last
 * place: on a large state that is a few hundred rows of thousands. Then the best `$14` of them
 * (plus any whose cells do not reach the windows, which the pure functions judge) are handed over.
 *
 * The text varies only with the statement's shape (format, payment, whether timing is required,
 * how many windows are scored, how many approaches and focus areas are asked for), so that each
 * row's expressions hold only what this referral needs. It is planned for every call, with the
 * values (about 0.5 ms, `npm run bench:match-parts`). One text for every shape, planned once per
 * connection (a named prepared statement with a generic plan), was tried: its expressions choose
 * the shape row by row, and it was no faster at the median and slower on the referrals with many
 * eligible therapists.
 */
function matchText(referral: MatchReferral): string {
	const needsInPerson = inPersonOnly(referral)
	const windows = windowsScored(referral)
	// The statement's shape follows how many timing windows there are, and whether the first dose is one.
	const timing = timingWindows(referral, referral.asOf)
	const timingWindowCount = referral.timingRequired ? [timing.preparation, timing.integration].filter(Boolean).length : 0
	const timingDoseCount = referral.timingRequired && timingDose(referral) ? 1 : 0
	const places = sessionPlaces(referral)
	const drive = drivingPlace(referral)
	const driving = drivingRows(referral, { patientState: '$1::text::bpchar', validThrough: '$2::date', clinicState: '$25::text::bpchar', officeZips: '$26::bpchar[]' })
	// The row's own facts, as expressions on a search row (r, or j: the columns the first pass keeps of it).
	const on = (t: string) => {
		const licensed = licensedSql(t, '$2::date', '$3::boolean')
		const load = `coalesce(((SELECT by_therapist FROM loads) ->> ${t}."therapistId")::int, 0)`
		// An office ZIP within the radius is one with a distance part.
		const distancePartSql = `($5::jsonb -> ${t}."officeZip"::text)::float8`
		const officeNear = `coalesce($5::jsonb ? ${t}."officeZip"::text, false)`
		// In person: an office within the radius, and a licence in the office's state (eligibility.ts placesCovered).
		const officeCovered = `(${officeNear} AND ${officeLicensedSql(t, '$2::date', '$3::boolean')})`
		// By telehealth: the patient's state covered by a licence or an authorization. Rows of another
		// state ask the patient's state's own row (only the clinic's rows do: see the driving rows).
		const coveredHere = telehealthCoveredSql(t, '$2::date', '$3::boolean')
		const patientCovered =
			drive === 'clinic' && referral.patientState !== referral.clinic.state
				? `EXISTS (SELECT FROM "TherapistSearch" p WHERE p.state = $1::text::bpchar AND p."therapistId" = ${t}."therapistId" AND ${telehealthCoveredSql('p', '$2::date', '$3::boolean')})`
				: `(${t}.state = $1::text::bpchar AND ${coveredHere})`
		const inPersonOk = `(${offersSql(t, 'in_person')} AND ${officeCovered})`
		const inPersonMode = needsInPerson ? 'TRUE' : referral.format === 'telehealth' ? 'FALSE' : inPersonOk
		// Window i's cells [start, end): a session may start at cell c when start <= c and c + 2 <= end,
		// and the row's start cell c is set (a window narrower than two cells holds none).
		const fitsIn = (starts: string, ends: string) => (i: number) =>
			`(bit_count(substring(${t}."startCells" FROM (${starts}::int[])[${i}] - ${t}."freeFromCell" + 1 FOR greatest(0, (${ends}::int[])[${i}] - (${starts}::int[])[${i}] - 1))) > 0)`
		const fits = fitsIn('$17', '$18')
		// The timing filter: a free hour in each timing window, and every cell of the first dose free
		// (a start at each cell but the last: each covers that cell and the next).
		const timingFits = [
			...Array.from({ length: timingWindowCount }, (_, i) => fitsIn('$21', '$22')(i + 1)),
			...(timingDoseCount ? [`(bit_count(substring(${t}."startCells" FROM $23::int - ${t}."freeFromCell" + 1 FOR $24::int - $23::int - 1)) = $24::int - $23::int - 1)`] : []),
		]
		const decided = `($15::int IS NULL OR (${t}."freeFromCell" <= $15::int AND $16::int <= ${t}."freeFromCell" + bit_length(${t}."startCells")))`
		// Each wanted item the therapist offers counts once per time it is wanted, as score.ts counts:
		// one term per item (the statement's shape follows how many are wanted), each the item's bit
		// ($12, $13: one per item, 0 for a slug outside the vocabulary) tested in the row's bits.
		const overlap = (param: string, column: string, wanted: number) =>
			wanted === 0 ? '1::float8' : `((${Array.from({ length: wanted }, (_, i) => `((${t}.${column} & (${param}::int[])[${i + 1}]) <> 0)::int`).join(' + ')})::float8 / ${wanted}::float8)`
		const parts: Record<keyof typeof WEIGHTS, string> = {
			modalities: overlap('$12', '"modalityBits"', referral.modalities.length),
			focusAreas: overlap('$13', '"focusAreaBits"', referral.focusAreas.length),
			training: trainingPartSql(t),
			availability: `(CASE WHEN ${decided} THEN (${Array.from({ length: windows }, (_, i) => `(${fits(i + 1)})::int`).join(' + ')})::float8 / ${windows}::float8 ELSE 1::float8 END)`,
			distance: `(CASE WHEN ${inPersonMode} AND ${distancePartSql} IS NOT NULL THEN ${distancePartSql} ELSE 0.5::float8 END)`,
			responsiveness: responsivenessPartSql(t),
			load: `(CASE WHEN ${t}."weeklyCapacity" > 0 THEN greatest(0::float8, 1::float8 - ${load}::float8 / ${t}."weeklyCapacity"::float8) ELSE 0::float8 END)`,
			partner: `(CASE WHEN ${t}."therapistId" = ANY($11::text[]) THEN 1::float8 ELSE 0::float8 END)`,
		}
		// Added in score.ts's order, in floating point as JavaScript adds (out of 10,000, not yet
		// rounded). A score SQL cannot work out (a missing value) counts as full marks: the therapist
		// is fetched and scored exactly.
		const total = `coalesce((${(Object.keys(WEIGHTS) as (keyof typeof WEIGHTS)[]).map((k) => `${WEIGHTS[k]}::float8 * ${parts[k]}`).join(' + ')}) * 100::float8, 10000::float8)`
		return { licensed, load, officeNear, officeCovered, patientCovered, inPersonOk, fits, timingFits, decided, parts, total }
	}
	const r = on('r')
	// Jurisdiction and format for every place a session happens, as eligibility.ts judges them:
	// in-session support at the clinic (the clinic's rows: a licence there), the other sessions by
	// telehealth where the patient is, or in person at an office within the radius.
	const telehealth = offersSql('r', 'telehealth')
	const othersCovered = referral.format === 'telehealth' ? r.patientCovered : referral.format === 'in_person' ? r.officeCovered : `(${r.patientCovered} OR ${r.officeCovered})`
	const jurisdiction = [...(places.atClinic ? [r.licensed] : []), ...(places.others ? [othersCovered] : [])].join(' AND ')
	const othersFormat = referral.format === 'telehealth' ? telehealth : referral.format === 'in_person' ? offersSql('r', 'in_person') : `((${telehealth} AND ${r.patientCovered}) OR ${r.inPersonOk})`
	const format = [...(places.atClinic ? [`(${offersSql('r', 'in_person')} AND ${r.officeNear})`] : []), ...(places.others ? [othersFormat] : [])].join(' AND ')
	const payment = referral.payment.type === 'insurance' ? inPanelSql('r', '$7::text') : referral.payment.maxRate == null ? 'TRUE' : withinBudgetSql('r', '$8::int')
	// Each row's first failed filter, exactly as eligibility.ts orders them, as its place in FILTERS
	// counted from 1 (counting compares integers, not names); null when it passes all of them.
	const code = (filter: Filter) => FILTERS.indexOf(filter) + 1
	const failed = `CASE
		WHEN NOT coalesce(${jurisdiction}, false) THEN ${code('jurisdiction')}
		WHEN NOT ${offersPhasesSql('r', '$4::text[]')} THEN ${code('phases')}
		WHEN NOT coalesce(${format}, false) THEN ${code('format')}
		WHEN NOT coalesce((r.accepting AND ${r.load} < r."weeklyCapacity"), false) THEN ${code('capacity')}
		WHEN NOT ${speaksSql('r', '$6::text[]')} THEN ${code('language')}
		WHEN NOT coalesce(${payment}, false) THEN ${code('payment')}
		WHEN coalesce(r."therapistId" = ANY($9::text[]), false) THEN ${code('not_excluded')}${
			r.timingFits.length ? `\n\t\tWHEN coalesce(${r.decided} AND NOT coalesce(${r.timingFits.join(' AND ')}, false), false) THEN ${code('timing')}` : ''
		}
	END`
	// The most a row that passes can score, cheaply, from the columns the first pass keeps of it (j):
	// the score's own parts for the approaches, focus areas, training, responsiveness and partner
	// boost, and full marks for availability, load and (in person) distance. Infinity for a row
	// whose cells do not reach the windows, or with a value missing: it is always scored.
	const j = on('j')
	const fullMarks = WEIGHTS.availability + WEIGHTS.load + (needsInPerson || referral.format === 'either' ? WEIGHTS.distance : WEIGHTS.distance / 2)
	const exactParts = (['modalities', 'focusAreas', 'training', 'responsiveness', 'partner'] as const).map((k) => `${WEIGHTS[k]}::float8 * ${j.parts[k]}`)
	const bound = `coalesce(CASE WHEN ${j.decided} THEN ${exactParts.join(' + ')} + ${fullMarks}::float8 ELSE 'Infinity'::float8 END, 'Infinity'::float8)`
	const boundColumns = ['therapistId', 'kapTrainingHours', 'acceptanceRate', 'medianResponseHours', 'modalityBits', 'focusAreaBits', 'freeFromCell', 'startCells']
	// Rounded to cents as Math.round does.
	const rounded = (v: string) => `(CASE WHEN ${v} - floor(${v}) >= 0.5::float8 THEN floor(${v}) + 1 ELSE floor(${v}) END) / 100::float8`
	// The exact score of the rows at the given places (a TID scan, in the same snapshot).
	const scored = (places: string) => `SELECT id, decided, load, "acceptanceRate", "medianResponseHours", ${rounded('total')} AS score
	FROM (SELECT r."therapistId" AS id, ${r.decided} AS decided, ${r.load} AS load, r."acceptanceRate", r."medianResponseHours", ${r.total} AS total
		FROM "TherapistSearch" r WHERE r.ctid = ANY(ARRAY(${places})) OFFSET 0) p`

	return `
-- Every parameter typed once: some shapes of the statement leave some of them unused.
-- No joins: a join copies every row of the state, cells and all; these lookups cost one probe each.
WITH args AS (SELECT $1::text AS patient_state, $2::date AS valid_through, $3::boolean AS supervised, $4::text[] AS phases, $5::jsonb AS zips, $6::text[] AS languages, $7::text AS payer, $8::int AS max_rate, $9::text[] AS excluded,
	$11::text[] AS preferred, $12::int[] AS modalities, $13::int[] AS focus_areas, $15::int AS cells_from, $16::int AS cells_to, $17::int[] AS starts, $18::int[] AS ends, $19::text AS referral, $20::int AS first_scored,
	$21::int[] AS timing_starts, $22::int[] AS timing_ends, $23::int AS dose_from, $24::int AS dose_to, $25::text AS clinic_state, $26::bpchar[] AS office_zips),
-- Load: live offers on referrals not yet in care (docs/product.md §4, offers.ts), one object keyed by therapist.
loads AS MATERIALIZED (
	SELECT coalesce(jsonb_object_agg(id, load), '{}'::jsonb) AS by_therapist FROM (
		SELECT o."therapistId" AS id, count(*)::int AS load FROM "Offer" o JOIN "Referral" x ON x.id = o."referralId"
		WHERE o.status IN (${sqlList(LOAD_OFFER_STATUSES)}) AND x.status IN (${sqlList(LOAD_REFERRAL_STATUSES)})
		GROUP BY 1
	) l
),
-- One pass over the state's rows, reading no more of each than the filters and the bound need
-- (the table's columns are in that order): how many fail each filter first, and for those that
-- pass them all, their place in the table and the most they can score. Nothing is kept of the
-- rest (most rows); OFFSET 0 keeps the subquery whole, so each row's CASE is worked out once, not
-- once for every use of "failed".
tally AS MATERIALIZED (
	SELECT ${FILTERS.map((f) => `count(*) FILTER (WHERE j.failed = ${code(f)})::int AS "${f}"`).join(', ')},
		coalesce(array_agg(j.tid) FILTER (WHERE j.failed IS NULL), '{}') AS tids, coalesce(array_agg(${bound}) FILTER (WHERE j.failed IS NULL), '{}') AS bounds
	FROM (SELECT r.ctid AS tid, ${boundColumns.map((c) => `r."${c}"`).join(', ')}, ${failed} AS failed
		FROM "TherapistSearch" r
		WHERE ${driving} AND ($10::text = '' OR r."therapistId" = $10::text)
		OFFSET 0) j
),
-- Scored exactly, first: the $20 with the highest bounds (a top-N sort). The next one's bound is
-- the most anyone else can score.
ranked AS MATERIALIZED (SELECT u.tid, u.bound FROM tally t, unnest(t.tids, t.bounds) AS u(tid, bound) ORDER BY u.bound DESC LIMIT $20::int + 1),
first AS MATERIALIZED (SELECT tid FROM ranked ORDER BY bound DESC LIMIT $20::int),
beyond AS MATERIALIZED (SELECT (SELECT bound + ${BOUND_SLACK}::float8 FROM ranked ORDER BY bound DESC OFFSET $20::int LIMIT 1) AS bound),
scored1 AS MATERIALIZED (${scored('SELECT tid FROM first')}),
-- The $14th best score among those: whoever cannot reach it cannot reach the last place.
threshold AS MATERIALIZED (SELECT coalesce((SELECT score FROM scored1 WHERE decided ORDER BY score DESC LIMIT 1 OFFSET $14::int - 1), '-Infinity'::float8) AS score),
-- Then, only if some bound beyond the first reaches it, those too (ties included).
scored2 AS MATERIALIZED (${scored(`SELECT u.tid FROM tally t, unnest(t.tids, t.bounds) AS u(tid, bound)
	WHERE (SELECT bound FROM beyond) >= (SELECT score FROM threshold) AND u.bound + ${BOUND_SLACK}::float8 >= (SELECT score FROM threshold) AND u.tid NOT IN (SELECT tid FROM first)`)}),
-- Everything after this reads these rows, each step in one scan of them.
passed AS MATERIALIZED (SELECT * FROM scored1 UNION ALL SELECT * FROM scored2),
-- The most any of those never scored could score (null: everyone was scored). All of them are
-- below the threshold, so below the last place.
unscored AS MATERIALIZED (
	SELECT CASE WHEN (SELECT bound FROM beyond) IS NULL THEN NULL
		WHEN (SELECT bound FROM beyond) < (SELECT score FROM threshold) THEN (SELECT bound FROM beyond)
		ELSE (SELECT max(u.bound) + ${BOUND_SLACK}::float8 FROM tally t, unnest(t.tids, t.bounds) AS u(tid, bound) WHERE u.bound + ${BOUND_SLACK}::float8 < (SELECT score FROM threshold)) END AS bound
),
-- The best $14 by score (a top-N sort): the last place's score is the cut.
top AS MATERIALIZED (SELECT id, decided, load, "acceptanceRate", "medianResponseHours", score FROM passed WHERE decided ORDER BY score DESC LIMIT $14::int),
cut AS MATERIALIZED (SELECT CASE WHEN count(*) = $14::int THEN min(score) ELSE '-Infinity'::float8 END AS score FROM top),
-- The best below the cut: a score, or the most one never scored could score.
below AS MATERIALIZED (SELECT greatest((SELECT max(score) FROM passed WHERE decided AND score < (SELECT score FROM cut)), (SELECT bound FROM unscored)) AS score),
-- Those scoring just the cut, and everyone whose cells do not reach the windows (the pure
-- functions judge and score them). Of the first, those first by rank.ts's tie-break take the
-- places left (hashed only at that score): a tie at the last place can be hundreds of
-- therapists, each record fetched costing more than hashing them all.
tied AS MATERIALIZED (
	SELECT p.id, p.decided, p.load, p."acceptanceRate", p."medianResponseHours", p.score,
		CASE WHEN p.decided THEN encode(sha256(convert_to($19::text || ':' || p.id, 'UTF8')), 'hex') COLLATE "C" END AS tie
	FROM passed p WHERE NOT p.decided OR p.score = (SELECT score FROM cut)
),
kept AS MATERIALIZED (SELECT id, tie FROM tied WHERE decided ORDER BY tie LIMIT $14::int - (SELECT count(*)::int FROM top WHERE score > (SELECT score FROM cut))),
-- Those fetched: above the cut, the tied ones kept, and those SQL could not decide.
fetched AS (
	SELECT id, decided, load, "acceptanceRate", "medianResponseHours", score FROM top WHERE score > (SELECT score FROM cut)
	UNION ALL SELECT id, decided, load, "acceptanceRate", "medianResponseHours", score FROM tied WHERE NOT decided OR id IN (SELECT id FROM kept)
)
SELECT
	(CASE WHEN $10::text = '' THEN coalesce((SELECT therapists FROM "NetworkTally" WHERE id = 1), 0)
		ELSE (SELECT count(*)::int FROM "Therapist" WHERE id = $10::text) END) AS network,
	-- The filters that left someone out (a filter nobody failed is not named: whyNotTherapist reads the first).
	(SELECT json_strip_nulls(json_build_object(${FILTERS.map((f) => `'${f}', nullif("${f}", 0)`).join(', ')})) FROM tally) AS counts,
	-- Those never scored had their cells reach the windows (the others are always scored).
	(SELECT count(*)::int FROM passed WHERE decided) + (SELECT cardinality(tids) FROM tally) - (SELECT count(*)::int FROM passed) AS decided,
	-- The best left behind: one at the cut score with a later tie-break, or else the best below it
	-- (for one never scored, the most it could score).
	(SELECT min(tie) FROM tied WHERE decided AND id NOT IN (SELECT id FROM kept)) AS "nextTie",
	coalesce((SELECT score FROM cut WHERE EXISTS (SELECT FROM tied WHERE decided AND id NOT IN (SELECT id FROM kept))), (SELECT score FROM below)) AS "nextScore",
	-- Those fetched, with what the search rows say of them; their records come from the records statement.
	(SELECT coalesce(json_agg(json_build_object('id', e.id, 'load', e.load, 'acceptanceRate', e."acceptanceRate", 'medianResponseHours', e."medianResponseHours",
		'decided', e.decided, 'score', e.score)), '[]') FROM fetched e) AS fetched`
}

/**
 * The records of the therapists fetched ($1), for the pure re-check: their own tables, date
 * overrides and planned sessions between $2 and $3 only, and compact membership. One text for every referral, so a
 * PostgreSQL server plans it once per connection (each table is read by the therapist's key,
 * whatever the plan guesses of how many); planned with the matching statement, it cost that
 * statement a third of its planning.
 */
const RECORDS = {
	name: 'match_records',
	text: `SELECT
	(SELECT coalesce(json_agg(json_build_object('compactSlug', m."compactSlug", 'state', m.state)), '[]') FROM "CompactMember" m WHERE m."compactSlug" IN ('psypact', 'counseling_compact')) AS "compactMembers",
	(SELECT coalesce(json_agg(json_build_object(
		'id', t.id, 'phases', t.phases, 'formats', t.formats, 'languages', t.languages, 'modalities', t.modalities, 'focusAreas', t."focusAreas",
		'insurancePayers', t."insurancePayers", 'selfPayRate', t."selfPayRate", 'slidingScale', t."slidingScale", 'officeZip', t."officeZip",
		'accepting', t.accepting, 'weeklyCapacity', t."weeklyCapacity", 'kapTrainingHours', t."kapTrainingHours", 'timeZone', t."timeZone",
		'licenses', coalesce((SELECT json_agg(json_build_object('state', l.state, 'type', l.type, 'status', l.status, 'expiresOn', l."expiresOn")) FROM "License" l WHERE l."therapistId" = t.id), '[]'),
		'authorizations', coalesce((SELECT json_agg(json_build_object('kind', a.kind, 'homeState', a."homeState", 'states', a.states, 'status', a.status, 'expiresOn', a."expiresOn")) FROM "Authorization" a WHERE a."therapistId" = t.id), '[]'),
		'rules', coalesce((SELECT json_agg(json_build_object('dayOfWeek', v."dayOfWeek", 'startMinute', v."startMinute", 'endMinute', v."endMinute")) FROM "AvailabilityRule" v WHERE v."therapistId" = t.id), '[]'),
		'overrides', coalesce((SELECT json_agg(json_build_object('date', v.date, 'startMinute', v."startMinute", 'endMinute', v."endMinute")) FROM "AvailabilityOverride" v WHERE v."therapistId" = t.id AND v.date BETWEEN $2::date AND $3::date), '[]'),
		'booked', coalesce((SELECT json_agg(to_char(x."firstSessionAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) FROM "Offer" o JOIN "Referral" x ON x.id = o."referralId"
			WHERE o."therapistId" = t.id AND o.status = 'chosen' AND x.status IN (${sqlList(BOOKED_REFERRAL_STATUSES)}) AND x."firstSessionAt" IS NOT NULL), '[]'),
		'busy', coalesce((SELECT f.busy FROM "CalendarFeed" f WHERE f."therapistId" = t.id), '[]'),
		'planned', coalesce((SELECT json_agg(json_build_object('start', to_char(p."startsAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'end', to_char(p."endsAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
			FROM "PlannedSession" p WHERE p."therapistId" = t.id AND ${timeHoldingSql('p')} AND p."endsAt" > $2::date AND p."startsAt" < $3::date + 1), '[]')
	)), '[]') FROM "Therapist" t WHERE t.id = ANY($1::text[])) AS records`,
}

/** The records statement for the therapists a referral's matching statement fetched. */
export function recordsStatement(referral: MatchReferral, therapistIds: string[]) {
	// Overrides only matter on the dates of the windows judged (from the preparation window's start
	// to the last integration window scored), a day either side for time zones.
	const lastWindow = integrationWindow(referral, windowsScored(referral) - 1)
	const firstDay = preparationWindow(referral).start.toISOString().slice(0, 10)
	return { ...RECORDS, values: [therapistIds, addDaysToDate(firstDay, -1), addDaysToDate(lastWindow.end.toISOString().slice(0, 10), 1)] }
}

/** The matching statement for one referral, as `driverQuery` takes it (`firstScored`: see FIRST_SCORED_PER_PLACE). */
export function matchStatement(referral: MatchReferral, onlyTherapistId: string | null, fetch: number, firstScored = Math.min(ALL, fetch * FIRST_SCORED_PER_PLACE)) {
	return { text: matchText(referral), values: matchParameters(referral, onlyTherapistId, fetch, firstScored) }
}

/** A fetched therapist as the statement returns it: their record, their load, and SQL's verdict. */
type Row = Omit<MatchCandidate, 'credentials' | 'office' | 'responsiveness' | 'schedule' | 'booked'> &
	CredentialFacts &
	MatchCandidate['responsiveness'] & {
		officeZip: string | null
		timeZone: string
		rules: Schedule['rules']
		overrides: Parameters<typeof overridesFromRows>[0]
		/** Starts of booked first sessions, ISO 8601 in UTC. */
		booked: string[]
		/** Busy times from the therapist's own calendar (calendar/busy-json.ts). */
		busy: unknown
		/** Their planned sessions that hold time, around the windows judged (ISO 8601 in UTC). */
		planned: { start: string; end: string }[]
		decided: boolean
		score: number
	}
/** What the matching statement says of each therapist it fetched, from the search rows. */
type Fetched = Pick<Row, 'id' | 'load' | 'acceptanceRate' | 'medianResponseHours' | 'decided' | 'score'>
/** Therapists' own records, as the records statement returns them, with compact membership. */
type RecordsResult = { compactMembers: { compactSlug: string; state: string }[]; records: Omit<Row, Exclude<keyof Fetched, 'id'>>[] }

function toCandidate(row: Row): MatchCandidate {
	const office = row.officeZip ? zipOffice(row.officeZip) : null
	return {
		id: row.id,
		credentials: { licenses: row.licenses, authorizations: row.authorizations },
		phases: row.phases,
		formats: row.formats,
		languages: row.languages,
		modalities: row.modalities,
		focusAreas: row.focusAreas,
		insurancePayers: row.insurancePayers,
		selfPayRate: row.selfPayRate,
		slidingScale: row.slidingScale,
		office: office ? { latitude: office.latitude, longitude: office.longitude } : null,
		officeState: office?.state ?? null,
		accepting: row.accepting,
		weeklyCapacity: row.weeklyCapacity,
		load: row.load,
		kapTrainingHours: row.kapTrainingHours,
		// Kept with the search row (refreshed when an offer is answered), so that SQL and the pure score read the same numbers.
		responsiveness: { acceptanceRate: row.acceptanceRate, medianResponseHours: row.medianResponseHours },
		schedule: { timeZone: row.timeZone, rules: row.rules, overrides: overridesFromRows(row.overrides) },
		booked: [...row.booked.map((start) => sessionRange(new Date(start))), ...busyFromJson(row.busy), ...row.planned.map((p) => ({ start: new Date(p.start), end: new Date(p.end) }))],
	}
}

type Judged = {
	network: number
	/** Excluded by SQL, by first failed filter. */
	counts: Partial<Record<Filter, number>>
	/** How many passed every filter SQL could judge, with their windows inside the cells. */
	decided: number
	/** The best SQL score among those not fetched, or for one never scored the most it could score (null: all were fetched). */
	nextScore: number | null
	/** The tie-break of the best left behind, when it scores as much as the last place fetched. */
	nextTie: string | null
	candidates: MatchCandidate[]
	/** The SQL score of each fetched decided candidate. */
	scores: Map<string, number>
	compacts: CompactMembership
}

async function judge(referral: MatchReferral, onlyTherapistId: string | null, fetch: number): Promise<Judged> {
	const [result] = await driverQuery<{
		network: number
		counts: Partial<Record<Filter, number>>
		decided: number
		nextScore: number | null
		nextTie: string | null
		fetched: Fetched[]
	}>(matchStatement(referral, onlyTherapistId, fetch))
	const { network, counts, decided, nextScore, nextTie, fetched } = result!
	// Nobody fetched (nobody eligible): no records to read, and no candidate to judge with compacts.
	const [{ compactMembers, records }] = fetched.length
		? ((await driverQuery<RecordsResult>(
				recordsStatement(
					referral,
					fetched.map((f) => f.id),
				),
			)) as [RecordsResult])
		: [{ compactMembers: [], records: [] }]
	// A second statement: a therapist deleted in between has no record, and is left out.
	const byId = new Map(records.map((r) => [r.id, r]))
	const rows = fetched.flatMap((f) => (byId.has(f.id) ? [{ ...byId.get(f.id)!, ...f }] : []))
	return {
		network,
		counts,
		decided,
		nextScore,
		nextTie,
		candidates: rows.map(toCandidate),
		scores: new Map(rows.filter((r) => r.decided).map((r) => [r.id, r.score])),
		compacts: compactMembership(compactMembers),
	}
}

/**
 * How many of SQL's best a ranking for `limit` suggestions fetches first (every eligible therapist
 * without a limit): just that many. The pure check agrees with
 * SQL unless a search row is out of date, so a second fetch is rare; each record fetched costs
 * about 0.1 ms (docs/performance.md).
 */
export function firstFetch(limit: number | undefined): number {
	return limit === undefined ? ALL : limit
}

/** The ranking (at most `limit` suggestions), how many fit in all, and the size of the network. */
export type MatchResult = Ranking & { network: number }

/**
 * SQL hands over its best eligible therapists, in rank.ts's order (score, then tie-break); the
 * pure functions check them and rank. The answer is final when the last place beats the best
 * left behind; otherwise fetch more and rank again.
 */
export async function matchReferral(referral: MatchReferral, options: { limit?: number } = {}): Promise<MatchResult> {
	let fetch = firstFetch(options.limit)
	let judged = await judge(referral, null, fetch)
	for (;;) {
		const ceilings = new Map([...judged.scores].map(([id, score]) => [id, score + SCORE_SLACK]))
		const ranking = rankCandidates(referral, judged.candidates, { compacts: judged.compacts }, { ...options, ceilings })
		const last = options.limit !== undefined && ranking.suggestions.length >= options.limit ? ranking.suggestions[options.limit - 1]! : null
		const agrees = ranking.suggestions.every((s) => !judged.scores.has(s.therapistId) || judged.scores.get(s.therapistId) === s.score)
		// The last place beats the best left behind: a higher score, or the same and an earlier tie-break.
		const beats = (next: number, tie: string | null) => last !== null && (last.score > next || (last.score === next && tie !== null && tieBreaker(referral.id, last.therapistId) < tie))
		if (judged.nextScore !== null && !(agrees && beats(judged.nextScore, judged.nextTie))) {
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
	const judged = await judge(referral, therapistId, 1)
	if (judged.network === 0) return 'unknown_therapist'
	const failed = (Object.keys(judged.counts) as Filter[])[0]
	if (failed) return failed
	const [candidate] = judged.candidates
	return candidate ? whyNot(referral, candidate, { compacts: judged.compacts }) : 'jurisdiction'
}

/**
 * For one named therapist, by the same rules as the suggestions: the first filter that excludes
 * them, or their place as a suggestion would have it (score, reasons). A clinic naming a therapist
 * itself reads this (direct offers).
 */
export async function judgeTherapist(
	referral: MatchReferral,
	therapistId: string,
): Promise<{ kind: 'unknown_therapist' } | { kind: 'excluded'; filter: Filter } | { kind: 'eligible'; suggestion: Ranking['suggestions'][number] }> {
	const judged = await judge(referral, therapistId, 1)
	if (judged.network === 0) return { kind: 'unknown_therapist' }
	const failed = (Object.keys(judged.counts) as Filter[])[0]
	if (failed) return { kind: 'excluded', filter: failed }
	const ranking = rankCandidates(referral, judged.candidates, { compacts: judged.compacts })
	const [suggestion] = ranking.suggestions
	if (suggestion) return { kind: 'eligible', suggestion }
	return { kind: 'excluded', filter: FILTERS.find((f) => ranking.excluded[f] > 0) ?? 'jurisdiction' }
}
