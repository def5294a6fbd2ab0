import { expect, test } from 'vitest'
import { type WorkerStatus } from '#app/domain/outbox/worker.server.ts'
import { WORKER_STUCK_MS, workerLiveness } from './worker-http.ts'

const NOW = 1_800_000_000_000
const idle: WorkerStatus = { stopped: false, running: false, passes: 10, lastProgressAt: NOW - 60 * 60_000, jobsDone: 40, jobsFailed: 0 }

test('a worker is live while its database answers, it is not stopping, and its pass moves on', () => {
	// Idle for an hour between passes is fine: nothing was due.
	expect(workerLiveness(idle, { ok: true }, NOW)).toEqual({ live: true })
	expect(workerLiveness({ ...idle, running: true, lastProgressAt: NOW - WORKER_STUCK_MS }, { ok: true }, NOW)).toEqual({ live: true })
	expect(workerLiveness({ ...idle, running: true, lastProgressAt: NOW - WORKER_STUCK_MS - 1_000 }, { ok: true }, NOW)).toEqual({ live: false, reason: 'a pass has not moved on for 601 s' })
	expect(workerLiveness(idle, { ok: false }, NOW)).toEqual({ live: false, reason: 'the database does not answer' })
	expect(workerLiveness({ ...idle, stopped: true }, { ok: true }, NOW)).toEqual({ live: false, reason: 'stopping' })
})
