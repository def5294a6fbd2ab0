// Counts attempts per key in the database, so every app server shares the limits.
import { decide, RATE_LIMITS, type RateLimitDecision } from '#app/domain/auth/rate-limit.ts'
import { db } from './db.server.ts'

export type RateLimitName = keyof typeof RATE_LIMITS

/** Counts one attempt against the rule and says whether it is allowed. */
export async function consumeRateLimit(name: RateLimitName, subject: string, now = new Date()): Promise<RateLimitDecision> {
	const rule = RATE_LIMITS[name]
	const key = `${name}:${subject.toLowerCase()}`
	const windowOpen = new Date(now.getTime() - rule.windowSeconds * 1000)
	const [row] = await db().$queryRaw<{ count: number; windowStart: Date }[]>`
		INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (${key}, ${now}, 1)
		ON CONFLICT ("key") DO UPDATE SET
			"count" = CASE WHEN "RateLimit"."windowStart" <= ${windowOpen} THEN 1 ELSE "RateLimit"."count" + 1 END,
			"windowStart" = CASE WHEN "RateLimit"."windowStart" <= ${windowOpen} THEN ${now} ELSE "RateLimit"."windowStart" END
		RETURNING "count", "windowStart"`
	return decide(rule, Number(row!.count), new Date(row!.windowStart), now)
}

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
