// Therapists' own calendars (docs/product.md §4a, "calendars in"): the address is kept sealed, read
// when given, when the therapist asks, and by the periodic refresh (at most every 15 minutes, once
// across all processes); a good read replaces the busy copy and rewrites the therapist's search
// rows, so matching's timing filter sees it; a failed read is kept as the error the therapist sees,
// and the last good copy stays in use.
import { type Range } from '#app/domain/availability/ranges.ts'
import { HORIZON_CELLS } from '#app/domain/matching/search-facts.ts'
import { refreshTherapistSearch } from '#app/domain/matching/search-index.server.ts'
import { LONG_JOB_BUDGET_MS } from '#app/domain/outbox/outbox.server.ts'
import { CALENDAR_REFRESH_MINUTES } from '#app/domain/outbox/recurring.ts'
import { audit } from '#app/domain/audit/audit.server.ts'
import { type Prisma } from '#app/generated/prisma/client.ts'
import { db } from '#app/utils/db.server.ts'
import { openSecret, sealSecret } from '#app/utils/secret-box.server.ts'
import { busyTimesFromIcs } from './busy-feed.ts'
import { busyFromJson, busyToJson } from './busy-json.ts'
import { feedAddress } from './feed-address.ts'
import { FEED_LIMITS, fetchFeed } from './feed-fetch.server.ts'

/** The most often a feed is read by the periodic refresh. */
export const REFRESH_MINUTES = CALENDAR_REFRESH_MINUTES
const MINUTE_MS = 60_000
/** Busy times are kept from a day back to the end of matching's horizon (half-hour cells). */
const HORIZON_MS = HORIZON_CELLS * 30 * MINUTE_MS

export type FeedStatus = { host: string; readAt: Date | null; events: number | null; lastError: string | null; triedAt: Date | null; busyAhead: number }

export async function feedStatus(therapistId: string, now = new Date()): Promise<FeedStatus | null> {
	const feed = await db().calendarFeed.findUnique({ where: { therapistId }, select: { host: true, readAt: true, events: true, lastError: true, triedAt: true, busy: true } })
	if (!feed) return null
	const busyAhead = busyFromJson(feed.busy).filter((range) => range.end > now).length
	return { host: feed.host, readAt: feed.readAt, events: feed.events, lastError: feed.lastError, triedAt: feed.triedAt, busyAhead }
}

export type FeedChange = { ok: true; read: ReadOutcome } | { ok: false; error: string }

/** Keeps the therapist's calendar address (replacing any earlier one) and reads it at once. */
export async function setCalendarFeed(therapistId: string, given: string, actorId: string | null, now = new Date()): Promise<FeedChange> {
	const address = feedAddress(given)
	if (!address.ok) return address
	const url = address.url.toString()
	const sealed = sealSecret(new TextEncoder().encode(url))
	await db().$transaction(async (tx) => {
		const fields = { urlSealed: sealed, host: address.url.host, busy: [], readAt: null, events: null, lastError: null, triedAt: null, refreshAt: now }
		await tx.calendarFeed.upsert({ where: { therapistId }, create: { therapistId, ...fields }, update: fields })
		await audit({ actorId, action: 'calendar_feed.set', entity: 'therapist', entityId: therapistId, details: { host: address.url.host } }, tx)
	})
	return { ok: true, read: await readCalendarFeed(therapistId, now) }
}

export async function removeCalendarFeed(therapistId: string, actorId: string | null): Promise<boolean> {
	const removed = await db().$transaction(async (tx) => {
		const { count } = await tx.calendarFeed.deleteMany({ where: { therapistId } })
		if (count) {
			await audit({ actorId, action: 'calendar_feed.removed', entity: 'therapist', entityId: therapistId, details: {} }, tx)
			await refreshTherapistSearch([therapistId], { client: tx })
		}
		return count > 0
	})
	return removed
}

export type ReadOutcome = { ok: true; busy: number; events: number } | { ok: false; error: string } | { ok: false; error: 'none' }

