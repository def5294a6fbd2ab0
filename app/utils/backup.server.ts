// Backs up and restores the database this process would use (docs/operations.md): the embedded one
// through PGlite's own dump of its data directory, a PostgreSQL server through pg_dump and pg_restore.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { gunzipSync } from 'node:zlib'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import {
	BackupError,
	backupMismatch,
	encodeHeader,
	majorOf,
	MAX_HEADER_BYTES,
	newerMigrations,
	nonEmptyRefusal,
	parseHeader,
	toolTooOld,
	toolVersion,
	libpqConnection,
	userRows,
	type BackupManifest,
	type DatabaseKind,
} from './backup-file.ts'
import { type DatabaseTarget } from './database-target.server.ts'
import { acquireEmbeddedLock, EmbeddedDatabaseBusyError, type EmbeddedLock } from './embedded-lock.server.ts'
import { ensureServerDatabase } from './postgres-server.server.ts'
import { migrationsOnDisk } from './readiness.server.ts'

export { BackupError }

export type BackupSummary = {
	file: string
	database: DatabaseKind
	bytes: number
	createdAt: string
	migrations: number
	latestMigration: string
	tables: number
	rows: number
}

export type RestoreSummary = {
	file: string
	database: DatabaseKind
	createdAt: string
	latestMigration: string
	/** Migrations this version ships that the backup lacks: `npm start` applies them. */
	newerMigrations: string[]
	/** Whether the database held rows someone had put there (so --force was given). */
	replaced: boolean
	tables: number
	rows: number
}

type Query = (sql: string) => Promise<Record<string, unknown>[]>

export async function backupDatabase(target: DatabaseTarget, file: string, options: { force: boolean }): Promise<BackupSummary> {
	checkDestination(file, options.force)
	const manifest = target.kind === 'embedded' ? await backupEmbedded(target, file) : await backupServer(target, file)
	return {
		file,
		database: manifest.database,
		bytes: fs.statSync(file).size,
		createdAt: manifest.createdAt,
		migrations: manifest.migrations.length,
		latestMigration: manifest.migrations.at(-1)!,
		tables: Object.keys(manifest.tables).length,
		rows: sum(manifest.tables),
	}
}

export async function restoreDatabase(target: DatabaseTarget, file: string, options: { force: boolean; createServerDatabase: boolean }): Promise<RestoreSummary> {
	const { manifest, payloadOffset } = readHeader(file)
	const codeMigrations = migrationsOnDisk()
	const mismatch = backupMismatch({ file, manifest, target: target.kind, codeMigrations })
	if (mismatch) throw new BackupError(mismatch)
	const replaced = target.kind === 'embedded' ? await restoreEmbedded(target, file, manifest, payloadOffset, options.force) : await restoreServer(target, file, manifest, payloadOffset, options)
	return {
		file,
		database: manifest.database,
		createdAt: manifest.createdAt,
		latestMigration: manifest.migrations.at(-1)!,
		newerMigrations: newerMigrations(codeMigrations, manifest.migrations),
		replaced,
		tables: Object.keys(manifest.tables).length,
		rows: sum(manifest.tables),
	}
}

// ── The embedded database ─────────────────────────────────────────────────────────────────────

async function backupEmbedded(target: Extract<DatabaseTarget, { kind: 'embedded' }>, file: string): Promise<BackupManifest> {
	const lock = takeLock(target, 'back up', 'admin backup')
	try {
		if (!fs.existsSync(path.join(target.pgliteDir, 'PG_VERSION'))) {
			throw new BackupError(`There is no embedded database in ${target.pgliteDir} to back up (TANDEM_DATA_DIR says where it is).`)
		}
		const pglite = await openPGlite(target.pgliteDir, 'open the embedded database')
		try {
			const query: Query = async (sql) => (await pglite.query<Record<string, unknown>>(sql)).rows
			const manifest = await describeDatabase(query, 'embedded', `pglite ${pgliteVersion()}`)
			// Everything written so far goes from the write-ahead log into the tables' files first:
			// the tarball then opens without replaying anything. Nothing else writes: we hold the lock.
			await pglite.exec('CHECKPOINT')
			const tarball = Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer())
			await writeAtomically(file, async (out) => {
				await write(out, encodeHeader(manifest))
				await write(out, tarball)
				out.end()
			})
			return manifest
		} finally {
			await pglite.close().catch(() => {})
		}
	} finally {
		lock.release()
	}
}

