// Keeps TherapistSearch (prisma/schema.prisma) in step with the tables it is derived from. Every
// write to a therapist's profile, credentials, hours or overrides calls refreshTherapistSearch for
// that therapist; `npm run admin -- rebuild-search` (and a start on a database whose rows are
// missing) rewrites all of them, for instance after compact membership changes.
//
// Matching never trusts a row blindly: the pure filters re-check every suggestion from the
// therapist's own tables. A row that fell behind could still leave someone out of the counts,
// which is why every write path refreshes it.
import { busyFromJson } from '#app/domain/calendar/busy-json.ts'
import { overridesFromRows, type Range } from '#app/domain/availability/ranges.ts'
import { dateOnly } from '#app/domain/calendar-dates.ts'
import { FOCUS_AREAS, MODALITIES } from '#app/domain/reference/index.ts'
import { BOOKED_REFERRAL_STATUSES } from '#app/domain/referrals/offers.ts'
import { sessionRange } from '#app/domain/referrals/proposals.ts'
import { HOLDS_TIME } from '#app/domain/series/plan.ts'
import { loadCompactMembership } from '#app/domain/reference/compact-membership.server.ts'
import { zipOffice } from '#app/domain/reference/zip-codes.server.ts'
import { type CompactMembership } from '#app/domain/therapists/jurisdiction.ts'
import { type Prisma, type PrismaClient } from '#app/generated/prisma/client.ts'
import { db } from '#app/utils/db.server.ts'
import { coverageUntil, coveredUntil, HORIZON_CELLS, horizonStart, responsiveness, slugBits, startCellsHex as startCellsHexOf } from './search-facts.ts'

type Client = PrismaClient | Prisma.TransactionClient

/** A therapist with everything their rows are made of. */
export type TherapistWithFacts = Prisma.TherapistGetPayload<{
	include: {
		licenses: {
			select: { state: true; type: true; status: true; expiresOn: true }
		}
		authorizations: {
			select: {
				kind: true
				homeState: true
				states: true
				status: true
				expiresOn: true
			}
		}
		availability: {
			select: { dayOfWeek: true; startMinute: true; endMinute: true }
		}
		availabilityOverrides: {
			select: { date: true; startMinute: true; endMinute: true }
		}
		offers: { select: { status: true; sentAt: true; respondedAt: true } }
	}
}> & {
	/** Starts of the therapist's booked first sessions (proposals.ts `sessionRange`). */
	booked: Date[]
	/** Busy times from the therapist's own calendar (calendar/feeds.server.ts). */
	busy?: Range[]
	/** Sessions of their series plans that hold their time (series/plan.ts `HOLDS_TIME`). */
	planned?: Range[]
}

function byTherapist<T extends { therapistId: string }>(rows: T[]): Map<string, T[]> {
	const grouped = new Map<string, T[]>()
	for (const row of rows) {
		const list = grouped.get(row.therapistId)
		if (list) list.push(row)
		else grouped.set(row.therapistId, [row])
	}
	return grouped
}

/** One query per table, one after the other (a transaction's connection runs one query at a time). */
async function loadTherapists(client: Client, ids: readonly string[]): Promise<TherapistWithFacts[]> {
	const where = { therapistId: { in: [...ids] } }
	const therapists = await client.therapist.findMany({
		where: { id: { in: [...ids] } },
	})
	const licenses = byTherapist(
		await client.license.findMany({
			where,
			select: {
				therapistId: true,
				state: true,
				type: true,
				status: true,
				expiresOn: true,
			},
		}),
	)
	const authorizations = byTherapist(
		await client.authorization.findMany({
			where,
			select: {
				therapistId: true,
				kind: true,
				homeState: true,
				states: true,
				status: true,
				expiresOn: true,
			},
		}),
	)
	const rules = byTherapist(
		await client.availabilityRule.findMany({
			where,
			select: {
				therapistId: true,
				dayOfWeek: true,
				startMinute: true,
				endMinute: true,
			},
		}),
	)
	const overrides = byTherapist(
		await client.availabilityOverride.findMany({
			where,
			select: {
				therapistId: true,
				date: true,
				startMinute: true,
				endMinute: true,
			},
		}),
	)
	const offers = byTherapist(
		await client.offer.findMany({
			where: { ...where, respondedAt: { not: null } },
			select: {
				therapistId: true,
				status: true,
				sentAt: true,
				respondedAt: true,
			},
		}),
	)
	const booked = byTherapist(
		await client.offer.findMany({
			where: { ...where, status: 'chosen', referral: { status: { in: [...BOOKED_REFERRAL_STATUSES] }, firstSessionAt: { not: null } } },
			select: { therapistId: true, referral: { select: { firstSessionAt: true } } },
		}),
	)
	const busy = new Map((await client.calendarFeed.findMany({ where, select: { therapistId: true, busy: true } })).map((f) => [f.therapistId, busyFromJson(f.busy)]))
	const planned = byTherapist(await client.plannedSession.findMany({ where: { ...where, ...HOLDS_TIME }, select: { therapistId: true, startsAt: true, endsAt: true } }))
	return therapists.map((t) => ({
		...t,
		booked: (booked.get(t.id) ?? []).map((o) => o.referral.firstSessionAt!),
		busy: busy.get(t.id) ?? [],
		planned: (planned.get(t.id) ?? []).map((p) => ({ start: p.startsAt, end: p.endsAt })),
		licenses: licenses.get(t.id) ?? [],
		authorizations: authorizations.get(t.id) ?? [],
		availability: rules.get(t.id) ?? [],
		availabilityOverrides: overrides.get(t.id) ?? [],
		offers: offers.get(t.id) ?? [],
	}))
}

