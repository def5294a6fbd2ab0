// `npm run bench:pages`: how fast the pages people use are, against the compiled app in production
// mode, beside two baselines on the same server: a bare resource route (fixed JSON) and a bare page
// (a fixed loader in the app's layout), which the server serves only with TANDEM_BENCH_ROUTES=1.
// Builds (unless --no-build), seeds a fresh database on the PostgreSQL server with the demo data
// (as `npm run admin -- seed`), makes API keys and patient links with the app's own functions,
// starts `node dist/start.js`, logs in through the real /login form, then runs autocannon against
// each page in turn, and drops the database. Method and targets: docs/performance.md.
//
// With --statements, the server counts what it sends to PostgreSQL (scripts/bench/count-statements.mjs)
// and each page is first fetched five times one at a time, to print its statements per request.
// With --profile DIR, the server runs with Node's --cpu-prof and writes its CPU profile to DIR when it
// stops (open it in Chrome's DevTools, or summarise it with scripts/bench/profile-summary.ts).
//
//   npm run bench:pages -- [--duration 5] [--warmup 1] [--connections 10] [--runs 1] [--port 3300] [--pages 'clinic home,patient page'] [--links 150] [--api-keys 10] [--statements] [--profile DIR] [--no-build] [--check] [--json] [--database-url …] [--keep]
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { benchDatabase, dropBenchDatabase, positive, stats } from './bench/bench-database.ts'

const { values: args } = parseArgs({
	options: {
		duration: { type: 'string', default: '5' },
		warmup: { type: 'string', default: '1' },
		connections: { type: 'string', default: '10' },
		runs: { type: 'string', default: '1' },
		port: { type: 'string', default: '3300' },
		links: { type: 'string', default: '150' },
		'api-keys': { type: 'string', default: '10' },
		pages: { type: 'string' },
		'no-build': { type: 'boolean', default: false },
		check: { type: 'boolean', default: false },
		json: { type: 'boolean', default: false },
		'database-url': { type: 'string' },
		keep: { type: 'boolean', default: false },
		statements: { type: 'boolean', default: false },
		profile: { type: 'string' },
	},
})
const DURATION = positive('duration', args.duration)
const WARMUP = Number(args.warmup)
if (!Number.isInteger(WARMUP) || WARMUP < 0) {
	console.error(`Error: --warmup must be a whole number of seconds, 0 or more (got "${args.warmup}").`)
	process.exit(1)
}
const CONNECTIONS = positive('connections', args.connections)
const RUNS = positive('runs', args.runs)
const PORT = positive('port', args.port)
const LINKS = positive('links', args.links)
const API_KEYS = positive('api-keys', args['api-keys'])
const ORIGIN = `http://127.0.0.1:${PORT}`
const PASSWORD = 'tandem-demo-2026'
// One secret for the seeding process and the server: the demo admin's two-factor key is encrypted with it.
const SESSION_SECRET = randomBytes(32).toString('hex')
process.env.SESSION_SECRET = SESSION_SECRET

/** The targets (docs/performance.md): every page at least half the bare page, the bare page at least a fifth of the bare resource. */
const PAGE_TARGET = 0.5
const BARE_PAGE_TARGET = 0.2
/** The rate limits a patient link's page and the API apply (app/domain/auth/rate-limit.ts), read from the app below. */
let limits: { perLink: number; perIp: number; perKey: number; perKeyWindowSeconds: number }

const target = benchDatabase({ databaseUrl: args['database-url'], keep: args.keep })
const log = (line: string) => (args.json ? process.stderr : process.stdout).write(`${line}\n`)
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-pages-'))
const statementsFile = path.join(workDir, 'statements')
let server: ChildProcess | null = null

type Who = 'anonymous' | 'coordinator' | 'therapist' | 'patient' | 'api'
type Page = { name: string; kind: 'resource' | 'page' | 'bare resource' | 'bare page'; who: Who; path: string; marker: string }
type Measured = { rps: number; p50: number; p95: number; p99: number; ok: number; non2xx: Record<string, number>; errors: number; seconds: number }

