// Nobody can lock anyone out, and a guessed password is not enough: wrong passwords are counted
// per account and address (only the guessing address is refused), an account under attack asks
// for an emailed code from addresses its owner has not signed in from, the two-factor step locks
// after wrong codes and tells the owner, moving two-factor needs a current code and ends the
// other sessions, and platform admins get the idle timeout too. Codes are sent at most five an hour
// per account, and stored as HMACs a copy of the database cannot reverse. Through the log-in form's action,
// as a browser from a given address sends it.
import { createHash, createHmac } from 'node:crypto'
import { type ActionFunctionArgs } from '@remix-run/node'
import { afterAll, beforeEach, describe, expect, test } from 'vitest'
import { signInCodeHash } from '#app/domain/accounts/sign-in.server.ts'
import { enableTwoFactor, redeemRecoveryCode, verifyTwoFactor } from '#app/domain/accounts/two-factor.server.ts'
import { hashToken } from '#app/domain/auth/tokens.ts'
import { generateTotpKey, totpCodeAt } from '#app/domain/auth/two-factor.ts'
import { action as loginAction } from '#app/routes/login.tsx'
import { action as codeAction } from '#app/routes/login_.code.tsx'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { env } from '#app/utils/env.server.ts'
import { requireUser } from '#app/utils/permissions.server.ts'
import { runWithRequestContext } from '#app/utils/request-context.server.ts'
import { createSession, SESSION_COOKIE, validateSessionToken } from '#app/utils/session.server.ts'
import { lastEmailTo, sent, TEST_PASSWORD, verifiedUser } from '#tests/setup/accounts.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'

beforeEach(resetDatabase)
afterAll(closeDatabase)

type Answer = { status: number; location: string | null; token: string | null; error: string | null }

/** Runs a route action as the HTTP layer would for a browser at `ip` (with its session cookie, if any). */
async function post(route: (args: ActionFunctionArgs) => Promise<unknown>, path: string, ip: string, fields: Record<string, string>, token?: string): Promise<Answer> {
	const headers: Record<string, string> = token ? { Cookie: `${SESSION_COOKIE}=${token}` } : {}
	const request = new Request(`http://localhost${path}`, { method: 'POST', headers, body: new URLSearchParams(fields) })
	const auth = token ? await validateSessionToken(token) : null
	const toAnswer = (response: Response): Answer => ({
		status: response.status,
		location: response.headers.get('Location'),
		token: new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(response.headers.get('Set-Cookie') ?? '')?.[1] ?? null,
		error: null,
	})
	try {
		const answer = await runWithRequestContext({ ip, userAgent: 'vitest', cspNonce: '', auth }, () => route({ request, params: {}, context: { cspNonce: '' } }))
		if (answer instanceof Response) return toAnswer(answer)
		const { data, init } = answer as unknown as { data: { result: { error: Record<string, string[]> } }; init: { status: number } | null }
		const errors = data.result?.error ?? {}
		return { status: init?.status ?? 200, location: null, token: null, error: Object.values(errors).flat()[0] ?? null }
	} catch (thrown) {
		if (thrown instanceof Response) return toAnswer(thrown)
		throw thrown
	}
}

const logIn = (ip: string, email: string, password: string) => post(loginAction, '/login', ip, { email, password })
const attacker = '198.51.100.66'
const owner = '203.0.113.10'

