// The backup file (`npm run admin -- backup`, docs/operations.md): one header line saying what it
// holds, then the database's own dump. Pure: reading the header and deciding whether a restore may go ahead.

/** A backup or restore that cannot go ahead, in one line a person can act on. */
export class BackupError extends Error {
	override name = 'BackupError'
}

export const BACKUP_MAGIC = 'TANDEM-BACKUP'
export const BACKUP_FORMAT = 1
/** The header line is short (a few kilobytes); anything longer is not one of ours. */
export const MAX_HEADER_BYTES = 1024 * 1024

export type DatabaseKind = 'embedded' | 'server'

export type BackupManifest = {
	format: typeof BACKUP_FORMAT
	/** Which database it came from, and so what follows the header: PGlite's data directory as a gzipped tarball, or pg_dump's custom format. */
	database: DatabaseKind
	createdAt: string
	/** The PostgreSQL version that wrote the data, e.g. "17.5" (PGlite) or "15.20". */
	postgres: string
	/** What made the dump, e.g. "pglite 0.3.16" or "pg_dump 15.20". */
	tool: string
	/** The migrations applied to it, in order: the database's schema level. */
	migrations: string[]
	/** Rows in each table of the public schema when it was taken; a restore checks them. */
	tables: Record<string, number>
}

export function encodeHeader(manifest: BackupManifest): string {
	return `${BACKUP_MAGIC} ${JSON.stringify(manifest)}\n`
}

export type ParsedHeader = { ok: true; manifest: BackupManifest; payloadOffset: number } | { ok: false; problem: string }

/** Reads the header from the file's first bytes (up to MAX_HEADER_BYTES of them). */
export function parseHeader(start: Uint8Array): ParsedHeader {
	const prefix = new TextDecoder().decode(start.subarray(0, BACKUP_MAGIC.length + 1))
	if (prefix !== `${BACKUP_MAGIC} `) return { ok: false, problem: 'is not a Tandem backup (it does not start with "TANDEM-BACKUP")' }
	const end = start.indexOf(0x0a)
	if (end < 0) return { ok: false, problem: 'is damaged: its header line does not end' }
	let value: unknown
	try {
		value = JSON.parse(new TextDecoder().decode(start.subarray(BACKUP_MAGIC.length + 1, end)))
	} catch {
		return { ok: false, problem: 'is damaged: its header is not valid JSON' }
	}
	const m = value as Partial<BackupManifest> | null
	if (!m || typeof m !== 'object') return { ok: false, problem: 'is damaged: its header is not an object' }
	if (typeof m.format === 'number' && m.format > BACKUP_FORMAT) return { ok: false, problem: `is in backup format ${m.format}, made by a newer Tandem; this one reads format ${BACKUP_FORMAT}` }
	const valid =
		m.format === BACKUP_FORMAT &&
		(m.database === 'embedded' || m.database === 'server') &&
		typeof m.createdAt === 'string' &&
		typeof m.postgres === 'string' &&
		typeof m.tool === 'string' &&
		Array.isArray(m.migrations) &&
		m.migrations.every((name) => typeof name === 'string') &&
		!!m.tables &&
		typeof m.tables === 'object' &&
		Object.values(m.tables).every((n) => Number.isSafeInteger(n) && n >= 0)
	if (!valid) return { ok: false, problem: 'is damaged: its header lacks a field or has a wrong one' }
	return { ok: true, manifest: m as BackupManifest, payloadOffset: end + 1 }
}

/**
 * Tables a database fills by itself: migrations, reference data added at start, the therapist
 * tally, and the recurring jobs every worker asks for. Rows anywhere else were put there by someone.
 */
export const SYSTEM_TABLES: ReadonlySet<string> = new Set(['_prisma_migrations', 'Compact', 'CompactMember', 'NetworkTally', 'OutboxJob'])

/** The tables holding rows someone put there, with their counts. */
export function userRows(tables: Record<string, number>): Record<string, number> {
	return Object.fromEntries(Object.entries(tables).filter(([name, rows]) => rows > 0 && !SYSTEM_TABLES.has(name)))
}

export function describeKind(kind: DatabaseKind): string {
	return kind === 'embedded' ? 'the embedded database (PGlite)' : 'a PostgreSQL server'
}

/**
 * Why `manifest`'s backup cannot go into a database of kind `target` at all, or null.
 * `codeMigrations` are the migrations this version of Tandem ships.
 */
