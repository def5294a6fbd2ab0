// `npm run bench:jobs`: background jobs on Tandem's outbox (ADR 0012, 0027) against two PostgreSQL job
// engines, graphile-worker and pg-boss, on the PostgreSQL server and on the embedded database
// (PGlite). The engines are not dependencies: install them for a comparison without saving,
//   npm install --no-save --ignore-scripts graphile-worker@0.17.3 pg-boss@10.4.2 @electric-sql/pglite-socket@0.0.22
// (later versions need Node 22); without them only the outbox is measured. Per database and engine:
//   throughput  N no-op jobs enqueued one statement each, then done by one worker: enqueue time per job
//               and jobs done per second (median of --repeats);
//   latency     one job at a time while a worker waits: from enqueue to the handler (median, p95);
//   duplicates  --processes workers (separate processes on the server; workers in one process on the
//               embedded database, which one process owns) each ask for every period's job once, at a
//               random moment within the period (a restart, an unaligned timer), and run their worker:
//               a period's job done more than once is a duplicate run.
// The engines reach PGlite through @electric-sql/pglite-socket (PostgreSQL's wire protocol over TCP,
// every connection multiplexed onto PGlite's one session), the outbox through the app's driver adapter.
//
//   npm run bench:jobs -- [--jobs 500] [--latency-jobs 20] [--repeats 3] [--processes 3] [--periods 8]
//                         [--period-ms 1000] [--engines outbox,graphile-worker,pg-boss] [--databases server,embedded]
//                         [--database-url postgresql://postgres@127.0.0.1:5432/postgres] [--child-timeout-s 180] [--json]
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { positive, stats } from './bench/bench-database.ts'

const ENGINES = ['outbox', 'graphile-worker', 'pg-boss'] as const
type EngineName = (typeof ENGINES)[number]
type DatabaseKind = 'server' | 'embedded'
/** The engines' modules, imported by name at run time: they are installed only for a comparison. */
const ENGINE_MODULES: Record<Exclude<EngineName, 'outbox'>, string[]> = { 'graphile-worker': ['graphile-worker'], 'pg-boss': ['pg-boss'] }
const SOCKET_MODULE = '@electric-sql/pglite-socket'

const { values: args } = parseArgs({
	options: {
		jobs: { type: 'string', default: '500' },
		'latency-jobs': { type: 'string', default: '20' },
		repeats: { type: 'string', default: '3' },
		processes: { type: 'string', default: '3' },
		periods: { type: 'string', default: '8' },
		'period-ms': { type: 'string', default: '1000' },
		engines: { type: 'string' },
		databases: { type: 'string', default: 'server,embedded' },
		'database-url': { type: 'string' },
		json: { type: 'boolean', default: false },
		'child-timeout-s': { type: 'string', default: '180' },
		// A child's part (set by this script for the processes it starts).
		role: { type: 'string' },
		engine: { type: 'string' },
		database: { type: 'string' },
		url: { type: 'string' },
		dir: { type: 'string' },
		workers: { type: 'string', default: '1' },
		'start-at': { type: 'string' },
	},
})

const CHILD_TIMEOUT_MS = positive('child-timeout-s', args['child-timeout-s']) * 1000
const log = (line: string) => (args.json ? process.stderr : process.stdout).write(`${line}\n`)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))
const median = (values: number[]) => stats(values).p50

async function installed(name: string): Promise<boolean> {
	try {
		await import(name)
		return true
	} catch {
		return false
	}
}

// ─── What each engine must do, the same way for all three ───────────────────────────────────────

type Handler = (payload: { n: number; period?: number }) => Promise<void>
type Engine = {
	/** Enqueues a job; with `period`, under the engine's way of admitting one job per period. */
	add(payload: { n: number; period?: number }, periodKey?: string): Promise<void>
	/** Starts `workers` workers in this process running `handler`. */
	start(workers: number, handler: Handler): Promise<void>
	stop(): Promise<void>
	/** Runs a statement on the engine's database (the bench's own table of runs). */
	query(sql: string, values?: unknown[]): Promise<unknown[]>
	describe: string
}

