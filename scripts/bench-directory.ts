// `npm run bench:directory`: how fast the partner directory is on a national network.
// Loads the matching benchmark's synthetic network (scripts/bench/bench-database.ts) into a fresh
// database on the PostgreSQL server, gives each state's clinic a standing network (partners and
// blocks), and times searchDirectory — the function the directory page and GET /api/v1/therapists
// call, end to end: the clinic's standings, the counting and paging statement, the page's
// details, and the per-filter counts when a search finds nobody — over the common filters, each
// for a state drawn as patients are (by population). Also times a search of the whole network
// (no state) and the coverage map (every state at once), reported apart.
//
//   npm run bench:directory -- [--therapists 100000] [--searches 450] [--database-url …] [--seed 42] [--keep] [--reuse tandem_bench_1234] [--json]
import os from 'node:os'
import { parseArgs } from 'node:util'
import { benchDatabase, loadBenchNetwork, ms, positive, runBench, stats } from './bench/bench-database.ts'

const { values: args } = parseArgs({
	options: {
		therapists: { type: 'string', default: '100000' },
		searches: { type: 'string', default: '450' },
		referrals: { type: 'string', default: '500' },
		'database-url': { type: 'string' },
		seed: { type: 'string', default: '42' },
		keep: { type: 'boolean', default: false },
		reuse: { type: 'string' },
		json: { type: 'boolean', default: false },
	},
})
const THERAPISTS = positive('therapists', args.therapists)
const SEARCHES = positive('searches', args.searches)
const REFERRALS = positive('referrals', args.referrals)
const SEED = positive('seed', args.seed)
const PARTNERS_PER_CLINIC = 20
const BLOCKS_PER_CLINIC = 5
const target = benchDatabase({ databaseUrl: args['database-url'], reuse: args.reuse, keep: args.keep })
const log = (line: string) => (args.json ? process.stderr : process.stdout).write(`${line}\n`)

// Imported after DATABASE_URL is set: the app's database module reads it once.
const { closeDatabase, db } = await import('#app/utils/db.server.ts')
const { DEFAULT_DIRECTORY_QUERY } = await import('#app/domain/directory/directory-query.ts')
const { searchDirectory } = await import('#app/domain/directory/directory.server.ts')
const { coverageByState } = await import('#app/domain/coverage/coverage.server.ts')
const { MODALITIES, PAYERS } = await import('#app/domain/reference/index.ts')
const { random } = await import('./bench/synthetic-network.ts')
type DirectoryQuery = typeof DEFAULT_DIRECTORY_QUERY

/** The common searches: each is a state and filters a coordinator would use together. */
const SHAPES: { name: string; query: (pick: <T>(list: readonly T[]) => T) => Partial<DirectoryQuery> }[] = [
	{ name: 'state only', query: () => ({}) },
	{ name: 'telehealth, integration, accepting', query: () => ({ format: 'telehealth', phases: ['integration'], accepting: true }) },
	{ name: 'phases and two approaches', query: (pick) => ({ phases: ['preparation', 'integration'], modalities: [pick(MODALITIES.slugs), pick(MODALITIES.slugs)] }) },
	{ name: 'Spanish speaking, accepting', query: () => ({ languages: ['es'], accepting: true }) },
	{ name: 'an insurer', query: (pick) => ({ payer: pick(PAYERS.slugs) }) },
	{ name: 'self-pay up to $150, KAP ≥ 40 h', query: () => ({ maxRate: 150, minKapHours: 40 }) },
	{ name: 'in person ≤ 25 mi, by distance', query: () => ({ format: 'in_person', radiusMiles: 25, sort: 'distance' }) },
	{ name: 'by training, page 3', query: () => ({ sort: 'training', page: 3 }) },
	{ name: 'our partners only', query: () => ({ partnersOnly: true }) },
]

