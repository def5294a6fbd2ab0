// `npm run soak`: proves the multi-process design (docs/product.md §10, ADR 0012). On a fresh
// database on the PostgreSQL server, migrated and seeded with the demo data by the admin CLI, it
// runs the production build as production runs it — app servers (`dist/start.js`, WORKER=off)
// and separate workers (`dist/worker.js`) — with an SMTP sink of its own; posts a burst of
// referrals through the clinic API from concurrent clients spread over the servers; kills one
// worker with SIGKILL once offers are flowing; waits for the outbox to drain; and checks that every
// effect happened exactly once (scripts/soak/effects.ts) and that the audit chain is intact. Any
// lost or doubled effect, any answer other than 201 and any broken link exits 1, naming it.
// docs/operations.md ("Scaling out") says how to read its report.
//
//   npm run soak -- [--referrals 60] [--clients 12] [--servers 2] [--workers 2] [--no-kill]
//                   [--database-url postgresql://…/postgres] [--port 0] [--smtp-port 0]
//                   [--drain-timeout SECONDS] [--keep] [--json]
//
// --port and --smtp-port 0 (the default) take free ports; --port P puts the servers on P, P+1, ….
// The killed worker's jobs stay leased to it until their lease runs out unrenewed (LEASE_MS, 30 s,
// a constant of the outbox; a live worker renews it while it holds them), so a run that kills waits
// up to that long for them; --no-kill leaves the workers alone.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import net, { type AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { referralReference } from '#app/domain/notifications/lifecycle-notices.ts'
import { LEASE_MS } from '#app/domain/outbox/outbox.server.ts'
import { apiReferralBody } from '#tests/factories/referrals.ts'
import { ms, positive, stats } from './bench/bench-database.ts'
import { findProblems, type Effects, type Problem } from './soak/effects.ts'
import { startSmtpSink, type SmtpSink } from './soak/smtp-sink.ts'

const { values: args } = parseArgs({
	options: {
		referrals: { type: 'string', default: '60' },
		clients: { type: 'string', default: '12' },
		servers: { type: 'string', default: '2' },
		workers: { type: 'string', default: '2' },
		'no-kill': { type: 'boolean', default: false },
		'database-url': { type: 'string' },
		port: { type: 'string', default: '0' },
		'smtp-port': { type: 'string', default: '0' },
		'drain-timeout': { type: 'string' },
		keep: { type: 'boolean', default: false },
		json: { type: 'boolean', default: false },
	},
})

const REFERRALS = positive('referrals', args.referrals)
const CLIENTS = Math.min(REFERRALS, positive('clients', args.clients))
const SERVERS = positive('servers', args.servers)
const WORKERS = positive('workers', args.workers)
const KILL = !args['no-kill']
if (KILL && WORKERS < 2) usage('--workers must be at least 2 when one is killed (or add --no-kill).')
const PORT = port('port', args.port)
const SMTP_PORT = port('smtp-port', args['smtp-port'])
// Long enough for a killed worker's jobs to be taken again after their lease, and a few passes more.
const DRAIN_TIMEOUT_MS = args['drain-timeout'] === undefined ? LEASE_MS + 180_000 : positive('drain-timeout', args['drain-timeout']) * 1000
/** The clinic API's limit is 600 calls a minute per key (docs/api.md): the clients stay under it, with room. */
const CALLS_PER_MINUTE = 570
/** A job due within this long still counts as work left: a retry's backoff starts at 30 s. */
const DUE_HORIZON_SECONDS = 60
const DEMO_CLINIC_ADMIN = 'tx.admin@tandem.example'
const PATIENT_STATES = ['TX', 'WA', 'CO', 'FL', 'NY', 'CA', 'AZ', 'MN']