async function main() {
	const started = Date.now()
	log(
		`Page benchmark: ${CONNECTIONS} connections, ${WARMUP} s warm-up and ${DURATION} s measured per page, ${RUNS} run${RUNS === 1 ? '' : 's'}, on ${target.server.host} (database ${target.name}, ${target.keep ? 'kept afterwards' : 'dropped afterwards'}).`,
	)
	if (!args['no-build']) build()
	else if (!fs.existsSync('build/server/index.js') || !fs.existsSync('dist/start.js')) throw new Error('--no-build needs an existing production build: run without it, or "npm run build" first.')

	const fixture = await prepare()
	server = await startServer()
	const cookies = { coordinator: await logIn('tx.coordinator@tandem.example'), therapist: await logIn('therapist.tx@tandem.example') }

	const { clinicId, referralId, reference, shortlistName } = fixture
	const all: Page[] = [
		{ name: 'bare resource route', kind: 'bare resource', who: 'anonymous', path: '/bench/resource', marker: 'A fixed page' },
		{ name: 'bare page (coordinator)', kind: 'bare page', who: 'coordinator', path: '/bench/page', marker: 'A fixed page' },
		{ name: 'clinic home', kind: 'page', who: 'coordinator', path: '/home', marker: reference },
		{ name: 'referral list', kind: 'page', who: 'coordinator', path: `/clinics/${clinicId}/referrals`, marker: reference },
		{ name: 'referral page', kind: 'page', who: 'coordinator', path: `/clinics/${clinicId}/referrals/${referralId}`, marker: reference },
		{ name: 'therapist inbox', kind: 'page', who: 'therapist', path: '/therapist/offers', marker: '<h1' },
		{ name: 'patient page', kind: 'page', who: 'patient', path: '/choose/TOKEN', marker: shortlistName },
		{ name: 'API referral', kind: 'resource', who: 'api', path: `/api/v1/referrals/${referralId}`, marker: referralId },
	]
	// --pages picks some pages by name; the baselines always run, as the ratios need them.
	const picked = args.pages?.split(',').map((name) => name.trim())
	const unknown = picked?.filter((name) => !all.some((page) => page.name === name))
	if (unknown?.length) throw new Error(`--pages: no page is called ${unknown.map((name) => `"${name}"`).join(', ')}; the pages are ${all.map((page) => `"${page.name}"`).join(', ')}.`)
	const pages = all.filter((page) => page.kind.startsWith('bare') || !picked || picked.includes(page.name))

	// Each request's identity: a session cookie; for the patient, one of many links opened from one of
	// many addresses (the server trusts the loopback proxy's X-Forwarded-For, as behind a load balancer);
	// for the API, one of several keys. So every link, address and key stays inside its rate limit.
	let patientRequests = 0
	let apiRequests = 0
	const identify = (who: Who, pagePath: string): { path: string; headers: Record<string, string> } => {
		if (who === 'coordinator' || who === 'therapist') return { path: pagePath, headers: { ...BROWSER, cookie: cookies[who] } }
		if (who === 'patient') {
			const n = patientRequests++
			return { path: `/choose/${fixture.tokens[n % fixture.tokens.length]}`, headers: { ...BROWSER, 'x-forwarded-for': patientAddress(n % fixture.addresses) } }
		}
		if (who === 'api') return { path: pagePath, headers: { 'accept-encoding': BROWSER['accept-encoding'], authorization: `Bearer ${fixture.apiKeys[apiRequests++ % fixture.apiKeys.length]}` } }
		return { path: pagePath, headers: { ...BROWSER } }
	}

	// Each page answers as it should before it is measured: a 200 with what it shows.
	const sizes: string[] = []
	for (const page of pages) {
		const request = identify(page.who, page.path)
		const response = await fetch(`${ORIGIN}${request.path}`, { headers: request.headers, redirect: 'manual' })
		const body = await response.text()
		if (response.status !== 200 || !body.includes(page.marker))
			throw new Error(`${page.name} (${page.path}) answered ${response.status}${response.status === 200 ? ` without "${page.marker}"` : ''}: ${body.slice(0, 200)}`)
		sizes.push(`${page.name} ${(Buffer.byteLength(body) / 1024).toFixed(1)} KiB`)
	}
	log(`Answer sizes (before compression): ${sizes.join(', ')}.`)
	log(
		`Patient links: ${fixture.tokens.length}, opened from ${fixture.addresses} addresses (room for ${Math.min(fixture.tokens.length * limits.perLink, fixture.addresses * limits.perIp)} openings); API keys: ${fixture.apiKeys.length} (room for ${fixture.apiKeys.length * limits.perKey} calls a minute).`,
	)

	if (args.statements) {
		const counted: Record<string, number> = {}
		for (const page of pages) {
			const before = await statementsSent()
			for (let i = 0; i < STATEMENT_SAMPLES; i++) {
				const request = identify(page.who, page.path)
				await (await fetch(`${ORIGIN}${request.path}`, { headers: request.headers, redirect: 'manual' })).arrayBuffer()
			}
			counted[page.name] = ((await statementsSent()) - before) / STATEMENT_SAMPLES
		}
		log(
			`Statements per request (${STATEMENT_SAMPLES} requests each, one at a time): ${Object.entries(counted)
				.map(([name, n]) => `${name} ${n}`)
				.join(', ')}.`,
		)
	}

	const runs: Map<string, Measured>[] = []
	for (let run = 1; run <= RUNS; run++) {
		const results = new Map<string, Measured>()
		for (const page of pages) {
			if (WARMUP > 0) await measure(page, WARMUP, identify)
			const measured = await measure(page, DURATION, identify)
			results.set(page.name, measured)
			const bad = Object.entries(measured.non2xx)
			log(
				`run ${run}: ${page.name.padEnd(24)} ${measured.rps.toFixed(0).padStart(6)} req/s  p50 ${ms(measured.p50)}  p95 ${ms(measured.p95)}  p99 ${ms(measured.p99)}${bad.length ? `  non-2xx: ${bad.map(([s, n]) => `${n}× ${s}`).join(', ')}` : ''}${measured.errors ? `  errors: ${measured.errors}` : ''}`,
			)
		}
		runs.push(results)
	}

	const report = summarize(pages, runs)
	report.method.totalSeconds = Math.round((Date.now() - started) / 1000)
	if (args.json) console.log(JSON.stringify(report, null, 2))
	else printReport(report)
	if (args.check && !report.allMet) process.exitCode = 1
}

