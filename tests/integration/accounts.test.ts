// Account flows on a real database (embedded or server, per TEST_DB): sign-up, verification,
// log-in and out, password reset and change, sessions, rate limits, the audit log.
import { afterAll, beforeEach, describe, expect, test } from 'vitest'
import { changePassword, logIn, requestPasswordReset, resetPassword, signUp, verifyEmail } from '#app/domain/accounts/accounts.server.ts'
import { drainJobs } from '#app/domain/outbox/worker.server.ts'
import { action as loginAction } from '#app/routes/login.tsx'
import { action as signupAction } from '#app/routes/signup.tsx'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { consumeRateLimit } from '#app/utils/rate-limit.server.ts'
import { createSession, invalidateSession, validateSessionToken } from '#app/utils/session.server.ts'
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoData } from '#prisma/seed.ts'
import { lastEmailTo, tokenFrom, verifiedUser } from '#tests/setup/accounts.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'

const password = 'correct horse battery staple'
const meta = { ip: '203.0.113.7', userAgent: 'vitest' }

beforeEach(resetDatabase)
afterAll(closeDatabase)

describe('sign-up → verify → log in → log out', () => {
	test('the whole path, with what each step leaves behind', async () => {
		const created = await signUp({ name: 'Ana', email: 'ana@example.org', password })
		expect(created.kind).toBe('created')
		const user = await db().user.findUniqueOrThrow({ where: { email: 'ana@example.org' } })
		expect(user.passwordHash).toMatch(/^\$argon2id\$/)
		expect(user.emailVerifiedAt).toBeNull()

		expect(await logIn({ email: 'ana@example.org', password })).toEqual({ kind: 'unverified', email: 'ana@example.org' })

		const email = await lastEmailTo('ana@example.org')
		expect(email.subject).toBe('Confirm your email address for Tandem')
		const token = tokenFrom(email.text, '/verify-email')
		expect(await verifyEmail(token)).toEqual({ kind: 'verified', userId: user.id })
		expect(await verifyEmail(token)).toEqual({ kind: 'invalid' }) // single use

		expect(await logIn({ email: 'ana@example.org', password })).toEqual({ kind: 'ok', userId: user.id, access: 'full' })
		const session = await createSession(user.id, meta)
		const stored = await db().session.findFirstOrThrow({ where: { userId: user.id } })
		expect(stored.id).not.toBe(session.token) // only the hash is stored
		expect((await validateSessionToken(session.token))?.user.email).toBe('ana@example.org')

		await invalidateSession(stored.id)
		expect(await validateSessionToken(session.token)).toBeNull()

		const actions = (await db().auditEvent.findMany({ where: { actorId: user.id }, orderBy: { at: 'asc' } })).map((e) => e.action)
		expect(actions).toEqual(['auth.signup', 'auth.email_verified', 'auth.login'])
	})

	test('signing up with an address that has an account changes nothing and tells its owner', async () => {
		await verifiedUser()
		expect(await signUp({ name: 'Mallory', email: 'ana@example.org', password: 'another long password' })).toEqual({ kind: 'exists' })
		expect(await db().user.count()).toBe(1)
		expect((await lastEmailTo('ana@example.org')).subject).toBe('Someone tried to sign up to Tandem with your email address')
		expect(await logIn({ email: 'ana@example.org', password })).toMatchObject({ kind: 'ok' })
	})

	test('a wrong password and an unknown address get the same answer, and both are audited', async () => {
		await verifiedUser()
		expect(await logIn({ email: 'ana@example.org', password: 'not the password' })).toEqual({ kind: 'invalid' })
		expect(await logIn({ email: 'nobody@example.org', password })).toEqual({ kind: 'invalid' })
		expect(await db().auditEvent.count({ where: { action: 'auth.login_failed' } })).toBe(2)
	})
})

