// The partner directory against the database. Jurisdiction follows the place of each kind of
// session (docs/product.md §3, practicePlaces in jurisdiction.ts): a search for a state reads that
// state's TherapistSearch rows — the rows matching reads, found by the (state, coveredUntil) index,
// whose validity dates are the jurisdiction derivation (search-facts.ts) — and keeps those who may
// see a patient there by telehealth or at an office there; an in-person search reads the rows of
// the offices within the radius, each needing a licence in its office's state whatever state the
// patient lives in. The predicates are matching's own (rules-sql.ts), so the directory and
// matching can never disagree about who may see a patient where. A search without a state or a
// format reads the Therapist table. Either way one statement counts the hits and returns one page
// of them, ordered by relevance (relevance.ts), distance or training; blocked therapists are left
// out. When nobody is found, a second statement counts what each filter left, in order, so the
// page can say which filter removed everyone.
import { lookupZip, zipCentroid, zipsWithin } from '#app/domain/reference/zip-codes.server.ts'
import { milesBetween } from '#app/domain/matching/distance.ts'
import { slugBits } from '#app/domain/matching/search-facts.ts'
import { inPanelSql, licensedSql, offersPhasesSql, offersSql, seesPatientsInRowStateSql, speaksSql, withinBudgetSql } from '#app/domain/matching/rules-sql.ts'
import { FOCUS_AREAS, MODALITIES } from '#app/domain/reference/index.ts'
import { driverQuery } from '#app/utils/db.server.ts'
import { activeSteps, type DirectoryQuery, type FunnelCount, type FunnelStep } from './directory-query.ts'
import { relevanceSql } from './relevance.ts'
import { dateTimeFormat } from '#app/utils/intl.ts'

export type DirectoryClinic = { id: string; zip: string; timeZone: string }

export type DirectoryTherapist = {
	id: string
	email: string
	fullName: string
	credentials: string
	/** Where a session with them may happen today (practicePlaces): by telehealth where they are licensed or authorized, in person in their office's state when licensed there. */
	canSeeStates: string[]
	/** Where they may give in-session support today (at clinics in states they are licensed in), when they offer it. */
	inSessionStates: string[]
	formats: string[]
	phases: string[]
	modalities: string[]
	focusAreas: string[]
	languages: string[]
	insurancePayers: string[]
	selfPayRate: number | null
	slidingScale: boolean
	accepting: boolean
	kapTrainingHours: number
	office: { city: string; state: string } | null
	/** From the clinic to the office, in an in-person search. */
	miles: number | null
	partner: boolean
}

export type DirectoryResult = {
	total: number
	page: number
	pageSize: number
	therapists: DirectoryTherapist[]
	/** How many therapists Tandem has in all. */
	network: number
	/** Only when nobody was found: what each filter left, in order. */
	funnel: FunnelCount[] | null
}

/** The clinic's calendar date: "can see patients today" is judged on it. */
export function clinicToday(timeZone: string, now = new Date()): string {
	return dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

/** `%` and `_` in a name are letters, not wildcards. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

type Statement = {
	source: string
	/** With a state, only rows covering it today at all (the index's range); the conditions say how. */
	base: string
	id: string
	conditions: { step: FunnelStep; sql: string }[]
	values: unknown[]
	/** Each parameter's SQL type, so that a statement using only some of them still types them all. */
	types: string[]
	relevance: string
	miles: string
}