const server = new URL(args['database-url'] ?? process.env.SOAK_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres')
const DATABASE = `tandem_soak_${process.pid}`
const databaseUrl = new URL(server)
databaseUrl.pathname = `/${DATABASE}`

const out = args.json ? process.stderr : process.stdout
const log = (line = '') => out.write(`${line}\n`)
const started = performance.now()
const clock = () => `${((performance.now() - started) / 1000).toFixed(1)} s`

function usage(message: string): never {
	console.error(`Error: ${message}`)
	process.exit(1)
}

function port(name: string, value: string | undefined) {
	const n = Number(value)
	if (!Number.isInteger(n) || n < 0 || n > 65_535) usage(`--${name} must be a port number, or 0 for a free one (got "${value}").`)
	return n
}

type Child = { name: string; process: ChildProcess; logFile: string; exited: Promise<number | null> }
const children: Child[] = []
const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-soak-'))
let sink: SmtpSink | null = null
let databaseCreated = false
let databaseDropped = false

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
// Other work on the machine shares its cores with every process of the soak: the report says how much there was.
const loadNow = () => os.loadavg()[0]!.toFixed(1)
const loadAtStart = loadNow()

async function main(): Promise<Problem[]> {
	await ensureBuild()
	const cpus = os.cpus()
	log(`Soak: ${REFERRALS} referrals from ${CLIENTS} concurrent clients over ${SERVERS} app servers and ${WORKERS} workers${KILL ? ', one worker killed with SIGKILL once offers flow' : ''}.`)
	log(`Database ${DATABASE} on ${server.host} (${args.keep ? 'kept afterwards' : 'dropped afterwards'}); logs in ${logDir}.`)

	// The database: fresh, migrated and seeded by the admin CLI (production never seeds by itself).
	const admin = new pg.Client({ connectionString: server.toString() })
	await admin.connect()
	await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(DATABASE)}`)
	databaseCreated = true
	await admin.end()
	const pool = new pg.Pool({ connectionString: databaseUrl.toString(), max: 2 })
	// pool.end() resolves before its connections have closed; dropping the database then ends them
	// from the server's side, which the pool reports here instead of crashing the soak.
	pool.on('error', (error) => {
		if (!databaseDropped) console.error(`Database connection: ${error.message}`)
	})
	try {
		return await soak(pool, cpus)
	} finally {
		await pool.end()
	}
}

async function soak(pool: pg.Pool, cpus: os.CpuInfo[]): Promise<Problem[]> {
	const sessionSecret = randomBytes(32).toString('hex')
	sink = await startSmtpSink(SMTP_PORT)
	const ports = PORT ? Array.from({ length: SERVERS }, (_, i) => PORT + i) : await Promise.all(Array.from({ length: SERVERS }, freePort))
	const origins = ports.map((p) => `http://127.0.0.1:${p}`)
	const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
		...process.env,
		NODE_ENV: 'production',
		DATABASE_URL: databaseUrl.toString(),
		TANDEM_DATA_DIR: logDir,
		SESSION_SECRET: sessionSecret,
		APP_URL: origins[0]!,
		SMTP_URL: `smtp://127.0.0.1:${sink!.port}`,
		WORKER: 'off',
		LOG_LEVEL: 'info',
		...extra,
	})

	let t = performance.now()
	const seeded = adminCommand(env(), ['seed'])
	const { rows: clinicRows } = await pool.query<{ clinicId: string; name: string }>(
		`SELECT m."clinicId", c.name FROM "ClinicMember" m JOIN "User" u ON u.id = m."userId" JOIN "Clinic" c ON c.id = m."clinicId" WHERE u.email = $1`,
		[DEMO_CLINIC_ADMIN],
	)
	const clinic = clinicRows[0] ?? usage(`the demo data has no clinic with ${DEMO_CLINIC_ADMIN} in it`)
	const key = adminCommand(env(), ['create-api-key', '--clinic', clinic.clinicId, '--name', 'Soak']) as { id: string; key: string }
	log(`Migrated and seeded (${seeded.therapists} therapists, ${seeded.clinics} clinics) and created an API key for ${clinic.name} with the admin CLI in ${seconds(performance.now() - t)}.`)

	t = performance.now()
	const servers = origins.map((origin, i) => startChild(`server-${i + 1}`, 'start.js', env({ PORT: String(ports[i]), HOST: '127.0.0.1', APP_URL: origin })))
	const workers = Array.from({ length: WORKERS }, (_, i) => startChild(`worker-${i + 1}`, 'worker.js', env()))
	await Promise.all([
		...servers.map((s, i) => waitUntil(s, async () => (await fetch(`${origins[i]}/readyz`).catch(() => null))?.status === 200)),
		...workers.map((w) => waitUntil(w, async () => readLog(w).includes('doing due jobs'))),
	])
	log(`Servers ${origins.join(', ')} ready and ${WORKERS} workers polling (every 5 s) in ${seconds(performance.now() - t)}; SMTP sink on 127.0.0.1:${sink.port}.`)

	const { rows: before } = await pool.query<{ id: string }>(`SELECT id FROM "Referral" WHERE "clinicId" = $1`, [clinic.clinicId])
	const existing = before.map((r) => r.id)

	// The burst, and beside it the watch that kills a worker once the first rounds are done.
	log()
	const burstStarted = performance.now()
	const watch = KILL ? killOnceOffersFlow(pool, clinic.clinicId, existing, workers[0]!, burstStarted) : Promise.resolve(null)
	const burst = await postBurst(origins, key.key)
	const burstSeconds = (burst.lastAnswerAt - burstStarted) / 1000
	const created = burst.answers.filter((a) => a.status === 201)
	log(
		`Posted ${created.length} of ${REFERRALS} referrals in ${burstSeconds.toFixed(2)} s: ${(created.length / burstSeconds).toFixed(1)} referrals/s${burst.pausedMs ? ` (paused ${seconds(burst.pausedMs)} to stay under the API's limit)` : ''}.`,
	)
	const refused = burst.answers.filter((a) => a.status !== 201)
	for (const a of refused.slice(0, 10)) log(`  ${a.status} from ${a.origin}: ${a.detail}`)
	const kill = await watch
	if (kill)
		log(
			`Killed ${kill.name} (pid ${kill.pid}) with SIGKILL at ${seconds(kill.atMs)} after the burst began, when the first round of ${kill.roundsDone} referral${kill.roundsDone === 1 ? '' : 's'} was done; ${kill.held.length} jobs were held under a lease then.`,
		)

	const survivors = [...servers, ...workers].filter((c) => c.process.pid !== kill?.pid)
	const gone = () => survivors.filter((c) => c.process.exitCode !== null || c.process.signalCode !== null)
	const drain = await waitForDrain(pool, kill, () => workers.some((w) => !gone().includes(w) && w.process.pid !== kill?.pid))
	log(drain.ok ? `The outbox drained ${seconds(drain.atMs - burstStarted)} after the burst began.` : `The outbox did not drain${drain.why}.`)

	// Everyone stops gracefully (the killed worker is already gone); nobody may have stopped by itself.
	const early = gone().map((c) => ({
		kind: 'failed' as const,
		effect: 'process',
		detail: `${c.name} stopped by itself during the run (${c.process.signalCode ?? `exit ${c.process.exitCode}`}; log: ${c.logFile})`,
	}))
	const stopping = survivors.filter((c) => !gone().includes(c))
	const exits = await Promise.all(stopping.map((c) => stopChild(c)))
	await sink.close()
	const badExits = [
		...early,
		...stopping.flatMap((c, i) => (exits[i] === 0 ? [] : [{ kind: 'failed' as const, effect: 'process', detail: `${c.name} exited with ${exits[i]} on SIGTERM (log: ${c.logFile})` }])),
	]

	const effects = await collectEffects(
		pool,
		clinic.clinicId,
		existing,
		key.id,
		burst.answers.length,
		created.map((a) => a.id!),
	)
	const problems = [...refused.map((a) => ({ kind: 'failed' as const, effect: 'API answer', detail: `${a.status} from ${a.origin}: ${a.detail}` })), ...badExits, ...findProblems(effects)]
	const verified = adminCommand(env(), ['verify-audit'], { allowFailure: true })
	if (!verified.ok) problems.push({ kind: 'failed', effect: 'audit chain', detail: verified.error ?? JSON.stringify(verified) })

	const latency = await latencies(pool, effects, burst.answers)
	const taken = kill ? await takenAgain(pool, kill) : null
	const version = (await pool.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version
	const report = {
		method: {
			referrals: REFERRALS,
			clients: CLIENTS,
			servers: SERVERS,
			workers: WORKERS,
			killed: KILL,
			database: `PostgreSQL ${version} on ${server.host}, a fresh database seeded with the demo data (200 therapists, 9 clinics)`,
			machine: `${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average ${loadAtStart} at the start, ${loadNow()} at the end`,
			processes: `${SERVERS} × node dist/start.js (NODE_ENV=production, WORKER=off), ${WORKERS} × node dist/worker.js, this script (clients and SMTP sink); one PostgreSQL server`,
			timing:
				'posting: performance.now() around each call, until its body was read; posted → offers sent: the earliest offer’s sentAt minus the referral’s postedAt; posted → emailed: the arrival at the SMTP sink of the last of its round-1 offer emails minus postedAt; percentiles by nearest rank',
		},
		throughput: { posted: created.length, seconds: burstSeconds, perSecond: created.length / burstSeconds, pausedMs: burst.pausedMs },
		latency,
		kill: kill ? { worker: kill.name, atMs: kill.atMs, roundsDone: kill.roundsDone, heldJobs: kill.held.length, takenAgain: taken } : null,
		drain: { ok: drain.ok, msAfterBurstBegan: drain.atMs - burstStarted },
		effects: {
			referrals: effects.referrals.length,
			unfilled: effects.referrals.filter((r) => r.status === 'unfilled').length,
			offers: effects.offers.length,
			referralEvents: effects.referralEvents.length,
			offerEvents: effects.offerEvents.length,
			auditRows: effects.audit.length + effects.apiCalls.audited,
			notifications: effects.notifications.length,
			emailsReceived: effects.received.length,
			emailsSent: effects.emailLog.filter((m) => m.sent).length,
			emailAttemptsInterrupted: effects.emailLog.filter((m) => !m.sent).length,
		},
		auditChain: verified,
		problems,
	}
	printReport(report)
	return problems
}

type Answer = { status: number; ms: number; origin: string; id?: string; detail: string }

/** CLIENTS clients take the next referral until all are posted, each on its own server in turn, within the key's limit. */
async function postBurst(origins: string[], key: string) {
	const answers: Answer[] = []
	const sentAt: number[] = []
	let next = 0
	let pausedMs = 0
	let lastAnswerAt = performance.now()
	const client = async (index: number) => {
		const origin = origins[index % origins.length]!
		for (let i = next++; i < REFERRALS; i = next++) {
			// A sliding minute: no window of the server's can count more than CALLS_PER_MINUTE calls.
			for (;;) {
				const now = performance.now()
				while (sentAt.length && sentAt[0]! <= now - 60_000) sentAt.shift()
				if (sentAt.length < CALLS_PER_MINUTE) break
				const wait = sentAt[0]! + 60_000 - now
				pausedMs += wait
				await new Promise((resolve) => setTimeout(resolve, wait))
			}
			const t = performance.now()
			sentAt.push(t)
			try {
				const response = await fetch(`${origin}/api/v1/referrals`, {
					method: 'POST',
					headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
					body: JSON.stringify(soakReferralBody(i)),
				})
				const text = await response.text()
				lastAnswerAt = performance.now()
				const body = safeJson(text) as { id?: string; detail?: string } | null
				answers.push({ status: response.status, ms: lastAnswerAt - t, origin, id: body?.id, detail: response.status === 201 ? '' : (body?.detail ?? text.slice(0, 200)) })
			} catch (error) {
				lastAnswerAt = performance.now()
				answers.push({ status: 0, ms: lastAnswerAt - t, origin, detail: `no answer: ${(error as Error).message}` })
			}
		}
	}
	await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)))
	return { answers, pausedMs, lastAnswerAt }
}