/** The rows of one therapist: one per state their credentials could cover. */
export function searchRows(t: TherapistWithFacts, compacts: CompactMembership, fromCell: number) {
	const coverage = coverageUntil(
		{
			licenses: t.licenses.map((l) => ({
				...l,
				expiresOn: dateOnly(l.expiresOn),
			})),
			authorizations: t.authorizations.map((a) => ({
				...a,
				expiresOn: dateOnly(a.expiresOn),
			})),
		},
		compacts,
	)
	if (coverage.size === 0) return []
	const office = t.officeZip ? zipOffice(t.officeZip) : null
	// In person, sessions happen at the office: every row carries the office state's licence dates.
	const atOffice = office ? coverage.get(office.state) : undefined
	const startCellsHex = startCellsHexOf(
		{
			timeZone: t.timeZone,
			rules: t.availability,
			overrides: overridesFromRows(t.availabilityOverrides.map((o) => ({ ...o, date: dateOnly(o.date) }))),
		},
		[...t.booked.map(sessionRange), ...(t.busy ?? []), ...(t.planned ?? [])],
		fromCell,
	)
	const stats = responsiveness(t.offers)
	const shared = {
		therapistId: t.id,
		phases: t.phases,
		formats: t.formats,
		accepting: t.accepting,
		weeklyCapacity: t.weeklyCapacity,
		languages: t.languages,
		insurancePayers: t.insurancePayers,
		selfPayRate: t.selfPayRate,
		slidingScale: t.slidingScale,
		officeZip: t.officeZip,
		officeLicensedUntil: atOffice?.licensedUntil ?? null,
		officeSupervisedUntil: atOffice?.supervisedUntil ?? null,
		officeLatitude: office?.latitude ?? null,
		officeLongitude: office?.longitude ?? null,
		modalities: t.modalities,
		focusAreas: t.focusAreas,
		modalityBits: slugBits(MODALITIES.slugs, t.modalities),
		focusAreaBits: slugBits(FOCUS_AREAS.slugs, t.focusAreas),
		kapTrainingHours: t.kapTrainingHours,
		acceptanceRate: stats.acceptanceRate,
		medianResponseHours: stats.medianResponseHours,
		freeFromCell: fromCell,
		startCellsHex,
		cellCount: HORIZON_CELLS,
	}
	return [...coverage].map(([state, c]) => ({
		...shared,
		state,
		atOffice: state === office?.state,
		...c,
		coveredUntil: coveredUntil(c),
	}))
}

const COLUMNS = `"therapistId" text, state text, "atOffice" boolean, "licensedUntil" date, "supervisedUntil" date, "authorizedUntil" date, "officeLicensedUntil" date, "officeSupervisedUntil" date, "coveredUntil" date,
	phases text[], formats text[], accepting boolean, "weeklyCapacity" int, languages text[], "insurancePayers" text[], "selfPayRate" int,
	"slidingScale" boolean, "officeZip" text, "officeLatitude" float8, "officeLongitude" float8, modalities text[], "focusAreas" text[],
	"modalityBits" int, "focusAreaBits" int, "kapTrainingHours" int, "acceptanceRate" float8, "medianResponseHours" float8, "freeFromCell" int, "startCellsHex" text, "cellCount" int`
const NAMES = `"therapistId", state, "atOffice", "licensedUntil", "supervisedUntil", "authorizedUntil", "officeLicensedUntil", "officeSupervisedUntil", "coveredUntil", phases, formats, accepting, "weeklyCapacity",
	languages, "insurancePayers", "selfPayRate", "slidingScale", "officeZip", "officeLatitude", "officeLongitude", modalities, "focusAreas",
	"modalityBits", "focusAreaBits", "kapTrainingHours", "acceptanceRate", "medianResponseHours", "freeFromCell"`

