// The worker (docs/product.md §4, §10): claims due outbox jobs and does them — rounds of offers, offer
// expiries, notices, emails, patient links, reminders, and the recurring jobs it asks for (recurring.ts). In-process in the app server by default
// (`startWorker`), or as its own process (`npm run worker`, scripts/worker.ts); any number may run
// at once, because a job is claimed by one worker at a time and finished only under its claim. While
// a worker holds jobs it renews their leases (a heartbeat), so a dead worker's jobs are taken again
// within LEASE_MS and a slow one's never are (ADR 0031).
// A job that throws is tried again with backoff (retry.ts).
import { sendPasswordReset } from '#app/domain/accounts/accounts.server.ts'
import { refreshDueCalendarFeeds } from '#app/domain/calendar/feeds.server.ts'
import { refreshStaleTherapistSearch } from '#app/domain/matching/search-index.server.ts'
import { deliverNotice } from '#app/domain/notifications/notifications.server.ts'
import { expireOffer, runOfferRound } from '#app/domain/referrals/offer-rounds.server.ts'
import { sendQueuedSms } from '#app/domain/notifications/sms.server.ts'
import { patientRecipient, remindPatientOfDeadline, sendPatientLink } from '#app/domain/referrals/patient-links.server.ts'
import { expireShortlist } from '#app/domain/referrals/shortlist-deadline.server.ts'
import { remindOfSession } from '#app/domain/series/session-reminders.server.ts'
import { flagExpiringCredentials } from '#app/domain/therapists/verification.server.ts'
import { type Prisma } from '#app/generated/prisma/client.ts'
import { sendEmail } from '#app/utils/email.server.ts'
import { runWithJobContext } from '#app/utils/job-context.server.ts'
import { errorField, logger, runWithLogContext } from '#app/utils/logger.server.ts'
import { metrics } from '#app/utils/metrics.server.ts'
import { purge } from './purge.server.ts'
import { CLAIM_LIMIT, claimDueJobs, completeJob, failJob, holdLeases, LONG_JOB_BUDGET_MS, setWakeHandler, type Job, type JobKind, type JobPayloads } from './outbox.server.ts'
import { recurringAsker } from './recurring.server.ts'

class LeaseLost extends Error {
	constructor(jobId: string) {
		super(`job ${jobId} was claimed by another worker`)
	}
}

/** A handler does its job and calls `finish(tx)` inside the transaction that writes its effects. */
type Handler<K extends JobKind> = (payload: JobPayloads[K], job: Job<K>, now: Date, finish: (tx: Prisma.TransactionClient) => Promise<void>) => Promise<unknown>

const HANDLERS: { [K in JobKind]: Handler<K> } = {
	offer_round: (payload, _job, now, finish) => runOfferRound(payload.referralId, now, finish, payload.after),
	offer_expiry: async (payload, _job, now, finish) => {
		if ((await expireOffer(payload.offerId, now, finish)) === 'not_yet') throw new Error('the offer’s response window has not ended yet')
	},
	notify: (payload, job, now, finish) => deliverNotice(payload, job.id, now, finish),
	// An email cannot be sent inside a transaction: sent, then finished. Its log row carries a
	// Message-ID made from the job and the recipient (email.server.ts), so another attempt of the job
	// skips an email the log says was sent, and resends one only when a worker died between the mail
	// server taking it and the log saying so, with the same Message-ID. A send the mail server refuses
	// is recorded on the message and tried again with backoff.
	email: async ({ to, ...message }) => sendEmail(to, message, { retry: true }),
	// Links with a token are made when their email is sent, so that no payload holds one.
	patient_link: (payload, _job, now, finish) => sendPatientLink(payload.referralId, now, finish),
	password_reset: (payload) => sendPasswordReset(payload.email),
	purge: (_payload, _job, now, finish) => purge(now, finish),
	calendar_refresh: (_payload, _job, now) => refreshDueCalendarFeeds(now),
	// Each credential is flagged by a conditional update before its email, so a retried job tells nobody twice.
	expiring_credentials: (_payload, _job, now) => flagExpiringCredentials(now),
	// Rows left stale when the budget is spent stay exact (only slower to match) and are the next day's.
	search_refresh: (_payload, _job, now) => refreshStaleTherapistSearch({ now, budgetMs: LONG_JOB_BUDGET_MS }),
	// A text is sent, then the job finished (at least once, like emails); a failure the provider may get over throws and is tried again.
	sms: (payload, _job, now) => sendQueuedSms(payload, now, (job) => (job.patientOf ? patientRecipient(job.patientOf) : undefined)),
	shortlist_deadline: async (payload, _job, now, finish) => {
		if ((await expireShortlist(payload.referralId, new Date(payload.deadline), now, finish)) === 'not_yet') throw new Error('the shortlist’s deadline has not passed yet')
	},
	shortlist_reminder: (payload, _job, now, finish) => remindPatientOfDeadline(payload.referralId, new Date(payload.deadline), payload.hours, now, finish),
	// A moved or cancelled session's reminder finds the session changed and does nothing.
	session_reminder: (payload, _job, now, finish) => remindOfSession(payload, now, finish),
}

export type WorkerRun = { done: number; failed: number }

/**
 * One pass: claims the jobs due at `now` and does them one by one, renewing the leases of those it
 * still holds (the clock for renewals is `now` moved on by the real time the pass has taken). A job
 * whose lease was lost before it started (a renewal held up past the lease, and another worker took
 * it) is left to that worker.
 */
