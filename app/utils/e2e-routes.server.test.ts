import { afterEach, expect, test } from 'vitest'
import { totpClock } from '#app/domain/accounts/two-factor.server.ts'
import { E2eSessionSchema, E2eTotpClockSchema, e2eRoutesServed, pinTotpClock, readE2eForm, requireE2eRoutes } from './e2e-routes.server.ts'

afterEach(() => pinTotpClock(null))

test('served only with TANDEM_E2E_ROUTES and outside production', () => {
	expect(e2eRoutesServed({ NODE_ENV: 'development', TANDEM_E2E_ROUTES: true })).toBe(true)
	expect(e2eRoutesServed({ NODE_ENV: 'test', TANDEM_E2E_ROUTES: true })).toBe(true)
	expect(e2eRoutesServed({ NODE_ENV: 'development', TANDEM_E2E_ROUTES: false })).toBe(false)
	// env.server.ts refuses to start like this; the guard holds even if it did.
	expect(e2eRoutesServed({ NODE_ENV: 'production', TANDEM_E2E_ROUTES: true })).toBe(false)
})

test('otherwise the routes answer 404, as an unknown address', () => {
	for (const config of [
		{ NODE_ENV: 'development', TANDEM_E2E_ROUTES: false },
		{ NODE_ENV: 'production', TANDEM_E2E_ROUTES: true },
	] as const) {
		let thrown: unknown
		try {
			requireE2eRoutes(config)
		} catch (error) {
			thrown = error
		}
		expect(thrown).toBeInstanceOf(Response)
		expect((thrown as Response).status).toBe(404)
	}
	expect(() => requireE2eRoutes({ NODE_ENV: 'development', TANDEM_E2E_ROUTES: true })).not.toThrow()
})

const post = (form: Record<string, string> | string) =>
	new Request(
		'http://localhost/e2e/session',
		typeof form === 'string' ? { method: 'POST', body: form, headers: { 'Content-Type': 'text/plain' } } : { method: 'POST', body: new URLSearchParams(form) },
	)

test('a form that is not what the route reads is a 400 naming the problem', async () => {
	const forms: (Record<string, string> | string)[] = ['not a form', {}, { email: 'nobody' }, { email: 'a@example.org', extra: '1' }, { email: 'a@example.org', twoFactor: 'yes' }]
	for (const form of forms) {
		const thrown = await readE2eForm(post(form), E2eSessionSchema).catch((error: unknown) => error)
		expect(thrown, JSON.stringify(form)).toBeInstanceOf(Response)
		expect((thrown as Response).status, JSON.stringify(form)).toBe(400)
		expect(((await (thrown as Response).json()) as { error: string }).error, JSON.stringify(form)).toMatch(/\w+: /)
	}
	expect(await readE2eForm(post({ email: 'a@example.org' }), E2eSessionSchema)).toEqual({ email: 'a@example.org', twoFactor: false })
	expect(await readE2eForm(post({ email: 'a@example.org', twoFactor: '1' }), E2eSessionSchema)).toEqual({ email: 'a@example.org', twoFactor: true })
	expect(await readE2eForm(post({ at: '1767268815000' }), E2eTotpClockSchema)).toEqual({ at: 1767268815000 })
	expect(await readE2eForm(post({ at: '' }), E2eTotpClockSchema)).toEqual({ at: null })
	await expect(readE2eForm(post({ at: '-5' }), E2eTotpClockSchema)).rejects.toBeInstanceOf(Response)
})

test('pinning the clock fixes the time codes are checked against; null gives the real clock back', () => {
	pinTotpClock(Date.UTC(2026, 0, 1, 12, 0, 15))
	expect(totpClock.now().toISOString()).toBe('2026-01-01T12:00:15.000Z')
	pinTotpClock(null)
	expect(Math.abs(totpClock.now().getTime() - Date.now())).toBeLessThan(1_000)
})