function build() {
	log('Building for production (remix vite:build, then scripts/build-server.js)…')
	const env = { ...process.env, NODE_ENV: 'production' as const }
	for (const command of [['node_modules/@remix-run/dev/dist/cli.js', 'vite:build'], ['scripts/build-server.js']]) {
		const result = spawnSync(process.execPath, command, { env, stdio: ['ignore', 'ignore', 'inherit'] })
		if (result.status !== 0) throw new Error(`The build failed (${command.join(' ')}); see above.`)
	}
}

/** A fresh database with the demo data, as `npm run admin -- seed` makes it; API keys and patient links made by the app's own functions. */
async function prepare() {
	const { prepareDatabase } = await import('#app/utils/database-setup.server.ts')
	const { resolveDatabaseTarget } = await import('#app/utils/database-target.server.ts')
	const { closeDatabase, db } = await import('#app/utils/db.server.ts')
	const { seedDemoData } = await import('#prisma/seed.ts')
	const { createApiKey } = await import('#app/domain/clinics/api-keys.server.ts')
	const { createPatientLink, PATIENT_LINK_DAYS } = await import('#app/domain/referrals/patient-links.server.ts')
	const { referralReference } = await import('#app/domain/notifications/lifecycle-notices.ts')
	const { RATE_LIMITS } = await import('#app/domain/auth/rate-limit.ts')
	limits = {
		perLink: RATE_LIMITS.patientLinkPerToken.limit,
		perIp: RATE_LIMITS.patientLinkPerIp.limit,
		perKey: RATE_LIMITS.apiPerKey.limit,
		perKeyWindowSeconds: RATE_LIMITS.apiPerKey.windowSeconds,
	}
	try {
		await prepareDatabase(resolveDatabaseTarget(), { seedIfEmpty: false, createServerDatabase: true })
		const seeded = await seedDemoData(db())
		log(`Seeded the demo data: ${seeded.clinics} clinics, ${seeded.therapists} therapists, ${seeded.referrals} referrals.`)
		const coordinator = await db().user.findUniqueOrThrow({ where: { email: 'tx.coordinator@tandem.example' }, select: { memberships: { select: { clinicId: true } } } })
		const clinicId = coordinator.memberships[0]!.clinicId
		// The clinic's shortlisted referral: its page and its API resource.
		const referral = await db().referral.findFirstOrThrow({ where: { clinicId, status: 'shortlisted' }, orderBy: { createdAt: 'asc' }, select: { id: true } })
		// The patient's page: another clinic's shortlist, so that its many links (below) do not show on this clinic's home.
		const shortlist = await db().referral.findFirstOrThrow({
			where: { clinicId: { not: clinicId }, status: 'shortlisted' },
			orderBy: { createdAt: 'asc' },
			select: { id: true, offers: { where: { status: 'accepted' }, select: { therapist: { select: { fullName: true } } }, orderBy: { therapist: { fullName: 'asc' } }, take: 1 } },
		})
		const now = new Date()
		const tokens: string[] = []
		for (let i = 0; i < LINKS; i++) tokens.push((await createPatientLink(shortlist.id, new Date(now.getTime() + PATIENT_LINK_DAYS * 86_400_000), now)).token)
		const apiKeys: string[] = []
		for (let i = 0; i < API_KEYS; i++) {
			const key = await createApiKey(clinicId, `Page benchmark ${i + 1}`, null)
			if (!key.ok) throw new Error(`Could not make API key ${i + 1}: ${key.problem} (use fewer --api-keys).`)
			apiKeys.push(key.key)
		}
		return {
			clinicId,
			referralId: referral.id,
			reference: referralReference(referral.id),
			// As React writes it into the page.
			shortlistName: (shortlist.offers[0]?.therapist.fullName ?? '<h1').replace(/&/g, '&amp;').replace(/'/g, '&#x27;'),
			tokens,
			apiKeys,
			// Enough addresses that none reaches its limit before the links do.
			addresses: Math.ceil((LINKS * limits.perLink) / limits.perIp),
		}
	} finally {
		await closeDatabase()
	}
}

const STATEMENT_SAMPLES = 5

/** The server's running count of statements sent to PostgreSQL (--statements): asked for with SIGUSR2. */
async function statementsSent(): Promise<number> {
	fs.rmSync(statementsFile, { force: true })
	server!.kill('SIGUSR2')
	for (let waited = 0; waited < 5_000; waited += 20) {
		if (fs.existsSync(statementsFile)) {
			const text = fs.readFileSync(statementsFile, 'utf8')
			if (text) return Number(text)
		}
		await new Promise((resolve) => setTimeout(resolve, 20))
	}
	throw new Error('The server did not report its statement count (--statements).')
}

/** What a browser sends with every page: answers are compressed as they would be for people. */
const BROWSER = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'accept-encoding': 'gzip, deflate, br' }

