// Prometheus metrics (prom-client) for /metrics: requests by route pattern and status, their
// latency, outbox depth and the age of its oldest due job (read at scrape time), jobs done and failed by
// kind, emails and text messages by outcome, the database pool's use, and Node's own process metrics.
// App servers serve them at /metrics; a worker process on its own port (server/worker-http.ts).
// One registry per process (remember): the server bundle and the start script load this module apart.
import client from 'prom-client'
import { db, databasePoolStats } from './db.server.ts'
import { remember } from './remember.server.ts'

function createMetrics() {
	const registry = new client.Registry()
	client.collectDefaultMetrics({ register: registry, prefix: 'tandem_' })
	const pool = databasePoolStats
	return {
		registry,
		httpRequests: new client.Counter({
			name: 'tandem_http_requests_total',
			help: 'HTTP requests answered, by method, route pattern and status.',
			labelNames: ['method', 'route', 'status'] as const,
			registers: [registry],
		}),
		httpDuration: new client.Histogram({
			name: 'tandem_http_request_duration_seconds',
			help: 'Time to answer an HTTP request, by method and route pattern.',
			labelNames: ['method', 'route'] as const,
			buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
			registers: [registry],
		}),
		outboxDue: new client.Gauge({ name: 'tandem_outbox_due_jobs', help: 'Outbox jobs due now and not done.', registers: [registry] }),
		outboxOldestAge: new client.Gauge({
			name: 'tandem_outbox_oldest_due_job_age_seconds',
			help: 'How long the oldest due outbox job has been due (0 when none is).',
			registers: [registry],
		}),
		jobsDone: new client.Counter({
			name: 'tandem_outbox_jobs_done_total',
			help: 'Outbox jobs this process did, by job kind (recurring kinds once per period across all processes).',
			labelNames: ['kind'] as const,
			registers: [registry],
		}),
		jobFailures: new client.Counter({
			name: 'tandem_outbox_job_failures_total',
			help: 'Outbox job attempts that failed, by job kind.',
			labelNames: ['kind'] as const,
			registers: [registry],
		}),
		emails: new client.Counter({
			name: 'tandem_emails_total',
			help: 'Emails by outcome: sent (the mail server took it), failed (it refused), outbox (kept for /dev/outbox, no SMTP), skipped (an earlier attempt of its job had sent it), resent (an earlier attempt was cut short while sending: sent again under the same Message-ID, and also counted as sent or failed).',
			labelNames: ['outcome'] as const,
			registers: [registry],
		}),
		texts: new client.Counter({
			name: 'tandem_texts_total',
			help: 'Text messages by outcome: sent (Twilio took it), retry (Twilio could not take it now), refused, opted_out (the number replied STOP), outbox (kept for /dev/outbox, no Twilio).',
			labelNames: ['outcome'] as const,
			registers: [registry],
		}),
		poolConnections: new client.Gauge({
			name: 'tandem_db_pool_connections',
			help: 'PostgreSQL server pool: connections open (total), idle, and requests waiting for one. Absent on the embedded database.',
			labelNames: ['state'] as const,
			registers: [registry],
			collect() {
				const stats = pool()
				if (!stats) return
				this.set({ state: 'total' }, stats.total)
				this.set({ state: 'idle' }, stats.idle)
				this.set({ state: 'waiting' }, stats.waiting)
			},
		}),
	}
}

export type Metrics = ReturnType<typeof createMetrics>

export function metrics(): Metrics {
	return remember('metrics', createMetrics)
}

/** Outbox depth and the oldest due job's age, in one query, just before a scrape reads them. */
export async function collectOutboxMetrics(now = new Date()): Promise<void> {
	const at = now.toISOString()
	const [row] = await db().$queryRaw<{ due: number; age: number }[]>`
		SELECT count(*)::int AS due, COALESCE(EXTRACT(EPOCH FROM (${at}::timestamptz AT TIME ZONE 'UTC') - min("runAt")), 0)::float8 AS age
		FROM "OutboxJob"
		WHERE "doneAt" IS NULL AND "runAt" <= ${at}::timestamptz AT TIME ZONE 'UTC'`
	const m = metrics()
	m.outboxDue.set(row?.due ?? 0)
	m.outboxOldestAge.set(Math.max(0, row?.age ?? 0))
}

/** The text a Prometheus scrape reads. */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
	await collectOutboxMetrics()
	const registry = metrics().registry
	return { contentType: registry.contentType, body: await registry.metrics() }
}
