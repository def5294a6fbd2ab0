// PRODUCT.md §10: the embedded database belongs to one process at a time. A second process (the
// admin CLI here) must stop with a clear message while another holds it, and work once it is free.
import { spawnSync } from 'node:child_process'
import { afterAll, describe, expect, test } from 'vitest'
import { closeDatabase, db } from '#app/utils/db.server.ts'

function admin(...args: string[]) {
	return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], {
		encoding: 'utf8',
		env: { ...process.env, NODE_ENV: 'development' },
		timeout: 60_000,
	})
}

afterAll(closeDatabase)

describe.runIf(process.env.TEST_DB !== 'server')('the embedded database lock', () => {
	test('the CLI refuses to open the database while this process holds it', async () => {
		await db().$queryRaw`SELECT 1`
		const result = admin('status')
		expect(result.status).toBe(1)
		expect(result.stderr).toMatch(/in use by another process \(pid \d+/)
		expect(result.stderr).not.toMatch(/\n\s+at /) // one line, no stack trace
	})

	test('once released, the CLI opens it and prints its result as JSON', async () => {
		await closeDatabase()
		const result = admin('status', '--json')
		expect(result.stderr).toBe('')
		expect(result.status).toBe(0)
		const lines = result.stdout.trim().split('\n')
		expect(JSON.parse(lines.at(-1)!)).toMatchObject({ database: 'embedded', therapists: expect.any(Number) })
	})
})

describe('the admin CLI', () => {
	test('an unknown command exits non-zero with a pointer to --help', () => {
		const result = admin('frobnicate')
		expect(result.status).toBe(1)
		expect(result.stderr.trim()).toBe('Error: Unknown command "frobnicate". Run "npm run admin -- --help" for the list.')
	})

	test('--help lists the commands', () => {
		const result = admin('--help')
		expect(result.status).toBe(0)
		expect(result.stdout).toContain('Usage: npm run admin -- <command> [options]')
		expect(result.stdout).toMatch(/^\s+status\s+/m)
	})
})
