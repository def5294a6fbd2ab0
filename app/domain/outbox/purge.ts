// What the periodic purge removes and when: expired sessions, tokens and
// patient links, spent rate-limit windows, addresses nobody has signed in from for months, sent email bodies and finished jobs. Pure: the
// cutoffs for a given time; purge.server.ts deletes, once per period across all processes.
import { KNOWN_ADDRESS_DAYS } from '#app/domain/auth/login-policy.ts'
import { RATE_LIMITS } from '#app/domain/auth/rate-limit.ts'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS

/** One purge per hour, whatever the number of workers. */
export const PURGE_PERIOD_MS = HOUR_MS

export const RETENTION_DAYS = {
	/** Expired reset, verification and invitation tokens (hashes only) stay a month, so a clinic's list of invitations still says "expired". */
	tokens: 30,
	/** Expired patient links likewise, so an old link still says "expired" rather than "unknown". */
	patientLinks: 30,
	/** The log of sent emails (template, recipient, subject), and of text messages (template, recipient). */
	emailLog: 30,
	/** Finished jobs: a dedupe key refuses a repeat only while its job is kept, and every repeat the app asks for comes within days. */
	finishedJobs: 7,
} as const

/** Jobs whose payload is an email, an address to email or a text message: removed as soon as they are finished. */
export const EMAIL_JOB_KINDS = ['email', 'password_reset', 'sms'] as const

/** The longest rate-limit window: a row whose window started before that no longer counts. */
export function longestRateLimitWindowMs(): number {
	return Math.max(...Object.values(RATE_LIMITS).map((rule) => rule.windowSeconds)) * 1000
}

export type PurgeCutoffs = { sessions: Date; tokens: Date; patientLinks: Date; rateLimits: Date; signInAddresses: Date; emailLog: Date; emailJobs: Date; finishedJobs: Date }

/** Rows at or before each cutoff are removed. */
export function purgeCutoffs(now: Date): PurgeCutoffs {
	const ago = (ms: number) => new Date(now.getTime() - ms)
	return {
		sessions: now,
		tokens: ago(RETENTION_DAYS.tokens * DAY_MS),
		patientLinks: ago(RETENTION_DAYS.patientLinks * DAY_MS),
		rateLimits: ago(longestRateLimitWindowMs()),
		// An address stops being known (login-policy.ts) this long after the last sign-in from it.
		signInAddresses: ago(KNOWN_ADDRESS_DAYS * DAY_MS),
		emailLog: ago(RETENTION_DAYS.emailLog * DAY_MS),
		emailJobs: now,
		finishedJobs: ago(RETENTION_DAYS.finishedJobs * DAY_MS),
	}
}

/** The period `now` falls in, as its start and a name for the job's dedupe key (UTC hour: `2026-12-02T10`). */
export function purgePeriod(now: Date): { name: string; startsAt: Date } {
	const startsAt = new Date(Math.floor(now.getTime() / PURGE_PERIOD_MS) * PURGE_PERIOD_MS)
	return { name: startsAt.toISOString().slice(0, 13), startsAt }
}
