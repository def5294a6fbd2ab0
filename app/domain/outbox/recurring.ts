// Work that recurs on a clock (ADR 0027): each kind, how often, and the period a moment falls in.
// Pure: recurring.server.ts asks for the current periods' jobs under their dedupe keys, so each
// period's job runs once across every app server and worker, whatever their number.
import { PURGE_PERIOD_MS } from './purge.ts'

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS

/** The most often the periodic refresh reads a therapist's own calendar. */
export const CALENDAR_REFRESH_MINUTES = 15

export const RECURRING_JOBS = [
	/** Expired sessions, tokens, links, spent rate limits, old logs and finished jobs (purge.ts). */
	{ kind: 'purge', everyMs: PURGE_PERIOD_MS },
	/** Therapists' own calendars that are due (calendar/feeds.server.ts). */
	{ kind: 'calendar_refresh', everyMs: CALENDAR_REFRESH_MINUTES * MINUTE_MS },
	/** Tell therapists once about verified credentials expiring within 30 days (docs/product.md §3). */
	{ kind: 'expiring_credentials', everyMs: DAY_MS },
	/** Rewrite search rows written over a week ago, so their free time reaches thirteen weeks ahead again. */
	{ kind: 'search_refresh', everyMs: DAY_MS },
] as const

export type RecurringKind = (typeof RECURRING_JOBS)[number]['kind']

export type Period = { name: string; startsAt: Date }

/**
 * The period of `everyMs` that `now` falls in (UTC, counted from the epoch), named as precisely as
 * the period needs: `2026-12-02` for a day, `2026-12-02T10` for an hour, `2026-12-02T10:15` below.
 */
export function periodOf(everyMs: number, now: Date): Period {
	const startsAt = new Date(Math.floor(now.getTime() / everyMs) * everyMs)
	const length = everyMs % DAY_MS === 0 ? 10 : everyMs % HOUR_MS === 0 ? 13 : 16
	return { name: startsAt.toISOString().slice(0, length), startsAt }
}

export type RecurringJob = { kind: RecurringKind; period: string; runAt: Date; dedupeKey: string }

/** The job each recurring kind asks for at `now`: due from its period's start, one per period by its key. */
export function recurringJobsAt(now: Date): RecurringJob[] {
	return RECURRING_JOBS.map(({ kind, everyMs }) => {
		const period = periodOf(everyMs, now)
		return { kind, period: period.name, runAt: period.startsAt, dedupeKey: `${kind}:${period.name}` }
	})
}
