// The periodic purge, as a recurring outbox job (recurring.ts): every worker asks for the current
// period's job, the dedupe key (unique) lets one exist, and one worker claims it. So it runs once per
// period across all app servers and workers, and a period missed while none ran is simply the next one.
import { db } from '#app/utils/db.server.ts'
import { type Prisma } from '#app/generated/prisma/client.ts'
import { EMAIL_JOB_KINDS, purgeCutoffs } from './purge.ts'
import { enqueueRecurringJobs } from './recurring.server.ts'

/** Asks for this period's purge; a second ask (another process, the same period) adds nothing. */
export async function enqueuePurge(now: Date): Promise<void> {
	await enqueueRecurringJobs(now, { kinds: ['purge'] })
}

export type PurgeCounts = Record<'sessions' | 'tokens' | 'patientLinks' | 'rateLimits' | 'signInAddresses' | 'emailBodies' | 'emailLog' | 'smsLog' | 'emailJobs' | 'finishedJobs', number>

/** Removes what has outlived its use, in one transaction that also finishes the job. */
export async function purge(now: Date, finish?: (tx: Prisma.TransactionClient) => Promise<void>): Promise<PurgeCounts> {
	const cutoffs = purgeCutoffs(now)
	return db().$transaction(async (tx) => {
		const counts: PurgeCounts = {
			sessions: (await tx.session.deleteMany({ where: { expiresAt: { lte: cutoffs.sessions } } })).count,
			tokens: (await tx.userToken.deleteMany({ where: { expiresAt: { lte: cutoffs.tokens } } })).count,
			patientLinks: (await tx.patientLink.deleteMany({ where: { expiresAt: { lte: cutoffs.patientLinks } } })).count,
			rateLimits: (await tx.rateLimit.deleteMany({ where: { windowStart: { lte: cutoffs.rateLimits } } })).count,
			signInAddresses: (await tx.signInAddress.deleteMany({ where: { lastSignedInAt: { lte: cutoffs.signInAddresses } } })).count,
			// Only the development outbox keeps bodies, and it never sends; this clears any a sent row still has.
			emailBodies: (await tx.emailMessage.updateMany({ where: { sentAt: { not: null }, OR: [{ text: { not: null } }, { html: { not: null } }] }, data: { text: null, html: null } })).count,
			emailLog: (await tx.emailMessage.deleteMany({ where: { createdAt: { lte: cutoffs.emailLog } } })).count,
			smsLog: (await tx.smsMessage.deleteMany({ where: { createdAt: { lte: cutoffs.emailLog } } })).count,
			emailJobs: (await tx.outboxJob.deleteMany({ where: { kind: { in: [...EMAIL_JOB_KINDS] }, doneAt: { lte: cutoffs.emailJobs } } })).count,
			finishedJobs: (await tx.outboxJob.deleteMany({ where: { doneAt: { lte: cutoffs.finishedJobs } } })).count,
		}
		await finish?.(tx)
		return counts
	})
}
