// Two-factor sign-in on a real database: set-up, the code after the password, codes used once,
// recovery codes, turning it off, platform admins who must have it, and the form's bad input.
import { decodeBase32IgnorePadding } from '@oslojs/encoding'
import { afterAll, beforeEach, describe, expect, test } from 'vitest'
import { logIn } from '#app/domain/accounts/accounts.server.ts'
import { disableTwoFactor, enableTwoFactor, redeemRecoveryCode, regenerateRecoveryCodes, twoFactorStatus, verifyTwoFactor } from '#app/domain/accounts/two-factor.server.ts'
import { generateTotpKey, totpCodeAt } from '#app/domain/auth/two-factor.ts'
import { action as accountAction } from '#app/routes/account.tsx'
import { action as twoFactorAction } from '#app/routes/login_.two-factor.tsx'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { requireUser } from '#app/utils/permissions.server.ts'
import { createSession, SESSION_COOKIE, validateSessionToken } from '#app/utils/session.server.ts'
import { DEMO_ADMIN_TOTP_KEY, DEMO_PASSWORD, seedDemoData } from '#prisma/seed.ts'
import { sent, verifiedUser } from '#tests/setup/accounts.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'

const password = 'correct horse battery staple'
const meta = { ip: '203.0.113.7', userAgent: 'vitest' }
// A fixed clock, thirty seconds apart per step; every call below passes it.
const t0 = new Date('2026-11-23T10:00:00Z')
const later = (steps: number) => new Date(t0.getTime() + steps * 30_000)

beforeEach(resetDatabase)
afterAll(closeDatabase)

async function sessionFor(userId: string) {
	const { token } = await createSession(userId, meta)
	const auth = (await validateSessionToken(token))!
	return { token, sessionId: auth.sessionId }
}

async function userWithTwoFactor() {
	const userId = await verifiedUser()
	const key = generateTotpKey()
	const { sessionId } = await sessionFor(userId)
	const enabled = await enableTwoFactor({ userId, sessionId, key, code: totpCodeAt(key, t0), now: t0 })
	if (enabled.kind !== 'enabled') throw new Error('expected two-factor on')
	return { userId, key, recoveryCodes: enabled.recoveryCodes }
}

describe('setting it up', () => {
	test('a wrong code changes nothing; the right one stores the key encrypted, verifies this session and gives ten recovery codes', async () => {
		const userId = await verifiedUser()
		const key = generateTotpKey()
		const { token, sessionId } = await sessionFor(userId)
		const wrong = String((Number(totpCodeAt(key, t0)) + 1) % 1_000_000).padStart(6, '0')

		expect(await enableTwoFactor({ userId, sessionId, key, code: wrong, now: t0 })).toEqual({ kind: 'wrong_code' })
		expect((await twoFactorStatus(userId)).enabled).toBe(false)

		const enabled = await enableTwoFactor({ userId, sessionId, key, code: totpCodeAt(key, t0), now: t0 })
		expect(enabled.kind).toBe('enabled')
		if (enabled.kind !== 'enabled') return
		expect(enabled.recoveryCodes).toHaveLength(10)
		const user = await db().user.findUniqueOrThrow({ where: { id: userId } })
		expect(user.totpKey).toMatch(/^v1\./)
		expect(user.totpKey).not.toContain(Buffer.from(key).toString('base64url'))
		expect(await db().recoveryCode.count({ where: { userId } })).toBe(10)
		expect((await validateSessionToken(token))?.access).toBe('full')
		expect(await twoFactorStatus(userId)).toMatchObject({ enabled: true, recoveryCodesLeft: 10, required: false })
		const actions = (await db().auditEvent.findMany({ where: { actorId: userId }, orderBy: { at: 'asc' } })).map((e) => e.action)
		expect(actions).toEqual(expect.arrayContaining(['auth.two_factor_failed', 'two_factor.enabled']))
		const mail = sent(await db().emailMessage.findFirstOrThrow({ where: { to: 'ana@example.org' }, orderBy: { createdAt: 'desc' } }))
		expect(mail.text).toContain('Two-factor sign-in was just turned on')
		expect(mail.text).not.toMatch(/[A-Z2-7]{4}-[A-Z2-7]{4}/) // no recovery codes by email
	})
})

