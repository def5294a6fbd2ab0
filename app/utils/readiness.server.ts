// Readiness (/readyz): whether this process should be sent traffic. The database must answer a
// round trip, and every migration shipped with the code must have been applied to it; a server
// started against a database another version migrated (or none did) is not ready.
import fs from 'node:fs'
import path from 'node:path'
import { checkDatabase, db } from './db.server.ts'

export const MIGRATIONS_DIR = path.resolve('prisma/migrations')

export type Readiness = { ready: true } | { ready: false; reason: string; pendingMigrations?: string[] }

/** Pure: the migrations on disk that the database has not finished applying, in order. */
export function pendingMigrations(onDisk: readonly string[], applied: readonly string[]): string[] {
	const done = new Set(applied)
	return [...onDisk].sort().filter((name) => !done.has(name))
}

/** The migration folders shipped with the code (each holds a migration.sql). */
export function migrationsOnDisk(dir: string = MIGRATIONS_DIR): string[] {
	return fs
		.readdirSync(dir, { withFileTypes: true })
		.filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, 'migration.sql')))
		.map((entry) => entry.name)
}

export async function readiness(options: { migrationsDir?: string } = {}): Promise<Readiness> {
	const database = await checkDatabase()
	if (!database.ok) return { ready: false, reason: `database: ${database.error}` }
	let applied: { migration_name: string }[]
	try {
		applied = await db().$queryRaw<{ migration_name: string }[]>`
			SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`
	} catch {
		return { ready: false, reason: 'migrations: the database has never been migrated' }
	}
	const pending = pendingMigrations(
		migrationsOnDisk(options.migrationsDir),
		applied.map((row) => row.migration_name),
	)
	if (pending.length > 0) return { ready: false, reason: `migrations: ${pending.length} not applied`, pendingMigrations: pending }
	return { ready: true }
}