/** The API factory's referral, varied so that the burst spreads over states, dates and patients. */
function soakReferralBody(index: number) {
	const body = apiReferralBody()
	const day = new Date(Date.now() + (14 + (index % 7)) * 86_400_000).toISOString().slice(0, 10)
	return {
		...body,
		patientState: PATIENT_STATES[index % PATIENT_STATES.length]!,
		dosing: { ...body.dosing, firstSessionAt: `${day}T10:00:00-06:00` },
		patient: { ...body.patient, firstName: 'Soak', lastName: `Patient ${index + 1}`, email: `soak-patient-${index + 1}@example.org` },
	}
}

type Kill = { name: string; pid: number; atMs: number; atEpochMs: number; roundsDone: number; held: { id: string; kind: string }[] }

/** Once the first rounds of the burst's referrals are done, SIGKILL: no chance to finish what it holds. */
async function killOnceOffersFlow(pool: pg.Pool, clinicId: string, existing: string[], worker: Child, burstStarted: number): Promise<Kill> {
	const deadline = Date.now() + 120_000
	for (;;) {
		const { rows } = await pool.query<{ done: number }>(`SELECT count(*)::int AS done FROM "Referral" WHERE "clinicId" = $1 AND NOT (id = ANY($2)) AND ("matchingRound" > 0 OR status = 'unfilled')`, [
			clinicId,
			existing,
		])
		const roundsDone = rows[0]!.done
		if (roundsDone > 0 || Date.now() > deadline) {
			worker.process.kill('SIGKILL')
			const atMs = performance.now() - burstStarted
			const atEpochMs = Date.now()
			await worker.exited
			// What was held under a lease at the kill: the killed worker's jobs, and the other's current batch.
			const { rows: held } = await pool.query<{ id: string; kind: string }>(`SELECT id, kind FROM "OutboxJob" WHERE "doneAt" IS NULL AND "lockedUntil" > timezone('UTC', now())`)
			return { name: worker.name, pid: worker.process.pid!, atMs, atEpochMs, roundsDone, held }
		}
		await new Promise((resolve) => setTimeout(resolve, 100))
	}
}

