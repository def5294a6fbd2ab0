// Route loaders against a real database: /healthz and the landing page's numbers.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeEach, expect, test, vi } from 'vitest'
import { loader as landingLoader } from '#app/routes/_index.tsx'
import { loader as healthLoader } from '#app/routes/healthz.ts'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'

beforeEach(resetDatabase)
afterAll(closeDatabase)

test('/healthz reports a healthy database as JSON, never cached', async () => {
	const response = await healthLoader()
	expect(response.status).toBe(200)
	expect(response.headers.get('Cache-Control')).toBe('no-store')
	const body = await response.json()
	expect(body).toMatchObject({ status: 'ok', database: { ok: true, kind: process.env.TEST_DB === 'server' ? 'server' : 'embedded' } })
	expect(typeof body.database.latencyMs).toBe('number')
})

test('the landing page counts accepting therapists and states with a current verified independent license', async () => {
	const today = new Date()
	const future = new Date(Date.UTC(today.getUTCFullYear() + 1, 0, 1))
	const past = new Date(Date.UTC(today.getUTCFullYear() - 1, 0, 1))
	const base = { credentials: 'LPC', timeZone: 'America/Chicago', weeklyCapacity: 2 }
	await db().therapist.create({
		data: { ...base, email: 'a@example.com', fullName: 'A', licenses: { create: [{ state: 'TX', type: 'lpc', number: '1', expiresOn: future, status: 'verified' }] } },
	})
	await db().therapist.create({
		data: {
			...base,
			email: 'b@example.com',
			fullName: 'B',
			accepting: false,
			licenses: {
				create: [
					{ state: 'WA', type: 'lmhc', number: '2', expiresOn: past, status: 'verified' }, // expired
					{ state: 'OR', type: 'lpc_associate', number: '3', expiresOn: future, status: 'verified' }, // supervised
					{ state: 'CA', type: 'lmft', number: '4', expiresOn: future, status: 'pending' }, // unverified
				],
			},
		},
	})
	const data = await landingLoader()
	expect(data.network).toEqual({ acceptingTherapists: 1, licensedStates: 1 })
})

test('/healthz answers 503 with the reason when the database cannot be used', async () => {
	vi.spyOn(console, 'error').mockImplementation(() => {})
	await closeDatabase()
	const saved = process.env.DATABASE_URL
	let foreignLock: string | undefined
	if (process.env.TEST_DB === 'server') {
		process.env.DATABASE_URL = 'postgresql://postgres@127.0.0.1:1/unreachable'
	} else {
		// Another live process holds the embedded database.
		foreignLock = path.join(process.env.TANDEM_DATA_DIR!, 'pglite.lock')
		fs.writeFileSync(foreignLock, JSON.stringify({ pid: process.ppid, token: 'someone-else', hostname: os.hostname(), command: 'npm start', startedAt: new Date().toISOString() }))
	}
	try {
		const response = await healthLoader()
		expect(response.status).toBe(503)
		const body = await response.json()
		expect(body).toMatchObject({ status: 'error', database: { ok: false } })
		expect(body.database.error).toMatch(process.env.TEST_DB === 'server' ? /Can't reach database server/ : /in use by another process/)

		// Production keeps the reason (hosts, database names) in the log.
		vi.stubEnv('NODE_ENV', 'production')
		const hidden = await (await healthLoader()).json()
		expect(hidden.database).toEqual({ kind: expect.any(String), ok: false, error: 'unavailable' })
	} finally {
		vi.unstubAllEnvs()
		await closeDatabase()
		if (saved === undefined) delete process.env.DATABASE_URL
		else process.env.DATABASE_URL = saved
		if (foreignLock) fs.rmSync(foreignLock)
	}
})