/** Reads the therapist's feed now: a good read replaces the busy copy, a failed one is recorded beside it. */
export async function readCalendarFeed(therapistId: string, now = new Date()): Promise<ReadOutcome> {
	const feed = await db().calendarFeed.findUnique({ where: { therapistId }, select: { urlSealed: true, therapist: { select: { timeZone: true } } } })
	if (!feed) return { ok: false, error: 'none' }
	const opened = openSecret(feed.urlSealed)
	const refreshAt = new Date(now.getTime() + REFRESH_MINUTES * MINUTE_MS)
	const failed = async (error: string): Promise<ReadOutcome> => {
		await db().calendarFeed.updateMany({ where: { therapistId }, data: { lastError: error, triedAt: now, refreshAt } })
		return { ok: false, error }
	}
	if (!opened) return failed('The calendar’s address can no longer be read (the server’s secret changed): give it again.')
	const fetched = await fetchFeed(new TextDecoder().decode(opened))
	if (!fetched.ok) return failed(fetched.error)
	const parsed = busyTimesFromIcs(fetched.text, { from: new Date(now.getTime() - 24 * 60 * MINUTE_MS), to: new Date(now.getTime() + HORIZON_MS), timeZone: feed.therapist.timeZone })
	if (!parsed.ok) return failed(parsed.error)
	await db().$transaction(async (tx) => {
		await tx.calendarFeed.updateMany({ where: { therapistId }, data: { busy: busyToJson(parsed.busy), readAt: now, events: parsed.events, lastError: null, triedAt: now, refreshAt } })
		await refreshTherapistSearch([therapistId], { client: tx, now })
	})
	return { ok: true, busy: parsed.busy.length, events: parsed.events }
}

/** Busy times from therapists' own calendars (the last good copy), by therapist. */
export async function calendarBusy(therapistIds: readonly string[], client: Prisma.TransactionClient | ReturnType<typeof db> = db()): Promise<Map<string, Range[]>> {
	if (therapistIds.length === 0) return new Map()
	const feeds = await client.calendarFeed.findMany({ where: { therapistId: { in: [...therapistIds] } }, select: { therapistId: true, busy: true } })
	return new Map(feeds.map((feed) => [feed.therapistId, busyFromJson(feed.busy)]))
}

/** How many feeds the periodic refresh reads at once, and how long one refresh job keeps starting reads. */
export const REFRESH_CONCURRENCY = 8
export const REFRESH_BUDGET_MS = LONG_JOB_BUDGET_MS

/**
 * The periodic refresh: reads the due feeds, a few at a time, until none is due or the budget is spent
 * (each read moves its feed's next refresh forward, so a feed is read once per job). A slow feed costs
 * at most its fetch timeout, and no read starts once the budget is spent, so the job ends within
 * minutes (its worker renews its lease meanwhile); feeds left due are read by the next period's job.
 */
export async function refreshDueCalendarFeeds(now: Date, options: { concurrency?: number; budgetMs?: number } = {}): Promise<{ read: number; failed: number; leftDue: boolean }> {
	const concurrency = options.concurrency ?? REFRESH_CONCURRENCY
	const stopStartingAt = performance.now() + (options.budgetMs ?? REFRESH_BUDGET_MS) - FEED_LIMITS.timeoutMs
	let read = 0
	let failed = 0
	for (;;) {
		const due = await db().calendarFeed.findMany({ where: { refreshAt: { lte: now } }, select: { therapistId: true }, orderBy: { refreshAt: 'asc' }, take: concurrency })
		if (due.length === 0) return { read, failed, leftDue: false }
		if (performance.now() > stopStartingAt) return { read, failed, leftDue: true }
		const outcomes = await Promise.all(due.map(({ therapistId }) => readCalendarFeed(therapistId, now)))
		for (const outcome of outcomes) {
			if (outcome.ok) read++
			else failed++
		}
	}
}