/** Until no job is due (or due within DUE_HORIZON_SECONDS) and none is held, twice in a row. */
async function waitForDrain(pool: pg.Pool, kill: Kill | null, aWorkerRuns: () => boolean): Promise<{ ok: boolean; atMs: number; why: string }> {
	const deadline = performance.now() + DRAIN_TIMEOUT_MS
	let quiet = 0
	// Held jobs nobody finishes for ten seconds (two passes) are the killed worker's: a live worker finishes a job in far less.
	let stuck = { ids: '', since: performance.now(), told: false }
	while (performance.now() < deadline) {
		if (!aWorkerRuns()) return { ok: false, atMs: performance.now(), why: ': no worker is running any more' }
		const { rows } = await pool.query<{ due: number; held: string[]; leaseEnds: number | null }>(
			`SELECT count(*) FILTER (WHERE "lockedUntil" IS NULL OR "lockedUntil" <= timezone('UTC', now()))::int AS due,
				coalesce(array_agg(id ORDER BY id) FILTER (WHERE "lockedUntil" > timezone('UTC', now())), '{}') AS held,
				extract(epoch FROM max("lockedUntil")) * 1000 AS "leaseEnds"
			FROM "OutboxJob" WHERE "doneAt" IS NULL AND ("runAt" <= timezone('UTC', now()) + make_interval(secs => ${DUE_HORIZON_SECONDS}) OR "lockedUntil" > timezone('UTC', now()))`,
		)
		const { due, held, leaseEnds } = rows[0]!
		if (due + held.length === 0) {
			if (++quiet === 2) return { ok: true, atMs: performance.now(), why: '' }
		} else quiet = 0
		if (held.join() !== stuck.ids) stuck = { ids: held.join(), since: performance.now(), told: false }
		else if (kill && due === 0 && held.length > 0 && leaseEnds && !stuck.told && performance.now() - stuck.since > 10_000) {
			stuck.told = true
			log(
				`Waiting for ${held.length} job${held.length === 1 ? '' : 's'} the killed worker held: ${held.length === 1 ? 'its lease ends' : 'their leases end'} in ${seconds(Number(leaseEnds) - Date.now())} (LEASE_MS, ${LEASE_MS / 1000} s unrenewed, a constant of the outbox).`,
			)
		}
		await new Promise((resolve) => setTimeout(resolve, 1_000))
	}
	return { ok: false, atMs: performance.now(), why: ` within ${seconds(DRAIN_TIMEOUT_MS)}` }
}

