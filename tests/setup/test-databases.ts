// The integration tests' databases: one migrated template per run (database.global.ts), and from
// it one database per Vitest worker (worker-database.ts), so workers run files at the same time
// without seeing each other's rows. On the server a worker's database is `CREATE DATABASE …
// TEMPLATE`; embedded, it is a copy of the template's PGlite data directory. The global setup hands
// the plan to the workers in TANDEM_TEST_DATABASES.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { redactUrl } from '#app/utils/database-target.server.ts'
import { runMigrations } from '#app/utils/migrate.server.ts'

export const PLAN_ENV = 'TANDEM_TEST_DATABASES'

/** `root` is a temporary directory holding the template's and the workers' data directories. */
export type TestDatabases = { target: 'embedded'; root: string } | { target: 'server'; root: string; base: string; prefix: string }

/** What a process needs in its environment to use one of these databases. */
export type DatabaseEnv = { DATABASE_URL: string; TANDEM_DATA_DIR: string }

const TEMPLATE = 'template'

/** Makes the migrated template for the target TEST_DB names; returns the plan and its clean-up. */
export async function createTemplate(
	target: string,
	base = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
): Promise<{ plan: TestDatabases; cleanUp: () => Promise<void> }> {
	if (target !== 'embedded' && target !== 'server') throw new Error(`TEST_DB must be "embedded" or "server" (got "${target}")`)
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-test-'))
	const plan: TestDatabases = target === 'embedded' ? { target, root } : { target, root, base, prefix: `tandem_test_${process.pid}_${randomBytes(3).toString('hex')}` }
	const cleanUp = async () => {
		if (plan.target === 'server') await dropDatabases(plan)
		fs.rmSync(root, { recursive: true, force: true })
	}
	try {
		if (plan.target === 'server') await admin(plan.base, `CREATE DATABASE "${databaseName(plan, TEMPLATE)}"`)
		// The migrations CLI exits when done, so nothing is connected to the template afterwards:
		// PostgreSQL copies only a database no one is connected to.
		await runMigrations({ env: { ...process.env, ...databaseEnv(plan, TEMPLATE) } })
	} catch (error) {
		await cleanUp()
		throw error
	}
	return { plan, cleanUp }
}

/**
 * The database of the worker named `worker` (Vitest's VITEST_POOL_ID), made from the template the
 * first time and reused by every later file of that worker (each test empties the tables it needs).
 */
export async function workerDatabase(plan: TestDatabases, worker: string): Promise<DatabaseEnv> {
	const name = `worker_${worker}`
	const env = databaseEnv(plan, name)
	try {
		if (plan.target === 'embedded') {
			const ready = path.join(plan.root, `${name}.ready`)
			if (!fs.existsSync(ready)) {
				// A copy cut short by a failure is started again, not used.
				fs.rmSync(env.TANDEM_DATA_DIR, { recursive: true, force: true })
				const template = databaseEnv(plan, TEMPLATE).TANDEM_DATA_DIR
				if (!fs.existsSync(path.join(template, 'pglite'))) throw new Error(`the template has no PGlite data directory at ${template}`)
				fs.cpSync(template, env.TANDEM_DATA_DIR, { recursive: true, filter: (source) => path.basename(source) !== 'pglite.lock' })
				fs.writeFileSync(ready, '')
			}
		} else {
			fs.mkdirSync(env.TANDEM_DATA_DIR, { recursive: true })
			const database = databaseName(plan, name)
			await admin(plan.base, (client) =>
				client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]).then(async (found) => {
					if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database}" TEMPLATE "${databaseName(plan, TEMPLATE)}"`)
				}),
			)
		}
	} catch (error) {
		const where = plan.target === 'embedded' ? `in ${env.TANDEM_DATA_DIR}` : `${databaseName(plan, name)} on ${redactUrl(plan.base)}`
		throw new Error(`Could not make the database of test worker ${worker} (${where}) from the migrated template: ${(error as Error).message}`, { cause: error })
	}
	return env
}

export function readPlan(env: Record<string, string | undefined> = process.env): TestDatabases {
	const raw = env[PLAN_ENV]
	if (!raw) throw new Error(`${PLAN_ENV} is not set: integration tests run through Vitest's "integration" project, whose global setup (tests/setup/database.global.ts) makes the databases`)
	return JSON.parse(raw) as TestDatabases
}

function databaseName(plan: Extract<TestDatabases, { target: 'server' }>, name: string) {
	return `${plan.prefix}_${name}`
}

function databaseEnv(plan: TestDatabases, name: string): DatabaseEnv {
	const dataDir = path.join(plan.root, name)
	if (plan.target === 'embedded') return { DATABASE_URL: '', TANDEM_DATA_DIR: dataDir }
	const url = new URL(plan.base)
	url.pathname = `/${databaseName(plan, name)}`
	return { DATABASE_URL: url.toString(), TANDEM_DATA_DIR: dataDir }
}

/** Drops the template and every worker's database (all named with the run's prefix). */
async function dropDatabases(plan: Extract<TestDatabases, { target: 'server' }>) {
	await admin(plan.base, async (client) => {
		const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE starts_with(datname, $1)`, [`${plan.prefix}_`])
		for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`)
	})
}

async function admin(url: string, work: string | ((client: pg.Client) => Promise<unknown>)) {
	const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 })
	try {
		await client.connect()
	} catch (error) {
		throw new Error(
			`Integration tests on the PostgreSQL server need one at ${redactUrl(url)} (${(error as Error).message}). ` +
				'Start it, set TEST_DATABASE_URL, or run only the embedded target with TEST_DATABASE_TARGETS=embedded.',
		)
	}
	try {
		await (typeof work === 'string' ? client.query(work) : work(client))
	} finally {
		await client.end()
	}
}
