// What the settings show of a person's session feed (docs/product.md §4a): whether they have one,
// when it was made and when a calendar last read it, in their zone. The address itself is shown
// only once, when it is made: only its hash is kept. Pure.
import { formatDateTime } from '#app/domain/time-format.ts'

export type SessionFeedView = { state: 'none' } | { state: 'on'; made: string; read: string }

export function presentSessionFeed(feed: { createdAt: Date; lastReadAt: Date | null } | null, timeZone: string, now: Date): SessionFeedView {
	if (!feed) return { state: 'none' }
	return {
		state: 'on',
		made: `Made ${formatDateTime(feed.createdAt, timeZone, { now })}.`,
		read: feed.lastReadAt ? `A calendar last read it ${formatDateTime(feed.lastReadAt, timeZone, { now })}.` : 'No calendar has read it yet.',
	}
}

export const SESSION_FEED_INTENTS = ['feed-create', 'feed-revoke'] as const
export type SessionFeedIntent = (typeof SESSION_FEED_INTENTS)[number]