/** Documentation addresses (RFC 5737), one per simulated patient. */
const patientAddress = (n: number) => `${['192.0.2', '198.51.100', '203.0.113'][n % 3]}.${1 + Math.floor(n / 3)}`

async function startServer(): Promise<ChildProcess> {
	const logFile = path.join(workDir, 'server.log')
	const out = fs.openSync(logFile, 'w')
	const child = spawn(
		process.execPath,
		[...(args.statements ? ['--import', './scripts/bench/count-statements.mjs'] : []), ...(args.profile ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(args.profile)] : []), 'dist/start.js'],
		{
			env: {
				...process.env,
				...(args.statements ? { TANDEM_STATEMENTS_FILE: statementsFile } : {}),
				NODE_ENV: 'production',
				PORT: String(PORT),
				HOST: '127.0.0.1',
				DATABASE_URL: target.url.toString(),
				SESSION_SECRET,
				APP_URL: ORIGIN,
				// Nothing is sent while measuring: the outbox's work waits for a worker that is not started.
				SMTP_URL: 'smtp://127.0.0.1:1',
				WORKER: 'off',
				TRUST_PROXY: 'loopback',
				TANDEM_BENCH_ROUTES: '1',
			},
			stdio: ['ignore', out, out],
		},
	)
	const tail = () => fs.readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n')
	const deadline = Date.now() + 120_000
	for (;;) {
		if (child.exitCode !== null) throw new Error(`The server stopped (exit ${child.exitCode}):\n${tail()}`)
		const ready = await fetch(`${ORIGIN}/readyz`).then(
			(r) => r.status === 200,
			() => false,
		)
		if (ready) break
		if (Date.now() > deadline) throw new Error(`The server was not ready within 2 minutes:\n${tail()}`)
		await new Promise((resolve) => setTimeout(resolve, 250))
	}
	log(`Server: node dist/start.js, NODE_ENV=production, WORKER=off, TRUST_PROXY=loopback, TANDEM_BENCH_ROUTES=1, at ${ORIGIN} (log: ${logFile}).`)
	return child
}

