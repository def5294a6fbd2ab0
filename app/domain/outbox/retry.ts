// When the worker tries a failed job again: exponential backoff from 30 seconds, at most an hour
// apart, and it gives up after MAX_ATTEMPTS (the job keeps its last error). Pure.
export const MAX_ATTEMPTS = 8
const FIRST_DELAY_MS = 30_000
const LONGEST_DELAY_MS = 3_600_000

/** The delay before attempt `attempts + 1`, after `attempts` failed ones (1 or more). */
export function retryDelayMs(attempts: number): number {
	return Math.min(LONGEST_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempts - 1))
}

export type AfterFailure = { kind: 'retry'; runAt: Date } | { kind: 'give_up' }

export function afterFailure(attempts: number, now: Date): AfterFailure {
	if (attempts >= MAX_ATTEMPTS) return { kind: 'give_up' }
	return { kind: 'retry', runAt: new Date(now.getTime() + retryDelayMs(attempts)) }
}
