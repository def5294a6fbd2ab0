// Counts attempts per key in the database, so every app server shares the limits.
import { decide, RATE_LIMITS, type RateLimitDecision } from '#app/domain/auth/rate-limit.ts'
import { db } from './db.server.ts'

export type RateLimitName = keyof typeof RATE_LIMITS

/** Counts one attempt against the rule and says whether it is allowed. */
export async function consumeRateLimit(name: RateLimitName, subject: string, now = new Date()): Promise<RateLimitDecision> {
	return (await countAttempt(name, subject, now)).decision
}

/** Counts one attempt (or failure) and returns the count in the window with the decision. */
export async function countAttempt(name: RateLimitName, subject: string, now = new Date()): Promise<{ count: number; decision: RateLimitDecision }> {
	const rule = RATE_LIMITS[name]
	const key = rateLimitKey(name, subject)
	const windowOpen = new Date(now.getTime() - rule.windowSeconds * 1000)
	const [row] = await db().$queryRaw<{ count: number; windowStart: Date }[]>`
		INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (${key}, ${now}, 1)
		ON CONFLICT ("key") DO UPDATE SET
			"count" = CASE WHEN "RateLimit"."windowStart" <= ${windowOpen} THEN 1 ELSE "RateLimit"."count" + 1 END,
			"windowStart" = CASE WHEN "RateLimit"."windowStart" <= ${windowOpen} THEN ${now} ELSE "RateLimit"."windowStart" END
		RETURNING "count", "windowStart"`
	const count = Number(row!.count)
	return { count, decision: decide(rule, count, new Date(row!.windowStart), now) }
}

/**
 * Whether one more attempt would be allowed, counting nothing: for limits on failures, which are
 * checked before the attempt and counted only when it fails.
 */
export async function peekRateLimit(name: RateLimitName, subject: string, now = new Date()): Promise<RateLimitDecision & { count: number }> {
	const rule = RATE_LIMITS[name]
	const row = await db().rateLimit.findUnique({ where: { key: rateLimitKey(name, subject) }, select: { count: true, windowStart: true } })
	const live = row && row.windowStart.getTime() > now.getTime() - rule.windowSeconds * 1000 ? row : null
	const count = live?.count ?? 0
	return { ...decide(rule, count + 1, live?.windowStart ?? now, now), count }
}

const rateLimitKey = (name: RateLimitName, subject: string) => `${name}:${subject.toLowerCase()}`

/** Checks several rules (per account and per IP, say); the first refusal wins. Each is counted. */
export async function consumeRateLimits(checks: [RateLimitName, string | null | undefined][], now = new Date()): Promise<RateLimitDecision> {
	let result: RateLimitDecision = { allowed: true }
	for (const [name, subject] of checks) {
		if (!subject) continue
		const decision = await consumeRateLimit(name, subject, now)
		if (!decision.allowed && result.allowed) result = decision
	}
	return result
}
