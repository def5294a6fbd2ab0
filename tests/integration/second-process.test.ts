// PRODUCT.md §10: the embedded database belongs to one process at a time. A second process (the
// admin CLI here) must stop with a clear message while another holds it, and work once it is free;
// a PostgreSQL server has no such limit.
import { spawnSync } from 'node:child_process'
import { afterAll, beforeEach, describe, expect, test } from 'vitest'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'

function admin(...args: string[]) {
	return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], {
		encoding: 'utf8',
		env: { ...process.env, NODE_ENV: 'development' },
		timeout: 60_000,
	})
}

beforeEach(resetDatabase)
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

describe('create-admin', () => {
	test('creates a platform admin, emails a link to choose a password, prints the id', async () => {
		await closeDatabase()
		const result = admin('create-admin', '--email', 'Ops@Example.org', '--json')
		expect(result.stderr).toBe('')
		expect(result.status).toBe(0)
		const printed = JSON.parse(result.stdout.trim().split('\n').at(-1)!)
		expect(printed).toMatchObject({ email: 'ops@example.org', created: true, id: expect.any(String) })
		const user = await db().user.findUniqueOrThrow({ where: { id: printed.id } })
		expect(user.isPlatformAdmin).toBe(true)
		const email = await db().emailMessage.findFirstOrThrow({ where: { to: 'ops@example.org' } })
		expect(email.text).toMatch(/\/reset-password\?token=[a-z2-7]{32}/)
		expect(await db().auditEvent.count({ where: { action: 'user.created', entityId: printed.id } })).toBe(1)
		await closeDatabase()
		// Running it again changes nothing and says so; the id alone is the last line.
		const again = admin('create-admin', '--email', 'ops@example.org')
		expect(again.status).toBe(0)
		expect(again.stdout.trim().split('\n').at(-1)).toBe(printed.id)
		expect(again.stdout).toContain('was already a platform admin')
	})

	test('a malformed email is refused with the option named, and nothing is created', async () => {
		await closeDatabase()
		const result = admin('create-admin', '--email', 'not-an-email')
		expect(result.status).toBe(1)
		expect(result.stderr.trim()).toBe('Error: --email: Enter an email address like name@example.com.')
		expect(await db().user.count({ where: { isPlatformAdmin: true } })).toBe(0)
	})
})
