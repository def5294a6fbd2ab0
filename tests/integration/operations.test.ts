// Operating the app (docs/product.md §10): request ids through to the outbox, /metrics and its
// access, /readyz, and a graceful stop of the built server.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net, { type AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { MIGRATIONS_DIR } from '#app/utils/readiness.server.ts'
import { startTestServer, type TestServer } from '#tests/setup/app-server.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'

const TOKEN = 'abcdefghijklmnopqrstuvwxyz234567'
const METRICS_TOKEN = 'metrics-token-for-the-tests-0123456789'

let development: TestServer
let production: TestServer

beforeAll(async () => {
	development = await startTestServer()
	production = await startTestServer({ production: true, build: development.build, metricsToken: METRICS_TOKEN })
})
afterAll(async () => {
	await production?.close()
	await development?.close()
	await closeDatabase()
})
beforeEach(resetDatabase)

test('a request’s X-Request-Id is echoed, and stored on the job it enqueues', async () => {
	const response = await fetch(`${development.origin}/forgot-password`, {
		method: 'POST',
		headers: { Origin: development.origin, 'Content-Type': 'application/x-www-form-urlencoded', 'X-Request-Id': 'lb-7f3a:42' },
		body: new URLSearchParams({ email: 'someone@example.com' }),
		redirect: 'manual',
	})
	await response.text()
	expect(response.status).toBeLessThan(400)
	expect(response.headers.get('X-Request-Id')).toBe('lb-7f3a:42')
	const jobs = await db().outboxJob.findMany({ where: { kind: 'password_reset' }, select: { requestId: true } })
	expect(jobs).toEqual([{ requestId: 'lb-7f3a:42' }])

	// No id, or a malformed one: the server makes one, and says which.
	const made = await fetch(`${development.origin}/healthz`, { headers: { 'X-Request-Id': 'two words' } })
	expect(made.headers.get('X-Request-Id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
})

test('jobs enqueued outside a request have no request id', async () => {
	const { enqueue } = await import('#app/domain/outbox/outbox.server.ts')
	await enqueue(db(), 'purge', { period: '2026-12-02T10' }, { runAt: new Date() })
	expect(await db().outboxJob.findMany({ select: { requestId: true } })).toEqual([{ requestId: null }])
})

test('/metrics: open in development; in production only with the bearer token', async () => {
	expect((await fetch(`${development.origin}/metrics`)).status).toBe(200)

	expect((await fetch(`${production.origin}/metrics`)).status).toBe(401)
	expect((await fetch(`${production.origin}/metrics`, { headers: { Authorization: 'Bearer wrong-token-of-some-length' } })).status).toBe(401)
	const allowed = await fetch(`${production.origin}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })
	expect(allowed.status).toBe(200)
	expect(allowed.headers.get('Content-Type')).toMatch(/^text\/plain/)

	// Without METRICS_TOKEN, production has no /metrics at all.
	const hidden = await startTestServer({ production: true, build: development.build })
	try {
		expect((await fetch(`${hidden.origin}/metrics`)).status).toBe(404)
		expect((await fetch(`${hidden.origin}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(404)
	} finally {
		await hidden.close()
	}
})

test('the metrics count requests by route pattern, never by a path with a token, and read the outbox', async () => {
	await (await fetch(`${development.origin}/choose/${TOKEN}`)).text()
	await (await fetch(`${development.origin}/choose/${TOKEN}.data`)).text()
	await (await fetch(`${development.origin}/healthz`)).text()
	const { enqueue } = await import('#app/domain/outbox/outbox.server.ts')
	await enqueue(db(), 'purge', { period: '2026-12-02T11' }, { runAt: new Date(Date.now() - 90_000) })

	const text = await (await fetch(`${development.origin}/metrics`)).text()
	expect(text).not.toContain(TOKEN)
	expect(text).toMatch(/^tandem_http_requests_total\{method="GET",route="\/choose\/:token",status="\d{3}"\} [1-9]/m)
	expect(text).toMatch(/^tandem_http_requests_total\{method="GET",route="\/healthz",status="200"\} [1-9]/m)
	expect(text).toMatch(/^tandem_http_request_duration_seconds_bucket\{le="[\d.]+",method="GET",route="\/choose\/:token"\} \d+/m)
	expect(text).toMatch(/^tandem_outbox_due_jobs 1$/m)
	const age = Number(/^tandem_outbox_oldest_due_job_age_seconds ([\d.]+)$/m.exec(text)?.[1])
	expect(age).toBeGreaterThanOrEqual(90)
	expect(age).toBeLessThan(600)
	expect(text).toContain('# TYPE tandem_outbox_job_failures_total counter')
	expect(text).toContain('# TYPE tandem_emails_total counter')
	if (process.env.TEST_DB === 'server') expect(text).toMatch(/^tandem_db_pool_connections\{state="total"\} [1-9]/m)
	else expect(text).not.toMatch(/^tandem_db_pool_connections\{/m)
})

test('/readyz: 200 when the database answers and every migration is applied, 503 naming what is missing', async () => {
	const ready = await fetch(`${development.origin}/readyz`)
	expect(ready.status).toBe(200)
	expect(await ready.json()).toEqual({ status: 'ready' })

	// The code ships a migration the database has not had.
	const migrations = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-migrations-'))
	for (const name of fs.readdirSync(MIGRATIONS_DIR)) fs.cpSync(path.join(MIGRATIONS_DIR, name), path.join(migrations, name), { recursive: true })
	fs.mkdirSync(path.join(migrations, '29991231000000_from_the_future'))
	fs.writeFileSync(path.join(migrations, '29991231000000_from_the_future', 'migration.sql'), 'SELECT 1;\n')
	const ahead = await startTestServer({ build: development.build, migrationsDir: migrations })
	try {
		const notReady = await fetch(`${ahead.origin}/readyz`)
		expect(notReady.status).toBe(503)
		expect(notReady.headers.get('Cache-Control')).toBe('no-store')
		expect(await notReady.json()).toEqual({ status: 'not ready', reason: 'migrations: 1 not applied', pendingMigrations: ['29991231000000_from_the_future'] })
		// Liveness is another question: the process is alive.
		expect((await fetch(`${ahead.origin}/healthz`)).status).toBe(200)
	} finally {
		await ahead.close()
		fs.rmSync(migrations, { recursive: true, force: true })
	}
})

test('SIGTERM: the built server stops taking connections, answers the request in flight, and exits 0', { timeout: 420_000 }, async () => {
	ensureBuilt()
	const port = await freePort()
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-shutdown-'))
	const origin = `http://127.0.0.1:${port}`
	const { child, output, exited } = runCompiled('start.js', {
		PORT: String(port),
		HOST: '127.0.0.1',
		TANDEM_DATA_DIR: dataDir,
		// The test's own database when it is a server's; otherwise an embedded one of its own.
		DATABASE_URL: process.env.TEST_DB === 'server' ? process.env.DATABASE_URL : '',
		APP_URL: origin,
	})
	try {
		await waitFor(() => output().includes('Tandem is running'), 120_000, output)
		// Production logs are JSON lines.
		expect(
			JSON.parse(
				output()
					.split('\n')
					.find((line) => line.includes('Tandem is running'))!,
			),
		).toMatchObject({ level: 30, msg: expect.stringContaining('production') })

		// A slow request: its headers and half its body now, the rest after SIGTERM.
		const body = new URLSearchParams({ email: 'slow@example.com' }).toString()
		const socket = net.connect(port, '127.0.0.1')
		await new Promise((resolve) => socket.once('connect', resolve))
		let answer = ''
		socket.on('data', (chunk) => (answer += chunk))
		const ended = new Promise((resolve) => socket.once('close', resolve))
		socket.write(
			[
				`POST /forgot-password HTTP/1.1`,
				`Host: 127.0.0.1:${port}`,
				`Origin: ${origin}`,
				'Content-Type: application/x-www-form-urlencoded',
				`Content-Length: ${body.length}`,
				'X-Request-Id: slow-request-1',
				'',
				'',
			].join('\r\n') + body.slice(0, 5),
		)
		await new Promise((resolve) => setTimeout(resolve, 300))
		child.kill('SIGTERM')
		await waitFor(() => output().includes('SIGTERM: finishing'), 10_000, output)
		await new Promise((resolve) => setTimeout(resolve, 500))
		expect(child.exitCode).toBeNull()
		// No new connections once stopping.
		await expect(fetch(`${origin}/healthz`)).rejects.toThrow()

		socket.write(body.slice(5))
		await ended
		expect(answer).toMatch(/^HTTP\/1\.1 200 /)
		expect(answer).toMatch(/^X-Request-Id: slow-request-1\r$/im)
		expect(await exited).toBe(0)
		// The access log has the request, under its id.
		const line = output()
			.split('\n')
			.find((l) => l.includes('"requestId":"slow-request-1"') && l.includes('/forgot-password'))
		expect(line).toBeDefined()
		expect(output()).toContain('Stopped.')
	} finally {
		if (child.exitCode === null) child.kill('SIGKILL')
		fs.rmSync(dataDir, { recursive: true, force: true })
	}
})

test('npm run worker, compiled: on the server it keeps doing jobs between passes and stops on SIGTERM with exit 0; on the embedded database it refuses to start', { timeout: 120_000 }, async () => {
	ensureBuilt()
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-worker-'))
	const { child, output, exited } = runCompiled('worker.js', { TANDEM_DATA_DIR: dataDir, APP_URL: 'http://127.0.0.1:1' })
	try {
		if (process.env.TEST_DB !== 'server') {
			expect(await exited).toBe(1)
			expect(output()).toContain('npm run worker needs the PostgreSQL server')
			return
		}
		await waitFor(() => output().includes('doing due jobs'), 60_000, output)
		// It keeps working between passes: a job enqueued after its first pass, once its idle
		// connections have closed, is done by a later pass (a worker whose timer let Node exit did none).
		await new Promise((resolve) => setTimeout(resolve, 6_000))
		expect(child.exitCode).toBeNull()
		const { enqueue } = await import('#app/domain/outbox/outbox.server.ts')
		await enqueue(db(), 'purge', { period: 'after-the-first-pass' }, { runAt: new Date() })
		const deadline = Date.now() + 20_000
		while (!(await db().outboxJob.findFirst({ where: { kind: 'purge', doneAt: { not: null }, payload: { equals: { period: 'after-the-first-pass' } } }, select: { id: true } }))) {
			if (Date.now() > deadline) throw new Error(`The worker did not do a job enqueued after its first pass; its output:\n${output()}`)
			await new Promise((resolve) => setTimeout(resolve, 250))
		}
		child.kill('SIGTERM')
		expect(await exited).toBe(0)
		expect(output()).toContain('Stopped.')
	} finally {
		if (child.exitCode === null) child.kill('SIGKILL')
		fs.rmSync(dataDir, { recursive: true, force: true })
	}
})

test('the compiled commands load no development dependency until development code asks for it', () => {
	ensureBuilt()
	const { devDependencies } = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { devDependencies: Record<string, string> }
	for (const command of ['start.js', 'worker.js', 'admin.js']) {
		// Every package a command imports statically, through the chunks it imports statically.
		const packages = new Set<string>()
		const seen = new Set<string>()
		const visit = (file: string) => {
			if (seen.has(file)) return
			seen.add(file)
			const source = fs.readFileSync(path.join('dist', file), 'utf8')
			for (const [, specifier] of source.matchAll(/^import\s+(?:[^'"]*?\bfrom\s+)?["']([^"']+)["'];?$/gm)) {
				if (specifier!.startsWith('./')) visit(specifier!.slice(2))
				else packages.add(specifier!.startsWith('@') ? specifier!.split('/').slice(0, 2).join('/') : specifier!.split('/')[0]!)
			}
		}
		visit(command)
		expect(packages.size, command).toBeGreaterThan(5)
		expect(
			[...packages].filter((name) => name in devDependencies),
			command,
		).toEqual([])
	}
})

/** The server build (as `npm run build` makes it): the app's when missing, the commands' always (a second). */
function ensureBuilt() {
	if (!fs.existsSync('build/server/index.js')) {
		const app = spawnSync(process.execPath, ['node_modules/@remix-run/dev/dist/cli.js', 'vite:build'], { env: { ...process.env, NODE_ENV: 'production' }, stdio: 'ignore', timeout: 300_000 })
		expect(app.status).toBe(0)
	}
	const commands = spawnSync(process.execPath, ['scripts/build-server.js'], { encoding: 'utf8', timeout: 60_000 })
	expect(commands.stderr).toBe('')
	expect(commands.status).toBe(0)
}

/** A compiled command in production mode, its output (stdout and stderr) collected as it comes. */
function runCompiled(file: string, env: Record<string, string | undefined>) {
	const child = spawn(process.execPath, [`dist/${file}`], {
		env: { ...process.env, NODE_ENV: 'production', SESSION_SECRET: 'a-session-secret-for-the-operations-tests-0123456789', SMTP_URL: 'smtp://127.0.0.1:1', LOG_LEVEL: 'info', ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	let output = ''
	child.stdout.on('data', (chunk) => (output += chunk))
	child.stderr.on('data', (chunk) => (output += chunk))
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
	return { child, output: () => output, exited }
}

async function freePort(): Promise<number> {
	const server = net.createServer()
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
	const { port } = server.address() as AddressInfo
	await new Promise((resolve) => server.close(resolve))
	return port
}

async function waitFor(condition: () => boolean, timeoutMs: number, describe: () => string) {
	const deadline = Date.now() + timeoutMs
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`Timed out; output so far:\n${describe()}`)
		await new Promise((resolve) => setTimeout(resolve, 100))
	}
}