/** Tandem's outbox through the app's own code: enqueue, claimDueJobs (FOR UPDATE SKIP LOCKED, lease), completeJob. */
async function outboxEngine(): Promise<Engine> {
	const { enqueue, claimDueJobs, completeJob } = await import('#app/domain/outbox/outbox.server.ts')
	const { db, closeDatabase } = await import('#app/utils/db.server.ts')
	const loops: { wake: () => void; stopped: boolean; done: Promise<void> }[] = []
	let handler: Handler = async () => {}
	const startLoop = () => {
		// As startWorker: a pass every 5 s, at once when woken (the app wakes its worker after a commit that enqueued due work).
		// A wake during a pass is kept (as startWorker's `again`), so the pass that follows does not wait.
		let woken = false
		let wake = () => {}
		const state = { wake: () => ((woken = true), wake()), stopped: false, done: Promise.resolve() }
		state.done = (async () => {
			while (!state.stopped) {
				woken = false
				const now = new Date()
				const jobs = await claimDueJobs(now, 20)
				for (const job of jobs) {
					await handler(job.payload as never)
					await db().$transaction(async (tx) => {
						if (!(await completeJob(job, now, tx))) throw new Error('lease lost')
					})
				}
				if (jobs.length === 0 && !state.stopped && !woken) await new Promise<void>((resolve) => ((wake = resolve), setTimeout(resolve, 5_000)))
			}
		})()
		loops.push(state)
	}
	return {
		describe: 'Tandem outbox: one INSERT per job (ON CONFLICT DO NOTHING on dedupeKey), claims of 20 with FOR UPDATE SKIP LOCKED, a pass every 5 s or when woken after an enqueue in the same process',
		async add(payload, periodKey) {
			// A kind of the bench's own: no app handler runs here, the bench's loop does.
			await enqueue(db(), 'bench' as never, payload as never, { runAt: new Date(), dedupeKey: periodKey })
			for (const loop of loops) loop.wake()
		},
		async start(workers, run) {
			handler = run
			for (let i = 0; i < workers; i++) startLoop()
		},
		async stop() {
			for (const loop of loops) {
				loop.stopped = true
				loop.wake()
			}
			await Promise.all(loops.map((loop) => loop.done))
			await closeDatabase()
		},
		query: async (sql, values = []) => db().$queryRawUnsafe(sql, ...values),
	}
}

/** The little of graphile-worker's and pg-boss's APIs the bench uses (they are not dependencies, so their types may be absent). */
type GraphileWorker = {
	run(options: object): Promise<{ stop(): Promise<void>; addJob(task: string, payload: object, spec: object): Promise<unknown> }>
	Logger: new (factory: () => () => void) => object
}
type PgBoss = {
	on(event: 'error', listener: (error: Error) => void): void
	start(): Promise<unknown>
	createQueue(name: string): Promise<void>
	send(name: string, data: object, options: object): Promise<string | null>
	work(name: string, options: object, handler: (jobs: { data: never }[]) => Promise<void>): Promise<string>
	stop(options: object): Promise<void>
}

async function graphileEngine(url: string, embedded: boolean): Promise<Engine> {
	const { run, Logger } = (await import(ENGINE_MODULES['graphile-worker'][0]!)) as GraphileWorker
	// Named prepared statements would collide on PGlite's one session behind the socket.
	const common = { connectionString: url, noPreparedStatements: embedded, logger: new Logger(() => () => {}) }
	const pool = new pg.Pool({ connectionString: url, max: 2 })
	const runners: Awaited<ReturnType<GraphileWorker['run']>>[] = []
	return {
		describe: `graphile-worker: addJob through the runner (jobKey for periods, jobKeyMode preserve_run_at), a runner per worker, concurrency 1, LISTEN/NOTIFY and a 2 s poll${embedded ? ', noPreparedStatements' : ''}`,
		async add(payload, periodKey) {
			// Through the runner's own pool: on PGlite behind the socket, a second pool (makeWorkerUtils) stalled the runner after two jobs.
			await runners[0]!.addJob('bench', payload, periodKey ? { jobKey: periodKey, jobKeyMode: 'preserve_run_at' } : {})
		},
		async start(workers, handler) {
			for (let i = 0; i < workers; i++) runners.push(await run({ ...common, concurrency: 1, noHandleSignals: true, pollInterval: 2_000, taskList: { bench: (payload: never) => handler(payload) } }))
		},
		async stop() {
			await Promise.all(runners.map((runner) => runner.stop()))
			await pool.end()
		},
		query: async (sql, values = []) => (await pool.query(sql, values)).rows,
	}
}

