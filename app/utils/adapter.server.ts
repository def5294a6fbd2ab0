// Opens the driver adapter for a database target: PGlite in-process, or node-postgres for a
// server. Used by the runtime client (db.server.ts) and the Prisma CLI (prisma.config.ts).
import fs from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { parseIntoClientConfig } from 'pg-connection-string'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import { type DatabaseTarget } from './database-target.server.ts'
import { acquireEmbeddedLock, type EmbeddedLock } from './embedded-lock.server.ts'

/**
 * A statement run on the driver itself, beside Prisma: for hot statements Prisma's query compiler
 * makes slow (matching, the session, the most used pages' reads, the rate limits: docs/performance.md). With a `name`, a PostgreSQL server keeps it
 * prepared per connection and stops re-planning it; PGlite, in-process, prepares every time.
 * Values come back as the driver parses them: json parsed, int4 and float8 as numbers,
 * timestamptz as Date (select a timestamp column AT TIME ZONE 'UTC'; timestamp alone would be
 * read in the process's zone). Outside any transaction only: PGlite runs it after an open
 * interactive transaction ends, so a call from inside one would wait for itself.
 */
export type DriverQuery = <Row>(statement: { text: string; values: unknown[]; name?: string }) => Promise<Row[]>

export type OpenedAdapter = {
	factory: PrismaPGlite | PrismaPg
	query: DriverQuery
	lock: EmbeddedLock | null
	/** The server pool's connections (for metrics); null on the embedded database, which has none. */
	poolStats: () => PoolStats | null
	/** Closes the connection(s) and releases the embedded lock. Safe to call twice. */
	close: () => Promise<void>
}

export type PoolStats = { total: number; idle: number; waiting: number }

export class DatabaseOpenError extends Error {
	override name = 'DatabaseOpenError'
}

export function openAdapter(target: DatabaseTarget, options: { command?: string } = {}): OpenedAdapter {
	if (target.kind === 'server') {
		// Discrete fields, not `connectionString`: adapter-pg makes migrate's shadow database by
		// spreading this config with another `database`, which a connection string would override.
		const config = parseIntoClientConfig(target.url)
		// No JIT: this app runs short queries, and compiling one (seconds) costs far more than it
		// saves; PostgreSQL turns it on for any query whose estimated cost looks high (docs/performance.md).
		// One pool, shared by Prisma and the driver queries. allowExitOnIdle: a CLI command exits
		// once its work is done, as it did when Prisma owned the pool.
		const pool = new pg.Pool({ ...config, options: [config.options, '-c jit=off'].filter(Boolean).join(' '), connectionTimeoutMillis: 5_000, allowExitOnIdle: true })
		// An idle connection the server drops must not crash the process; the pool replaces it.
		pool.on('error', () => {})
		let ended = false
		return {
			factory: new PrismaPg(pool),
			query: async <Row>({ text, values, name }: { text: string; values: unknown[]; name?: string }) => (await pool.query<Row & pg.QueryResultRow>({ text, values, name })).rows,
			lock: null,
			poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
			close: async () => {
				if (ended) return
				ended = true
				await pool.end()
			},
		}
	}

	const lock = acquireEmbeddedLock(target.lockFile, options)
	let pglite: PGlite
	try {
		fs.mkdirSync(target.pgliteDir, { recursive: true })
		pglite = new PGlite(target.pgliteDir)
	} catch (error) {
		lock.release()
		throw embeddedOpenError(target, error)
	}
	let closed = false
	return {
		factory: new PrismaPGlite(pglite),
		query: async <Row>({ text, values }: { text: string; values: unknown[] }) => (await pglite.query<Row>(text, values)).rows,
		lock,
		poolStats: () => null,
		close: async () => {
			if (closed) return
			closed = true
			try {
				if (!pglite.closed) await pglite.close()
			} finally {
				lock.release()
			}
		},
	}
}

export function embeddedOpenError(target: Extract<DatabaseTarget, { kind: 'embedded' }>, error: unknown) {
	const reason = error instanceof Error ? error.message : String(error)
	return new DatabaseOpenError(
		`The embedded database in ${target.pgliteDir} could not be opened (${reason}). ` + `If its data matters, copy that folder somewhere safe; then "npm run db:reset" recreates it with demo data.`,
	)
}