/** Returns whether it replaced rows someone had put there. */
async function restoreEmbedded(target: Extract<DatabaseTarget, { kind: 'embedded' }>, file: string, manifest: BackupManifest, payloadOffset: number, force: boolean): Promise<boolean> {
	const lock = takeLock(target, 'restore', 'admin restore')
	try {
		let targetTables: Record<string, number> = {}
		// A database that no longer opens is what a restore is for; it is replaced only under --force.
		let unreadable: string | null = null
		const present = fs.existsSync(target.pgliteDir) && fs.readdirSync(target.pgliteDir).length > 0
		if (present) {
			try {
				if (!fs.existsSync(path.join(target.pgliteDir, 'PG_VERSION'))) throw new BackupError('it holds no PostgreSQL data directory')
				const current = await PGlite.create(target.pgliteDir)
				try {
					targetTables = await tableCounts(async (sql) => (await current.query<Record<string, unknown>>(sql)).rows)
				} finally {
					await current.close().catch(() => {})
				}
			} catch (error) {
				unreadable = reasonOf(error)
			}
		}
		if (unreadable !== null && !force) {
			throw new BackupError(`The embedded database in ${target.pgliteDir} could not be opened (${unreadable}): add --force to replace it with ${file}.`)
		}
		const refusal = nonEmptyRefusal({ file, targetTables, force })
		if (refusal) throw new BackupError(refusal)

		// The backup is loaded beside the database and checked; only then does it take its place.
		const staging = `${target.pgliteDir}.restoring`
		const previous = `${target.pgliteDir}.replaced`
		fs.rmSync(staging, { recursive: true, force: true })
		fs.rmSync(previous, { recursive: true, force: true })
		try {
			// Unpacked here, where a cut or damaged file is a plain error: PGlite's own unpacking of one leaves a rejection nobody handles.
			let tar: Buffer<ArrayBuffer>
			try {
				tar = gunzipSync(fs.readFileSync(file).subarray(payloadOffset)) as Buffer<ArrayBuffer>
			} catch (error) {
				throw new BackupError(`${file} is damaged or incomplete (${reasonOf(error)}).`)
			}
			const loaded = await openPGlite(
				staging,
				`load ${file} (made by ${manifest.tool}, PostgreSQL ${manifest.postgres}; this is pglite ${pgliteVersion()})`,
				new Blob([tar], { type: 'application/x-tar' }),
			)
			try {
				await checkAgainstManifest(async (sql) => (await loaded.query<Record<string, unknown>>(sql)).rows, file, manifest)
			} finally {
				await loaded.close().catch(() => {})
			}
			if (fs.existsSync(target.pgliteDir)) fs.renameSync(target.pgliteDir, previous)
			fs.renameSync(staging, target.pgliteDir)
			fs.rmSync(previous, { recursive: true, force: true })
		} catch (error) {
			if (fs.existsSync(previous) && !fs.existsSync(target.pgliteDir)) fs.renameSync(previous, target.pgliteDir)
			fs.rmSync(staging, { recursive: true, force: true })
			if (error instanceof BackupError && !error.message.endsWith('Nothing was changed.')) throw new BackupError(`${error.message} Nothing was changed.`)
			throw error
		}
		return unreadable !== null || Object.keys(userRows(targetTables)).length > 0
	} finally {
		lock.release()
	}
}