async function pgBossEngine(url: string): Promise<Engine> {
	const { default: PgBoss } = (await import(ENGINE_MODULES['pg-boss'][0]!)) as { default: new (options: object) => PgBoss }
	const boss = new PgBoss({ connectionString: url, max: 4 })
	boss.on('error', (error: Error) => log(`pg-boss: ${error.message}`))
	await boss.start()
	await boss.createQueue('bench').catch(() => {})
	const pool = new pg.Pool({ connectionString: url, max: 2 })
	return {
		describe:
			'pg-boss: send (singletonKey = the period with singletonSeconds 3600: its unique index admits one job per key and hour slot while jobs are kept, 12 h after completion by default), work() per worker with batches of 20 and a 2 s poll',
		async add(payload, periodKey) {
			await boss.send('bench', payload, periodKey ? { singletonKey: periodKey, singletonSeconds: 3_600 } : {})
		},
		async start(workers, handler) {
			for (let i = 0; i < workers; i++)
				await boss.work('bench', { batchSize: 20, pollingIntervalSeconds: 2 }, async (jobs: { data: never }[]) => {
					for (const job of jobs) await handler(job.data)
				})
		},
		async stop() {
			await boss.stop({ graceful: true, wait: true, timeout: 10_000 })
			await pool.end()
		},
		query: async (sql, values = []) => (await pool.query(sql, values)).rows,
	}
}

/** The bench's own record of the periodic job's runs, beside the engine's tables. */
async function benchTable(engine: Engine) {
	await engine.query(`CREATE TABLE IF NOT EXISTS bench_runs (period int NOT NULL, worker text NOT NULL, at timestamptz NOT NULL DEFAULT now())`)
}

/**
 * Opens the engine for a child. On the embedded database an engine gets a PGlite of its own behind
 * a socket server in this process (the outbox opens the app's, through its driver adapter).
 */
async function openEngine(name: EngineName, database: DatabaseKind, url: string | undefined, dir: string): Promise<{ engine: Engine; close: () => Promise<void> }> {
	if (name === 'outbox') {
		const engine = await outboxEngine()
		await benchTable(engine)
		return { engine, close: async () => {} }
	}
	let engineUrl = url!
	let close = async () => {}
	if (database === 'embedded') {
		const { PGlite } = await import('@electric-sql/pglite')
		const { PGLiteSocketServer } = (await import(SOCKET_MODULE)) as {
			PGLiteSocketServer: new (options: object) => { start(): Promise<void>; stop(): Promise<void>; server?: { address(): { port: number } } }
		}
		const pglite = new PGlite(path.join(dir, name))
		await pglite.waitReady
		const server = new PGLiteSocketServer({ db: pglite, port: 0, host: '127.0.0.1', maxConnections: 20 })
		await server.start()
		engineUrl = `postgresql://postgres@127.0.0.1:${server.server!.address().port}/postgres`
		close = async () => {
			await server.stop()
			await pglite.close()
		}
	}
	const engine = name === 'graphile-worker' ? await graphileEngine(engineUrl, database === 'embedded') : await pgBossEngine(engineUrl)
	await benchTable(engine)
	return { engine, close }
}

// ─── The children's parts ───────────────────────────────────────────────────────────────────────

