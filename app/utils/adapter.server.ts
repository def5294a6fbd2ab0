// Opens the driver adapter for a database target: PGlite in-process, or node-postgres for a
// server. Used by the runtime client (db.server.ts) and the Prisma CLI (prisma.config.ts).
import fs from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { PrismaPg } from '@prisma/adapter-pg'
import { parseIntoClientConfig } from 'pg-connection-string'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import { type DatabaseTarget } from './database-target.server.ts'
import { acquireEmbeddedLock, type EmbeddedLock } from './embedded-lock.server.ts'

export type OpenedAdapter = {
	factory: PrismaPGlite | PrismaPg
	lock: EmbeddedLock | null
	/** Closes the connection(s) and releases the embedded lock. Safe to call twice. */
	close: () => Promise<void>
}

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
		const factory = new PrismaPg({ ...config, options: [config.options, '-c jit=off'].filter(Boolean).join(' '), connectionTimeoutMillis: 5_000 })
		return { factory, lock: null, close: async () => {} }
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
		lock,
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
		`The embedded database in ${target.pgliteDir} could not be opened (${reason}). ` +
			`If its data matters, copy that folder somewhere safe; then "npm run db:reset" recreates it with demo data.`,
	)
}