function takeLock(target: Extract<DatabaseTarget, { kind: 'embedded' }>, verb: string, command: string): EmbeddedLock {
	try {
		return acquireEmbeddedLock(target.lockFile, { command })
	} catch (error) {
		if (!(error instanceof EmbeddedDatabaseBusyError)) throw error
		const { pid, command: owner, startedAt } = error.owner
		throw new BackupError(
			`Cannot ${verb} the embedded database while another process has it open (pid ${pid}, "${owner}", since ${startedAt}): stop it first (the app stops gracefully on SIGTERM). ` +
				`Only one process may open it, so nothing changes under a backup or a restore. If no such process runs, delete ${target.lockFile}.`,
		)
	}
}

async function openPGlite(dir: string, purpose: string, loadDataDir?: Blob): Promise<PGlite> {
	try {
		fs.mkdirSync(dir, { recursive: true })
		return await PGlite.create(dir, loadDataDir ? { loadDataDir } : {})
	} catch (error) {
		throw new BackupError(`Could not ${purpose}: ${reasonOf(error)}.`)
	}
}

function pgliteVersion(): string {
	const require = createRequire(import.meta.url)
	let dir = path.dirname(require.resolve('@electric-sql/pglite'))
	while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir)
	return (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version
}

// ── A PostgreSQL server ───────────────────────────────────────────────────────────────────────

