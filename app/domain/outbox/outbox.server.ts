// The transactional outbox (docs/product.md §4, §10): a change enqueues the work it asks for (offers to
// send, offers to expire, notifications, emails) in its own transaction, so the work exists exactly
// when the change does. Workers claim due jobs with FOR UPDATE SKIP LOCKED and a short lease that a
// live worker renews while it holds the job (`holdLeases`): two workers never hold the same job, a
// job whose worker died is claimed again within LEASE_MS, and a slow worker keeps its jobs however
// long they take. A job is finished only by the worker whose claim it still is (its claim's
// `attempts`, which only a claim changes, is the fencing token).
import { carriesSecretLink } from '#app/domain/auth/secret-urls.ts'
import { type Email } from '#app/domain/notifications/emails.ts'
import { type NotifyEvent } from '#app/domain/notifications/lifecycle-notices.ts'
import { type SmsJob } from '#app/domain/notifications/sms.server.ts'
import { type AfterShortlist } from '#app/domain/referrals/shortlist-deadline.ts'
import { type RoundCause, type UnfilledWhy } from '#app/domain/referrals/why-not.ts'
import { Prisma } from '#app/generated/prisma/client.ts'
import { db } from '#app/utils/db.server.ts'
import { currentRequestId, errorField, logger } from '#app/utils/logger.server.ts'
import { remember } from '#app/utils/remember.server.ts'
import { afterFailure } from './retry.ts'

export type JobPayloads = {
	/** Send the referral's next round of offers, or mark it unfilled after the last; `after` says what emptied the shortlist, for the unfilled notice. */
	offer_round: { referralId: string; after?: RoundCause }
	/** A pending offer's response window ends. */
	offer_expiry: { offerId: string }
	/** Someone needs to know something happened (notifications.server.ts). */
	notify: NotifyPayload
	/** One email to one address; its text carries no PHI and no token (enqueue refuses one that does). */
	email: Email & { to: string }
	/** Send the patient a fresh private link to the shortlist: made, sent and recorded when the job runs. */
	patient_link: { referralId: string }
	/** Someone asked for a password reset for this address: the link is made and sent when the job runs, if it has an account. */
	password_reset: { email: string }
	/** The periodic purge (purge.server.ts) of one period, such as `2026-12-02T10`. */
	purge: { period: string }
	/** The periodic read of therapists' own calendars that are due (calendar/feeds.server.ts), per quarter hour. */
	calendar_refresh: { period: string }
	/** The daily notice to therapists of credentials expiring within 30 days (therapists/verification.server.ts), per UTC day. */
	expiring_credentials: { period: string }
	/** The daily rewrite of search rows written over a week ago (matching/search-index.server.ts), per UTC day. */
	search_refresh: { period: string }
	/** One text message to one number (notifications/sms.server.ts); removed once done, like emails. */
	sms: SmsJob
	/** The shortlist's deadline (the patient link's expiry, ISO): its acceptances expire if the patient has not chosen. */
	shortlist_deadline: { referralId: string; deadline: string }
	/** Remind the patient of the shortlist's deadline, `hours` before it, unless they have chosen. */
	shortlist_reminder: { referralId: string; deadline: string; hours: number }
	/** Remind the patient and the therapist of a booked session, `hours` before it, if it is still booked at this sequence and start (series/session-reminders.server.ts). */
	session_reminder: { sessionId: string; sequence: number; startsAt: string; hours: number }
}

/**
 * `unfilled`: why (matching's "why not" counts, or the patient's answer), for the `referral_unfilled` notice;
 * `next` and `reconfirming`: what follows a lapsed shortlist or a step back, for their notices.
 */
export type NotifyPayload = { event: NotifyEvent; referralId: string; offerId?: string; unfilled?: UnfilledWhy; next?: AfterShortlist; reconfirming?: number }