async function writeRows(client: Client, therapistIds: readonly string[], rows: ReturnType<typeof searchRows>) {
	await client.$executeRawUnsafe(`DELETE FROM "TherapistSearch" WHERE "therapistId" = ANY($1::text[])`, therapistIds)
	for (let i = 0; i < rows.length; i += 2000) {
		await client.$executeRawUnsafe(
			`INSERT INTO "TherapistSearch" (${NAMES}, "startCells")
			SELECT ${NAMES}, substring(('x' || x."startCellsHex")::varbit FROM 1 FOR x."cellCount")
			FROM json_to_recordset($1::json) AS x(${COLUMNS})`,
			JSON.stringify(rows.slice(i, i + 2000)),
		)
	}
}

export type RefreshOptions = {
	client?: Client
	now?: Date
	compacts?: CompactMembership
}

/** Rewrites the search rows of these therapists from their tables (in the caller's transaction, if given one). */
export async function refreshTherapistSearch(therapistIds: readonly string[], options: RefreshOptions = {}) {
	if (therapistIds.length === 0) return
	const client = options.client ?? db()
	const compacts = options.compacts ?? (await loadCompactMembership(client as PrismaClient))
	const fromCell = horizonStart(options.now ?? new Date())
	const therapists = await loadTherapists(client, therapistIds)
	await writeRows(
		client,
		therapistIds,
		therapists.flatMap((t) => searchRows(t, compacts, fromCell)),
	)
}

/**
 * Rewrites every therapist's rows, a batch at a time (each batch in its own transaction, so
 * matching never sees a therapist missing), then puts each state's rows together on disk.
 * Rows written since drift apart again; the next rebuild gathers them.
 */
export async function rebuildTherapistSearch(
	options: {
		client?: PrismaClient
		now?: Date
		batchSize?: number
		cluster?: boolean
	} = {},
) {
	const client = options.client ?? db()
	const compacts = await loadCompactMembership(client)
	const batchSize = options.batchSize ?? 1000
	let after = ''
	let therapists = 0
	for (;;) {
		const ids = (
			await client.therapist.findMany({
				where: { id: { gt: after } },
				orderBy: { id: 'asc' },
				take: batchSize,
				select: { id: true },
			})
		).map((t) => t.id)
		if (ids.length === 0) break
		await client.$transaction(async (tx) => refreshTherapistSearch(ids, { client: tx, now: options.now, compacts }), { timeout: 120_000 })
		therapists += ids.length
		after = ids[ids.length - 1]!
	}
	// Therapists deleted since: their rows went with them (ON DELETE CASCADE). CLUSTER locks the
	// table for the seconds it takes; the daily refresh leaves it out. Both are the table owner's: an
	// app that connects as a role owning nothing (docs/security.md) leaves them to the owner's runs.
	const [{ owner }] = await client.$queryRawUnsafe<[{ owner: boolean }]>(`SELECT pg_has_role(current_user, relowner, 'USAGE') AS owner FROM pg_class WHERE oid = '"TherapistSearch"'::regclass`)
	if (!owner) return { therapists }
	if (options.cluster !== false) await client.$executeRawUnsafe(`CLUSTER "TherapistSearch" USING "TherapistSearch_pkey"`)
	await client.$executeRawUnsafe(`ANALYZE "TherapistSearch"`)
	return { therapists }
}

/**
 * Rewrites the rows whose free time was worked out more than `olderThanDays` ago, so that it
 * reaches thirteen weeks ahead again (the daily job). Rows left older stay exact: windows past
 * their cells are judged from the full record, only more slowly. No batch starts after `budgetMs`.
 */
export async function refreshStaleTherapistSearch(options: { now?: Date; olderThanDays?: number; batchSize?: number; budgetMs?: number } = {}) {
	const now = options.now ?? new Date()
	const before = horizonStart(now) - (options.olderThanDays ?? 7) * 48
	const stopStartingAt = performance.now() + (options.budgetMs ?? Infinity)
	const compacts = await loadCompactMembership()
	let therapists = 0
	for (;;) {
		if (performance.now() > stopStartingAt) return { therapists }
		const stale = await db().$queryRawUnsafe<{ id: string }[]>(
			`SELECT DISTINCT "therapistId" AS id FROM "TherapistSearch" WHERE "freeFromCell" < $1::int ORDER BY 1 LIMIT $2::int`,
			before,
			options.batchSize ?? 500,
		)
		if (stale.length === 0) return { therapists }
		const ids = stale.map((r) => r.id)
		await db().$transaction(async (tx) => refreshTherapistSearch(ids, { client: tx, now, compacts }), { timeout: 120_000 })
		therapists += ids.length
	}
}

/** Whether therapists exist without a single search row (a database from before the table, say). */
export async function searchRowsMissing(client: PrismaClient = db()): Promise<boolean> {
	const [row] = await client.$queryRawUnsafe<{ missing: boolean }[]>(`SELECT EXISTS (SELECT 1 FROM "Therapist") AND NOT EXISTS (SELECT 1 FROM "TherapistSearch") AS missing`)
	return row!.missing
}
