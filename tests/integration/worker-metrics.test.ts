// A worker process's own HTTP (server/worker-http.ts, ADR 0031): /metrics from the app's registry
// under the METRICS_TOKEN rule, and /healthz. On the PostgreSQL server, `scripts/worker.ts` runs as
// production runs it, with its emails going to an SMTP sink: its job metrics are scraped (401 without
// the token), and the emails carry their jobs' Message-IDs — one cut short by a dead worker is sent
// again under the same one, one already sent is not sent again. The embedded database belongs to
// one process, so there the worker process is refused, and the endpoints are checked in this process.
import { spawn } from 'node:child_process'
import net, { type AddressInfo } from 'node:net'
import { afterAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { jobEmailMessageId } from '#app/domain/notifications/message-id.ts'
import { type WorkerStatus } from '#app/domain/outbox/worker.server.ts'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { startWorkerHttp } from '#server/worker-http.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'
import { startSmtpSink } from '../../scripts/soak/smtp-sink.ts'

const embedded = process.env.TEST_DB !== 'server'
const METRICS_TOKEN = 'worker-metrics-token-0123456789abcdef'
const FROM = 'Tandem <no-reply@tandem.example>'

beforeEach(resetDatabase)
afterAll(closeDatabase)

const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } })

async function freePort(): Promise<number> {
	const probe = net.createServer()
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
	const { port } = probe.address() as AddressInfo
	await new Promise((resolve) => probe.close(resolve))
	return port
}

/** A sample's value in Prometheus' text format, or undefined. */
function sample(text: string, name: string, labels = ''): number | undefined {
	const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `))
	return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1))
}

describe('a worker’s /metrics and /healthz in this process', () => {
	const status: WorkerStatus = { stopped: false, running: false, passes: 3, lastProgressAt: Date.now(), jobsDone: 7, jobsFailed: 1 }

	test('production: /metrics only with the bearer token, and absent without METRICS_TOKEN; /healthz open', async () => {
		await db().outboxJob.create({ data: { kind: 'purge', payload: { period: '2026-12-03T01' }, runAt: new Date(Date.now() - 90_000) } })
		const http = await startWorkerHttp({ port: 0, host: '127.0.0.1', production: true, metricsToken: METRICS_TOKEN, status: () => status })
		const hidden = await startWorkerHttp({ port: 0, host: '127.0.0.1', production: true, metricsToken: undefined, status: () => status })
		const development = await startWorkerHttp({ port: 0, host: '127.0.0.1', production: false, metricsToken: undefined, status: () => ({ ...status, stopped: true }) })
		try {
			const refused = await fetch(`${http.origin}/metrics`)
			expect(refused.status).toBe(401)
			expect(refused.headers.get('WWW-Authenticate')).toBe('Bearer realm="metrics"')
			expect((await fetch(`${http.origin}/metrics`, bearer('wrong-token-of-some-length-000000'))).status).toBe(401)
			const allowed = await fetch(`${http.origin}/metrics`, bearer(METRICS_TOKEN))
			expect(allowed.status).toBe(200)
			const text = await allowed.text()
			expect(sample(text, 'tandem_outbox_due_jobs')).toBe(1)
			expect(sample(text, 'tandem_outbox_oldest_due_job_age_seconds')).toBeGreaterThanOrEqual(89)
			for (const name of ['tandem_outbox_jobs_done_total', 'tandem_outbox_job_failures_total', 'tandem_emails_total', 'tandem_texts_total', 'tandem_process_cpu_seconds_total'])
				expect(text).toContain(`# TYPE ${name}`)

			const health = await fetch(`${http.origin}/healthz`)
			expect(health.status).toBe(200)
			expect(await health.json()).toMatchObject({ status: 'ok', database: { ok: true }, worker: { running: false, passes: 3, jobsDone: 7, jobsFailed: 1 } })
			expect((await fetch(`${http.origin}/`)).status).toBe(404)

			expect((await fetch(`${hidden.origin}/metrics`, bearer(METRICS_TOKEN))).status).toBe(404)
			expect((await fetch(`${hidden.origin}/healthz`)).status).toBe(200)

			// Development: open. A stopping worker is no longer live.
			expect((await fetch(`${development.origin}/metrics`)).status).toBe(200)
			const stopping = await fetch(`${development.origin}/healthz`)
			expect(stopping.status).toBe(503)
			expect(await stopping.json()).toMatchObject({ status: 'error', reason: 'stopping' })
		} finally {
			await Promise.all([http.close(), hidden.close(), development.close()])
		}
	})
})

