// The outbox's leases and the worker's heartbeat (ADR 0031): a worker renews the leases of the jobs it
// holds, so a slow but live worker keeps them, and a dead worker's are free within LEASE_MS; a job is
// finished only under the claim that is still its own. And emails across a crash: another attempt of a
// job sends nothing its email log says was sent, under the job's deterministic Message-ID. Clocks are fixed.
import { afterAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { jobEmailMessageId } from '#app/domain/notifications/message-id.ts'
import { claimDueJobs, CLAIM_LIMIT, completeJob, failJob, holdLeases, LEASE_MS, LEASE_RENEW_MS, renewLeases } from '#app/domain/outbox/outbox.server.ts'
import { drainJobs, runDueJobs } from '#app/domain/outbox/worker.server.ts'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { env } from '#app/utils/env.server.ts'
import { runWithJobContext } from '#app/utils/job-context.server.ts'
import { sendEmail, testMailbox } from '#app/utils/email.server.ts'
import { metrics } from '#app/utils/metrics.server.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'

const T0 = new Date('2026-12-03T09:00:00Z')
const after = (ms: number) => new Date(T0.getTime() + ms)

beforeEach(resetDatabase)
afterAll(closeDatabase)

const email = (i: number) => ({ to: `lease-${i}@example.org`, template: 'lease', subject: `Lease ${i}`, text: 'Lease', html: '<p>Lease</p>' })

async function emailJobs(count: number) {
	for (let i = 0; i < count; i++) await db().outboxJob.create({ data: { kind: 'email', payload: email(i), runAt: T0 } })
}

const leaseOf = async (id: string) => (await db().outboxJob.findUniqueOrThrow({ where: { id }, select: { lockedUntil: true } })).lockedUntil

test('the lease is short and renewed well within it; a worker claims a few jobs at a time', () => {
	expect(LEASE_MS).toBeLessThanOrEqual(30_000)
	// Two renewals may fail (the database away for a moment) before the lease runs out.
	expect(LEASE_RENEW_MS * 3).toBeLessThanOrEqual(LEASE_MS)
	expect(CLAIM_LIMIT).toBeLessThanOrEqual(5)
})

describe('leases', () => {
	test('a worker that renews keeps its jobs past the lease; one it stopped renewing is taken by another, and only the taker finishes it', async () => {
		await emailJobs(3)
		const a = await claimDueJobs(T0, 3)
		expect(a).toHaveLength(3)
		expect(await claimDueJobs(after(LEASE_MS - 1_000), 3)).toEqual([])

		// Worker A's heartbeat, on a clock moved 25 s on: each lease now ends 25 s + LEASE_MS after T0.
		let clock = after(25_000)
		const leases = holdLeases(a, { clock: () => clock, everyMs: 20 })
		try {
			await vi.waitFor(async () => expect(await leaseOf(a[2]!.id)).toEqual(after(25_000 + LEASE_MS)), { timeout: 10_000, interval: 20 })
			expect(await leaseOf(a[0]!.id)).toEqual(after(25_000 + LEASE_MS))
			// Past the first lease, a second worker takes nothing A still renews.
			expect(await claimDueJobs(after(LEASE_MS + 1_000), 3)).toEqual([])

			// A lets go of the first job (as a worker that died holding it would) and renews the others further.
			leases.release(a[0]!)
			clock = after(40_000)
			await vi.waitFor(async () => expect(await leaseOf(a[2]!.id)).toEqual(after(40_000 + LEASE_MS)), { timeout: 10_000, interval: 20 })
		} finally {
			await leases.stop()
		}
		expect(await leaseOf(a[0]!.id)).toEqual(after(25_000 + LEASE_MS))

		// Once its lease has run out unrenewed, worker B takes the first job, and that job only.
		const b = await claimDueJobs(after(25_000 + LEASE_MS), 3)
		expect(b.map((job) => job.id)).toEqual([a[0]!.id])
		expect(b[0]!.attempts).toBe(2)
		// A's claim on it is spent: A can neither finish it nor record a failure on it; B finishes it.
		expect(await completeJob(a[0]!, after(60_000))).toBe(false)
		await failJob(a[0]!, new Error('A failed late'), after(60_000))
		expect(await completeJob(b[0]!, after(61_000))).toBe(true)
		expect(await db().outboxJob.findUniqueOrThrow({ where: { id: a[0]!.id } })).toMatchObject({ doneAt: after(61_000), lastError: null, failedAt: null })

		// A still finishes the jobs that are its own; a renewal answers with the ones it still holds.
		expect(await completeJob(a[1]!, after(62_000))).toBe(true)
		expect(await renewLeases(a, after(90_000))).toEqual(new Set([a[2]!.id]))
	})

	test('a worker whose lease ran out with nobody else claiming the job may still finish it: it was done once', async () => {
		await emailJobs(1)
		const [job] = await claimDueJobs(T0)
		expect(await completeJob(job!, after(LEASE_MS * 3))).toBe(true)
		expect(await claimDueJobs(after(LEASE_MS * 4))).toEqual([])
	})

	test('the heartbeat hears when another worker took a job whose lease it could not renew in time, and the worker leaves that job alone', async () => {
		await emailJobs(2)
		const a = await claimDueJobs(T0, 2)
		// A stalled past its lease; B took both.
		const b = await claimDueJobs(after(LEASE_MS + 1), 2)
		expect(b).toHaveLength(2)
		const lost: string[] = []
		const leases = holdLeases(a, { clock: () => after(LEASE_MS + 2), everyMs: 20, onLost: (ids) => lost.push(...ids) })
		try {
			await vi.waitFor(() => expect(lost.sort()).toEqual(a.map((job) => job.id).sort()), { timeout: 10_000, interval: 20 })
			expect(a.every((job) => !leases.holds(job))).toBe(true)
		} finally {
			await leases.stop()
		}
		// B's leases are as B set them.
		for (const job of b) expect(await leaseOf(job.id)).toEqual(after(LEASE_MS + 1 + LEASE_MS))
	})

	test('a pass claims CLAIM_LIMIT jobs, and leaves none of them leased when it is done', async () => {
		await emailJobs(CLAIM_LIMIT + 2)
		expect(await runDueJobs(T0)).toEqual({ done: CLAIM_LIMIT, failed: 0 })
		expect(await db().outboxJob.count({ where: { doneAt: null } })).toBe(2)
		expect(await db().outboxJob.count({ where: { lockedUntil: { not: null } } })).toBe(0)
		expect(await drainJobs(T0)).toEqual({ done: 2, failed: 0 })
	})
})

describe('emails across a crash', () => {
	test('another attempt of a job sends nothing its email log says was sent, and keeps one log row under the job’s Message-ID', async () => {
		const config = env()
		const crash = { ...email(1), to: 'crash@example.org', template: 'crash' }
		const job = await db().outboxJob.create({ data: { kind: 'email', payload: crash, runAt: T0 } })
		// A worker claimed it, sent the email, and died before the job was marked done.
		const [claimed] = await claimDueJobs(T0)
		await runWithJobContext(claimed!.id, () => sendEmail(crash.to, crash))
		const messageId = jobEmailMessageId({ jobId: job.id, template: 'crash', recipient: crash.to, from: config.EMAIL_FROM })
		expect(await db().emailMessage.findMany({ where: { to: crash.to }, select: { messageId: true } })).toEqual([{ messageId }])
		const inMailbox = () => [...testMailbox.values()].filter((m) => m.to === crash.to).length
		expect(inMailbox()).toBe(1)

		// Its lease runs out; another worker does the job, and sends nothing again.
		const skipped = (await metrics().emails.get()).values.find((v) => v.labels.outcome === 'skipped')?.value ?? 0
		expect(await drainJobs(after(LEASE_MS + 1))).toEqual({ done: 1, failed: 0 })
		expect(await db().outboxJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ attempts: 2, doneAt: after(LEASE_MS + 1) })
		expect(inMailbox()).toBe(1)
		expect(await db().emailMessage.count({ where: { to: crash.to } })).toBe(1)
		expect((await metrics().emails.get()).values.find((v) => v.labels.outcome === 'skipped')?.value).toBe(skipped + 1)
	})

	test('emails sent outside a job have no stored Message-ID, and each is sent', async () => {
		await sendEmail('outside@example.org', { template: 'outside', subject: 'Outside', text: 'x', html: '<p>x</p>' })
		await sendEmail('outside@example.org', { template: 'outside', subject: 'Outside', text: 'x', html: '<p>x</p>' })
		expect(await db().emailMessage.findMany({ where: { to: 'outside@example.org' }, select: { messageId: true } })).toEqual([{ messageId: null }, { messageId: null }])
	})
})
