// Asks for the recurring jobs of the current periods (recurring.ts). Every worker asks; the unique
// dedupe key admits one job per kind and period (INSERT … ON CONFLICT DO NOTHING), and the claim
// admits one worker to it: once per period across all processes, with nothing else to run (ADR 0027).
import { type Prisma } from '#app/generated/prisma/client.ts'
import { db } from '#app/utils/db.server.ts'
import { recurringJobsAt, type RecurringKind } from './recurring.ts'

type Client = Prisma.TransactionClient | ReturnType<typeof db>

/** Asks for the current period's job of every recurring kind, or of `kinds`; a key already there adds nothing. */
export async function enqueueRecurringJobs(now: Date, options: { kinds?: readonly RecurringKind[]; client?: Client } = {}): Promise<number> {
	const jobs = recurringJobsAt(now).filter((job) => !options.kinds || options.kinds.includes(job.kind))
	if (jobs.length === 0) return 0
	const { count } = await (options.client ?? db()).outboxJob.createMany({
		data: jobs.map((job) => ({ kind: job.kind, payload: { period: job.period }, runAt: job.runAt, dedupeKey: job.dedupeKey })),
		skipDuplicates: true,
	})
	return count
}

/**
 * One worker's asking: each kind once per period, not on every pass (the key would refuse the rest,
 * but a statement per pass per worker is waste). Per worker, so a restarted worker asks again.
 */
export function recurringAsker(): (now: Date) => Promise<void> {
	const askedFor = new Map<RecurringKind, string>()
	return async (now) => {
		const due = recurringJobsAt(now).filter((job) => askedFor.get(job.kind) !== job.period)
		if (due.length === 0) return
		await enqueueRecurringJobs(now, { kinds: due.map((job) => job.kind) })
		for (const job of due) askedFor.set(job.kind, job.period)
	}
}