describe('bad input to the sign-up form', () => {
	async function submit(fields: Record<string, string>) {
		const request = new Request('http://localhost/signup', { method: 'POST', body: new URLSearchParams(fields) })
		return (await signupAction({ request, params: {}, context: { cspNonce: '' } })) as unknown as { init: { status: number } | null; data: { result: { error: Record<string, string[]> } } }
	}

	test.each([
		[{ name: 'Ana', email: 'not-an-email', password }, 'email', 'Enter an email address like name@example.com.'],
		[{ name: 'x'.repeat(101), email: 'ana@example.org', password }, 'name', 'Use at most 100 characters.'],
		[{ name: 'Ana', email: `${'a'.repeat(250)}@example.org`, password }, 'email', 'An email address has at most 254 characters.'],
		[{ name: 'Ana', email: 'ana@example.org', password: 'short' }, 'password', 'Use at least 12 characters.'],
		[{ name: 'Ana', email: 'ana@example.org', password: 'x'.repeat(200) }, 'password', 'Use at most 128 characters.'],
	])('%#: a clear message on the field, 400, and no account', async (fields, field, message) => {
		const response = await submit(fields)
		expect(response.init?.status).toBe(400)
		expect(response.data.result.error[field]?.[0]).toContain(message)
		expect(await db().user.count()).toBe(0)
	})
})

describe('password reset', () => {
	test('a single-use, one-hour link that ends every session', async () => {
		const userId = await verifiedUser()
		const session = await createSession(userId, meta)
		await requestPasswordReset('ana@example.org')
		await drainJobs()
		const token = tokenFrom((await lastEmailTo('ana@example.org')).text, '/reset-password')

		expect(await resetPassword(token, 'short')).toEqual({ kind: 'weak', problem: 'too_short' })
		expect(await resetPassword(token, 'a brand new passphrase')).toEqual({ kind: 'reset', userId })
		expect(await validateSessionToken(session.token)).toBeNull()
		expect(await logIn({ email: 'ana@example.org', password: 'a brand new passphrase' })).toMatchObject({ kind: 'ok' })

		// Replayed: refused, and the password stays the new one.
		expect(await resetPassword(token, 'a third passphrase here')).toEqual({ kind: 'invalid' })
		expect(await logIn({ email: 'ana@example.org', password: 'a third passphrase here' })).toEqual({ kind: 'invalid' })
	})

	test('an expired link is refused', async () => {
		await verifiedUser()
		await requestPasswordReset('ana@example.org')
		await drainJobs()
		const token = tokenFrom((await lastEmailTo('ana@example.org')).text, '/reset-password')
		await db().userToken.updateMany({ where: { purpose: 'password_reset' }, data: { expiresAt: new Date(Date.now() - 1000) } })
		expect(await resetPassword(token, 'a brand new passphrase')).toEqual({ kind: 'invalid' })
	})

	test('asking for an unknown address sends nothing', async () => {
		await requestPasswordReset('nobody@example.org')
		await drainJobs()
		expect(await db().emailMessage.count()).toBe(0)
	})
})

describe('sessions', () => {
	test('changing the password keeps this session and ends the others', async () => {
		const userId = await verifiedUser()
		const here = await createSession(userId, meta)
		const elsewhere = await createSession(userId, meta)
		const hereId = (await validateSessionToken(here.token))!.sessionId
		expect(await changePassword({ userId, sessionId: hereId, currentPassword: 'wrong password', newPassword: 'a brand new passphrase' })).toEqual({ kind: 'wrong_current' })
		expect(await changePassword({ userId, sessionId: hereId, currentPassword: password, newPassword: 'a brand new passphrase' })).toEqual({ kind: 'changed', sessionsEnded: 1 })
		expect(await validateSessionToken(here.token)).not.toBeNull()
		expect(await validateSessionToken(elsewhere.token)).toBeNull()
		expect((await lastEmailTo('ana@example.org')).subject).toBe('Your Tandem password was changed')
	})

	test('people who can see patient details, and platform admins, are signed out after 30 idle minutes; others are not', async () => {
		await seedDemoData(db(), { anchor: new Date('2026-11-16T00:00:00Z') })
		const coordinator = await db().user.findUniqueOrThrow({ where: { email: 'tx.coordinator@tandem.example' } })
		const admin = await db().user.findUniqueOrThrow({ where: { email: 'admin@tandem.example' } })
		const now = new Date()
		const coordinatorSession = await createSession(coordinator.id, meta, new Date(now.getTime() - 31 * 60_000))
		const adminSession = await createSession(admin.id, meta, new Date(now.getTime() - 31 * 60_000))
		expect(await validateSessionToken(coordinatorSession.token, now)).toBeNull()
		expect(await db().session.count({ where: { userId: coordinator.id } })).toBe(0)
		expect(await validateSessionToken(adminSession.token, now)).toBeNull()
		// Someone with no role (a signed-up account not yet in a clinic) keeps their session.
		const plain = await db().user.create({ data: { email: 'no-role@example.org', name: 'No Role', passwordHash: 'x', emailVerifiedAt: now } })
		const plainSession = await createSession(plain.id, meta, new Date(now.getTime() - 31 * 60_000))
		expect(await validateSessionToken(plainSession.token, now)).not.toBeNull()
	})

	test('a token that is not ours, or garbage, is no session', async () => {
		expect(await validateSessionToken('abcdefghijklmnopqrstuvwxyz234567')).toBeNull()
		expect(await validateSessionToken("' OR 1=1 --")).toBeNull()
	})
})

