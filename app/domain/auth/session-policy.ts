// When a session is still good (docs/product.md §5): 30 days, extended while in use; for people who can
// see patient details, also ended after 30 minutes without activity.

export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000
/** Extend the expiry once less than this remains, so most requests write nothing. */
export const SESSION_RENEW_WITHIN_MS = 15 * 24 * 60 * 60 * 1000
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000
/** Record activity at most this often: enough precision for a 30-minute idle timeout. */
export const ACTIVITY_RESOLUTION_MS = 60 * 1000

export type SessionTimes = { expiresAt: Date; lastActiveAt: Date }

export type SessionVerdict = { valid: false; reason: 'expired' | 'idle' } | { valid: true; update: Partial<SessionTimes> | null }

export function judgeSession(session: SessionTimes, now: Date, options: { idleTimeout: boolean }): SessionVerdict {
	if (now.getTime() >= session.expiresAt.getTime()) return { valid: false, reason: 'expired' }
	if (options.idleTimeout && now.getTime() - session.lastActiveAt.getTime() >= IDLE_TIMEOUT_MS) {
		return { valid: false, reason: 'idle' }
	}
	const update: Partial<SessionTimes> = {}
	if (session.expiresAt.getTime() - now.getTime() < SESSION_RENEW_WITHIN_MS) {
		update.expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS)
	}
	if (now.getTime() - session.lastActiveAt.getTime() >= ACTIVITY_RESOLUTION_MS) update.lastActiveAt = now
	return { valid: true, update: Object.keys(update).length ? update : null }
}

export function newSessionTimes(now: Date): SessionTimes {
	return { expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS), lastActiveAt: now }
}
