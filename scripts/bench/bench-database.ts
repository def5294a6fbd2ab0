// What the benchmarks share (scripts/bench-match.ts, scripts/bench-directory.ts): a fresh
// database on the PostgreSQL server (or one an earlier --keep left, with --reuse), loaded with the
// synthetic national network and one clinic per state, with its search rows written by the app's
// own code; percentiles by nearest rank.
//
// benchDatabase() sets DATABASE_URL, so call it before anything imports the app's database module.
import pg from 'pg'

export type BenchDatabase = { server: URL; url: URL; name: string; keep: boolean; reuse: boolean }

export function benchDatabase(options: { databaseUrl?: string; reuse?: string; keep: boolean }): BenchDatabase {
	const server = new URL(options.databaseUrl ?? process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres')
	if (options.reuse !== undefined && !/^tandem_bench_\d+$/.test(options.reuse)) {
		console.error(`Error: --reuse takes the name of a database an earlier run kept, like tandem_bench_1234 (got "${options.reuse}").`)
		process.exit(1)
	}
	const url = new URL(server)
	const name = options.reuse ?? `tandem_bench_${process.pid}`
	url.pathname = `/${name}`
	process.env.DATABASE_URL = url.toString()
	// A reused database stays, as it was kept.
	return { server, url, name, keep: options.keep || options.reuse !== undefined, reuse: options.reuse !== undefined }
}

export async function dropBenchDatabase(target: BenchDatabase) {
	const client = new pg.Client({ connectionString: target.server.toString() })
	await client.connect()
	await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(target.name)} WITH (FORCE)`)
	await client.end()
}

/**
 * A benchmark's run: its body, then always the app's database closed and the benchmark's own
 * dropped (unless kept or reused). An error is one line, not a stack, and exits 1; so does a body
 * that set `process.exitCode`.
 */
export async function runBench(target: BenchDatabase, closeDatabase: () => Promise<void>, body: () => Promise<void>): Promise<never> {
	try {
		await body()
	} catch (error) {
		console.error('Error:', error instanceof Error ? error.message : error)
		process.exitCode = 1
	} finally {
		await closeDatabase().catch(() => {})
		if (!target.keep) await dropBenchDatabase(target).catch((error) => console.error('Could not drop the benchmark database:', (error as Error).message))
	}
	process.exit(process.exitCode ?? 0)
}

export function positive(name: string, value: string | undefined) {
	const n = Number(value)
	if (!Number.isInteger(n) || n < 1) {
		console.error(`Error: --${name} must be a whole number of at least 1 (got "${value}").`)
		process.exit(1)
	}
	return n
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
export const stats = (times: number[]) => {
	const sorted = [...times].sort((a, b) => a - b)
	return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) }
}
export const ms = (x: number) => `${x.toFixed(1)} ms`

async function bulkInsert(pool: pg.Pool, table: string, columns: string, rows: object[]) {
	const names = columns
		.split(', ')
		.map((c) => c.split(' ')[0])
		.join(', ')
	for (let i = 0; i < rows.length; i += 5000) {
		await pool.query(`INSERT INTO "${table}" (${names}) SELECT ${names} FROM json_to_recordset($1::json) AS x(${columns})`, [JSON.stringify(rows.slice(i, i + 5000))])
	}
}

/**
 * Loads the network (bulk INSERT … json_to_recordset), one clinic per state, the referrals, and
 * the search rows (rebuildTherapistSearch, as `npm run admin -- rebuild-search` writes them).
 * With `reuse`, checks the kept database holds what these options would load instead.
 */
export async function loadBenchNetwork(target: BenchDatabase, options: { therapists: number; referrals: number; seed: number; now: Date; log: (line: string) => void }) {
	const { prepareDatabase } = await import('#app/utils/database-setup.server.ts')
	const { resolveDatabaseTarget } = await import('#app/utils/database-target.server.ts')
	const { db } = await import('#app/utils/db.server.ts')
	const { loadCompactMembership } = await import('#app/domain/reference/compact-membership.server.ts')
	const { rebuildTherapistSearch } = await import('#app/domain/matching/search-index.server.ts')
	const { syntheticNetwork, syntheticReferrals, random, zipIn } = await import('./synthetic-network.ts')
	const { STATES } = await import('#app/domain/reference/index.ts')
	const { expandDoses } = await import('#app/domain/referrals/dosing.ts')
	const { therapists: count, referrals: referralCount, seed, now, log } = options
	const referrals = syntheticReferrals(referralCount, { seed, now })
	if (target.reuse) {
		const [counted] = await db().$queryRawUnsafe<{ therapists: number; referrals: number }[]>(
			`SELECT (SELECT count(*)::int FROM "Therapist") AS therapists, (SELECT count(*)::int FROM "Referral") AS referrals`,
		)
		const { therapists, referrals: stored } = counted!
		if (therapists !== count || stored !== referralCount)
			throw new Error(`${target.name} holds ${therapists} therapists and ${stored} referrals; run with --therapists ${therapists} --referrals ${stored} (and the seed it was made with).`)
		log(`Reusing ${target.name}: its network, referrals and search rows as an earlier run left them.`)
		return { referrals }
	}

	await prepareDatabase(resolveDatabaseTarget(), { seedIfEmpty: false, createServerDatabase: true })
	const compacts = await loadCompactMembership()
	const today = now.toISOString().slice(0, 10)
	const network = syntheticNetwork(count, { seed, today, psypact: compacts.psypact, counselingCompact: compacts.counseling_compact })

	const pool = new pg.Pool({ connectionString: target.url.toString(), max: 2 })
	const loadStarted = Date.now()
	await bulkInsert(
		pool,
		'Therapist',
		'id text, "userId" text, email text, "fullName" text, pronouns text, credentials text, bio text, "timeZone" text, phases text[], formats text[], modalities text[], "focusAreas" text[], languages text[], "insurancePayers" text[], "selfPayRate" int, "slidingScale" boolean, "officeZip" char(5), "weeklyCapacity" int, accepting boolean, "kapTrainingHours" int, "kapProgram" text, "kapYear" int, "createdAt" timestamp, "updatedAt" timestamp',
		network.therapists.map((t) => ({ ...t, userId: null, pronouns: null, bio: '', kapProgram: null, kapYear: null, createdAt: now, updatedAt: now })),
	)
	await bulkInsert(
		pool,
		'License',
		'id text, "therapistId" text, state char(2), type "LicenseType", number text, "expiresOn" date, status "CredentialStatus", "verifiedAt" timestamp, "verifiedById" text, "reviewNote" text, "nextCheckDue" date, "expiryNoticeSentAt" timestamp, "createdAt" timestamp, "updatedAt" timestamp',
		network.licenses.map((l) => ({ ...l, verifiedAt: null, verifiedById: null, reviewNote: null, nextCheckDue: null, expiryNoticeSentAt: null, createdAt: now, updatedAt: now })),
	)
	await bulkInsert(
		pool,
		'Authorization',
		'id text, "therapistId" text, kind "AuthorizationKind", "homeState" char(2), states text[], "expiresOn" date, status "CredentialStatus", "verifiedAt" timestamp, "verifiedById" text, "reviewNote" text, "nextCheckDue" date, "expiryNoticeSentAt" timestamp, "createdAt" timestamp, "updatedAt" timestamp',
		network.authorizations.map((a) => ({ ...a, verifiedAt: null, verifiedById: null, reviewNote: null, nextCheckDue: null, expiryNoticeSentAt: null, createdAt: now, updatedAt: now })),
	)
	await bulkInsert(pool, 'AvailabilityRule', 'id text, "therapistId" text, "dayOfWeek" smallint, "startMinute" smallint, "endMinute" smallint', network.rules)
	await bulkInsert(pool, 'AvailabilityOverride', 'id text, "therapistId" text, date date, "startMinute" smallint, "endMinute" smallint', network.overrides)

	// One clinic per state, and the referrals, through the app's own client.
	const rng = random(seed + 2)
	const clinics = new Map<string, string>()
	const zones = new Map<string, string>(STATES.map((state) => [state.code, state.timeZone]))
	for (const state of STATES) {
		const zip = zipIn(state.code, rng)
		const clinic = await db().clinic.create({ data: { name: `Bench clinic ${state.code}`, state: state.code, city: 'Bench', zip, timeZone: state.timeZone }, select: { id: true } })
		clinics.set(state.code, clinic.id)
	}
	await db().referral.createMany({
		// Each series expanded in its clinic's time zone, as the app does.
		data: referrals.map(({ clinicState, dosingSessions, cadenceDays, ...r }) => ({
			...r,
			dosingSessionsAt: expandDoses(r.firstDosingAt, dosingSessions, cadenceDays, zones.get(clinicState)!),
			clinicId: clinics.get(clinicState)!,
			ageBand: '35-44',
			status: 'open' as const,
			postedAt: now,
		})),
	})
	await pool.query('ANALYZE')
	await pool.end()
	const loadSeconds = (Date.now() - loadStarted) / 1000
	log(
		`Loaded ${network.therapists.length.toLocaleString('en-US')} therapists, ${network.licenses.length.toLocaleString('en-US')} licenses, ${network.authorizations.length.toLocaleString('en-US')} authorizations, ${network.rules.length.toLocaleString('en-US')} weekly rules, ${network.overrides.length.toLocaleString('en-US')} date overrides and ${referralCount} referrals in ${loadSeconds.toFixed(1)} s (bulk INSERT … json_to_recordset, 5,000 rows a statement), then ANALYZE.`,
	)
	const rebuildStarted = Date.now()
	await rebuildTherapistSearch({ now })
	const searchRows = (await db().$queryRawUnsafe<{ rows: number }[]>(`SELECT count(*)::int AS rows FROM "TherapistSearch"`))[0]!.rows
	log(
		`Wrote ${searchRows.toLocaleString('en-US')} search rows (one per therapist and state covered) with rebuildTherapistSearch in ${((Date.now() - rebuildStarted) / 1000).toFixed(1)} s, clustered by state.`,
	)
	return { referrals }
}