/** The jobs held at the kill that a worker claimed again after their lease (the killed worker's), and when they were done. */
async function takenAgain(pool: pg.Pool, kill: Kill) {
	const { rows } = await pool.query<{ id: string; kind: string; attempts: number; doneAt: number | null }>(
		`SELECT id, kind, attempts, extract(epoch FROM "doneAt") * 1000 AS "doneAt" FROM "OutboxJob" WHERE id = ANY($1)`,
		[kill.held.map((j) => j.id)],
	)
	const again = rows.filter((j) => j.attempts > 1)
	return {
		jobs: again.length,
		kinds: [...new Set(again.map((j) => j.kind))].sort(),
		doneAfterKillMs: again.map((j) => (j.doneAt === null ? null : Number(j.doneAt) - kill.atEpochMs)),
		// Email jobs are deleted once done, at the next hourly purge.
		missing: kill.held.length - rows.length,
	}
}

async function collectEffects(pool: pg.Pool, clinicId: string, existing: string[], apiKeyId: string, answered: number, posted: string[]): Promise<Effects> {
	const q = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => (await pool.query<T>(text, values)).rows
	const referrals = await q<{ id: string; status: string; matchingRound: number }>(`SELECT id, status::text, "matchingRound" FROM "Referral" WHERE "clinicId" = $1 AND NOT (id = ANY($2))`, [
		clinicId,
		existing,
	])
	const ids = referrals.map((r) => r.id)
	const offers = await q<Effects['offers'][number]>(
		`SELECT o.id, o."referralId", o."therapistId", o.round, coalesce(u.email, t.email) AS "therapistEmail"
		FROM "Offer" o JOIN "Therapist" t ON t.id = o."therapistId" LEFT JOIN "User" u ON u.id = t."userId" WHERE o."referralId" = ANY($1)`,
		[ids],
	)
	const offerIds = offers.map((o) => o.id)
	const audit = await q<Effects['audit'][number]>(
		`SELECT action, "entityId", details->>'from' AS "from", details->>'to' AS "to" FROM "AuditEvent"
		WHERE (action IN ('referral.created', 'referral.status_changed') AND "entityId" = ANY($1)) OR (action = 'offer.status_changed' AND details->>'referralId' = ANY($1))`,
		[ids],
	)
	const [{ audited }] = (await q<{ audited: number }>(
		`SELECT count(*)::int AS audited FROM "AuditEvent" WHERE action = 'api.request' AND entity = 'api_key' AND "entityId" = $1 AND details->>'method' = 'POST' AND details->>'path' = '/api/v1/referrals'`,
		[apiKeyId],
	)) as [{ audited: number }]
	const [left, failed] = await Promise.all([
		q<{ id: string; kind: string; why: string }>(
			`SELECT id, kind, CASE WHEN "lockedUntil" > timezone('UTC', now()) THEN 'held under a lease until ' || "lockedUntil" || ' UTC' ELSE 'due at ' || "runAt" || ' UTC, attempt ' || attempts || coalesce(', last error: ' || "lastError", '') END AS why
			FROM "OutboxJob" WHERE "doneAt" IS NULL AND ("runAt" <= timezone('UTC', now()) + make_interval(secs => ${DUE_HORIZON_SECONDS}) OR "lockedUntil" > timezone('UTC', now()))`,
		),
		q<{ id: string; kind: string; error: string | null }>(`SELECT id, kind, "lastError" AS error FROM "OutboxJob" WHERE "failedAt" IS NOT NULL`),
	])
	return {
		posted,
		referrals,
		offers,
		referralEvents: await q(`SELECT "referralId", "fromStatus"::text AS "from", "toStatus"::text AS "to" FROM "ReferralEvent" WHERE "referralId" = ANY($1)`, [ids]),
		offerEvents: await q(`SELECT "offerId", "fromStatus"::text AS "from", "toStatus"::text AS "to" FROM "OfferEvent" WHERE "offerId" = ANY($1)`, [offerIds]),
		audit,
		apiCalls: { answered, audited },
		notifications: await q(`SELECT "userId", kind, href FROM "Notification" WHERE "referralId" = ANY($1)`, [ids]),
		emailLog: await q(`SELECT "to", subject, "sentAt" IS NOT NULL AS sent FROM "EmailMessage" WHERE transport = 'smtp'`),
		received: sink!.received.map(({ to, subject }) => ({ to, subject })),
		jobs: { left, failed },
	}
}

