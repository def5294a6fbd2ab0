// Counts attempts per key in the database, so every app server shares the limits.
import { decide, RATE_LIMITS, type RateLimitDecision } from '#app/domain/auth/rate-limit.ts'
import { db, driverQuery } from './db.server.ts'

export type RateLimitName = keyof typeof RATE_LIMITS

/** Counts one attempt against the rule and says whether it is allowed. */
export async function consumeRateLimit(name: RateLimitName, subject: string, now = new Date()): Promise<RateLimitDecision> {
	return (await countAttempt(name, subject, now)).decision
}

/** Counts one attempt (or failure) and returns the count in the window with the decision. */
export async function countAttempt(name: RateLimitName, subject: string, now = new Date()): Promise<{ count: number; decision: RateLimitDecision }> {
	const [counted] = await countAttempts([[name, subject]], now)
	return counted!
}

/**
 * One statement on the driver for every rule checked (a data-modifying CTE each): pages a patient
 * opens count two limits per request, and Prisma's queries cost a millisecond of CPU each
 * (docs/performance.md). A window that has passed starts again at `now`. Never inside a transaction.
 */
async function countAttempts(checks: [RateLimitName, string][], now: Date): Promise<{ count: number; decision: RateLimitDecision }[]> {
	const keys = checks.map(([name, subject]) => rateLimitKey(name, subject))
	// The same key twice in one statement would update its row twice: counted one statement each instead.
	if (new Set(keys).size < keys.length && checks.length > 1) {
		const each = []
		for (const check of checks) each.push(...(await countAttempts([check], now)))
		return each
	}
	const values: unknown[] = [now.toISOString()]
	const counts = checks.map(([name], i) => {
		values.push(keys[i], new Date(now.getTime() - RATE_LIMITS[name].windowSeconds * 1000).toISOString())
		const key = `$${values.length - 1}::text`
		const windowOpen = `($${values.length}::timestamptz AT TIME ZONE 'UTC')`
		return `c${i} AS (INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (${key}, ($1::timestamptz AT TIME ZONE 'UTC'), 1)
		ON CONFLICT ("key") DO UPDATE SET
			"count" = CASE WHEN "RateLimit"."windowStart" <= ${windowOpen} THEN 1 ELSE "RateLimit"."count" + 1 END,
			"windowStart" = CASE WHEN "RateLimit"."windowStart" <= ${windowOpen} THEN ($1::timestamptz AT TIME ZONE 'UTC') ELSE "RateLimit"."windowStart" END
		RETURNING ${i} AS i, "count", "windowStart" AT TIME ZONE 'UTC' AS "windowStart")`
	})
	const rows = await driverQuery<{ i: number; count: number; windowStart: Date }>({
		name: `rate_limits_${checks.length}`,
		text: `WITH ${counts.join(',\n')}\n${checks.map((_, i) => `SELECT * FROM c${i}`).join(' UNION ALL ')}`,
		values,
	})
	return checks.map(([name], i) => {
		const row = rows.find((r) => r.i === i)!
		return { count: row.count, decision: decide(RATE_LIMITS[name], row.count, new Date(row.windowStart), now) }
	})
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

/** Checks several rules (per account and per IP, say), in one statement; the first refusal wins. Each is counted. */
export async function consumeRateLimits(checks: [RateLimitName, string | null | undefined][], now = new Date()): Promise<RateLimitDecision> {
	const given = checks.filter((check): check is [RateLimitName, string] => Boolean(check[1]))
	if (given.length === 0) return { allowed: true }
	return (await countAttempts(given, now)).find((counted) => !counted.decision.allowed)?.decision ?? { allowed: true }
}
