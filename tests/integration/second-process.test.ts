// PRODUCT.md §10: the embedded database belongs to one process at a time. A second process (the
// admin CLI here) must stop with a clear message while another holds it, and work once it is free;
// a PostgreSQL server has no such limit.
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

const embedded = process.env.TEST_DB !== 'server'

describe('a second process while this one has the database open', () => {
	test(embedded ? 'is refused on the embedded database, with one clear line' : 'is allowed on a PostgreSQL server', async () => {
		await db().$queryRaw`SELECT 1`
		const result = admin('status', '--json')
		if (embedded) {
			expect(result.status).toBe(1)
			expect(result.stderr).toMatch(/in use by another process \(pid \d+/)
			expect(result.stderr).not.toMatch(/\n\s+at /) // no stack trace
		} else {
			expect(result.stderr).toBe('')
			expect(result.status).toBe(0)
			expect(JSON.parse(result.stdout.trim().split('\n').at(-1)!)).toMatchObject({ database: 'server' })
		}
	})

	test('once this process lets go, the CLI opens it and prints its result as JSON', async () => {
		await closeDatabase()
		const result = admin('status', '--json')
		expect(result.stderr).toBe('')
		expect(result.status).toBe(0)
		const lines = result.stdout.trim().split('\n')
		expect(JSON.parse(lines.at(-1)!)).toMatchObject({ database: embedded ? 'embedded' : 'server', therapists: expect.any(Number) })
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