await runBench(target, closeDatabase, async () => {
	const started = Date.now()
	log(
		`Directory benchmark: ${THERAPISTS.toLocaleString('en-US')} therapists, ${SEARCHES} searches, seed ${SEED}, on ${target.server.host} (database ${target.name}, ${target.keep ? 'kept afterwards' : 'dropped afterwards'}).`,
	)
	const now = new Date()
	const { referrals } = await loadBenchNetwork(target, { therapists: THERAPISTS, referrals: REFERRALS, seed: SEED, now, log })
	const clinics = new Map((await db().clinic.findMany({ select: { id: true, state: true, zip: true, timeZone: true } })).map((c) => [c.state, c]))

	// Each clinic's standing network: partners and blocks among those who cover its state.
	if ((await db().clinicTherapist.count()) === 0) {
		for (const clinic of clinics.values()) {
			const rows = await db().$queryRawUnsafe<{ id: string }[]>(
				`SELECT "therapistId" AS id FROM "TherapistSearch" WHERE state = $1::bpchar ORDER BY md5("therapistId" || $2::text) LIMIT $3::int`,
				clinic.state,
				String(SEED),
				PARTNERS_PER_CLINIC + BLOCKS_PER_CLINIC,
			)
			await db().clinicTherapist.createMany({ data: rows.map((r, i) => ({ clinicId: clinic.id, therapistId: r.id, standing: i < PARTNERS_PER_CLINIC ? ('partner' as const) : ('blocked' as const) })) })
		}
		log(`Gave each state's clinic ${PARTNERS_PER_CLINIC} partners and ${BLOCKS_PER_CLINIC} blocked therapists among those covering its state.`)
	}

	// States drawn as the referrals' patients are (by population); shapes in turn.
	const { pick } = random(SEED + 7)
	const planned = Array.from({ length: SEARCHES }, (_, i) => {
		const state = referrals[i % referrals.length]!.patientState
		const shape = SHAPES[i % SHAPES.length]!
		return { shape: shape.name, clinic: clinics.get(state)!, query: { ...DEFAULT_DIRECTORY_QUERY, state, ...shape.query(pick) } as DirectoryQuery }
	})
	// Warm up: connections, plans, the ZIP table, the JIT.
	for (const p of planned.slice(0, 20)) await searchDirectory(p.clinic, p.query)

	const times: number[] = []
	const byShape = new Map<string, number[]>()
	const totals: number[] = []
	let empty = 0
	for (const p of planned) {
		const t = performance.now()
		const result = await searchDirectory(p.clinic, p.query)
		const elapsed = performance.now() - t
		times.push(elapsed)
		byShape.set(p.shape, [...(byShape.get(p.shape) ?? []), elapsed])
		totals.push(result.total)
		if (result.total === 0) empty++
	}
	// Apart: the whole network (no state), and the coverage map.
	const whole: number[] = []
	const map: number[] = []
	for (let i = 0; i < 30; i++) {
		const clinic = clinics.get(referrals[i]!.patientState)!
		let t = performance.now()
		await searchDirectory(clinic, { ...DEFAULT_DIRECTORY_QUERY, phases: ['integration'], accepting: true })
		whole.push(performance.now() - t)
		t = performance.now()
		await coverageByState({ phases: [], format: null, modalities: [] }, { clinicId: clinic.id, timeZone: clinic.timeZone })
		map.push(performance.now() - t)
	}

	const all = stats(times)
	const report = {
		method: {
			therapists: THERAPISTS,
			searches: SEARCHES,
			machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
			timing: 'performance.now() around each searchDirectory call (page of 20), one after another, after 20 warm-up searches; percentiles by nearest rank',
		},
		common: all,
		byShape: Object.fromEntries([...byShape].map(([k, v]) => [k, stats(v)])),
		wholeNetwork: stats(whole),
		coverageMap: stats(map),
		results: { medianTotal: stats(totals).p50, maxTotal: Math.max(...totals), emptySearches: empty },
		peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
		targets: { 'p95 of the common filters < 100 ms': all.p95 < 100 },
	}
	if (args.json) console.log(JSON.stringify(report, null, 2))
	else {
		log('')
		log(`Method: ${report.method.timing}. Each search is one of ${SHAPES.length} common filter sets, in turn, for a state drawn by population, from that state's clinic.`)
		log(`Machine: ${report.method.machine}.`)
		log('')
		log(`                                          n      p50      p95      p99`)
		const row = (label: string, s: ReturnType<typeof stats>) => log(`${label.padEnd(40)}${String(s.n).padStart(3)} ${ms(s.p50).padStart(8)} ${ms(s.p95).padStart(8)} ${ms(s.p99).padStart(8)}`)
		row('Common filters, all searches', all)
		for (const [name, s] of Object.entries(report.byShape)) row(`  ${name}`, s)
		row('Whole network (no state), accepting', report.wholeNetwork)
		row('Coverage map (every state)', report.coverageMap)
		log('')
		log(`Therapists found: median ${report.results.medianTotal}, max ${report.results.maxTotal}; ${empty} searches found nobody (and counted why).`)
		log(`Peak RSS of this process: ${report.peakRssMiB} MiB.`)
		log(`Target: p95 of the common filters < 100 ms: ${report.targets['p95 of the common filters < 100 ms'] ? 'met' : 'NOT met'}.`)
		log(`Total ${((Date.now() - started) / 1000).toFixed(0)} s.`)
	}
})