export type JobKind = keyof JobPayloads
/** `requestId`: the HTTP request that enqueued it, when one did (its logs and the job's share it). */
export type Job<K extends JobKind = JobKind> = { id: string; kind: K; payload: JobPayloads[K]; attempts: number; lockedUntil: Date; requestId?: string | null }

type Client = Prisma.TransactionClient | ReturnType<typeof db>

/** Enqueues a job; with `dedupeKey`, a second job under the same key is not added. */
export async function enqueue<K extends JobKind>(client: Client, kind: K, payload: JobPayloads[K], options: { runAt: Date; dedupeKey?: string }): Promise<void> {
	// A token in a payload would sit in the database (and its backups) as long as the job row does:
	// jobs carry ids, and links are made when the job runs.
	if (carriesSecretLink(JSON.stringify(payload))) throw new Error(`a ${kind} job's payload must not carry a link with a token`)
	await client.outboxJob.createMany({ data: [{ kind, payload, runAt: options.runAt, dedupeKey: options.dedupeKey ?? null, requestId: currentRequestId() ?? null }], skipDuplicates: true })
}

/**
 * How long a claimed job is its worker's without word from it. The worker renews the lease of every
 * job it still holds each LEASE_RENEW_MS (`holdLeases`), so a slow but live worker never loses a
 * job, and the jobs of a worker that died (SIGKILL, out of memory, a lost host) are free again
 * within LEASE_MS. Clocks of the hosts running workers must agree to well within
 * LEASE_MS − LEASE_RENEW_MS (NTP does). Measured: ADR 0031.
 */
export const LEASE_MS = 30_000
export const LEASE_RENEW_MS = 10_000
/** How many due jobs a worker claims at a time: what one crash delays, and what live workers cannot share (ADR 0031). */
export const CLAIM_LIMIT = 5
/** How long a long job (the calendar refresh, the search-row rewrite) keeps starting work; what is left is the next period's. */
export const LONG_JOB_BUDGET_MS = 150_000

/** Claims up to `limit` due jobs, oldest first, skipping those another worker holds. */
export async function claimDueJobs(now: Date, limit = CLAIM_LIMIT): Promise<Job[]> {
	const lockedUntil = new Date(now.getTime() + LEASE_MS)
	return db().$transaction(async (tx) => {
		const due = await tx.$queryRaw<{ id: string }[]>`
			SELECT id FROM "OutboxJob"
			WHERE "doneAt" IS NULL AND "runAt" <= ${now.toISOString()}::timestamptz AT TIME ZONE 'UTC'
				AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')
			ORDER BY "runAt", id
			LIMIT ${limit}
			FOR UPDATE SKIP LOCKED`
		if (due.length === 0) return []
		const ids = due.map((d) => d.id)
		await tx.outboxJob.updateMany({ where: { id: { in: ids } }, data: { lockedUntil, attempts: { increment: 1 } } })
		const jobs = await tx.outboxJob.findMany({
			where: { id: { in: ids } },
			orderBy: [{ runAt: 'asc' }, { id: 'asc' }],
			select: { id: true, kind: true, payload: true, attempts: true, requestId: true },
		})
		return jobs.map((j) => ({ ...j, kind: j.kind as JobKind, payload: j.payload as JobPayloads[JobKind], lockedUntil }))
	})
}

/** The claim a worker holds: the job, under the attempt its claim counted. Another claim counts another. */
type Claim = Pick<Job, 'id' | 'attempts'>

const stillClaimed = (job: Claim) => ({ id: job.id, attempts: job.attempts, doneAt: null })

/**
 * Renews the lease of the jobs this worker still holds, to `lockedUntil`; returns the ids it renewed.
 * A job missing from the answer is no longer this worker's: done, or claimed by another after its lease ran out.
 */
