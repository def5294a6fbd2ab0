import { expect, test } from 'vitest'
import { DEMO_ACCOUNTS, DEMO_ADMIN_TOTP_KEY, DEMO_PASSWORD, demoSignIn } from './demo-accounts.ts'

const all = new Set<string>(DEMO_ACCOUNTS.map((a) => a.email))

test('in development, every demo account that exists is listed with its role and the shared password', () => {
	const shown = demoSignIn('development', all)
	expect(shown).toEqual({ password: DEMO_PASSWORD, adminTotpKey: DEMO_ADMIN_TOTP_KEY, accounts: DEMO_ACCOUNTS.map(({ email, role }) => ({ email, role })) })
	expect(shown!.accounts[1]).toEqual({ email: 'tx.admin@tandem.example', role: 'clinic admin, Austin TX' })
})

test('never in production or tests, even when the accounts exist', () => {
	expect(demoSignIn('production', all)).toBeNull()
	expect(demoSignIn('test', all)).toBeNull()
})

test('only the accounts found; none found (a database not seeded) lists nothing', () => {
	expect(demoSignIn('development', new Set())).toBeNull()
	const some = demoSignIn('development', new Set(['wa.admin@tandem.example', 'someone@example.org']))
	expect(some).toEqual({ password: DEMO_PASSWORD, adminTotpKey: null, accounts: [{ email: 'wa.admin@tandem.example', role: 'clinic admin, Seattle WA' }] })
})
