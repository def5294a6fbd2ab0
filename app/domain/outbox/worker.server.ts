// The worker (docs/product.md §4, §10): claims due outbox jobs and does them — rounds of offers, offer
// expiries, notices, emails, patient links, reminders, and the recurring jobs it asks for (recurring.ts). In-process in the app server by default
// (`startWorker`), or as its own process (`npm run worker`, scripts/worker.ts); any number may run
// at once, because a job is claimed by one worker at a time and finished only under its lease.
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
import { errorField, logger, runWithLogContext } from '#app/utils/logger.server.ts'
import { metrics } from '#app/utils/metrics.server.ts'
import { purge } from './purge.server.ts'
import { claimDueJobs, completeJob, failJob, LEASE_MS, setWakeHandler, type Job, type JobKind, type JobPayloads } from './outbox.server.ts'
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
	// An email cannot be sent inside a transaction: sent, then finished. A worker that dies in
	// between sends it again when the lease ends (at least once; never twice otherwise). A send the
	// mail server refuses is recorded on the message and tried again with backoff.
	email: async ({ to, ...message }) => sendEmail(to, message, { retry: true }),
	// Links with a token are made when their email is sent, so that no payload holds one.
	patient_link: (payload, _job, now, finish) => sendPatientLink(payload.referralId, now, finish),
	password_reset: (payload) => sendPasswordReset(payload.email),
	purge: (_payload, _job, now, finish) => purge(now, finish),
	calendar_refresh: (_payload, _job, now) => refreshDueCalendarFeeds(now),
	// Each credential is flagged by a conditional update before its email, so a retried job tells nobody twice.
	expiring_credentials: (_payload, _job, now) => flagExpiringCredentials(now),
	// Rows left stale when the budget is spent stay exact (only slower to match) and are the next day's.
	search_refresh: (_payload, _job, now) => refreshStaleTherapistSearch({ now, budgetMs: LEASE_MS / 2 }),
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

/** One pass: claims the jobs due at `now` and does them one by one. */
export async function runDueJobs(now: Date = new Date(), limit = 20): Promise<WorkerRun> {
	const run: WorkerRun = { done: 0, failed: 0 }
	for (const job of await claimDueJobs(now, limit)) {
		// The job's log lines carry the id of the request that asked for it.
		const outcome = job.requestId ? await runWithLogContext({ requestId: job.requestId }, () => runJob(job, now)) : await runJob(job, now)
		if (outcome !== 'lost') run[outcome]++
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
		if (!finished) await completeJob(job, now)
		logger().info(fields, `worker: ${job.kind} job done`)
		metrics().jobsDone.inc({ kind: job.kind })
		return 'done'
	} catch (error) {
		if (error instanceof LeaseLost) return 'lost'
		logger().error({ ...fields, err: errorField(error) }, `worker: ${job.kind} job failed`)
		metrics().jobFailures.inc({ kind: job.kind })
		await failJob(job, error, now)
		return 'failed'
	}
}

/**
 * Passes until nothing is due at `now` (jobs enqueued by jobs included), at most `maxPasses`, or
 * until `stopping()` says to claim no more: the jobs of the current pass are finished first.
 */
export async function drainJobs(now: Date = new Date(), maxPasses = 50, stopping: () => boolean = () => false): Promise<WorkerRun> {
	const total: WorkerRun = { done: 0, failed: 0 }
	for (let pass = 0; pass < maxPasses && !stopping(); pass++) {
		const run = await runDueJobs(now)
		total.done += run.done
		total.failed += run.failed
		if (run.done + run.failed === 0) break
	}
	return total
}

/**
 * The worker inside this process: a pass every `intervalMs`, never two at once; `now` is the clock
 * (tests fix it). Returns stop, which claims no more jobs and resolves once the jobs already claimed are finished.
 * `keepsProcessAlive`: in a process of its own (`npm run worker`) nothing else keeps Node running
 * between passes, so its timer must; beside an HTTP server (or in a test) it must not.
 */
export function startWorker(options: { intervalMs?: number; now?: () => Date; onError?: (error: unknown) => void; keepsProcessAlive?: boolean } = {}): () => Promise<void> {
	const askForRecurringJobs = recurringAsker()
	let running: Promise<unknown> | null = null
	let again = false
	let stopped = false
	const tick = () => {
		if (stopped) return
		if (running) {
			again = true
			return
		}
		const now = options.now?.() ?? new Date()
		// Recurring work is asked for here, as jobs under a period's dedupe key: once across all workers.
		running = askForRecurringJobs(now)
			.then(() => drainJobs(now, undefined, () => stopped))
			.catch((error) => (options.onError ?? ((e) => logger().error({ err: errorField(e) }, 'worker: pass failed')))(error))
			.finally(() => {
				running = null
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
	return async () => {
		stopped = true
		clearInterval(timer)
		setWakeHandler(null)
		await running
	}
}