describe('logging in with it on', () => {
	test('the password alone gives a session that can only give its code', async () => {
		const { userId, key } = await userWithTwoFactor()
		expect(await logIn({ email: 'ana@example.org', password })).toEqual({ kind: 'ok', userId, access: 'two_factor' })
		const { token, sessionId } = await sessionFor(userId)
		expect((await validateSessionToken(token))?.access).toBe('two_factor')

		const request = new Request('http://localhost/clinics/x/members', { headers: { Cookie: `${SESSION_COOKIE}=${token}` } })
		const thrown = await requireUser(request).catch((response: Response) => response)
		expect(thrown).toBeInstanceOf(Response)
		expect((thrown as Response).headers.get('Location')).toBe('/login/two-factor?redirectTo=%2Fclinics%2Fx%2Fmembers')

		expect(await verifyTwoFactor({ userId, sessionId, code: totpCodeAt(key, later(4)), now: later(4) })).toEqual({ kind: 'verified' })
		expect((await validateSessionToken(token))?.access).toBe('full')
	})

	test("a code works once, even from another browser; the next step's code works", async () => {
		const { userId, key } = await userWithTwoFactor()
		const first = await sessionFor(userId)
		const second = await sessionFor(userId)
		const code = totpCodeAt(key, later(10))
		expect(await verifyTwoFactor({ userId, sessionId: first.sessionId, code, now: later(10) })).toEqual({ kind: 'verified' })
		expect(await verifyTwoFactor({ userId, sessionId: second.sessionId, code, now: later(10) })).toEqual({ kind: 'wrong_code', reason: 'reused' })
		expect((await validateSessionToken(second.token))?.access).toBe('two_factor')
		expect(await verifyTwoFactor({ userId, sessionId: second.sessionId, code: totpCodeAt(key, later(11)), now: later(11) })).toEqual({ kind: 'verified' })
	})

	test('the code used to set it up cannot sign in again', async () => {
		const { userId, key } = await userWithTwoFactor()
		const { sessionId } = await sessionFor(userId)
		expect(await verifyTwoFactor({ userId, sessionId, code: totpCodeAt(key, t0), now: t0 })).toEqual({ kind: 'wrong_code', reason: 'reused' })
	})

	test('a recovery code works once, in any case and spacing, and leaves one fewer', async () => {
		const { userId, recoveryCodes } = await userWithTwoFactor()
		const { token, sessionId } = await sessionFor(userId)
		const typed = recoveryCodes[3]!.toLowerCase().replace(/-/g, ' ')
		expect(await redeemRecoveryCode({ userId, sessionId, code: typed })).toEqual({ kind: 'verified', codesLeft: 9 })
		expect((await validateSessionToken(token))?.access).toBe('full')
		const other = await sessionFor(userId)
		expect(await redeemRecoveryCode({ userId, sessionId: other.sessionId, code: recoveryCodes[3]! })).toEqual({ kind: 'wrong_code' })
		expect(await redeemRecoveryCode({ userId, sessionId: other.sessionId, code: 'not a code' })).toEqual({ kind: 'wrong_code' })
		expect(await db().auditEvent.count({ where: { action: 'auth.recovery_code_used', actorId: userId } })).toBe(1)
	})

	test('new recovery codes need a current code, and the old ones stop working', async () => {
		const { userId, key, recoveryCodes } = await userWithTwoFactor()
		expect(await regenerateRecoveryCodes({ userId, code: '000000', now: later(2) })).toEqual({ kind: 'wrong_code' })
		const fresh = await regenerateRecoveryCodes({ userId, code: totpCodeAt(key, later(2)), now: later(2) })
		expect(fresh.kind).toBe('done')
		const { sessionId } = await sessionFor(userId)
		expect(await redeemRecoveryCode({ userId, sessionId, code: recoveryCodes[0]! })).toEqual({ kind: 'wrong_code' })
		if (fresh.kind === 'done') expect(await redeemRecoveryCode({ userId, sessionId, code: fresh.recoveryCodes[0]! })).toMatchObject({ kind: 'verified' })
	})

	test('turning it off needs a current code; afterwards the password is enough', async () => {
		const { userId, key } = await userWithTwoFactor()
		expect(await disableTwoFactor({ userId, code: '123456', now: later(3) })).toEqual({ kind: 'wrong_code' })
		expect(await disableTwoFactor({ userId, code: totpCodeAt(key, later(3)), now: later(3) })).toEqual({ kind: 'done' })
		expect(await db().recoveryCode.count({ where: { userId } })).toBe(0)
		expect(await logIn({ email: 'ana@example.org', password })).toMatchObject({ kind: 'ok', access: 'full' })
		expect(await disableTwoFactor({ userId, code: totpCodeAt(key, later(5)), now: later(5) })).toEqual({ kind: 'not_allowed' })
	})
})