test('every demo account can log in with the demo password', async () => {
	await seedDemoData(db(), { anchor: new Date('2026-11-16T00:00:00Z') })
	for (const account of DEMO_ACCOUNTS) expect(await logIn({ email: account.email, password: DEMO_PASSWORD })).toMatchObject({ kind: 'ok' })
	const therapistUser = await db().user.findUniqueOrThrow({ where: { email: 'therapist.tx@tandem.example' }, include: { therapist: true, memberships: true } })
	expect(therapistUser.therapist?.email).toBe('therapist.tx@tandem.example')
	const txAdmin = await db().user.findUniqueOrThrow({ where: { email: 'tx.admin@tandem.example' }, include: { memberships: { include: { clinic: true } } } })
	expect(txAdmin.memberships).toMatchObject([{ role: 'clinic_admin', clinic: { state: 'TX' } }])
})

test('rate limits count per key and reset with the window', async () => {
	const start = new Date('2026-11-22T12:00:00Z')
	for (let i = 0; i < 10; i++) expect(await consumeRateLimit('loginFailuresPerAccountIp', 'ana@example.org', start)).toEqual({ allowed: true })
	expect(await consumeRateLimit('loginFailuresPerAccountIp', 'ANA@example.org', new Date(start.getTime() + 60_000))).toEqual({ allowed: false, retryAfterSeconds: 14 * 60 })
	expect(await consumeRateLimit('loginFailuresPerAccountIp', 'other@example.org', start)).toEqual({ allowed: true })
	expect(await consumeRateLimit('loginFailuresPerAccountIp', 'ana@example.org', new Date(start.getTime() + 15 * 60_000))).toEqual({ allowed: true })
})

test('the audit log refuses changes and deletions', async () => {
	await db().auditEvent.create({ data: { action: 'auth.login', entity: 'user', entityId: 'u1' } })
	await expect(db().auditEvent.updateMany({ data: { action: 'tampered' } })).rejects.toThrow(/append-only/)
	await expect(db().auditEvent.deleteMany({})).rejects.toThrow(/append-only/)
	expect(await db().auditEvent.count({ where: { action: 'auth.login' } })).toBe(1)
})

test('the log-in form answers the 11th attempt in 15 minutes with 429 and Retry-After, without checking the password', async () => {
	await verifiedUser()
	type Answer = { init: { status: number; headers?: Record<string, string> } | null; data: { result: { error: Record<string, string[]> } } | null }
	const attempt = async (pass: string): Promise<Answer> => {
		const request = new Request('http://localhost/login', { method: 'POST', body: new URLSearchParams({ email: 'ana@example.org', password: pass }) })
		try {
			return (await loginAction({ request, params: {}, context: { cspNonce: '' } })) as unknown as Answer
		} catch (thrown) {
			if (thrown instanceof Response) return { init: { status: thrown.status }, data: null }
			throw thrown
		}
	}
	for (let i = 0; i < 10; i++) expect((await attempt('not the password')).init?.status).toBe(400)
	const limited = await attempt(password) // even the right password is refused now
	expect(limited.init?.status).toBe(429)
	expect(Number(limited.init?.headers?.['Retry-After'])).toBeGreaterThan(0)
	expect(limited.data?.result.error['']?.[0]).toMatch(/^Too many attempts\. Please wait \d+ minutes? and try again\.$/)
	expect(await db().session.count()).toBe(0)
})