function statementParts(clinic: DirectoryClinic, query: DirectoryQuery, standings: { partners: string[]; blocked: string[] }, today: string): Statement {
	const values: unknown[] = []
	const types: string[] = []
	const param = (value: unknown, type: string) => {
		values.push(value)
		types.push(type)
		return `$${values.length}::${type}`
	}
	// $1, $2 and $3, which the page's details use too.
	const todayParam = param(today, 'date')
	const partners = param(standings.partners, 'text[]')
	// A supervised licence counts only when the search says so, as for a referral that accepts them.
	const supervised = param(query.includeSupervised, 'boolean')
	const conditions: { step: FunnelStep; sql: string }[] = []
	let miles = 'NULL::float8'
	let source: string
	let base: string
	if (query.format === 'in_person') {
		// In person the session happens at the office: the rows of each office's own state, for the
		// offices within the radius (found by their ZIP), whatever state the patient lives in.
		const place = lookupZip(clinic.zip)
		const origin = place.ok ? { latitude: place.place.latitude, longitude: place.place.longitude } : null
		const near = origin ? zipsWithin(origin, query.radiusMiles, milesBetween).map((zip) => ({ zip, miles: milesBetween(zipCentroid(zip)!, origin) })) : []
		const distances = param(JSON.stringify(Object.fromEntries(near.map((n) => [n.zip, n.miles]))), 'jsonb')
		source = `"TherapistSearch" r`
		base = `r."atOffice" AND r."officeZip" = ANY(${param(
			near.map((n) => n.zip),
			'bpchar[]',
		)}) AND r."coveredUntil" >= ${todayParam}`
		conditions.push({ step: 'format', sql: seesPatientsInRowStateSql('r', todayParam, supervised, 'in_person') })
		miles = `(${distances} ->> r."officeZip"::text)::float8`
	} else if (query.state) {
		// A state's rows (only rows covering it today at all: the index's range); the conditions say how.
		source = `"TherapistSearch" r`
		base = `r.state = ${param(query.state, 'text')}::bpchar AND r."coveredUntil" >= ${todayParam}`
		conditions.push({ step: 'state', sql: seesPatientsInRowStateSql('r', todayParam, supervised, null) })
		if (query.format === 'telehealth') conditions.push({ step: 'format', sql: seesPatientsInRowStateSql('r', todayParam, supervised, 'telehealth') })
	} else {
		source = `"Therapist" r`
		base = 'TRUE'
		if (query.format === 'telehealth') conditions.push({ step: 'format', sql: offersSql('r', 'telehealth') })
	}
	const bySearchRows = source !== `"Therapist" r`
	const id = bySearchRows ? `r."therapistId"` : `r.id`
	if (query.phases.length) conditions.push({ step: 'phase', sql: offersPhasesSql('r', param(query.phases, 'text[]')) })
	// Any of the approaches (focus areas) asked for: a state's rows hold them as bits too (search-facts.ts), cheaper to test.
	if (query.modalities.length)
		conditions.push({
			step: 'modality',
			sql: bySearchRows ? `((r."modalityBits" & ${param(slugBits(MODALITIES.slugs, query.modalities), 'int')}) <> 0)` : `(r.modalities && ${param(query.modalities, 'text[]')})`,
		})
	if (query.focusAreas.length)
		conditions.push({
			step: 'focus',
			sql: bySearchRows ? `((r."focusAreaBits" & ${param(slugBits(FOCUS_AREAS.slugs, query.focusAreas), 'int')}) <> 0)` : `(r."focusAreas" && ${param(query.focusAreas, 'text[]')})`,
		})
	if (query.languages.length) conditions.push({ step: 'language', sql: speaksSql('r', param(query.languages, 'text[]')) })
	// Insurance or a self-pay budget: either way of paying will do.
	const payment = [query.payer ? inPanelSql('r', param(query.payer, 'text')) : null, query.maxRate !== null ? withinBudgetSql('r', param(query.maxRate, 'int')) : null].filter(Boolean)
	if (payment.length) conditions.push({ step: 'payment', sql: `(${payment.join(' OR ')})` })
	if (query.accepting !== null) conditions.push({ step: 'accepting', sql: `(r.accepting = ${param(query.accepting, 'boolean')})` })
	if (query.minKapHours !== null) conditions.push({ step: 'training', sql: `(r."kapTrainingHours" >= ${param(query.minKapHours, 'int')})` })
	if (query.name) {
		const pattern = param(likePattern(query.name), 'text')
		conditions.push({ step: 'name', sql: bySearchRows ? `EXISTS (SELECT 1 FROM "Therapist" n WHERE n.id = r."therapistId" AND n."fullName" ILIKE ${pattern})` : `(r."fullName" ILIKE ${pattern})` })
	}
	if (query.partnersOnly) conditions.push({ step: 'partners', sql: `(${id} = ANY(${partners}))` })
	conditions.push({ step: 'blocked', sql: `NOT (${id} = ANY(${param(standings.blocked, 'text[]')}))` })
	return { source, base, id, conditions, values, types, relevance: relevanceSql('r', `${id} = ANY(${partners})`), miles }
}

/**
 * Each sort's order without the tie-break, and when a hit `h` comes no later than the row `b` in
 * it. The fair hash is worked out only for the hits up to the page's last place (ties at that
 * place included): hashing every hit cost half the time of a search of the whole network.
 */
const ORDER = {
	relevance: { key: `relevance DESC`, upTo: `h.relevance >= b.relevance` },
	distance: { key: `miles ASC, relevance DESC`, upTo: `(h.miles < b.miles OR (h.miles = b.miles AND h.relevance >= b.relevance))` },
	training: { key: `hours DESC, relevance DESC`, upTo: `(h.hours > b.hours OR (h.hours = b.hours AND h.relevance >= b.relevance))` },
} as const

async function loadStandings(clinicId: string) {
	const rows = await driverQuery<{ therapistId: string; standing: 'partner' | 'blocked' }>({
		name: 'directory_standings',
		text: `SELECT "therapistId", standing::text AS standing FROM "ClinicTherapist" WHERE "clinicId" = $1::text AND standing IS NOT NULL`,
		values: [clinicId],
	})
	return { partners: rows.filter((r) => r.standing === 'partner').map((r) => r.therapistId), blocked: rows.filter((r) => r.standing === 'blocked').map((r) => r.therapistId) }
}

type PageRow = Omit<DirectoryTherapist, 'office' | 'partner'> & { officeZip: string | null; partner: boolean }

