// The browser tests' two shortcuts (tests/e2e): start a session without the log-in form, and pin
// the clock two-factor codes are checked against. They sign anyone in without a password, so they
// are served only by a process started with TANDEM_E2E_ROUTES=1, which env.server.ts refuses in
// production; otherwise they answer 404 like an unknown address.
import { z } from 'zod'
import { totpClock } from '#app/domain/accounts/two-factor.server.ts'
import { env, type Env } from './env.server.ts'

/** Pure: whether this process serves the shortcuts. Production never does, whatever the flag says. */
export function e2eRoutesServed(config: Pick<Env, 'NODE_ENV' | 'TANDEM_E2E_ROUTES'>): boolean {
	return config.TANDEM_E2E_ROUTES && config.NODE_ENV !== 'production'
}

export function requireE2eRoutes(config: Pick<Env, 'NODE_ENV' | 'TANDEM_E2E_ROUTES'> = env()): void {
	if (!e2eRoutesServed(config)) throw new Response('Not found', { status: 404 })
}

// Sent as web forms: the HTTP layer takes no other bodies outside the API (server/unstorable-text.ts).
/** `twoFactor=1`: the session counts as having given its second factor, as after the code page. */
export const E2eSessionSchema = z
	.object({
		email: z.string().email(),
		twoFactor: z
			.enum(['0', '1'])
			.default('0')
			.transform((v) => v === '1'),
	})
	.strict()

/** `at`: the instant (milliseconds since 1970) codes are checked against from now on; empty for the real clock again. */
export const E2eTotpClockSchema = z
	.object({
		at: z
			.string()
			.regex(/^\d{0,15}$/, { message: 'must be milliseconds since 1970, or empty for the real clock' })
			.transform((v) => (v === '' ? null : Number(v))),
	})
	.strict()

/** The form as `schema` reads it, or a 400 that says what is wrong (never a 500). */
export async function readE2eForm<T extends z.ZodTypeAny>(request: Request, schema: T): Promise<z.infer<T>> {
	const form = await request.formData().catch(() => null)
	const parsed = schema.safeParse(form ? Object.fromEntries([...form.entries()].map(([name, value]) => [name, typeof value === 'string' ? value : null])) : null)
	if (!parsed.success) throw Response.json({ error: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'form'}: ${issue.message}`).join('; ') }, { status: 400 })
	return parsed.data
}

export function pinTotpClock(at: number | null): void {
	totpClock.now = at === null ? () => new Date() : () => new Date(at)
}