/** Logs in once through the real form, from this site's origin; returns the session cookie. */
async function logIn(email: string): Promise<string> {
	const response = await fetch(`${ORIGIN}/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
		body: new URLSearchParams({ email, password: PASSWORD, redirectTo: '' }),
		redirect: 'manual',
	})
	const cookie = response.headers.getSetCookie().find((c) => c.startsWith('__Host-tandem_session='))
	if (response.status !== 302 || !cookie || response.headers.get('location')?.startsWith('/login'))
		throw new Error(`Logging in as ${email} answered ${response.status} (to ${response.headers.get('location')}).`)
	return cookie.split(';')[0]!
}

/** autocannon against one page for `seconds`: requests per second that answered 2xx, their latencies, and every other status counted. */
function measure(page: Page, seconds: number, identify: (who: Who, path: string) => { path: string; headers: Record<string, string> }): Promise<Measured> {
	const latencies: number[] = []
	const non2xx: Record<string, number> = {}
	return new Promise((resolve, reject) => {
		const instance = autocannon(
			{
				url: ORIGIN,
				connections: CONNECTIONS,
				duration: seconds,
				requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, ...identify(page.who, page.path) }) }],
			},
			(error, result) => {
				if (error) return reject(error)
				const s = stats(latencies.length ? latencies : [Number.NaN])
				resolve({ rps: latencies.length / result.duration, p50: s.p50, p95: s.p95, p99: s.p99, ok: latencies.length, non2xx, errors: result.errors + result.timeouts, seconds: result.duration })
			},
		)
		instance.on('response', (_client, status, _bytes, responseTime) => {
			if (status >= 200 && status < 300) latencies.push(responseTime)
			else non2xx[status] = (non2xx[status] ?? 0) + 1
		})
	})
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b)
	const mid = Math.floor(sorted.length / 2)
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}
const ms = (x: number) => `${x.toFixed(1).padStart(6)} ms`

function summarize(pages: Page[], runs: Map<string, Measured>[]) {
	const barePage = pages.find((p) => p.kind === 'bare page')!.name
	const bareResource = pages.find((p) => p.kind === 'bare resource')!.name
	// Ratios within each run (the same minutes of the same machine), then their median.
	const ratio = (name: string, to: string) => median(runs.map((run) => run.get(name)!.rps / run.get(to)!.rps))
	const rows = pages.map((page) => {
		const all = runs.map((run) => run.get(page.name)!)
		const toBarePage = page.kind === 'page' || page.kind === 'resource' ? ratio(page.name, barePage) : null
		const toBareResource = page.kind === 'bare page' ? ratio(page.name, bareResource) : null
		const non2xx: Record<string, number> = {}
		for (const m of all) for (const [status, n] of Object.entries(m.non2xx)) non2xx[status] = (non2xx[status] ?? 0) + n
		return {
			name: page.name,
			path: page.path.replace(/[a-z0-9]{20,}/gi, ':id').replace('/choose/TOKEN', '/choose/:token'),
			who: page.who,
			rps: median(all.map((m) => m.rps)),
			p50: median(all.map((m) => m.p50)),
			p95: median(all.map((m) => m.p95)),
			p99: median(all.map((m) => m.p99)),
			requests: all.reduce((sum, m) => sum + m.ok, 0),
			non2xx,
			errors: all.reduce((sum, m) => sum + m.errors, 0),
			toBarePage,
			toBareResource,
			met: toBarePage !== null ? toBarePage >= PAGE_TARGET : toBareResource !== null ? toBareResource >= BARE_PAGE_TARGET : null,
		}
	})
	const clean = rows.every((row) => row.errors === 0 && Object.keys(row.non2xx).length === 0)
	const cpus = os.cpus()
	return {
		method: {
			date: new Date().toISOString().slice(0, 10),
			machine: `${cpus.length} × ${cpus[0]?.model.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, load ${os
				.loadavg()
				.map((l) => l.toFixed(1))
				.join(' ')} at the end`,
			cores: cpus.length,
			node: process.version,
			autocannon: (JSON.parse(fs.readFileSync('node_modules/autocannon/package.json', 'utf8')) as { version: string }).version,
			connections: CONNECTIONS,
			warmupSeconds: WARMUP,
			durationSeconds: DURATION,
			runs: RUNS,
			totalSeconds: 0,
		},
		rows,
		targets: { pageToBarePage: PAGE_TARGET, barePageToBareResource: BARE_PAGE_TARGET },
		clean,
		allMet: clean && rows.every((row) => row.met !== false),
	}
}

function printReport(report: ReturnType<typeof summarize>) {
	const m = report.method
	log('')
	log(
		`Method: autocannon ${m.autocannon}, ${m.connections} connections, per page ${m.warmupSeconds} s warm-up (not counted) then ${m.durationSeconds} s measured, pages one after another on one server; ${m.runs} run${m.runs === 1 ? '' : 's'}, medians of the runs (ratios taken within each run). Requests per second count 2xx answers; latencies are of 2xx answers, percentiles by nearest rank.`,
	)
	log(`Machine: ${m.machine}; Node ${m.node}; ${m.date}.`)
	log('')
	log('| page | path | as | req/s | p50 | p95 | p99 | non-2xx | ratio | target |')
	log('| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |')
	for (const row of report.rows) {
		const bad = Object.entries(row.non2xx)
		const ratio = row.toBarePage !== null ? `${row.toBarePage.toFixed(2)} of the bare page` : row.toBareResource !== null ? `${row.toBareResource.toFixed(2)} of the bare resource` : '—'
		const target = row.met === null ? '' : row.toBarePage !== null ? `≥ ${PAGE_TARGET}: ${row.met ? 'met' : '**missed**'}` : `≥ ${BARE_PAGE_TARGET}: ${row.met ? 'met' : '**missed**'}`
		log(
			`| ${row.name} | \`${row.path}\` | ${row.who} | ${row.rps.toFixed(0)} | ${row.p50.toFixed(1)} ms | ${row.p95.toFixed(1)} ms | ${row.p99.toFixed(1)} ms | ${bad.length ? bad.map(([s, n]) => `${n}× ${s}`).join(', ') : '0'}${row.errors ? ` (+${row.errors} errors)` : ''} | ${ratio} | ${target} |`,
		)
	}
	log('')
	if (!report.clean) log('Some answers were not 2xx (or failed): those pages were not measured as they should be.')
	log(`Targets: every page ≥ ${PAGE_TARGET} of the bare page's requests per second, the bare page ≥ ${BARE_PAGE_TARGET} of the bare resource's: ${report.allMet ? 'all met' : 'NOT all met'}.`)
	log(`Total ${m.totalSeconds} s.`)
}

async function stopServer() {
	if (!server || server.exitCode !== null) return
	const exited = new Promise((resolve) => server!.once('exit', resolve))
	server.kill('SIGTERM')
	const timer = setTimeout(() => server?.kill('SIGKILL'), 30_000)
	await exited
	clearTimeout(timer)
}

try {
	await main()
} catch (error) {
	console.error('Error:', error instanceof Error ? error.message : error)
	process.exitCode = 1
} finally {
	await stopServer().catch(() => {})
	if (!target.keep) await dropBenchDatabase(target).catch((error) => console.error('Could not drop the benchmark database:', (error as Error).message))
	if (!args.keep) fs.rmSync(workDir, { recursive: true, force: true })
}
process.exit(process.exitCode ?? 0)
