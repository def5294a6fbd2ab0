// The process's one Prisma client, on the embedded PGlite or on a PostgreSQL server
// (utils/database-target.server.ts decides). Opening the embedded database takes its lock.
import { PrismaClient } from '#app/generated/prisma/client.ts'
import { openAdapter, type DriverQuery, type OpenedAdapter, type PoolStats } from './adapter.server.ts'
import { resolveDatabaseTarget, type DatabaseTarget } from './database-target.server.ts'
import { forget, peek, remember } from './remember.server.ts'

type Database = { prisma: PrismaClient; target: DatabaseTarget; adapter: OpenedAdapter }

function openDatabase(): Database {
	const target = resolveDatabaseTarget()
	const adapter = openAdapter(target)
	const prisma = new PrismaClient({ adapter: adapter.factory })
	return { prisma, target, adapter }
}

function database(): Database {
	return remember('database', openDatabase)
}

/** The Prisma client. The first call opens the database. */
export function db(): PrismaClient {
	return database().prisma
}

/** A statement on the driver, beside Prisma (adapter.server.ts): only for hot statements Prisma makes slow (matching; the session, the unread count, the rate limits and the most used pages' reads: docs/performance.md). */
export const driverQuery: DriverQuery = (statement) => database().adapter.query(statement)

/** The server pool's use, when the database is open and is a server's. Never opens it. */
export function databasePoolStats(): PoolStats | null {
	return peek<Database>('database')?.adapter.poolStats() ?? null
}

export function databaseTarget(): DatabaseTarget {
	return database().target
}

/** Disconnects, closes PGlite and releases the embedded lock. The next db() opens it again. */
export async function closeDatabase() {
	const opened = peek<Database>('database')
	if (!opened) return
	forget('database')
	await opened.prisma.$disconnect()
	await opened.adapter.close()
}

export type DatabaseHealth = { ok: true; latencyMs: number } | { ok: false; error: string }

export async function checkDatabase(): Promise<DatabaseHealth> {
	const started = performance.now()
	try {
		await db().$queryRaw`SELECT 1`
		return { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 }
	} catch (error) {
		return { ok: false, error: summarizeError(error) }
	}
}

/** Prisma's messages start with blank lines and an invocation banner; the cause is the last line. */
function summarizeError(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error)
	const lines = message
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean)
	return lines.at(-1) ?? 'unknown error'
}