async function latencies(pool: pg.Pool, effects: Effects, answers: Answer[]) {
	const ids = effects.referrals.map((r) => r.id)
	const { rows } = await pool.query<{ id: string; postedAt: number; firstSent: number | null }>(
		`SELECT r.id, extract(epoch FROM r."postedAt") * 1000 AS "postedAt", extract(epoch FROM min(o."sentAt")) * 1000 AS "firstSent"
		FROM "Referral" r LEFT JOIN "Offer" o ON o."referralId" = r.id AND o.round = 1 WHERE r.id = ANY($1) GROUP BY r.id`,
		[ids],
	)
	const offersSent: number[] = []
	const emailed: number[] = []
	for (const r of rows) {
		if (r.firstSent === null) continue
		offersSent.push(Number(r.firstSent) - Number(r.postedAt))
		const reference = referralReference(r.id)
		const arrivals = effects.offers
			.filter((o) => o.referralId === r.id && o.round === 1)
			.map((o) => sink!.received.find((m) => m.to.toLowerCase() === o.therapistEmail.toLowerCase() && m.subject.includes(reference))?.at)
		if (arrivals.length && arrivals.every((at) => at !== undefined)) emailed.push(Math.max(...(arrivals as number[])) - Number(r.postedAt))
	}
	return { posting: stats(answers.map((a) => a.ms)), offersSent: stats(offersSent), emailed: stats(emailed) }
}