export function backupMismatch(input: { file: string; manifest: BackupManifest; target: DatabaseKind; codeMigrations: readonly string[] }): string | null {
	const { file, manifest, target } = input
	if (manifest.database !== target) {
		const how = manifest.database === 'server' ? 'set DATABASE_URL to a PostgreSQL server' : 'unset DATABASE_URL to use the embedded database'
		return `${file} is a backup of ${describeKind(manifest.database)}, and this is ${describeKind(target)}: restore it into the same kind (${how}). Moving data between the two kinds is not supported (docs/operations.md).`
	}
	const known = new Set(input.codeMigrations)
	const unknown = manifest.migrations.find((name) => !known.has(name))
	if (unknown) return `${file} was made by a newer version of Tandem (its migration ${unknown} is not in prisma/migrations): restore it with that version or a later one.`
	return null
}

/** Why a restore must not replace the target's contents, or null: rows someone put there stay unless --force. */
export function nonEmptyRefusal(input: { file: string; targetTables: Record<string, number>; force: boolean }): string | null {
	const rows = userRows(input.targetTables)
	const tables = Object.keys(rows)
	if (tables.length === 0 || input.force) return null
	const total = Object.values(rows).reduce((a, b) => a + b, 0)
	const named = tables.slice(0, 3).join(', ') + (tables.length > 3 ? ', …' : '')
	return `The database is not empty (${total} row${total === 1 ? '' : 's'} in ${tables.length} table${tables.length === 1 ? '' : 's'}: ${named}). Add --force to replace its contents with ${input.file}.`
}

/** The migrations the code ships that the backup lacks: what `npm start` will apply after the restore. */
export function newerMigrations(codeMigrations: readonly string[], backupMigrations: readonly string[]): string[] {
	const applied = new Set(backupMigrations)
	return [...codeMigrations].sort().filter((name) => !applied.has(name))
}

/** The major version of a version string: 15 for "15.20", 17 for "17.5". */
export function majorOf(version: string): number | null {
	const match = /^(\d+)/.exec(version.trim())
	return match ? Number(match[1]) : null
}

/** The version number in a tool's `--version` line, e.g. "15.20". */
export function toolVersion(text: string): string | null {
	return /\(PostgreSQL\)\s+(\d+(?:\.\d+)*)/.exec(text)?.[1] ?? null
}

/**
 * Why the client tool cannot work with a server of `serverMajor`, or null: pg_dump refuses a
 * server newer than itself, and pg_restore cannot read an archive a newer pg_dump wrote.
 */
export function toolTooOld(tool: 'pg_dump' | 'pg_restore' | 'psql', toolMajor: number, neededMajor: number, what: string): string | null {
	if (toolMajor >= neededMajor) return null
	return `${tool} is version ${toolMajor}, older than ${what} (${neededMajor}): install the PostgreSQL ${neededMajor} client tools or newer (e.g. postgresql-client-${neededMajor}) and put them first on PATH.`
}

// Parameters libpq understands in a connection URI; others (Prisma's `schema`, `connection_limit`) would make it refuse the URI.
const LIBPQ_PARAMETERS = new Set([
	'host',
	'hostaddr',
	'port',
	'dbname',
	'user',
	'passfile',
	'channel_binding',
	'connect_timeout',
	'client_encoding',
	'options',
	'application_name',
	'keepalives',
	'keepalives_idle',
	'keepalives_interval',
	'keepalives_count',
	'tcp_user_timeout',
	'sslmode',
	'sslcompression',
	'sslcert',
	'sslkey',
	'sslpassword',
	'sslrootcert',
	'sslcrl',
	'sslcrldir',
	'sslsni',
	'requirepeer',
	'ssl_min_protocol_version',
	'ssl_max_protocol_version',
	'gssencmode',
	'krbsrvname',
	'gsslib',
	'service',
	'target_session_attrs',
	'load_balance_hosts',
])

/**
 * DATABASE_URL for libpq's tools: the URI without its password (which goes in PGPASSWORD, so
 * that no process listing shows it) and without parameters libpq does not know.
 */
export function libpqConnection(url: string): { uri: string; password: string | null } {
	const parsed = new URL(url)
	const password = parsed.password ? decodeURIComponent(parsed.password) : (parsed.searchParams.get('password') ?? null)
	parsed.password = ''
	for (const key of [...parsed.searchParams.keys()]) if (!LIBPQ_PARAMETERS.has(key)) parsed.searchParams.delete(key)
	return { uri: parsed.toString(), password }
}