async function backupServer(target: Extract<DatabaseTarget, { kind: 'server' }>, file: string): Promise<BackupManifest> {
	await ensureServerDatabase(target.url, { create: false })
	const client = await connect(target.url)
	try {
		const serverMajor = await serverMajorVersion(client)
		const pgDump = clientTool('pg_dump', serverMajor)
		const tooOld = toolTooOld('pg_dump', pgDump.major, serverMajor, 'the server')
		if (tooOld) throw new BackupError(tooOld)
		// pg_dump reads the snapshot this transaction exports, so the header's counts describe exactly what it dumps.
		await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY')
		const snapshot = (await client.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot')).rows[0]!.snapshot
		const manifest = await describeDatabase(async (sql) => (await client.query(sql)).rows, 'server', `pg_dump ${pgDump.version}`)
		const connection = libpqConnection(target.url)
		await writeAtomically(file, async (out) => {
			await write(out, encodeHeader(manifest))
			const child = spawnTool(pgDump.name, ['--format=custom', '--schema=public', `--snapshot=${snapshot}`, `--dbname=${connection.uri}`], connection.password, ['ignore', 'pipe', 'pipe'])
			const done = finished(child)
			await pipeline(child.stdout!, out)
			const { code, stderr } = await done
			if (code !== 0) throw new BackupError(`pg_dump failed: ${firstError(stderr, 'pg_dump')}`)
		})
		await client.query('COMMIT')
		return manifest
	} finally {
		await client.end().catch(() => {})
	}
}

/** Returns whether it replaced rows someone had put there. */
async function restoreServer(
	target: Extract<DatabaseTarget, { kind: 'server' }>,
	file: string,
	manifest: BackupManifest,
	payloadOffset: number,
	options: { force: boolean; createServerDatabase: boolean },
): Promise<boolean> {
	const pgRestore = clientTool('pg_restore', majorOf(manifest.postgres) ?? 0)
	const psql = clientTool('psql', majorOf(manifest.postgres) ?? 0)
	const dumpedBy = majorOf(manifest.tool.replace(/^pg_dump /, '')) ?? 0
	const tooOld = toolTooOld('pg_restore', pgRestore.major, dumpedBy, `the pg_dump that made ${file}`)
	if (tooOld) throw new BackupError(tooOld)
	await ensureServerDatabase(target.url, { create: options.createServerDatabase })

	const client = await connect(target.url)
	let targetTables: Record<string, number>
	let schemaSettings: string
	try {
		const serverMajor = await serverMajorVersion(client)
		const backupMajor = majorOf(manifest.postgres) ?? 0
		if (serverMajor < backupMajor) {
			throw new BackupError(`${file} comes from PostgreSQL ${manifest.postgres}, and this server runs PostgreSQL ${serverMajor}: restore it into PostgreSQL ${backupMajor} or newer.`)
		}
		const others = Number(
			(await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`))
				.rows[0]!.n,
		)
		if (others > 0) {
			throw new BackupError(
				`${others} other connection${others === 1 ? ' is' : 's are'} open to the database (app servers, workers or another client): stop them first, since a restore replaces every table under them.`,
			)
		}
		targetTables = await tableCounts(async (sql) => (await client.query(sql)).rows)
		const refusal = nonEmptyRefusal({ file, targetTables, force: options.force })
		if (refusal) throw new BackupError(refusal)
		schemaSettings = await publicSchemaSettings(client)
	} finally {
		await client.end().catch(() => {})
	}

	// One transaction: the old schema is dropped, the backup's is loaded and its row counts are
	// checked, or nothing changes. pg_restore writes the backup as SQL, psql runs it.
	const connection = libpqConnection(target.url)
	const restore = spawnTool(pgRestore.name, ['--no-owner', '--no-privileges', '--file=-'], connection.password, ['pipe', 'pipe', 'pipe'])
	const run = spawnTool(psql.name, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', `--dbname=${connection.uri}`], connection.password, ['pipe', 'ignore', 'pipe'])
	const restoreDone = finished(restore)
	let stopped = false
	const runDone = finished(run)
	const feed = pipeline(fs.createReadStream(file, { start: payloadOffset }), restore.stdin!).catch(() => {})
	const script = pipeline(async function* () {
		yield 'SET client_min_messages = warning;\nBEGIN;\nDROP SCHEMA IF EXISTS public CASCADE;\n'
		for await (const chunk of restore.stdout!) yield chunk as Buffer
		// Without COMMIT psql ends with the transaction open, and the server rolls it back.
		if ((await restoreDone).code === 0) yield `\n${schemaSettings}\n${countCheck(manifest)}\nCOMMIT;\n`
	}, run.stdin!).catch(() => {
		// psql stopped (at an error): pg_restore has no one to write to.
		stopped = true
		restore.kill()
	})
	await Promise.all([feed, script])
	const [restored, ran] = await Promise.all([restoreDone, runDone])
	if (restored.code !== 0 && !stopped) throw new BackupError(`pg_restore could not read ${file}, and nothing was changed: ${firstError(restored.stderr, 'pg_restore')}`)
	if (ran.code !== 0) throw new BackupError(`The restore failed, and nothing was changed: ${firstError(ran.stderr, 'psql')}`)
	return Object.keys(userRows(targetTables)).length > 0
}

/** The public schema's owner and grants as they are now, to put back on the schema the backup recreates. */
async function publicSchemaSettings(client: pg.Client): Promise<string> {
	const owner = (await client.query<{ owner: string }>(`SELECT quote_ident(nspowner::regrole::text) AS owner FROM pg_namespace WHERE nspname = 'public'`)).rows[0]?.owner
	const grants = await client.query<{ statement: string }>(`
		SELECT format('GRANT %s ON SCHEMA public TO %s;', a.privilege_type, CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END) AS statement
		FROM pg_namespace n, aclexplode(n.nspacl) a
		WHERE n.nspname = 'public' AND a.grantee <> n.nspowner`)
	return [...(owner ? [`ALTER SCHEMA public OWNER TO ${owner};`] : []), ...grants.rows.map((row) => row.statement)].join('\n')
}

/** SQL that fails the restore's transaction unless every table holds the rows the header counted. */
function countCheck(manifest: BackupManifest): string {
	const checks = Object.entries(manifest.tables).map(
		([table, rows]) =>
			`SELECT count(*) INTO n FROM "public".${identifier(table)}; IF n <> ${rows} THEN RAISE EXCEPTION 'table % has % rows after the restore, the backup counted ${rows}', ${literal(table)}, n; END IF;`,
	)
	const names = Object.keys(manifest.tables).map(literal).join(', ')
	return [
		'DO $tandem$ DECLARE n bigint; extra text; BEGIN',
		...checks,
		`SELECT string_agg(table_name, ', ') INTO extra FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'${names ? ` AND table_name NOT IN (${names})` : ''};`,
		`IF extra IS NOT NULL THEN RAISE EXCEPTION 'tables not in the backup: %', extra; END IF;`,
		'END $tandem$;',
	].join('\n')
}

type Tool = { name: string; version: string; major: number }

/** The tool on PATH and its version; `serverMajor` names the client tools to install when it is missing. */
function clientTool(name: 'pg_dump' | 'pg_restore' | 'psql', serverMajor: number): Tool {
	const result = spawnSync(name, ['--version'], { encoding: 'utf8' })
	if (result.error) {
		const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT'
		throw new BackupError(
			missing
				? `${name} was not found on PATH: backing up or restoring a PostgreSQL server needs its client tools (pg_dump, pg_restore, psql) of the server's major version or newer, e.g. postgresql-client-${serverMajor}.`
				: `${name} could not be run: ${result.error.message}.`,
		)
	}
	const version = toolVersion(result.stdout)
	const major = version ? majorOf(version) : null
	if (!version || major === null) throw new BackupError(`${name} --version printed "${result.stdout.trim()}", which names no PostgreSQL version.`)
	return { name, version, major }
}

function spawnTool(name: string, args: string[], password: string | null, stdio: ['pipe' | 'ignore', 'pipe' | 'ignore', 'pipe']) {
	// The password goes through the environment, never the command line other users can list.
	const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) }
	return spawn(name, args, { env, stdio })
}

function finished(child: ChildProcess): Promise<{ code: number; stderr: string }> {
	let stderr = ''
	child.stderr?.on('data', (chunk) => (stderr += chunk))
	return new Promise((resolve) => {
		child.on('error', (error) => resolve({ code: -1, stderr: error.message }))
		child.on('close', (code) => resolve({ code: code ?? -1, stderr }))
	})
}

/** The tool's first error line, without its name: what went wrong, not the lines that follow it. */
function firstError(stderr: string, tool: string): string {
	const lines = stderr
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean)
	const error = lines.find((line) => /\b(error|ERROR|FATAL):/.test(line)) ?? lines[0] ?? 'no message'
	return error.replace(new RegExp(`^${tool}(:<stdin>:\\d+)?:\\s*`), '').replace(/^(error|ERROR):\s*/, '')
}

