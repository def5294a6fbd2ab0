// Recurring jobs (ADR 0027): purges, calendar refreshes, credential expiry notices and search-row
// rewrites run once per period across every worker on the database, whatever their number: two
// in-process workers (as two app servers have) and, on a PostgreSQL server, a worker in a process of
// its own. The embedded database belongs to one process, so there the second process is refused and
// the two in-process workers compete. Clocks are fixed and moved by the test.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import fs from 'node:fs'
import { afterAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { horizonStart } from '#app/domain/matching/search-facts.ts'
import { RECURRING_JOBS } from '#app/domain/outbox/recurring.ts'
import { enqueueRecurringJobs } from '#app/domain/outbox/recurring.server.ts'
import { startWorker } from '#app/domain/outbox/worker.server.ts'
import { ensureReferenceData } from '#app/domain/reference/reference-data.server.ts'
import { importNetwork } from '#app/domain/therapists/network-import.server.ts'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { metrics } from '#app/utils/metrics.server.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'

const embedded = process.env.TEST_DB !== 'server'
const RECURRING_KINDS = RECURRING_JOBS.map((job) => job.kind) as string[]

beforeEach(async () => {
	await resetDatabase()
	await ensureReferenceData(db())
	// Search rows written 16 days before the first step: stale, so the first day's rewrite has work.
	await importNetwork(fs.readFileSync('docs/sample-therapists.csv', 'utf8'), { actorId: null, invite: false, now: new Date('2026-12-20T09:00:00Z') })
})
afterAll(closeDatabase)

/** The clock's steps, and the periods each kind has seen once the last of them is reached. */
const STEPS = ['2027-01-05T23:50:00Z', '2027-01-06T00:05:00Z', '2027-01-06T00:20:00Z', '2027-01-06T01:10:00Z']
const EXPECTED_KEYS = [
	'calendar_refresh:2027-01-05T23:45',
	'calendar_refresh:2027-01-06T00:00',
	'calendar_refresh:2027-01-06T00:15',
	'calendar_refresh:2027-01-06T01:00',
	'expiring_credentials:2027-01-05',
	'expiring_credentials:2027-01-06',
	'purge:2027-01-05T23',
	'purge:2027-01-06T00',
	'purge:2027-01-06T01',
	'search_refresh:2027-01-05',
	'search_refresh:2027-01-06',
]

type OtherWorker = { child: ChildProcessWithoutNullStreams; stdout: () => string; stderr: () => string; exited: Promise<number | null> }

function startWorkerProcess(at: string): OtherWorker {
	const child = spawn(process.execPath, ['--import', 'tsx', 'tests/setup/worker-process.ts', at], { env: { ...process.env, LOG_LEVEL: 'warn' } })
	let stdout = ''
	let stderr = ''
	child.stdout.on('data', (chunk) => (stdout += chunk))
	child.stderr.on('data', (chunk) => (stderr += chunk))
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
	return { child, stdout: () => stdout, stderr: () => stderr, exited }
}

const recurringJobs = () =>
	db().outboxJob.findMany({ where: { kind: { in: RECURRING_KINDS } }, orderBy: { dedupeKey: 'asc' }, select: { dedupeKey: true, attempts: true, doneAt: true, failedAt: true, lastError: true } })

describe('recurring jobs with several workers on one database', () => {
	test(
		embedded ? 'two in-process workers run each period’s job once; a second process is refused the embedded database' : 'two in-process workers and a worker process run each period’s job once',
		async () => {
			metrics().jobsDone.reset()
			expect(await staleSearchRows(new Date(STEPS[0]!))).toBeGreaterThan(0)
			let clock = new Date(STEPS[0]!)
			const other = startWorkerProcess(STEPS[0]!)
			if (embedded) {
				expect(await other.exited).toBe(1)
				expect(other.stderr()).toMatch(/in use by another process \(pid \d+/)
			} else {
				await vi.waitFor(() => expect(other.stdout()).toContain('READY'), { timeout: 30_000, interval: 50 })
			}
			const stops = [startWorker({ intervalMs: 20, now: () => clock }), startWorker({ intervalMs: 20, now: () => clock })]
			try {
				for (const step of STEPS) {
					clock = new Date(step)
					if (!embedded) other.child.stdin.write(`${step}\n`)
					const expected = EXPECTED_KEYS.filter((key) => keyDueBy(key, step))
					await vi.waitFor(
						async () => {
							const jobs = await recurringJobs()
							expect(jobs.filter((job) => job.doneAt).map((job) => job.dedupeKey)).toEqual(expected)
						},
						{ timeout: 30_000, interval: 50 },
					)
					// A process that starts (or restarts) late in the period asks again: nothing is added.
					expect(await enqueueRecurringJobs(new Date(new Date(step).getTime() + 60_000))).toBe(0)
				}
				// Every worker has passed many times in the last period, each asking once.
				await new Promise((resolve) => setTimeout(resolve, 200))
			} finally {
				await Promise.all(stops.map((stop) => stop()))
				if (!embedded) other.child.stdin.end()
			}

			const jobs = await recurringJobs()
			expect(jobs.map((job) => job.dedupeKey)).toEqual(EXPECTED_KEYS)
			for (const job of jobs) expect(job, job.dedupeKey!).toMatchObject({ attempts: 1, failedAt: null, lastError: null, doneAt: expect.any(Date) })

			// The workers' own counts: each period's job was done once, by one of them.
			const here = Object.fromEntries((await metrics().jobsDone.get()).values.map((value) => [value.labels.kind, value.value]))
			let there: Record<string, number> = {}
			if (!embedded) {
				expect(await other.exited).toBe(0)
				there = JSON.parse(
					other
						.stdout()
						.split('\n')
						.find((line) => line.startsWith('RESULT '))!
						.slice('RESULT '.length),
				).done
			}
			const total = (kind: string) => (here[kind] ?? 0) + (there[kind] ?? 0)
			for (const kind of RECURRING_KINDS) expect(total(kind), kind).toBe(EXPECTED_KEYS.filter((key) => key.startsWith(`${kind}:`)).length)

			// What the jobs did: the expiry notice of Daniel's Florida registration (ending on 31 January) on the first day, and the
			// stale search rows rewritten. (The email's log row is gone: the purge, a month ahead of when it was written, removed it.)
			const flagged = await db().authorization.findMany({ where: { expiryNoticeSentAt: { not: null } }, select: { kind: true, expiryNoticeSentAt: true, therapist: { select: { email: true } } } })
			expect(flagged).toEqual([{ kind: 'state_telehealth', expiryNoticeSentAt: new Date(STEPS[0]!), therapist: { email: 'daniel.cho@example.org' } }])
			expect(await staleSearchRows(new Date(STEPS[0]!))).toBe(0)
		},
	)
})

/** Search rows the daily rewrite would take at `now` (written over a week before it). */
async function staleSearchRows(now: Date): Promise<number> {
	const [row] = await db().$queryRaw<{ stale: number }[]>`SELECT count(*)::int AS stale FROM "TherapistSearch" WHERE "freeFromCell" < ${horizonStart(now) - 7 * 48}::int`
	return row!.stale
}

/** Whether the period a key names has started by `step`. */
function keyDueBy(key: string, step: string): boolean {
	const period = key.slice(key.indexOf(':') + 1)
	const startsAt = period.length === 10 ? `${period}T00:00:00Z` : period.length === 13 ? `${period}:00:00Z` : `${period}:00Z`
	return new Date(startsAt) <= new Date(step)
}