function printReport(report: {
	method: Record<string, unknown>
	latency: Record<string, ReturnType<typeof stats>>
	effects: Record<string, number>
	auditChain: Record<string, unknown>
	problems: Problem[]
	kill: { heldJobs: number; takenAgain: { jobs: number; kinds: string[]; doneAfterKillMs: (number | null)[]; missing: number } | null } | null
}) {
	if (args.json) {
		console.log(JSON.stringify(report, null, 2))
		return
	}
	const m = report.method
	log()
	log(`Method: ${m.processes}. ${m.database}. Timing: ${m.timing}.`)
	log(`Machine: ${m.machine}.`)
	log()
	log(`                                       n      p50      p95      p99`)
	const row = (label: string, s: ReturnType<typeof stats>) =>
		log(s.n === 0 ? `${label.padEnd(36)}  0        –        –        –` : `${label.padEnd(36)}${String(s.n).padStart(3)} ${ms(s.p50).padStart(8)} ${ms(s.p95).padStart(8)} ${ms(s.p99).padStart(8)}`)
	row('POST /api/v1/referrals', report.latency.posting!)
	row('posted → offers sent', report.latency.offersSent!)
	row('posted → offer emails received', report.latency.emailed!)
	log()
	const e = report.effects
	log(
		`Effects: ${e.referrals} referrals (${e.unfilled} unfilled), ${e.offers} offers, ${e.referralEvents} referral and ${e.offerEvents} offer events, ${e.auditRows} audit rows, ${e.notifications} notifications; ${e.emailsReceived} emails received, ${e.emailsSent} sent by the email log${e.emailAttemptsInterrupted ? ` (and ${e.emailAttemptsInterrupted} attempts cut short)` : ''}.`,
	)
	if (report.kill) {
		const taken = report.kill.takenAgain!
		const after = taken.doneAfterKillMs.filter((x): x is number => x !== null)
		log(
			taken.jobs > 0
				? `The killed worker's ${taken.jobs} job${taken.jobs === 1 ? '' : 's'} (${taken.kinds.join(', ')}) ${taken.jobs === 1 ? 'was' : 'were'} claimed again after the lease and done ${after.length ? `${seconds(Math.min(...after))}–${seconds(Math.max(...after))}` : ''} after the kill.`
				: `No job held at the kill was claimed again: the killed worker held none${taken.missing ? ` still in the outbox (${taken.missing} done email jobs were purged)` : ''}, so this run did not exercise a lease's takeover.`,
		)
	}
	log(`Audit chain: ${report.auditChain.ok ? `${report.auditChain.events} events, intact` : 'BROKEN'}.`)
	log()
	if (report.problems.length === 0) log('Exactly once: every effect happened once; nothing lost, nothing doubled.')
	else {
		log(`FAILED: ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}:`)
		for (const p of report.problems.slice(0, 50)) log(`  ${p.kind} ${p.effect}: ${p.detail}`)
		if (report.problems.length > 50) log(`  … and ${report.problems.length - 50} more (--json lists them all)`)
	}
	log(`Total ${clock()}.`)
}

// ── processes ────────────────────────────────────────────────────────────────────────────────

