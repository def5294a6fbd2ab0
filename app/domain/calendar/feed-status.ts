// What the therapist's profile says of their own calendar: which one, when it was last read and
// what it gave, or why the last read failed (the last good copy is still used). Pure.
import { formatDateTime } from '#app/domain/time-format.ts'

export type FeedFacts = { host: string; readAt: Date | null; events: number | null; lastError: string | null; triedAt: Date | null; busyAhead: number }

export type FeedView = { state: 'none' } | { state: 'ok' | 'failing' | 'unread'; host: string; summary: string; error: string | null }

export function presentFeed(feed: FeedFacts | null, timeZone: string, now: Date): FeedView {
	if (!feed) return { state: 'none' }
	const read = feed.readAt
		? `Last read ${formatDateTime(feed.readAt, timeZone, { now })}: ${plural(feed.events ?? 0, 'event')}, ${plural(feed.busyAhead, 'busy time')} ahead kept out of your free time.`
		: 'Not read yet.'
	if (feed.lastError) {
		const tried = feed.triedAt ? ` (tried ${formatDateTime(feed.triedAt, timeZone, { now })})` : ''
		const kept = feed.readAt ? ' Tandem keeps using what it read last time.' : ' Until it can be read, only your weekly hours count.'
		return { state: 'failing', host: feed.host, summary: read, error: `The last read failed${tried}: ${feed.lastError}${kept}` }
	}
	return { state: feed.readAt ? 'ok' : 'unread', host: feed.host, summary: read, error: null }
}

function plural(count: number, noun: string): string {
	return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`
}