async function throughputChild() {
	const N = positive('jobs', args.jobs)
	const LATENCY = positive('latency-jobs', args['latency-jobs'])
	const REPEATS = positive('repeats', args.repeats)
	const { engine, close } = await openEngine(args.engine as EngineName, args.database as DatabaseKind, args.url, args.dir!)
	let done = 0
	let startedAt = 0
	const latencies: number[] = []
	let latencyMode = false
	await engine.start(1, async () => {
		if (latencyMode) latencies.push(performance.now() - startedAt)
		done++
	})
	const enqueuePerJob: number[] = []
	const perSecond: number[] = []
	for (let repeat = 0; repeat < REPEATS; repeat++) {
		done = 0
		const t0 = performance.now()
		for (let n = 0; n < N; n++) await engine.add({ n })
		const enqueued = performance.now()
		while (done < N) await sleep(2)
		const finished = performance.now()
		enqueuePerJob.push((enqueued - t0) / N)
		perSecond.push(N / ((finished - t0) / 1000))
	}
	latencyMode = true
	for (let n = 0; n < LATENCY; n++) {
		done = 0
		await sleep(20 + Math.random() * 30)
		startedAt = performance.now()
		await engine.add({ n })
		while (done < 1) await sleep(1)
	}
	await engine.stop()
	await close()
	return { describe: engine.describe, enqueueMsPerJob: median(enqueuePerJob), jobsPerSecond: median(perSecond), latency: stats(latencies) }
}

async function competeChild() {
	const PERIODS = positive('periods', args.periods)
	const PERIOD_MS = positive('period-ms', args['period-ms'])
	const WORKERS = positive('workers', args.workers)
	const startAt = Number(args['start-at'])
	const { engine, close } = await openEngine(args.engine as EngineName, args.database as DatabaseKind, args.url, args.dir!)
	const me = `${process.pid}`
	await engine.start(WORKERS, async (payload) => {
		if (payload.period !== undefined) await engine.query(`INSERT INTO bench_runs (period, worker) VALUES ($1, $2)`, [payload.period, me])
	})
	// Each worker asks once per period, at a random moment in it.
	await Promise.all(
		Array.from({ length: WORKERS }, async () => {
			for (let period = 0; period < PERIODS; period++) {
				await sleep(startAt + period * PERIOD_MS + Math.random() * PERIOD_MS * 0.8 - Date.now())
				await engine.add({ n: period, period }, `tick:${period}`)
			}
		}),
	)
	// Long enough for every engine's poll to pick up the last period's jobs.
	await sleep(startAt + PERIODS * PERIOD_MS + 5_000 - Date.now())
	await engine.stop()
	await close()
	return { describe: engine.describe }
}

// ─── The parent: databases, children, the report ───────────────────────────────────────────────

type ChildResult = Record<string, unknown>

function child(extra: string[], env: Record<string, string>): Promise<ChildResult> {
	return new Promise((resolve, reject) => {
		const proc = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench-jobs.ts', ...extra], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
		let out = ''
		let err = ''
		proc.stdout.on('data', (chunk) => (out += chunk))
		proc.stderr.on('data', (chunk) => (err += chunk))
		// A child that stalls (an engine stuck behind PGlite's socket) is stopped and reported, not waited for.
		const timer = setTimeout(() => proc.kill('SIGKILL'), CHILD_TIMEOUT_MS)
		proc.on('close', (code, signal) => {
			clearTimeout(timer)
			if (signal === 'SIGKILL') return reject(new Error(`stalled: no result within ${CHILD_TIMEOUT_MS / 1000} s`))
			const line = out.split('\n').find((l) => l.startsWith('RESULT '))
			if (code === 0 && line) resolve(JSON.parse(line.slice(7)))
			else reject(new Error(`a ${extra.join(' ')} child failed (exit ${code}): ${(err || out).trim().split('\n').slice(-5).join(' | ')}`))
		})
	})
}

async function adminQuery(server: URL, sql: string) {
	const client = new pg.Client({ connectionString: server.toString() })
	await client.connect()
	try {
		return (await client.query(sql)).rows
	} finally {
		await client.end()
	}
}

