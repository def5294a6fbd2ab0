// `npm run admin -- backup` and `restore` (docs/operations.md) on the kind of database this run uses
// (TEST_DB): the demo seed is backed up and restored into a fresh database and over one in use,
// and every table of the public schema is compared row by row, with every sequence.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { encodeHeader, parseHeader } from '#app/utils/backup-file.ts'
import { acquireEmbeddedLock } from '#app/utils/embedded-lock.server.ts'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { seedDemoData } from '#prisma/seed.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'

const server = process.env.TEST_DB === 'server'
const kind = server ? 'server' : 'embedded'
const STEP = 180_000

/** Where a database of this run's kind lives: a data directory, or a database on the server. */
type Place = { env: Record<string, string>; dataDir: string; url: string | null }

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-backup-'))
const base = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
const made: string[] = []

async function serverAdmin(sql: string) {
	const client = new pg.Client({ connectionString: base, connectionTimeoutMillis: 5_000 })
	await client.connect()
	try {
		await client.query(sql)
	} finally {
		await client.end()
	}
}

/** A new, empty place: a directory with nothing in it, or a database with no tables. */
async function freshPlace(name: string): Promise<Place> {
	const dataDir = path.join(tmp, name)
	fs.mkdirSync(dataDir)
	if (!server) return { env: { DATABASE_URL: '', TANDEM_DATA_DIR: dataDir }, dataDir, url: null }
	const database = `tandem_backup_${process.pid}_${randomBytes(3).toString('hex')}_${name}`
	await serverAdmin(`CREATE DATABASE ${database}`)
	made.push(database)
	const url = new URL(base)
	url.pathname = `/${database}`
	return { env: { DATABASE_URL: url.toString(), TANDEM_DATA_DIR: dataDir }, dataDir, url: url.toString() }
}

function admin(place: Place, ...args: string[]) {
	return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], {
		encoding: 'utf8',
		env: { ...process.env, NODE_ENV: 'development', ...place.env },
		timeout: STEP,
	})
}

function lastJson(stdout: string) {
	return JSON.parse(stdout.trim().split('\n').at(-1)!)
}

/** One line on standard error, exit code 1, no stack trace. */
function expectRefusal(result: ReturnType<typeof admin>, message: RegExp) {
	expect(result.status).toBe(1)
	const lines = result.stderr.trim().split('\n')
	expect(lines).toHaveLength(1)
	expect(lines[0]).toMatch(/^Error: /)
	expect(lines[0]).toMatch(message)
}

type Contents = { tables: Record<string, string[]>; sequences: Record<string, string | null> }

