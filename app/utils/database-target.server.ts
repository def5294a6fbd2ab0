// Decides which database this process uses: the embedded PGlite under the data directory, or a
// PostgreSQL server when DATABASE_URL is set. Shared by the app, the CLI and prisma.config.ts.
import path from 'node:path'

export type EnvSource = Record<string, string | undefined>

export type DatabaseTarget = { kind: 'embedded'; dataDir: string; pgliteDir: string; lockFile: string } | { kind: 'server'; url: string; redactedUrl: string }

export class DatabaseConfigError extends Error {
	override name = 'DatabaseConfigError'
}

export function resolveDataDir(env: EnvSource = process.env): string {
	return path.resolve(env.TANDEM_DATA_DIR?.trim() || 'data')
}

export function resolveDatabaseTarget(env: EnvSource = process.env): DatabaseTarget {
	const url = env.DATABASE_URL?.trim()
	if (url) {
		return { kind: 'server', url: parseServerUrl(url), redactedUrl: redactUrl(url) }
	}
	const dataDir = resolveDataDir(env)
	return {
		kind: 'embedded',
		dataDir,
		pgliteDir: path.join(dataDir, 'pglite'),
		lockFile: path.join(dataDir, 'pglite.lock'),
	}
}

function parseServerUrl(raw: string): string {
	let url: URL
	try {
		url = new URL(raw)
	} catch {
		throw new DatabaseConfigError('DATABASE_URL is not a valid URL; expected postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE')
	}
	if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
		throw new DatabaseConfigError(`DATABASE_URL must start with postgresql:// (got "${url.protocol}//")`)
	}
	if (!url.hostname && !url.searchParams.get('host')) {
		throw new DatabaseConfigError('DATABASE_URL has no host')
	}
	if (url.pathname.length <= 1) {
		throw new DatabaseConfigError('DATABASE_URL names no database; add one after the host, e.g. postgresql://postgres@127.0.0.1:5432/tandem')
	}
	return raw
}

/** The URL without its password, for log lines and error messages. */
export function redactUrl(raw: string): string {
	try {
		const url = new URL(raw)
		if (url.password) url.password = '****'
		return url.toString()
	} catch {
		return '(unparseable URL)'
	}
}

export function describeTarget(target: DatabaseTarget): string {
	return target.kind === 'embedded' ? `embedded PostgreSQL (PGlite) in ${path.relative(process.cwd(), target.pgliteDir) || target.pgliteDir}` : `PostgreSQL server at ${target.redactedUrl}`
}