async function connect(url: string): Promise<pg.Client> {
	const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 })
	client.on('error', () => {})
	await client.connect()
	return client
}

async function serverMajorVersion(client: pg.Client): Promise<number> {
	const num = Number((await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]!.v.replace(/^(\d+).*/, '$1'))
	return Math.floor(num / 10_000)
}

// ── Both ──────────────────────────────────────────────────────────────────────────────────────

async function describeDatabase(query: Query, database: DatabaseKind, tool: string): Promise<BackupManifest> {
	const migrations = await appliedMigrations(query)
	if (migrations.length === 0) throw new BackupError('The database has never been migrated: there is nothing to back up.')
	const postgres = String((await query('SHOW server_version'))[0]!.server_version).split(' ')[0]!
	return { format: 1, database, createdAt: new Date().toISOString(), postgres, tool, migrations, tables: await tableCounts(query) }
}

async function appliedMigrations(query: Query): Promise<string[]> {
	const exists = await query(`SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS present`)
	if (!exists[0]?.present) return []
	const rows = await query(`SELECT migration_name FROM "public"."_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`)
	return rows.map((row) => String(row.migration_name))
}

/** Rows in every table of the public schema. */
export async function tableCounts(query: Query): Promise<Record<string, number>> {
	const tables = await query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`)
	if (tables.length === 0) return {}
	const sql = tables.map((row) => `SELECT ${literal(String(row.table_name))} AS name, count(*)::text AS n FROM "public".${identifier(String(row.table_name))}`).join('\nUNION ALL ')
	const counts = await query(sql)
	return Object.fromEntries(counts.map((row) => [String(row.name), Number(row.n)]).sort(([a], [b]) => String(a).localeCompare(String(b))))
}

async function checkAgainstManifest(query: Query, file: string, manifest: BackupManifest) {
	const migrations = await appliedMigrations(query)
	const tables = await tableCounts(query)
	const same = JSON.stringify(migrations) === JSON.stringify(manifest.migrations) && JSON.stringify(sorted(tables)) === JSON.stringify(sorted(manifest.tables))
	if (!same) throw new BackupError(`${file} is damaged: what it holds differs from what its header counted. Nothing was changed.`)
}

function readHeader(file: string): { manifest: BackupManifest; payloadOffset: number } {
	let start: Buffer
	try {
		const handle = fs.openSync(file, 'r')
		try {
			start = Buffer.alloc(MAX_HEADER_BYTES)
			start = start.subarray(0, fs.readSync(handle, start, 0, MAX_HEADER_BYTES, 0))
		} finally {
			fs.closeSync(handle)
		}
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code
		throw new BackupError(code === 'ENOENT' ? `${file}: no such file.` : code === 'EISDIR' ? `${file} is a directory, not a backup.` : `${file}: ${reasonOf(error)}.`)
	}
	const parsed = parseHeader(start)
	if (!parsed.ok) throw new BackupError(`${file} ${parsed.problem}.`)
	return parsed
}

function checkDestination(file: string, force: boolean) {
	const stat = fs.statSync(file, { throwIfNoEntry: false })
	if (stat?.isDirectory()) throw new BackupError(`${file} is a directory: name the backup file, e.g. ${path.join(file, `tandem-${new Date().toISOString().slice(0, 10)}.backup`)}.`)
	if (stat && !force) throw new BackupError(`${file} already exists: choose another name, or add --force to overwrite it.`)
	const dir = path.dirname(path.resolve(file))
	if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new BackupError(`${path.dirname(file)}: no such directory.`)
}

/** Writes beside the file and renames it into place once complete: a failed backup leaves no half file. Readable by its owner only: it holds patients' details. */
async function writeAtomically(file: string, fill: (out: fs.WriteStream) => Promise<void>) {
	const partial = `${file}.partial-${process.pid}`
	try {
		const out = fs.createWriteStream(partial, { flags: 'wx', mode: 0o600 })
		await new Promise<void>((resolve, reject) => out.once('open', () => resolve()).once('error', reject))
		const closed = new Promise<void>((resolve, reject) => out.once('close', resolve).once('error', reject))
		await fill(out)
		await closed
		const handle = fs.openSync(partial, 'r')
		fs.fsyncSync(handle)
		fs.closeSync(handle)
		fs.renameSync(partial, file)
	} catch (error) {
		fs.rmSync(partial, { force: true })
		if (error instanceof BackupError) throw error
		throw new BackupError(`Could not write ${file}: ${reasonOf(error)}.`)
	}
}

function write(out: fs.WriteStream, data: string | Buffer): Promise<void> {
	return new Promise((resolve, reject) => out.write(data, (error) => (error ? reject(error) : resolve())))
}

function sum(tables: Record<string, number>) {
	return Object.values(tables).reduce((a, b) => a + b, 0)
}

function sorted(tables: Record<string, number>) {
	return Object.fromEntries(Object.entries(tables).sort(([a], [b]) => a.localeCompare(b)))
}

function identifier(name: string) {
	return `"${name.replaceAll('"', '""')}"`
}

function literal(value: string) {
	return `'${value.replaceAll("'", "''")}'`
}

function reasonOf(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error)
	return (
		message
			.split('\n')
			.find((line) => line.trim())
			?.trim() ?? 'unknown error'
	)
}