/** Every row of every table in the public schema (listed from the catalog), and every sequence's value. */
async function contents(place: Place): Promise<Contents> {
	let query: (sql: string) => Promise<Record<string, unknown>[]>
	let close: () => Promise<void>
	if (place.url) {
		const client = new pg.Client({ connectionString: place.url })
		await client.connect()
		query = async (sql) => (await client.query(sql)).rows
		close = () => client.end()
	} else {
		const pglite = await PGlite.create(path.join(place.dataDir, 'pglite'))
		query = async (sql) => (await pglite.query<Record<string, unknown>>(sql)).rows
		close = () => pglite.close()
	}
	try {
		const names = (await query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`)).map((row) => String(row.table_name))
		const tables: Contents['tables'] = {}
		for (const name of names) {
			const rows = await query(`SELECT to_jsonb(t)::text AS row FROM "public"."${name}" t`)
			tables[name] = rows.map((row) => String(row.row)).sort()
		}
		const sequences = Object.fromEntries(
			(await query(`SELECT sequencename, last_value::text AS value FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename`)).map((row) => [
				String(row.sequencename),
				row.value === null ? null : String(row.value),
			]),
		)
		return { tables, sequences }
	} finally {
		await close()
	}
}

/** Nothing was written: no embedded database was made, no table on the server. */
async function expectUntouched(place: Place) {
	if (place.url) expect(Object.keys((await contents(place)).tables)).toEqual([])
	else expect(fs.readdirSync(place.dataDir).filter((entry) => entry.startsWith('pglite') && entry !== 'pglite.lock')).toEqual([])
}

function expectSameContents(actual: Contents, expected: Contents) {
	expect(Object.keys(actual.tables)).toEqual(Object.keys(expected.tables))
	for (const table of Object.keys(expected.tables)) {
		// Table by table, so that a failure names the table.
		expect({ table, rows: actual.tables[table]!.length }).toEqual({ table, rows: expected.tables[table]!.length })
		expect({ table, rows: actual.tables[table] }).toEqual({ table, rows: expected.tables[table] })
	}
	expect(actual.sequences).toEqual(expected.sequences)
}

// The run's own database is the source: the demo seed goes into it.
const source: Place = {
	env: server ? { DATABASE_URL: process.env.DATABASE_URL!, TANDEM_DATA_DIR: process.env.TANDEM_DATA_DIR! } : { DATABASE_URL: '', TANDEM_DATA_DIR: process.env.TANDEM_DATA_DIR! },
	dataDir: process.env.TANDEM_DATA_DIR!,
	url: server ? process.env.DATABASE_URL! : null,
}
const file = path.join(tmp, 'tandem.backup')
let seeded: Contents

beforeAll(async () => {
	await resetDatabase()
	const { ensureReferenceData } = await import('#app/domain/reference/reference-data.server.ts')
	await ensureReferenceData(db())
	await seedDemoData(db(), { anchor: new Date('2026-11-16T00:00:00Z') })
	await closeDatabase()
	seeded = await contents(source)
}, STEP)

afterAll(async () => {
	await closeDatabase()
	for (const database of made) await serverAdmin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
	fs.rmSync(tmp, { recursive: true, force: true })
})

describe(`backup and restore on the ${kind} database`, () => {
	test('the seed fills most tables, so comparing them means something', () => {
		const filled = Object.entries(seeded.tables).filter(([, rows]) => rows.length > 0)
		expect(Object.keys(seeded.tables).length).toBeGreaterThan(30)
		expect(filled.length).toBeGreaterThan(15)
		expect(seeded.tables.AuditEvent!.length).toBeGreaterThan(0)
	})

	test(
		server ? 'a backup is taken while the app has the database open' : 'a backup is refused while another process has the database open',
		async () => {
			await db().$queryRaw`SELECT 1`
			const result = admin(source, 'backup', path.join(tmp, 'while-open.backup'))
			if (server) {
				expect(result.stderr).toBe('')
				expect(result.status).toBe(0)
			} else {
				expectRefusal(result, new RegExp(`Cannot back up the embedded database while another process has it open \\(pid ${process.pid}`))
				expect(fs.existsSync(path.join(tmp, 'while-open.backup'))).toBe(false)
			}
			await closeDatabase()
		},
		STEP,
	)

	test(
		'backup writes the whole database to one file, readable by its owner only, saying what it holds',
		async () => {
			const result = admin(source, 'backup', file, '--json')
			expect(result.stderr).toBe('')
			expect(result.status).toBe(0)
			const printed = lastJson(result.stdout)
			const rows = Object.values(seeded.tables).reduce((n, table) => n + table.length, 0)
			expect(printed).toMatchObject({ file, database: kind, tables: Object.keys(seeded.tables).length, rows, bytes: fs.statSync(file).size })
			expect(fs.statSync(file).mode & 0o777).toBe(0o600)

			const header = parseHeader(fs.readFileSync(file).subarray(0, 1024 * 1024))
			expect(header.ok && header.manifest.database).toBe(kind)
			expect(header.ok && header.manifest.migrations.at(-1)).toBe(printed.latestMigration)
			expect(header.ok && header.manifest.tables.Therapist).toBe(seeded.tables.Therapist!.length)

			// An existing file is not overwritten without --force.
			expectRefusal(admin(source, 'backup', file), /already exists: choose another name, or add --force to overwrite it\.$/)
		},
		STEP,
	)

	test(
		'restore into a fresh database gives back every row of every table, at the backup’s migration level',
		async () => {
			const fresh = await freshPlace('fresh')
			const result = admin(fresh, 'restore', file, '--json')
			expect(result.stderr).toBe('')
			expect(result.status).toBe(0)
			expect(lastJson(result.stdout)).toMatchObject({ file, database: kind, replaced: false, newerMigrations: [] })
			expectSameContents(await contents(fresh), seeded)

			// The audit log's hash chain survives, and the restored database works as any other.
			const audit = admin(fresh, 'verify-audit', '--json')
			expect(audit.status).toBe(0)
			expect(lastJson(audit.stdout)).toMatchObject({ ok: true, events: seeded.tables.AuditEvent!.length })
		},
		STEP,
	)

	test(
		'restore over a database in use is refused without --force, and replaces everything with it',
		async () => {
			const used = await freshPlace('used')
			const created = admin(used, 'create-admin', '--email', 'ops@example.org', '--json')
			expect(created.status).toBe(0)
			const before = await contents(used)
			expect(before.tables.User).toHaveLength(1)

			expectRefusal(admin(used, 'restore', file), /^Error: The database is not empty \(\d+ rows? in \d+ tables?: .*User.*\)\. Add --force to replace its contents with /)
			expectSameContents(await contents(used), before)

			const result = admin(used, 'restore', file, '--force', '--json')
			expect(result.stderr).toBe('')
			expect(result.status).toBe(0)
			expect(lastJson(result.stdout)).toMatchObject({ replaced: true })
			const after = await contents(used)
			expectSameContents(after, seeded)
			expect(after.tables.User!.some((row) => row.includes('ops@example.org'))).toBe(false)
		},
		STEP,
	)

	test(
		server ? 'restore --force leaves nothing of the database it replaces, not even a table the backup does not have' : 'a database that no longer opens is replaced by restore --force, and only then',
		async () => {
			const damaged = await freshPlace('damaged')
			if (server) {
				const client = new pg.Client({ connectionString: damaged.url! })
				await client.connect()
				await client.query('CREATE TABLE "public"."FromANewerMigration" (id int PRIMARY KEY); INSERT INTO "public"."FromANewerMigration" VALUES (1)')
				await client.end()
				expectRefusal(admin(damaged, 'restore', file), /^Error: The database is not empty \(1 row in 1 table: FromANewerMigration\)/)
			} else {
				fs.mkdirSync(path.join(damaged.dataDir, 'pglite'))
				fs.writeFileSync(path.join(damaged.dataDir, 'pglite', 'half-copied'), 'not a database')
				expectRefusal(admin(damaged, 'restore', file), /^Error: The embedded database in .* could not be opened \(it holds no PostgreSQL data directory\): add --force to replace it with /)
			}
			const result = admin(damaged, 'restore', file, '--force', '--json')
			expect(result.stderr).toBe('')
			expect(result.status).toBe(0)
			expect(lastJson(result.stdout)).toMatchObject({ replaced: true })
			expectSameContents(await contents(damaged), seeded)
		},
		STEP,
	)

	test(
		server ? 'restore is refused while another client is connected to the database' : 'restore is refused while another process has the database open',
		async () => {
			const busy = await freshPlace('busy')
			let release: () => Promise<void>
			if (server) {
				const client = new pg.Client({ connectionString: busy.url! })
				await client.connect()
				release = () => client.end()
			} else {
				const lock = acquireEmbeddedLock(path.join(busy.dataDir, 'pglite.lock'), { command: 'the test' })
				release = async () => lock.release()
			}
			try {
				const result = admin(busy, 'restore', file)
				expectRefusal(
					result,
					server ? /^Error: 1 other connection is open to the database .*stop them first/ : /^Error: Cannot restore the embedded database while another process has it open .*"the test"/,
				)
			} finally {
				await release()
			}
			await expectUntouched(busy)
		},
		STEP,
	)

	test(
		'a backup of the other kind of database, a file that is not a backup, and a damaged one are refused in one line',
		async () => {
			const target = await freshPlace('refusals')
			const whole = fs.readFileSync(file)
			const parsed = parseHeader(whole.subarray(0, 1024 * 1024))
			if (!parsed.ok) throw new Error(parsed.problem)
			const other = path.join(tmp, 'other-kind.backup')
			fs.writeFileSync(other, Buffer.concat([Buffer.from(encodeHeader({ ...parsed.manifest, database: server ? 'embedded' : 'server' })), whole.subarray(parsed.payloadOffset)]))
			expectRefusal(
				admin(target, 'restore', other),
				server
					? /is a backup of the embedded database \(PGlite\), and this is a PostgreSQL server: restore it into the same kind/
					: /is a backup of a PostgreSQL server, and this is the embedded database \(PGlite\): restore it into the same kind/,
			)

			const notOne = path.join(tmp, 'notes.txt')
			fs.writeFileSync(notOne, 'just some notes\n')
			expectRefusal(admin(target, 'restore', notOne), /notes\.txt is not a Tandem backup/)
			expectRefusal(admin(target, 'restore', path.join(tmp, 'missing.backup')), /missing\.backup: no such file\.$/)

			const cut = path.join(tmp, 'cut.backup')
			fs.writeFileSync(cut, whole.subarray(0, parsed.payloadOffset + Math.floor((whole.length - parsed.payloadOffset) / 2)))
			expectRefusal(admin(target, 'restore', cut), /nothing was changed|Nothing was changed\./)
			await expectUntouched(target)
		},
		STEP,
	)
})