export async function searchDirectory(clinic: DirectoryClinic, query: DirectoryQuery, options: { now?: Date } = {}): Promise<DirectoryResult> {
	const today = clinicToday(clinic.timeZone, options.now)
	const standings = await loadStandings(clinic.id)
	const parts = statementParts(clinic, query, standings, today)
	const values = [...parts.values]
	const param = (value: unknown, type: string) => {
		values.push(value)
		return `$${values.length}::${type}`
	}
	const clinicParam = param(clinic.id, 'text')
	const limit = param(query.pageSize, 'int')
	const offset = param((query.page - 1) * query.pageSize, 'int')
	const where = parts.conditions.map((c) => c.sql).join('\n\t\tAND ')
	const order = ORDER[query.sort]
	const text = `
WITH hits AS MATERIALIZED (
	SELECT ${parts.id} AS id, ${parts.relevance} AS relevance, ${parts.miles} AS miles, r."kapTrainingHours" AS hours
	FROM ${parts.source}
	WHERE ${parts.base}
		AND ${where}
),
counted AS (SELECT count(*)::int AS n FROM hits),
-- The hit in the page's last place (or the last hit, on the last page), by the order without the tie-break.
last AS (SELECT * FROM hits ORDER BY ${order.key} LIMIT 1 OFFSET greatest(0, least((SELECT n FROM counted), ${offset} + ${limit}) - 1)),
page AS (
	SELECT * FROM (SELECT h.*, encode(sha256(convert_to(${clinicParam} || ':' || h.id, 'UTF8')), 'hex') AS tie FROM hits h, last b WHERE ${order.upTo}) c
	ORDER BY ${order.key}, tie COLLATE "C" LIMIT ${limit} OFFSET ${offset}
)
SELECT (SELECT n FROM counted) AS total,
	coalesce((SELECT therapists FROM "NetworkTally" WHERE id = 1), 0) AS network,
	(SELECT coalesce(json_agg(json_build_object(
		'id', t.id, 'email', t.email, 'fullName', t."fullName", 'credentials', t.credentials, 'formats', t.formats, 'phases', t.phases,
		'modalities', t.modalities, 'focusAreas', t."focusAreas", 'languages', t.languages, 'insurancePayers', t."insurancePayers",
		'selfPayRate', t."selfPayRate", 'slidingScale', t."slidingScale", 'accepting', t.accepting, 'kapTrainingHours', t."kapTrainingHours",
		'officeZip', t."officeZip", 'miles', p.miles, 'partner', t.id = ANY($2::text[]),
		'canSeeStates', ARRAY(SELECT s.state::text FROM "TherapistSearch" s WHERE s."therapistId" = t.id AND ${seesPatientsInRowStateSql('s', '$1::date', '$3::boolean', null)} ORDER BY 1),
		'inSessionStates', CASE WHEN 'in_session' = ANY(t.phases) AND 'in_person' = ANY(t.formats)
			THEN ARRAY(SELECT s.state::text FROM "TherapistSearch" s WHERE s."therapistId" = t.id AND ${licensedSql('s', '$1::date', '$3::boolean')} ORDER BY 1) ELSE '{}' END
	) ORDER BY ${`${order.key}, tie COLLATE "C"`.replace(/(relevance|miles|hours|tie)/g, 'p.$1')}), '[]') FROM page p JOIN "Therapist" t ON t.id = p.id) AS rows`
	const [result] = await driverQuery<{ total: number; network: number; rows: PageRow[] }>({ text, values })
	const { total, network, rows } = result!
	const therapists = rows.map(({ officeZip, miles, ...rest }) => {
		const office = officeZip ? lookupZip(officeZip) : null
		return { ...rest, miles: miles === null ? null : Math.round(miles * 10) / 10, office: office?.ok ? { city: office.place.city, state: office.place.state } : null }
	})
	const funnel = total === 0 ? await countFunnel(parts, query) : null
	return { total, page: query.page, pageSize: query.pageSize, therapists, network, funnel }
}

/** What each filter, applied in order, leaves of the therapists (of the state's rows, with a state). */
async function countFunnel(parts: Statement, query: DirectoryQuery): Promise<FunnelCount[]> {
	const labels = new Map(activeSteps(query).map((s) => [s.step, s.label]))
	const counts = parts.conditions.map(
		(_, i) =>
			`count(*) FILTER (WHERE ${parts.conditions
				.slice(0, i + 1)
				.map((c) => c.sql)
				.join(' AND ')})::int`,
	)
	const typed = parts.types.map((type, i) => `$${i + 1}::${type}`).join(', ')
	const text = `WITH args AS (SELECT ${typed}) SELECT ARRAY[${counts.join(', ')}] AS counts FROM ${parts.source} WHERE ${parts.base}`
	const [row] = await driverQuery<{ counts: number[] }>({ text, values: parts.values })
	return parts.conditions.map((c, i) => ({ step: c.step, label: labels.get(c.step) ?? c.step, remaining: row!.counts[i]! }))
}
