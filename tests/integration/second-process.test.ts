// docs/product.md §10: the embedded database belongs to one process at a time. A second process (the
// admin CLI here) must stop with a clear message while another holds it, and work once it is free;
// a PostgreSQL server has no such limit.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeEach, describe, expect, test } from 'vitest'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'

/** Standard error holds nothing but notes of emails kept in the development outbox. */
function onlyEmailNotes(stderr: string) {
	return stderr.split('\n').filter((line) => line.trim() && !/^\[[\d:.]+\] INFO: Email ".*" kept in the outbox \(see .*\/dev\/outbox\) \{.*\}$/.test(line))
}

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
		expect(onlyEmailNotes(result.stderr)).toEqual([])
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

describe('create-clinic', () => {
	test('creates the clinic where its ZIP code is, invites the admin, prints the id; a bad ZIP changes nothing', async () => {
		await closeDatabase()
		const result = admin('create-clinic', '--name', 'Hill Country Ketamine', '--admin-email', 'teresa@clinic.example', '--zip', '78701', '--json')
		expect(onlyEmailNotes(result.stderr)).toEqual([])
		expect(result.status).toBe(0)
		const printed = JSON.parse(result.stdout.trim().split('\n').at(-1)!)
		expect(printed).toMatchObject({ id: expect.any(String), city: 'Austin', state: 'TX', timeZone: 'America/Chicago', admin: { email: 'teresa@clinic.example', status: 'invited' } })
		expect(await db().emailMessage.count({ where: { to: 'teresa@clinic.example', subject: { contains: 'Hill Country Ketamine' } } })).toBe(1)
		await closeDatabase()

		const bad = admin('create-clinic', '--name', 'Nowhere', '--admin-email', 'x@clinic.example', '--zip', '00601')
		expect(bad.status).toBe(1)
		expect(bad.stderr.trim()).toBe('Error: --zip: Tandem serves the 50 states and the District of Columbia; that ZIP code is outside them. (got "00601")')
		expect(await db().clinic.count()).toBe(1)
	})
})

describe('create-api-key', () => {
	test('prints a key once, stores only its hash; an unknown clinic is refused', async () => {
		await closeDatabase()
		const clinicId = JSON.parse(admin('create-clinic', '--name', 'Key Clinic', '--admin-email', 'keys@clinic.example', '--zip', '98101', '--json').stdout.trim().split('\n').at(-1)!).id
		await closeDatabase()
		const result = admin('create-api-key', '--clinic', clinicId, '--name', 'EHR')
		expect(result.status).toBe(0)
		const key = result.stdout.trim().split('\n').at(-1)!
		expect(key).toMatch(/^tdm_[a-z2-7]{32}$/)
		const stored = await db().apiKey.findFirstOrThrow({ where: { clinicId } })
		expect(stored).toMatchObject({ name: 'EHR', prefix: key.slice(0, 12) })
		expect(JSON.stringify(stored)).not.toContain(key)
		await closeDatabase()

		const unknown = admin('create-api-key', '--clinic', 'no-such-clinic')
		expect(unknown.status).toBe(1)
		expect(unknown.stderr.trim()).toBe('Error: --clinic: no clinic has the id "no-such-clinic".')
	})
})

describe('import-therapists', () => {
	test('a broken file is reported line by line with exit code 1; the sample imports and prints the count', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-import-'))
		const broken = path.join(dir, 'broken.csv')
		fs.writeFileSync(broken, fs.readFileSync('docs/sample-therapists.csv', 'utf8').replace('TX:lpc:LPC-70321', 'ZZ:lpc:LPC-70321'))
		await closeDatabase()
		const refused = admin('import-therapists', broken)
		expect(refused.status).toBe(1)
		expect(refused.stderr).toContain(`${broken}: line 2, column licenses: "ZZ" in "ZZ:lpc:LPC-70321:2027-08-31:verified" is not a US state code.`)
		expect(refused.stderr).toContain('Nothing was imported: 1 problem to fix first.')
		expect(await db().therapist.count()).toBe(0)
		await closeDatabase()

		const imported = admin('import-therapists', 'docs/sample-therapists.csv')
		expect(imported.status).toBe(0)
		expect(imported.stdout.trim().split('\n').at(-1)).toBe('6')
		expect(await db().therapist.count()).toBe(6)
		fs.rmSync(dir, { recursive: true, force: true })
	})
})
