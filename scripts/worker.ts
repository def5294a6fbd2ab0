// `npm run worker`: the outbox's worker as its own process (docs/product.md §10), for when the app
// servers run with WORKER=off. Any number may run at once. It needs the PostgreSQL server: the
// embedded database belongs to the app server's process, whose own worker does this work.
// SIGTERM or Ctrl-C: no more claims; the jobs already claimed are finished, then it exits 0.
import { startWorker } from '#app/domain/outbox/worker.server.ts'
import { describeTarget } from '#app/utils/database-target.server.ts'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { env } from '#app/utils/env.server.ts'
import { logger } from '#app/utils/logger.server.ts'
import { onShutdownSignal } from '#server/shutdown.ts'
import { fail } from './lib/fail.ts'

async function main() {
	const config = env()
	if (config.database.kind === 'embedded') {
		fail('npm run worker needs the PostgreSQL server (set DATABASE_URL). On the embedded database the app server runs the worker itself (npm start).')
	}
	await db().$queryRaw`SELECT 1`
	logger().info(`Worker on ${describeTarget(config.database)}: doing due jobs every 5 seconds. Ctrl-C stops it.`)
	const stop = startWorker({ keepsProcessAlive: true })
	onShutdownSignal(async () => {
		await stop()
		await closeDatabase()
	})
}

main().catch(async (error) => {
	await closeDatabase().catch(() => {})
	fail(error)
})
