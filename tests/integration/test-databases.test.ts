// The integration tests' own databases (tests/setup/test-databases.ts): each Vitest worker runs on
// a database of its own, made from the run's migrated template, and a worker whose database cannot
// be made fails with a message that says which one and why.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeEach, expect, test } from 'vitest'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'
import { readPlan, workerDatabase, type TestDatabases } from '#tests/setup/test-databases.ts'

const plan = readPlan()
const worker = process.env.VITEST_POOL_ID!

beforeEach(resetDatabase)
afterAll(closeDatabase)

test('this file runs on its worker’s database, migrated like the template', async () => {
	expect(process.env.TANDEM_DATA_DIR).toBe(path.join(plan.root, `worker_${worker}`))
	if (plan.target === 'embedded') {
		expect(process.env.DATABASE_URL).toBeUndefined()
	} else {
		const rows = await db().$queryRaw<{ name: string }[]>`SELECT current_database() AS name`
		expect(rows[0]?.name).toBe(`${plan.prefix}_worker_${worker}`)
	}
	const migrations = fs.readdirSync('prisma/migrations').filter((entry) => fs.statSync(path.join('prisma/migrations', entry)).isDirectory())
	const applied = await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL`
	expect(applied[0]?.n).toBe(migrations.length)
})

test('another worker’s database is a copy of the template: none of this one’s rows are in it', async () => {
	if (plan.target === 'embedded') {
		// PGlite is opened by one process at a time; the copy is a directory of its own.
		const other = await workerDatabase(plan, `probe_${process.pid}`)
		expect(other.TANDEM_DATA_DIR).not.toBe(process.env.TANDEM_DATA_DIR)
		expect(fs.existsSync(path.join(other.TANDEM_DATA_DIR, 'pglite', 'PG_VERSION'))).toBe(true)
		return
	}
	await db().rateLimit.create({ data: { key: 'only-here', windowStart: new Date(), count: 1 } })
	const other = await workerDatabase(plan, `probe_${process.pid}`)
	expect(other.DATABASE_URL).not.toBe(process.env.DATABASE_URL)
	const client = new pg.Client({ connectionString: other.DATABASE_URL })
	await client.connect()
	try {
		expect((await client.query('SELECT count(*)::int AS n FROM "RateLimit"')).rows).toEqual([{ n: 0 }])
		expect((await client.query('SELECT count(*)::int AS n FROM "_prisma_migrations"')).rows[0].n).toBeGreaterThan(0)
	} finally {
		await client.end()
	}
})

test('a worker whose database cannot be made fails with one message naming it, where, and why', async () => {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-test-missing-'))
	const missing: TestDatabases = plan.target === 'embedded' ? { target: 'embedded', root } : { ...plan, root, prefix: `tandem_test_missing_${randomBytes(3).toString('hex')}` }
	try {
		const failure = workerDatabase(missing, '7')
		if (missing.target === 'embedded') {
			await expect(failure).rejects.toThrow(
				`Could not make the database of test worker 7 (in ${path.join(missing.root, 'worker_7')}) from the migrated template: the template has no PGlite data directory at ${path.join(missing.root, 'template')}`,
			)
		} else {
			await expect(failure).rejects.toThrow(
				new RegExp(
					`^Could not make the database of test worker 7 \\(${missing.prefix}_worker_7 on postgresql://.+\\) from the migrated template: template database "${missing.prefix}_template" does not exist$`,
				),
			)
		}
	} finally {
		fs.rmSync(root, { recursive: true, force: true })
	}
})