export async function renewLeases(jobs: readonly Claim[], lockedUntil: Date): Promise<Set<string>> {
	if (jobs.length === 0) return new Set()
	const claims = Prisma.join(jobs.map((job) => Prisma.sql`(${job.id}, ${job.attempts}::int)`))
	const rows = await db().$queryRaw<{ id: string }[]>`
		UPDATE "OutboxJob" SET "lockedUntil" = ${lockedUntil.toISOString()}::timestamptz AT TIME ZONE 'UTC'
		WHERE "doneAt" IS NULL AND (id, attempts) IN (${claims})
		RETURNING id`
	return new Set(rows.map((row) => row.id))
}

export type Leases = {
	/** Whether the job is still this worker's, as far as the last renewal knows. */
	holds: (job: Claim) => boolean
	/** The job is finished (done, failed or lost): its lease is no longer renewed. */
	release: (job: Claim) => void
	/** Stops renewing; resolves once a renewal under way has ended. */
	stop: () => Promise<void>
}

/**
 * The heartbeat: while a worker holds `jobs`, renews their leases every `everyMs` to LEASE_MS past
 * `clock()`. `clock` is the time the claim was made in, moved on as real time passes (tests fix it).
 */
export function holdLeases(jobs: readonly Claim[], options: { clock: () => Date; everyMs?: number; onLost?: (ids: string[]) => void }): Leases {
	const held = new Map(jobs.map((job) => [job.id, job]))
	const lost = new Set<string>()
	let renewing: Promise<void> | null = null
	const renew = () => {
		if (renewing || held.size === 0) return
		const claims = [...held.values()]
		renewing = renewLeases(claims, new Date(options.clock().getTime() + LEASE_MS))
			.then((renewed) => {
				const gone = claims.filter((job) => held.has(job.id) && !renewed.has(job.id)).map((job) => job.id)
				for (const id of gone) {
					held.delete(id)
					lost.add(id)
				}
				if (gone.length) options.onLost?.(gone)
			})
			// A renewal that fails (the database away for a moment) is tried at the next beat; the lease has room for two.
			.catch((error) => logger().warn({ err: errorField(error) }, 'worker: renewing its leases failed'))
			.finally(() => {
				renewing = null
			})
	}
	const timer = setInterval(renew, options.everyMs ?? LEASE_RENEW_MS)
	timer.unref()
	return {
		holds: (job) => !lost.has(job.id),
		release: (job) => void held.delete(job.id),
		stop: async () => {
			clearInterval(timer)
			held.clear()
			await renewing
		},
	}
}

/** Marks a job done, if its claim is still this worker's; inside the job's own transaction when it has one. */
export async function completeJob(job: Claim, now: Date, client: Client = db()): Promise<boolean> {
	const { count } = await client.outboxJob.updateMany({ where: stillClaimed(job), data: { doneAt: now, lockedUntil: null, lastError: null } })
	return count === 1
}

/** Records a failure: tried again later with backoff, or given up after the last attempt. */
export async function failJob(job: Claim, error: unknown, now: Date): Promise<void> {
	const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 1000)
	const next = afterFailure(job.attempts, now)
	await db().outboxJob.updateMany({
		where: stillClaimed(job),
		data: next.kind === 'retry' ? { runAt: next.runAt, lockedUntil: null, lastError } : { doneAt: now, failedAt: now, lockedUntil: null, lastError },
	})
}

/**
 * The in-process worker registers how to wake it (worker.server.ts `startWorker`). Kept per
 * process, not per module: the server bundle's routes and the start script's worker load this
 * module separately.
 */
const waker = remember('outbox-waker', () => ({ wake: null as (() => void) | null }))

export function setWakeHandler(handler: (() => void) | null): void {
	waker.wake = handler
}

/**
 * Called after a change whose jobs are due now has committed (a posting, an acceptance, a
 * choice): the worker in this process takes them at once instead of at its next pass. Without
 * one (tests, a server with WORKER=off) it does nothing; the jobs wait for a worker's pass.
 */
export function wakeWorker(): void {
	waker.wake?.()
}

/** The work's answer, with the worker woken once it is done (after its transaction committed). */
export async function wakingWorker<T>(work: Promise<T>): Promise<T> {
	const result = await work
	wakeWorker()
	return result
}
