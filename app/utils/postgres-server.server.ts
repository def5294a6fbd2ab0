// Checks that a PostgreSQL server answers before anything else touches it, so a wrong
// DATABASE_URL costs one clear line instead of a driver stack trace.
import pg from 'pg'
import { redactUrl } from './database-target.server.ts'

export class DatabaseUnreachableError extends Error {
	override name = 'DatabaseUnreachableError'
}

export async function ensureServerDatabase(url: string, options: { create: boolean }): Promise<'ready' | 'created'> {
	try {
		await query(url, 'SELECT 1')
		return 'ready'
	} catch (error) {
		const code = (error as { code?: string }).code
		if (code === '3D000' && options.create) {
			const target = new URL(url)
			const name = decodeURIComponent(target.pathname.slice(1))
			const maintenance = new URL(url)
			maintenance.pathname = '/postgres'
			await query(maintenance.toString(), `CREATE DATABASE ${pg.escapeIdentifier(name)}`).catch((createError) => {
				throw unreachable(url, createError)
			})
			return 'created'
		}
		throw unreachable(url, error)
	}
}

async function query(url: string, sql: string) {
	const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 })
	try {
		await client.connect()
		await client.query(sql)
	} finally {
		await client.end().catch(() => {})
	}
}

function unreachable(url: string, error: unknown) {
	const code = (error as { code?: string }).code
	const reason = error instanceof Error && error.message ? error.message : String(code ?? error)
	const hint =
		code === '3D000'
			? 'Create the database first (createdb), or point DATABASE_URL at one that exists.'
			: 'Check DATABASE_URL and that the server is running, or unset DATABASE_URL to use the embedded database.'
	return new DatabaseUnreachableError(`Cannot use the PostgreSQL server at ${redactUrl(url)}: ${reason}. ${hint}`)
}