describe('npm run worker as its own process', () => {
	test(
		embedded ? 'is refused the embedded database' : 'serves its job metrics on WORKER_METRICS_PORT (401 without the token in production) and sends each job’s email under the job’s Message-ID',
		async () => {
			const sink = await startSmtpSink(0)
			const port = await freePort()
			const now = new Date()
			// Three email jobs: a fresh one; one whose worker died while sending (its log row has no outcome); one whose worker died after sending.
			const jobs = []
			for (const name of ['fresh', 'cut-short', 'sent']) {
				const payload = { to: `${name}@example.org`, template: `worker_${name.replace('-', '_')}`, subject: `Worker ${name}`, text: 'x', html: '<p>x</p>' }
				const job = await db().outboxJob.create({
					data: { kind: 'email', payload, runAt: now, attempts: name === 'fresh' ? 0 : 1, lockedUntil: name === 'fresh' ? null : new Date(now.getTime() - 1_000) },
				})
				const messageId = jobEmailMessageId({ jobId: job.id, template: payload.template, recipient: payload.to, from: FROM })
				if (name !== 'fresh')
					await db().emailMessage.create({
						data: { to: payload.to, template: payload.template, subject: payload.subject, transport: 'smtp', messageId, sentAt: name === 'sent' ? new Date(now.getTime() - 2_000) : null },
					})
				jobs.push({ name, job, payload, messageId })
			}
			const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], {
				env: {
					...process.env,
					NODE_ENV: 'production',
					LOG_LEVEL: 'warn',
					SESSION_SECRET: 'worker-test-session-secret-0123456789abcdef',
					APP_URL: 'http://127.0.0.1:9',
					SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
					EMAIL_FROM: FROM,
					METRICS_TOKEN,
					WORKER_METRICS_PORT: String(port),
					HOST: '127.0.0.1',
				},
			})
			let output = ''
			child.stdout.on('data', (chunk) => (output += chunk))
			child.stderr.on('data', (chunk) => (output += chunk))
			const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
			try {
				if (embedded) {
					expect(await exited).toBe(1)
					expect(output).toContain('npm run worker needs the PostgreSQL server')
					return
				}
				const origin = `http://127.0.0.1:${port}`
				await vi.waitFor(async () => expect((await fetch(`${origin}/healthz`).catch(() => null))?.status, output).toBe(200), { timeout: 60_000, interval: 200 })
				await vi.waitFor(async () => expect(await db().outboxJob.count({ where: { kind: 'email', doneAt: null } })).toBe(0), { timeout: 60_000, interval: 200 })

				expect((await fetch(`${origin}/metrics`)).status).toBe(401)
				expect((await fetch(`${origin}/metrics`, bearer('wrong-token-of-some-length-000000'))).status).toBe(401)
				const scraped = await fetch(`${origin}/metrics`, bearer(METRICS_TOKEN))
				expect(scraped.status).toBe(200)
				const text = await scraped.text()
				expect(sample(text, 'tandem_outbox_jobs_done_total', '{kind="email"}')).toBe(3)
				expect(sample(text, 'tandem_emails_total', '{outcome="sent"}')).toBe(2)
				expect(sample(text, 'tandem_emails_total', '{outcome="resent"}')).toBe(1)
				expect(sample(text, 'tandem_emails_total', '{outcome="skipped"}')).toBe(1)
				// The recurring jobs this worker asked for on its first pass were done too.
				expect(sample(text, 'tandem_outbox_jobs_done_total', '{kind="purge"}')).toBe(1)
				expect(sample(text, 'tandem_outbox_due_jobs')).toBe(0)
				expect(await (await fetch(`${origin}/healthz`)).json()).toMatchObject({ status: 'ok', worker: { jobsFailed: 0 } })

				// What the mail server took: the fresh email and the cut-short one again, each under its job's Message-ID; not the one already sent.
				const byName = Object.fromEntries(jobs.map((j) => [j.name, j]))
				expect(sink.received.map(({ to, messageId }) => ({ to, messageId })).sort((a, b) => a.to.localeCompare(b.to))).toEqual([
					{ to: 'cut-short@example.org', messageId: byName['cut-short']!.messageId },
					{ to: 'fresh@example.org', messageId: byName.fresh!.messageId },
				])
				// One log row per job's email, each now sent.
				const rows = await db().emailMessage.findMany({ where: { messageId: { in: jobs.map((j) => j.messageId) } }, select: { to: true, sentAt: true } })
				expect(rows).toHaveLength(3)
				expect(rows.every((row) => row.sentAt !== null)).toBe(true)

				child.kill('SIGTERM')
				expect(await exited).toBe(0)
			} finally {
				if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
				await exited
				await sink.close()
			}
		},
		120_000,
	)
})
