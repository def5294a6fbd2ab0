// What a worker process (`npm run worker`) tells operators, on a port of its own
// (WORKER_METRICS_PORT; no HTTP at all when unset): /metrics from the same registry the app
// servers use (app/utils/metrics.server.ts), under the same rule (open in development, only
// `Authorization: Bearer METRICS_TOKEN` in production, 404 there without METRICS_TOKEN), and
// /healthz, its liveness. Nothing else: a worker serves no pages.
import http from 'node:http'
import { type AddressInfo } from 'node:net'
import express from 'express'
import { type WorkerStatus } from '#app/domain/outbox/worker.server.ts'
import { checkDatabase } from '#app/utils/db.server.ts'
import { logger } from '#app/utils/logger.server.ts'
import { metricsEndpoint } from './operations.ts'

/** A pass that has not moved on (no pass ended, no batch of jobs done) for this long is stuck. */
export const WORKER_STUCK_MS = 10 * 60_000

export type WorkerLiveness = { live: true } | { live: false; reason: string }

/** Pure: whether a worker is alive: its database answers, it is not stopping, and its passes move on. */
export function workerLiveness(status: WorkerStatus, database: { ok: boolean }, nowMs: number): WorkerLiveness {
	if (!database.ok) return { live: false, reason: 'the database does not answer' }
	if (status.stopped) return { live: false, reason: 'stopping' }
	if (status.running && nowMs - status.lastProgressAt > WORKER_STUCK_MS) return { live: false, reason: `a pass has not moved on for ${Math.round((nowMs - status.lastProgressAt) / 1000)} s` }
	return { live: true }
}

export type WorkerHttpOptions = { production: boolean; metricsToken: string | undefined; status: () => WorkerStatus }

export function createWorkerHttpApp(options: WorkerHttpOptions): express.Express {
	const app = express()
	app.disable('x-powered-by')
	app.get('/metrics', metricsEndpoint({ production: options.production, token: options.metricsToken }))
	app.get('/healthz', async (_req, res) => {
		res.setHeader('Cache-Control', 'no-store')
		const database = await checkDatabase()
		const status = options.status()
		const now = Date.now()
		const liveness = workerLiveness(status, database, now)
		if (!liveness.live) logger().error({ database, worker: status }, `worker healthz: ${liveness.reason}`)
		// In production a database error's text (hosts, names) stays in the log.
		const shownDatabase = database.ok || !options.production ? database : { ok: false, error: 'unavailable' }
		res.status(liveness.live ? 200 : 503).json({
			status: liveness.live ? 'ok' : 'error',
			...(liveness.live ? {} : { reason: liveness.reason }),
			database: shownDatabase,
			worker: {
				running: status.running,
				passes: status.passes,
				jobsDone: status.jobsDone,
				jobsFailed: status.jobsFailed,
				lastProgressSecondsAgo: Math.round((now - status.lastProgressAt) / 100) / 10,
			},
		})
	})
	app.use((_req, res) => void res.status(404).json({ error: 'A worker serves /metrics and /healthz only.' }))
	return app
}

export type WorkerHttp = { origin: string; close: () => Promise<void> }

/** Listens on `host:port` (0: a free port), and says where. */
export async function startWorkerHttp(options: WorkerHttpOptions & { port: number; host: string }): Promise<WorkerHttp> {
	const server = http.createServer(createWorkerHttpApp(options))
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject)
		server.listen(options.port, options.host, () => {
			server.off('error', reject)
			resolve()
		})
	})
	const { port } = server.address() as AddressInfo
	const host = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host
	return {
		origin: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve())
				server.closeAllConnections()
			}),
	}
}
