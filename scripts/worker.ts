// `npm run worker`: the outbox's worker as its own process (docs/product.md §10), for when the app
// servers run with WORKER=off. Any number may run at once. It needs the PostgreSQL server: the
// embedded database belongs to the app server's process, whose own worker does this work.
// With WORKER_METRICS_PORT it serves /metrics (the METRICS_TOKEN rule of the app servers) and
// /healthz on that port (server/worker-http.ts); without it, no HTTP.
// SIGTERM or Ctrl-C: no more claims; the jobs already claimed are finished, then it exits 0.
import { startWorker } from '#app/domain/outbox/worker.server.ts'
import { describeTarget } from '#app/utils/database-target.server.ts'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { env } from '#app/utils/env.server.ts'
import { logger } from '#app/utils/logger.server.ts'
import { onShutdownSignal } from '#server/shutdown.ts'
import { startWorkerHttp, type WorkerHttp } from '#server/worker-http.ts'
import { fail } from './lib/fail.ts'

async function main() {
	const config = env()
	if (config.database.kind === 'embedded') {
		fail('npm run worker needs the PostgreSQL server (set DATABASE_URL). On the embedded database the app server runs the worker itself (npm start).')
	}
	await db().$queryRaw`SELECT 1`
	logger().info(`Worker on ${describeTarget(config.database)}: doing due jobs every 5 seconds. Ctrl-C stops it.`)
	const stop = startWorker({ keepsProcessAlive: true })
	let http: WorkerHttp | null = null
	if (config.WORKER_METRICS_PORT) {
		const production = config.NODE_ENV === 'production'
		http = await startWorkerHttp({ port: config.WORKER_METRICS_PORT, host: config.HOST, production, metricsToken: config.METRICS_TOKEN, status: stop.status })
		logger().info(`Worker metrics at ${http.origin}/metrics${production ? ' (Authorization: Bearer METRICS_TOKEN)' : ''}, liveness at ${http.origin}/healthz.`)
		if (production && !config.METRICS_TOKEN) logger().warn('WORKER_METRICS_PORT is set but METRICS_TOKEN is not: /metrics answers 404 in production without it.')
	}
	onShutdownSignal(async () => {
		await stop()
		await http?.close()
		await closeDatabase()
	})
}

main().catch(async (error) => {
	await closeDatabase().catch(() => {})
	fail(error)
})