describe('wrong passwords', () => {
	test('are counted per account and address: the guessing address is refused, the owner elsewhere is not', async () => {
		await verifiedUser('ana@example.org')
		for (let i = 0; i < 10; i++) expect((await logIn(attacker, i % 2 ? 'ANA@example.org' : ' ana@example.org ', 'wrong guess')).status).toBe(400)
		// The 11th try from that address is refused, even with the right password: it cannot tell.
		const refused = await logIn(attacker, 'ana@example.org', TEST_PASSWORD)
		expect(refused.status).toBe(429)
		expect(refused.error).toMatch(/Too many attempts/)
		// The owner, from their own address, signs in as usual.
		const mine = await logIn(owner, 'ana@example.org', TEST_PASSWORD)
		expect(mine.status).toBe(302)
		expect((await validateSessionToken(mine.token!))?.access).toBe('full')
	})

	test('from many addresses, they never lock the account: the owner’s known address goes straight in, a new one owes an emailed code', async () => {
		const userId = await verifiedUser('ana@example.org')
		// The owner has signed in from home before.
		expect((await logIn(owner, 'ana@example.org', TEST_PASSWORD)).status).toBe(302)
		// Then a botnet: 25 wrong passwords from 25 addresses (case variants of the address count as one account).
		for (let i = 0; i < 25; i++) await logIn(`192.0.2.${i + 1}`, i % 2 ? 'Ana@Example.org' : 'ana@example.org', 'wrong guess')
		const home = await logIn(owner, 'ana@example.org', TEST_PASSWORD)
		expect(home.status).toBe(302)
		expect((await validateSessionToken(home.token!))?.access).toBe('full')

		// From a café the owner has never used: the password is right, and a code is owed.
		const cafe = '203.0.113.99'
		const first = await logIn(cafe, 'ana@example.org', TEST_PASSWORD)
		expect(first.status).toBe(302)
		expect(first.location).toBe('/login/code?redirectTo=%2Fhome')
		expect((await validateSessionToken(first.token!))?.access).toBe('sign_in_code')
		const mail = await lastEmailTo('ana@example.org')
		const code = /enter this code: (\d{6})/.exec(mail.text)![1]!
		expect(mail.subject).toBe('Your Tandem sign-in code')
		// Neither the session nor the email log keeps the code.
		expect(JSON.stringify(await db().session.findMany({ where: { userId } }))).not.toContain(code)
		expect(JSON.stringify(await db().emailMessage.findMany({ where: { to: 'ana@example.org' } }))).not.toContain(code)

		// A wrong code is refused; the right one lets the session in and makes the café known.
		const wrong = await post(codeAction, '/login/code', cafe, { intent: 'verify', code: code === '000000' ? '111111' : '000000' }, first.token!)
		expect(wrong.status).toBe(400)
		expect(wrong.error).toMatch(/not right/)
		const right = await post(codeAction, '/login/code', cafe, { intent: 'verify', code: `${code.slice(0, 3)} ${code.slice(3)}`, redirectTo: '/account' }, first.token!)
		expect(right).toMatchObject({ status: 302, location: '/account' })
		expect((await validateSessionToken(first.token!))?.access).toBe('full')
		const again = await logIn(cafe, 'ana@example.org', TEST_PASSWORD)
		expect((await validateSessionToken(again.token!))?.access).toBe('full')
		// The code works once, in the session that asked for it.
		const elsewhere = await logIn('203.0.113.100', 'ana@example.org', TEST_PASSWORD)
		const reused = await post(codeAction, '/login/code', '203.0.113.100', { intent: 'verify', code }, elsewhere.token!)
		expect(reused.status).toBe(400)
		expect((await validateSessionToken(elsewhere.token!))?.access).toBe('sign_in_code')
	})

	test('a session owing a code can do nothing else, and five wrong codes lock the step until the code would have expired', async () => {
		await verifiedUser('ana@example.org')
		for (let i = 0; i < 25; i++) await logIn(`192.0.2.${i + 1}`, 'ana@example.org', 'wrong guess')
		const pending = await logIn(owner, 'ana@example.org', TEST_PASSWORD)
		expect((await validateSessionToken(pending.token!))?.access).toBe('sign_in_code')
		const page = new Request('http://localhost/clinics', { headers: { Cookie: `${SESSION_COOKIE}=${pending.token!}` } })
		const sent = await requireUser(page).catch((thrown: unknown) => thrown)
		expect(sent instanceof Response && sent.headers.get('Location')).toBe('/login/code?redirectTo=%2Fclinics')
		const code = /enter this code: (\d{6})/.exec((await lastEmailTo('ana@example.org')).text)![1]!
		const wrongCode = code === '000000' ? '111111' : '000000'
		for (let i = 0; i < 5; i++) expect((await post(codeAction, '/login/code', owner, { intent: 'verify', code: wrongCode }, pending.token!)).status).toBe(400)
		const locked = await post(codeAction, '/login/code', owner, { intent: 'verify', code }, pending.token!)
		expect(locked.status).toBe(429)
		expect((await post(codeAction, '/login/code', owner, { intent: 'resend' }, pending.token!)).status).toBe(429)
		expect((await validateSessionToken(pending.token!))?.access).toBe('sign_in_code')
	})

	test('past five codes an hour, logging in from a new address sends no more: no email, no session, and how long to wait', async () => {
		const userId = await verifiedUser('ana@example.org')
		for (let i = 0; i < 25; i++) await logIn(`192.0.2.${i + 1}`, 'ana@example.org', 'wrong guess')
		const codeEmails = () => db().emailMessage.count({ where: { to: 'ana@example.org', template: 'sign_in_code' } })
		for (let i = 0; i < 5; i++) expect((await logIn(`203.0.113.${50 + i}`, 'ana@example.org', TEST_PASSWORD)).location).toMatch(/^\/login\/code/)
		expect(await codeEmails()).toBe(5)
		const sessions = await db().session.count({ where: { userId } })
		const refused = await logIn('203.0.113.60', 'ana@example.org', TEST_PASSWORD)
		expect(refused.status).toBe(429)
		expect(refused.token).toBeNull()
		expect(refused.error).toMatch(/already emailed several sign-in codes.*Please wait (60|59) minutes and try again/)
		expect(await codeEmails()).toBe(5)
		expect(await db().session.count({ where: { userId } })).toBe(sessions)
		// Asking again from a session that owes a code meets the same limit, with the same message.
		const pending = await db().session.findFirstOrThrow({ where: { userId, signInCodeHash: { not: null } } })
		const { token } = await createSession(userId, { ip: owner, userAgent: 'vitest' }, new Date(), { hash: pending.signInCodeHash!, expiresAt: pending.signInCodeExpiresAt! })
		const resend = await post(codeAction, '/login/code', owner, { intent: 'resend' }, token)
		expect(resend.status).toBe(429)
		expect(resend.error).toMatch(/already emailed several sign-in codes/)
		expect(await codeEmails()).toBe(5)
	})

	test('the stored code is an HMAC keyed with the server secret: a plain hash of the code does not match it, the code still works', async () => {
		const userId = await verifiedUser('ana@example.org')
		for (let i = 0; i < 25; i++) await logIn(`192.0.2.${i + 1}`, 'ana@example.org', 'wrong guess')
		const pending = await logIn('203.0.113.99', 'ana@example.org', TEST_PASSWORD)
		const code = /enter this code: (\d{6})/.exec((await lastEmailTo('ana@example.org')).text)![1]!
		const stored = (await db().session.findFirstOrThrow({ where: { userId, signInCodeHash: { not: null } } })).signInCodeHash!
		expect(stored).not.toBe(createHash('sha256').update(code).digest('hex'))
		expect(stored).not.toBe(hashToken(code))
		expect(stored).toBe(createHmac('sha256', env().SESSION_SECRET).update(`sign-in-code:${code}`).digest('hex'))
		expect(stored).not.toBe(signInCodeHash(code, 'another secret of at least thirty-two characters'))
		expect(await post(codeAction, '/login/code', '203.0.113.99', { intent: 'verify', code, redirectTo: '/account' }, pending.token!)).toMatchObject({ status: 302, location: '/account' })
	})

	test('with two-factor on, the two-factor step is the second step: no emailed code', async () => {
		const userId = await verifiedUser('ana@example.org')
		const key = generateTotpKey()
		const { id: sessionId } = await createSession(userId, { ip: owner, userAgent: 'vitest' })
		expect((await enableTwoFactor({ userId, sessionId, key, code: totpCodeAt(key, new Date()) })).kind).toBe('enabled')
		for (let i = 0; i < 25; i++) await logIn(`192.0.2.${i + 1}`, 'ana@example.org', 'wrong guess')
		const answer = await logIn('203.0.113.99', 'ana@example.org', TEST_PASSWORD)
		expect(answer.location).toBe('/login/two-factor?redirectTo=%2Fhome')
		expect((await validateSessionToken(answer.token!))?.access).toBe('two_factor')
	})
})