export async function runDueJobs(now: Date = new Date(), limit = CLAIM_LIMIT): Promise<WorkerRun> {
	const run: WorkerRun = { done: 0, failed: 0 }
	const jobs = await claimDueJobs(now, limit)
	if (jobs.length === 0) return run
	const started = performance.now()
	const leases = holdLeases(jobs, {
		clock: () => new Date(now.getTime() + (performance.now() - started)),
		onLost: (ids) => logger().warn({ jobs: ids }, 'worker: another worker took jobs whose lease this one could not renew in time'),
	})
	try {
		for (const job of jobs) {
			if (!leases.holds(job)) continue
			// The job's log lines carry the id of the request that asked for it.
			const outcome = await runWithJobContext(job.id, () => (job.requestId ? runWithLogContext({ requestId: job.requestId }, () => runJob(job, now)) : runJob(job, now)))
			leases.release(job)
			if (outcome !== 'lost') run[outcome]++
		}
	} finally {
		await leases.stop()
	}
	return run
}

async function runJob(job: Job, now: Date): Promise<'done' | 'failed' | 'lost'> {
	let finished = false
	const finish = async (tx: Prisma.TransactionClient) => {
		if (!(await completeJob(job, now, tx))) throw new LeaseLost(job.id)
		finished = true
	}
	const fields = { job: { id: job.id, kind: job.kind, attempt: job.attempts } }
	try {
		await (HANDLERS[job.kind] as Handler<JobKind>)(job.payload, job, now, finish)
		if (!finished && !(await completeJob(job, now))) throw new LeaseLost(job.id)
		logger().info(fields, `worker: ${job.kind} job done`)
		metrics().jobsDone.inc({ kind: job.kind })
		return 'done'
	} catch (error) {
		if (error instanceof LeaseLost) {
			// Its lease ran out unrenewed and another worker claimed it: that worker's attempt is the one that counts.
			logger().warn(fields, `worker: ${job.kind} job was claimed by another worker before this one finished it`)
			return 'lost'
		}
		logger().error({ ...fields, err: errorField(error) }, `worker: ${job.kind} job failed`)
		metrics().jobFailures.inc({ kind: job.kind })
		await failJob(job, error, now)
		return 'failed'
	}
}

/**
 * Passes until nothing is due (jobs enqueued by jobs included), at most `maxPasses` (of CLAIM_LIMIT
 * jobs each), or until `stopping()` says to claim no more: the jobs of the current pass are finished
 * first. `now`: a fixed time (tests), or a clock read at each pass, so that a long drain's later
 * claims are not made, and leased, in the past. `onPass` hears of each pass's end.
 */
export async function drainJobs(now: Date | (() => Date) = () => new Date(), maxPasses = 200, stopping: () => boolean = () => false, onPass?: (run: WorkerRun) => void): Promise<WorkerRun> {
	const total: WorkerRun = { done: 0, failed: 0 }
	for (let pass = 0; pass < maxPasses && !stopping(); pass++) {
		const run = await runDueJobs(typeof now === 'function' ? now() : now)
		onPass?.(run)
		total.done += run.done
		total.failed += run.failed
		if (run.done + run.failed === 0) break
	}
	return total
}

/** What a worker says of itself (a worker process's /healthz, server/worker-http.ts); times in epoch milliseconds. */
export type WorkerStatus = { stopped: boolean; running: boolean; passes: number; lastProgressAt: number; jobsDone: number; jobsFailed: number }

export type StopWorker = (() => Promise<void>) & { status: () => WorkerStatus }

/**
 * The worker inside this process: a pass every `intervalMs`, never two at once; `now` is the clock
 * (tests fix it). Returns stop, which claims no more jobs and resolves once the jobs already claimed
 * are finished, and whose `status()` says how the worker is doing.
 * `keepsProcessAlive`: in a process of its own (`npm run worker`) nothing else keeps Node running
 * between passes, so its timer must; beside an HTTP server (or in a test) it must not.
 */
export function startWorker(options: { intervalMs?: number; now?: () => Date; onError?: (error: unknown) => void; keepsProcessAlive?: boolean } = {}): StopWorker {
	const askForRecurringJobs = recurringAsker()
	const clock = () => options.now?.() ?? new Date()
	const status: WorkerStatus = { stopped: false, running: false, passes: 0, lastProgressAt: Date.now(), jobsDone: 0, jobsFailed: 0 }
	const progress = (run?: WorkerRun) => {
		status.lastProgressAt = Date.now()
		if (!run) return
		status.passes++
		status.jobsDone += run.done
		status.jobsFailed += run.failed
	}
	let running: Promise<unknown> | null = null
	let again = false
	let stopped = false
	const tick = () => {
		if (stopped) return
		if (running) {
			again = true
			return
		}
		status.running = true
		progress()
		// Recurring work is asked for here, as jobs under a period's dedupe key: once across all workers.
		running = askForRecurringJobs(clock())
			.then(() => drainJobs(clock, undefined, () => stopped, progress))
			.catch((error) => (options.onError ?? ((e) => logger().error({ err: errorField(e) }, 'worker: pass failed')))(error))
			.finally(() => {
				running = null
				status.running = false
				progress()
				if (again) {
					again = false
					tick()
				}
			})
	}
	const timer = setInterval(tick, options.intervalMs ?? 5_000)
	if (!options.keepsProcessAlive) timer.unref()
	setWakeHandler(tick)
	tick()
	const stop = async () => {
		stopped = true
		status.stopped = true
		clearInterval(timer)
		setWakeHandler(null)
		await running
	}
	return Object.assign(stop, { status: () => ({ ...status }) })
}