/** The production build must be there; the commands are compiled again when their sources changed (a second). */
async function ensureBuild() {
	if (!fs.existsSync('build/server/index.js')) usage('build/server/index.js is missing: run "npm run build" first (the soak runs the production build).')
	const { serverBuildStale, buildServer } = (await import(pathToFileURL(path.resolve('scripts/build-server.js')).href)) as { serverBuildStale: () => boolean; buildServer: () => Promise<void> }
	if (serverBuildStale()) await buildServer()
}

/** A compiled admin command's --json answer; a failure stops the soak unless allowed. */
function adminCommand(env: NodeJS.ProcessEnv, argv: string[], options: { allowFailure?: boolean } = {}): Record<string, unknown> & { ok?: boolean; error?: string } {
	const result = spawnSync(process.execPath, ['dist/admin.js', ...argv, '--json'], { env, encoding: 'utf8', timeout: 300_000 })
	const answer = safeJson(result.stdout.trim().split('\n').at(-1) ?? '') as Record<string, unknown> | null
	if (result.status === 0 && answer) return answer
	const error = result.stderr.trim().split('\n').at(-1) ?? `exit ${result.status}`
	if (options.allowFailure) return { ...answer, ok: false, error }
	throw new Error(`npm run admin -- ${argv.join(' ')} failed: ${error}`)
}

function startChild(name: string, file: string, env: NodeJS.ProcessEnv): Child {
	const logFile = path.join(logDir, `${name}.log`)
	const fd = fs.openSync(logFile, 'w')
	const child = spawn(process.execPath, [`dist/${file}`], { env, stdio: ['ignore', fd, fd] })
	fs.closeSync(fd)
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
	const entry = { name, process: child, logFile, exited }
	children.push(entry)
	return entry
}

const readLog = (child: Child) => fs.readFileSync(child.logFile, 'utf8')

async function waitUntil(child: Child, ready: () => Promise<boolean>, timeoutMs = 180_000) {
	const deadline = Date.now() + timeoutMs
	while (!(await ready())) {
		if (child.process.exitCode !== null) throw new Error(`${child.name} exited with ${child.process.exitCode} before it was ready:\n${readLog(child).split('\n').slice(-10).join('\n')}`)
		if (Date.now() > deadline) throw new Error(`${child.name} was not ready after ${seconds(timeoutMs)}; its log: ${child.logFile}`)
		await new Promise((resolve) => setTimeout(resolve, 250))
	}
}

/** SIGTERM, then the exit code; SIGKILL after 30 s (a graceful stop takes at most 25). */
async function stopChild(child: Child): Promise<number | null> {
	if (child.process.exitCode !== null) return child.process.exitCode
	child.process.kill('SIGTERM')
	const timer = setTimeout(() => child.process.kill('SIGKILL'), 30_000)
	const code = await child.exited
	clearTimeout(timer)
	return code
}

async function freePort(): Promise<number> {
	const probe = net.createServer()
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
	const { port } = probe.address() as AddressInfo
	await new Promise((resolve) => probe.close(resolve))
	return port
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text)
	} catch {
		return null
	}
}

/** Whatever happened: our processes stopped, the sink closed, the database dropped unless kept, the logs removed unless something failed. */
async function cleanUp(keepLogs: boolean) {
	for (const child of children) if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL')
	await Promise.all(children.map((c) => c.exited))
	await sink?.close().catch(() => {})
	if (databaseCreated && !args.keep) {
		const admin = new pg.Client({ connectionString: server.toString() })
		await admin
			.connect()
			.then(() => {
				databaseDropped = true
				return admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(DATABASE)} WITH (FORCE)`)
			})
			.catch((error: Error) => console.error(`Could not drop ${DATABASE}: ${error.message}`))
			.finally(() => admin.end().catch(() => {}))
	}
	if (keepLogs || args.keep) log(`Logs of the servers and workers: ${logDir}`)
	else fs.rmSync(logDir, { recursive: true, force: true })
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => {
		console.error(`\n${signal}: stopping the soak's processes.`)
		void cleanUp(true).finally(() => process.exit(1))
	})
}

let exitCode = 0
try {
	const problems = await main()
	exitCode = problems.length ? 1 : 0
} catch (error) {
	console.error('Error:', error instanceof Error ? error.message : error)
	exitCode = 1
}
await cleanUp(exitCode !== 0)
process.exit(exitCode)
