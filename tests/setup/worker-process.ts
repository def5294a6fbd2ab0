// A worker in a process of its own for integration tests (tests/integration/recurring-jobs.test.ts):
// the app's `startWorker` on the test's database, with its clock set by the test. Each line on
// standard input is an ISO time the clock moves to; at the end of input it stops as on SIGTERM and
// prints `RESULT {"done":{kind:count}}`, the jobs it did by kind.
import readline from 'node:readline'
import { startWorker } from '#app/domain/outbox/worker.server.ts'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { metrics } from '#app/utils/metrics.server.ts'

let clock = new Date(process.argv[2] ?? Date.now())
try {
	await db().$queryRaw`SELECT 1`
} catch (error) {
	console.error(error instanceof Error ? error.message : String(error))
	process.exit(1)
}
const stop = startWorker({ intervalMs: 20, now: () => clock })
console.log('READY')
for await (const line of readline.createInterface({ input: process.stdin })) {
	if (line.trim()) clock = new Date(line.trim())
}
await stop()
const done = Object.fromEntries((await metrics().jobsDone.get()).values.map((value) => [value.labels.kind, value.value]))
console.log(`RESULT ${JSON.stringify({ done })}`)
await closeDatabase()
process.exit(0)