describe('platform admins', () => {
	test('must set it up before anything else, and cannot turn it off', async () => {
		const userId = await verifiedUser('root@example.org')
		await db().user.update({ where: { id: userId }, data: { isPlatformAdmin: true } })
		expect(await logIn({ email: 'root@example.org', password })).toMatchObject({ kind: 'ok', access: 'two_factor_setup' })
		const { token, sessionId } = await sessionFor(userId)
		const request = new Request('http://localhost/admin', { headers: { Cookie: `${SESSION_COOKIE}=${token}` } })
		const thrown = (await requireUser(request).catch((response: Response) => response)) as Response
		expect(thrown.headers.get('Location')).toBe('/account/two-factor?redirectTo=%2Fadmin')

		const key = generateTotpKey()
		await enableTwoFactor({ userId, sessionId, key, code: totpCodeAt(key, t0), now: t0 })
		expect((await validateSessionToken(token))?.access).toBe('full')
		expect(await twoFactorStatus(userId)).toMatchObject({ enabled: true, required: true })
		expect(await disableTwoFactor({ userId, code: totpCodeAt(key, later(1)), now: later(1) })).toEqual({ kind: 'not_allowed' })
	})

	test('the demo admin has it on with the published key', async () => {
		await seedDemoData(db(), { anchor: new Date('2026-11-16T00:00:00Z') })
		const result = await logIn({ email: 'admin@tandem.example', password: DEMO_PASSWORD })
		expect(result).toMatchObject({ kind: 'ok', access: 'two_factor' })
		if (result.kind !== 'ok') return
		const { sessionId } = await sessionFor(result.userId)
		const key = decodeBase32IgnorePadding(DEMO_ADMIN_TOTP_KEY)
		expect(await verifyTwoFactor({ userId: result.userId, sessionId, code: totpCodeAt(key, new Date()) })).toEqual({ kind: 'verified' })
	})
})

