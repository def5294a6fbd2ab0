// Fixed-window rate limits: how many attempts each kind of action allows per key (an account or
// an IP address), and whether one more is allowed.

export type RateLimitRule = { limit: number; windowSeconds: number }

export const RATE_LIMITS = {
	/** Wrong passwords for one account from one IP: that IP is refused for that account, nobody else is. */
	loginFailuresPerAccountIp: { limit: 10, windowSeconds: 15 * 60 },
	/**
	 * Wrong passwords for one account from anywhere. Past this the account is never locked (anyone
	 * could lock anyone out): a right password from an address it has not signed in from before
	 * then needs a second step (login-policy.ts).
	 */
	loginFailuresPerAccount: { limit: 20, windowSeconds: 60 * 60 },
	loginPerIp: { limit: 50, windowSeconds: 15 * 60 },
	/** Wrong emailed sign-in codes for one account: the code is spent, a new one must be sent. */
	signInCodeFailuresPerAccount: { limit: 5, windowSeconds: 15 * 60 },
	signInCodeSendsPerAccount: { limit: 5, windowSeconds: 60 * 60 },
	signupPerIp: { limit: 10, windowSeconds: 60 * 60 },
	resetPerAccount: { limit: 5, windowSeconds: 60 * 60 },
	resetPerIp: { limit: 20, windowSeconds: 60 * 60 },
	totpPerAccount: { limit: 10, windowSeconds: 15 * 60 },
	/** Wrong codes at the two-factor step of logging in: the step locks, and the person is told by email. */
	totpFailuresPerAccount: { limit: 5, windowSeconds: 15 * 60 },
	totpPerIp: { limit: 50, windowSeconds: 15 * 60 },
	verifyResendPerAccount: { limit: 5, windowSeconds: 60 * 60 },
	verifyResendPerIp: { limit: 20, windowSeconds: 60 * 60 },
	invitePerClinic: { limit: 50, windowSeconds: 24 * 60 * 60 },
	invitationPerIp: { limit: 20, windowSeconds: 15 * 60 },
	/** Clinic API calls per key. */
	apiPerKey: { limit: 600, windowSeconds: 60 },
	/** Patient link pages (docs/product.md §5), opened or answered, per IP and per link. */
	patientLinkPerIp: { limit: 120, windowSeconds: 15 * 60 },
	patientLinkPerToken: { limit: 60, windowSeconds: 15 * 60 },
	/** Reads of one person's session feed (docs/product.md §4a): calendars poll it, a runaway client is slowed. Not per IP: calendar services read many people's feeds from the same addresses. */
	sessionFeedPerToken: { limit: 60, windowSeconds: 15 * 60 },
	/** Clinic API calls with a missing, malformed, unknown or revoked key, per IP. */
	apiBadKeyPerIp: { limit: 30, windowSeconds: 15 * 60 },
} satisfies Record<string, RateLimitRule>

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number }

/** `count` includes the attempt being decided. */
export function decide(rule: RateLimitRule, count: number, windowStart: Date, now: Date): RateLimitDecision {
	if (count <= rule.limit) return { allowed: true }
	const resetsAt = windowStart.getTime() + rule.windowSeconds * 1000
	return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((resetsAt - now.getTime()) / 1000)) }
}
