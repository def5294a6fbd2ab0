// The log-in page lists the seeded demo log-ins in development, and never in production.
import { afterAll, beforeEach, expect, test, vi } from 'vitest'
import { DEMO_PASSWORD } from '#app/domain/accounts/demo-accounts.ts'
import type * as EnvModule from '#app/utils/env.server.ts'
import { loader } from '#app/routes/login.tsx'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'

const mode = vi.hoisted(() => ({ nodeEnv: 'development' as 'development' | 'production' | 'test' }))
vi.mock('#app/utils/env.server.ts', async (importOriginal) => {
	const actual = await importOriginal<typeof EnvModule>()
	return { ...actual, env: () => ({ ...actual.env(), NODE_ENV: mode.nodeEnv }) }
})

const loginPage = async () => (await loader({ request: new Request('http://localhost/login'), params: {}, context: { cspNonce: '' } })) as { demo: unknown }

beforeEach(async () => {
	await resetDatabase()
	for (const email of ['admin@tandem.example', 'tx.coordinator@tandem.example']) await db().user.create({ data: { email, name: 'Demo', passwordHash: 'x' } })
})
afterAll(closeDatabase)

test('in development the demo accounts in the database are listed, with the shared password', async () => {
	mode.nodeEnv = 'development'
	expect((await loginPage()).demo).toEqual({
		password: DEMO_PASSWORD,
		adminTotpKey: expect.any(String),
		accounts: [
			{ email: 'admin@tandem.example', role: 'platform admin' },
			{ email: 'tx.coordinator@tandem.example', role: 'coordinator, Austin TX' },
		],
	})
})

test('in production nothing is listed, though the accounts exist', async () => {
	mode.nodeEnv = 'production'
	expect((await loginPage()).demo).toBeNull()
})

test('in development without the demo seed nothing is listed', async () => {
	mode.nodeEnv = 'development'
	await resetDatabase()
	expect((await loginPage()).demo).toBeNull()
})
