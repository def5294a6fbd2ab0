// Reminders before a deadline (a shortlist's, a planned session's): one per lead time, each at the
// deadline less its lead, only those still ahead. Pure; reminders.server.ts enqueues them.
const HOUR_MS = 3_600_000

export type Reminder<H extends number = number> = { hours: H; at: Date }

export function remindersBefore<H extends number>(deadline: Date, leadHours: readonly H[], now: Date): Reminder<H>[] {
	return leadHours.map((hours) => ({ hours, at: new Date(deadline.getTime() - hours * HOUR_MS) })).filter((r) => r.at > now)
}