describe('the two-factor step', () => {
	async function withTwoFactor() {
		const userId = await verifiedUser('ana@example.org')
		const key = generateTotpKey()
		const t0 = new Date('2026-11-23T10:00:00Z')
		const setup = await createSession(userId, { ip: owner, userAgent: 'vitest' })
		const enabled = await enableTwoFactor({ userId, sessionId: setup.id, key, code: totpCodeAt(key, t0), now: t0 })
		if (enabled.kind !== 'enabled') throw new Error('expected two-factor on')
		const pending = await createSession(userId, { ip: owner, userAgent: 'vitest' })
		return { userId, key, t0, setup, pending, recoveryCodes: enabled.recoveryCodes }
	}

	test('locks after five wrong codes, even for the right one or a recovery code, and the owner is told once by email', async () => {
		const { userId, key, t0, pending, recoveryCodes } = await withTwoFactor()
		const at = new Date(t0.getTime() + 60_000)
		for (let i = 0; i < 5; i++) expect(await verifyTwoFactor({ userId, sessionId: pending.id, code: '000000', now: at })).toMatchObject({ kind: 'wrong_code' })
		expect(await verifyTwoFactor({ userId, sessionId: pending.id, code: totpCodeAt(key, at), now: at })).toMatchObject({ kind: 'locked' })
		expect(await redeemRecoveryCode({ userId, sessionId: pending.id, code: recoveryCodes[0]!, now: at })).toMatchObject({ kind: 'locked' })
		expect((await validateSessionToken(pending.token))?.access).toBe('two_factor')
		const warnings = (await db().emailMessage.findMany({ where: { to: 'ana@example.org' } })).map(sent).filter((m) => m.text.includes('several wrong two-factor codes'))
		expect(warnings).toHaveLength(1)
		expect(await db().auditEvent.count({ where: { action: 'auth.two_factor_locked', actorId: userId } })).toBe(1)
		// Fifteen minutes later the step opens again.
		const after = new Date(at.getTime() + 15 * 60_000 + 1000)
		expect(await verifyTwoFactor({ userId, sessionId: pending.id, code: totpCodeAt(key, after), now: after })).toEqual({ kind: 'verified' })
	})

	test('moving it to a new phone needs a current code from the old one, and ends every other session', async () => {
		const { userId, key, t0, setup, pending } = await withTwoFactor()
		const newKey = generateTotpKey()
		const at = new Date(t0.getTime() + 5 * 60_000)
		expect(await enableTwoFactor({ userId, sessionId: setup.id, key: newKey, code: totpCodeAt(newKey, at), now: at })).toEqual({ kind: 'wrong_current_code' })
		expect(await enableTwoFactor({ userId, sessionId: setup.id, key: newKey, code: totpCodeAt(newKey, at), currentCode: '000000', now: at })).toEqual({ kind: 'wrong_current_code' })
		expect(await validateSessionToken(pending.token)).not.toBeNull()
		const moved = await enableTwoFactor({ userId, sessionId: setup.id, key: newKey, code: totpCodeAt(newKey, at), currentCode: totpCodeAt(key, at), now: at })
		expect(moved).toMatchObject({ kind: 'enabled', sessionsEnded: 1 })
		expect(await validateSessionToken(pending.token)).toBeNull()
		expect(await validateSessionToken(setup.token)).not.toBeNull()
	})
})