/** A fresh database for one engine: on the server a new database, embedded a new directory (migrated for the outbox). */
async function freshDatabase(engine: EngineName, database: DatabaseKind, server: URL): Promise<{ url?: string; dir: string; env: Record<string, string>; drop: () => Promise<void> }> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-jobs-'))
	const { runMigrations } = await import('#app/utils/migrate.server.ts')
	if (database === 'embedded') {
		const env = { TANDEM_DATA_DIR: dir, DATABASE_URL: '' }
		if (engine === 'outbox') await runMigrations({ env: { ...process.env, ...env } })
		return { dir, env, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) }
	}
	const name = `tandem_bench_jobs_${process.pid}_${engine.replace('-', '_')}`
	await adminQuery(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
	await adminQuery(server, `CREATE DATABASE ${name}`)
	const url = new URL(server)
	url.pathname = `/${name}`
	const env = { DATABASE_URL: url.toString(), TANDEM_DATA_DIR: dir }
	if (engine === 'outbox') await runMigrations({ env: { ...process.env, ...env } })
	return {
		url: url.toString(),
		dir,
		env,
		drop: async () => {
			await adminQuery(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
			fs.rmSync(dir, { recursive: true, force: true })
		},
	}
}

/** Runs per period, counted in the bench's table (for the outbox, in the app's database). */
async function countRuns(engine: EngineName, database: DatabaseKind, db: { url?: string; dir: string; env: Record<string, string> }, periods: number) {
	const rows = (await child(['--role', 'count', '--engine', engine, '--database', database, '--dir', db.dir, '--periods', String(periods), ...(db.url ? ['--url', db.url] : [])], db.env)) as {
		runs: number[]
	}
	return rows.runs
}

async function countChild() {
	const { engine, close } = await openEngine(args.engine as EngineName, args.database as DatabaseKind, args.url, args.dir!)
	const rows = (await engine.query(`SELECT period, count(*)::int AS runs FROM bench_runs GROUP BY period`)) as { period: number; runs: number }[]
	const runs = Array.from({ length: positive('periods', args.periods) }, (_, period) => rows.find((row) => row.period === period)?.runs ?? 0)
	await engine.stop()
	await close()
	return { runs }
}

async function main() {
	const server = new URL(args['database-url'] ?? process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres')
	const databases = args.databases!.split(',').map((d) => d.trim()) as DatabaseKind[]
	for (const d of databases) if (d !== 'server' && d !== 'embedded') throw new Error(`--databases takes server and/or embedded (got "${d}")`)
	const wanted = (args.engines?.split(',').map((e) => e.trim()) ?? [...ENGINES]) as EngineName[]
	for (const e of wanted) if (!ENGINES.includes(e)) throw new Error(`--engines takes ${ENGINES.join(', ')} (got "${e}")`)
	const engines: EngineName[] = []
	for (const engine of wanted) {
		if (engine === 'outbox' || (await installed(ENGINE_MODULES[engine][0]!))) engines.push(engine)
		else log(`${engine} is not installed: measuring without it (npm install --no-save --ignore-scripts graphile-worker@0.17.3 pg-boss@10.4.2 @electric-sql/pglite-socket@0.0.22).`)
	}
	const socket = await installed(SOCKET_MODULE)
	const N = positive('jobs', args.jobs)
	const P = positive('processes', args.processes)
	const PERIODS = positive('periods', args.periods)
	const PERIOD_MS = positive('period-ms', args['period-ms'])

	log(`Method (${os.cpus().length} cores, Node ${process.version}; ${new Date().toISOString().slice(0, 10)}):`)
	log(`  throughput: ${N} no-op jobs enqueued one statement at a time while one worker runs; enqueue time per job and jobs done per second, median of ${args.repeats} repeats.`)
	log(`  latency: ${args['latency-jobs']} jobs one at a time, 20–50 ms apart, to an idle worker: enqueue to handler, median and p95.`)
	log(`  duplicates: ${P} workers (server: ${P} processes; embedded: ${P} workers in one process) each ask for every one of ${PERIODS} periods of ${PERIOD_MS} ms once,`)
	log(`    at a random moment in its first 80 %; extra runs = runs beyond one per period (0 is right). Each engine gets a fresh database.`)

	const report: Record<string, Record<string, ChildResult>> = {}
	for (const database of databases) {
		report[database] = {}
		for (const engine of engines) {
			if (database === 'embedded' && engine !== 'outbox' && !socket) {
				log(`${engine} on embedded: skipped (${SOCKET_MODULE} is not installed).`)
				continue
			}
			const db = await freshDatabase(engine, database, server)
			try {
				const base = ['--engine', engine, '--database', database, '--dir', db.dir, ...(db.url ? ['--url', db.url] : [])]
				const began = performance.now()
				log(`${database} / ${engine}: throughput and latency…`)
				const throughput = await child(['--role', 'throughput', ...base, '--jobs', String(N), '--latency-jobs', args['latency-jobs']!, '--repeats', args.repeats!], db.env)
				log(`${database} / ${engine}: ${P} competing workers over ${PERIODS} periods…`)
				const startAt = Date.now() + 8_000
				const compete = ['--role', 'compete', ...base, '--periods', String(PERIODS), '--period-ms', String(PERIOD_MS), '--start-at', String(startAt)]
				if (database === 'server') await Promise.all(Array.from({ length: P }, () => child(compete, db.env)))
				else await child([...compete, '--workers', String(P)], db.env)
				const runs = await countRuns(engine, database, db, PERIODS)
				log(`${database} / ${engine}: ${((performance.now() - began) / 1000).toFixed(0)} s`)
				report[database][engine] = { ...throughput, runs, extraRuns: runs.reduce((sum, r) => sum + Math.max(0, r - 1), 0), missedPeriods: runs.filter((r) => r === 0).length }
			} catch (error) {
				log(`${database} / ${engine}: failed: ${(error as Error).message}`)
				report[database][engine] = { error: (error as Error).message }
			} finally {
				await db.drop()
			}
		}
	}

	for (const [database, byEngine] of Object.entries(report)) {
		log('')
		log(`${database === 'server' ? 'PostgreSQL server' : 'Embedded (PGlite)'}:`)
		log(`  ${'engine'.padEnd(16)} ${'enqueue/job'.padStart(11)} ${'jobs/s'.padStart(8)} ${'latency p50'.padStart(11)} ${'p95'.padStart(9)}  ${'extra runs'.padStart(10)}  runs per period`)
		const outbox = byEngine.outbox as { enqueueMsPerJob: number; jobsPerSecond: number; latency: { p50: number } } | undefined
		for (const [engine, r] of Object.entries(byEngine)) {
			if ('error' in r) {
				log(`  ${engine.padEnd(16)} failed: ${String(r.error).slice(0, 160)}`)
				continue
			}
			const x = r as { enqueueMsPerJob: number; jobsPerSecond: number; latency: { p50: number; p95: number }; extraRuns: number; missedPeriods: number; runs: number[] }
			log(
				`  ${engine.padEnd(16)} ${`${x.enqueueMsPerJob.toFixed(2)} ms`.padStart(11)} ${x.jobsPerSecond.toFixed(0).padStart(8)} ${`${x.latency.p50.toFixed(1)} ms`.padStart(11)} ${`${x.latency.p95.toFixed(0)} ms`.padStart(9)}  ${String(x.extraRuns).padStart(10)}  [${x.runs.join(' ')}]${x.missedPeriods ? ` (${x.missedPeriods} missed)` : ''}`,
			)
		}
		if (outbox) {
			for (const [engine, r] of Object.entries(byEngine)) {
				if (engine === 'outbox' || 'error' in r) continue
				const x = r as { enqueueMsPerJob: number; jobsPerSecond: number; latency: { p50: number } }
				log(
					`  ${engine} ÷ outbox: enqueue ${(x.enqueueMsPerJob / outbox.enqueueMsPerJob).toFixed(2)}×, throughput ${(x.jobsPerSecond / outbox.jobsPerSecond).toFixed(2)}×, latency ${(x.latency.p50 / outbox.latency.p50).toFixed(1)}×`,
				)
			}
		}
		for (const [engine, r] of Object.entries(byEngine)) if ('describe' in r) log(`  (${engine}: ${r.describe})`)
	}
	if (args.json) console.log(JSON.stringify(report))
}

const role = args.role
try {
	if (role === 'throughput') console.log(`RESULT ${JSON.stringify(await throughputChild())}`)
	else if (role === 'compete') console.log(`RESULT ${JSON.stringify(await competeChild())}`)
	else if (role === 'count') console.log(`RESULT ${JSON.stringify(await countChild())}`)
	else await main()
	process.exit(0)
} catch (error) {
	console.error('Error:', error instanceof Error ? error.message : error)
	process.exit(1)
}