describe('the two-factor form', () => {
	type Answer = { init: { status: number; headers?: Record<string, string> } | null; data: { result: { error: Record<string, string[]> } } | null; location?: string | null }
	async function submit(token: string, fields: Record<string, string>): Promise<Answer> {
		const request = new Request('http://localhost/login/two-factor', { method: 'POST', headers: { Cookie: `${SESSION_COOKIE}=${token}` }, body: new URLSearchParams(fields) })
		const asAnswer = (response: Response): Answer => ({ init: { status: response.status }, data: null, location: response.headers.get('Location') })
		try {
			const answer = await twoFactorAction({ request, params: {}, context: { cspNonce: '' } })
			return answer instanceof Response ? asAnswer(answer) : (answer as unknown as Answer)
		} catch (thrown) {
			if (thrown instanceof Response) return asAnswer(thrown)
			throw thrown
		}
	}

	test.each([
		[{ intent: 'totp', code: '' }, 'code', 'Enter the 6-digit code from your authenticator app.'],
		[{ intent: 'totp', code: '12345' }, 'code', 'Enter the 6 digits your authenticator app shows for Tandem.'],
		[{ intent: 'totp', code: '9'.repeat(500) }, 'code', 'Enter the 6-digit code from your authenticator app.'],
		[{ intent: 'recovery', recoveryCode: 'ABCD' }, 'recoveryCode', 'A recovery code looks like ABCD-EFGH-IJKL-MNOP.'],
		[{ intent: 'unknown' }, 'intent', 'Invalid discriminator value'],
	])('%# %j: 400 with a message on the field', async (fields, field, message) => {
		const { userId } = await userWithTwoFactor()
		const { token } = await sessionFor(userId)
		const answer = await submit(token, fields as Record<string, string>)
		expect(answer.init?.status).toBe(400)
		expect(answer.data?.result.error[field]?.[0]).toContain(message)
		expect((await validateSessionToken(token))?.access).toBe('two_factor')
	})

	test('a wrong code is refused with a clear message; after five, the step is locked (429) even for the right code', async () => {
		const { userId, key } = await userWithTwoFactor()
		const { token } = await sessionFor(userId)
		const wrong = await submit(token, { intent: 'totp', code: '000000' })
		expect(wrong.init?.status).toBe(400)
		expect(wrong.data?.result.error['code']?.[0]).toMatch(/That code is not right/)
		for (let i = 0; i < 4; i++) expect((await submit(token, { intent: 'totp', code: '000000' })).init?.status).toBe(400)
		const limited = await submit(token, { intent: 'totp', code: totpCodeAt(key, new Date()) })
		expect(limited.init?.status).toBe(429)
		expect(Number(limited.init?.headers?.['Retry-After'])).toBeGreaterThan(0)
		expect((await validateSessionToken(token))?.access).toBe('two_factor')
		expect(limited.data?.result.error['']?.[0]).toMatch(/locked for 15 minutes/)
		expect(await db().auditEvent.count({ where: { action: 'auth.two_factor_failed', actorId: userId } })).toBe(5)
	})

	test('the right code sends the person on, to a path on this site only', async () => {
		const { userId, key } = await userWithTwoFactor()
		const { token } = await sessionFor(userId)
		const answer = await submit(token, { intent: 'totp', code: totpCodeAt(key, new Date()), redirectTo: 'https://evil.example/' })
		expect(answer.init?.status).toBe(302)
		expect(answer.location).toBe('/home')
	})
})

describe('the account page', () => {
	async function post(token: string, fields: Record<string, string>) {
		const request = new Request('http://localhost/account', { method: 'POST', headers: { Cookie: `${SESSION_COOKIE}=${token}` }, body: new URLSearchParams(fields) })
		const answer = (await accountAction({ request, params: {}, context: { cspNonce: '' } })) as unknown as {
			init: { status: number } | null
			data: { result: { error?: Record<string, string[]> }; notice: string | null; recoveryCodes?: string[] }
		}
		return { status: answer.init?.status ?? 200, ...answer.data }
	}

	test('new recovery codes and turning two-factor off need a current code; platform admins cannot turn it off', async () => {
		const { userId, key } = await userWithTwoFactor()
		const { token, sessionId } = await sessionFor(userId)
		await verifyTwoFactor({ userId, sessionId, code: totpCodeAt(key, later(1)), now: later(1) })
		expect(await post(token, { intent: 'regenerate-recovery-codes', code: '12' })).toMatchObject({ status: 400, result: { error: { code: [expect.stringMatching(/6 digits/)] } } })
		expect(await post(token, { intent: 'regenerate-recovery-codes', code: '000000' })).toMatchObject({ status: 400, result: { error: { code: [expect.stringMatching(/not right/)] } } })
		const fresh = await post(token, { intent: 'regenerate-recovery-codes', code: totpCodeAt(key, new Date()) })
		expect(fresh).toMatchObject({ status: 200, notice: expect.stringMatching(/New recovery codes/) })
		expect(fresh.recoveryCodes).toHaveLength(10)

		await db().user.update({ where: { id: userId }, data: { isPlatformAdmin: true } })
		const refused = await post(token, { intent: 'disable-two-factor', code: totpCodeAt(key, new Date(Date.now() + 30_000)) })
		expect(refused).toMatchObject({ status: 403, result: { error: { '': ['Platform admins must keep two-factor sign-in on.'] } } })
		await db().user.update({ where: { id: userId }, data: { isPlatformAdmin: false } })
		expect(await post(token, { intent: 'disable-two-factor', code: totpCodeAt(key, new Date(Date.now() + 30_000)) })).toMatchObject({ status: 200, notice: 'Two-factor sign-in is off.' })
		expect((await twoFactorStatus(userId)).enabled).toBe(false)
	})
})
