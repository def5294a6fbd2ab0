// The environment, parsed once at start-up. A missing or malformed variable stops the process
// with one line naming it. Secrets have no fallbacks in production; in development the session
// secret is generated once and kept in the data directory.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { DatabaseConfigError, resolveDatabaseTarget, resolveDataDir, type EnvSource } from './database-target.server.ts'

const PLACEHOLDER_SECRETS = new Set(['secret', 'changeme', 'change-me', 'development', 'super-duper-s3cret'])

const schema = z.object({
	NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
	PORT: z
		.string()
		.default('3000')
		.refine((v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65535, {
			message: 'must be a whole number from 1 to 65535',
		})
		.transform(Number),
	HOST: z.string().min(1).default('0.0.0.0'),
	DATABASE_URL: z.string().optional(),
	TANDEM_DATA_DIR: z.string().optional(),
	SESSION_SECRET: z.string().optional(),
})

export type Env = Omit<z.infer<typeof schema>, 'SESSION_SECRET'> & {
	SESSION_SECRET: string
	dataDir: string
	database: ReturnType<typeof resolveDatabaseTarget>
}

export class EnvError extends Error {
	override name = 'EnvError'
}

export function parseEnv(raw: EnvSource = process.env): Env {
	const result = schema.safeParse(raw)
	if (!result.success) {
		const issue = result.error.issues[0]!
		const name = String(issue.path[0])
		throw new EnvError(`${name} ${issue.message}${name in raw ? ` (got "${raw[name]}")` : ''}`)
	}
	const values = result.data
	let database
	try {
		database = resolveDatabaseTarget(raw)
	} catch (error) {
		if (error instanceof DatabaseConfigError) throw new EnvError(error.message)
		throw error
	}
	const dataDir = resolveDataDir(raw)
	return {
		...values,
		dataDir,
		database,
		SESSION_SECRET: resolveSessionSecret(values.SESSION_SECRET, values.NODE_ENV, dataDir),
	}
}

function resolveSessionSecret(given: string | undefined, nodeEnv: string, dataDir: string): string {
	if (given !== undefined) {
		if (given.length < 32 || PLACEHOLDER_SECRETS.has(given.toLowerCase())) {
			throw new EnvError(
				'SESSION_SECRET must be a random string of at least 32 characters, e.g. the output of "openssl rand -hex 32"',
			)
		}
		return given
	}
	if (nodeEnv === 'production') {
		throw new EnvError(
			'SESSION_SECRET is required in production: set it to a random string of at least 32 characters ("openssl rand -hex 32")',
		)
	}
	const file = path.join(dataDir, 'session-secret')
	try {
		return fs.readFileSync(file, 'utf8').trim()
	} catch {
		const secret = randomBytes(32).toString('hex')
		fs.mkdirSync(dataDir, { recursive: true })
		fs.writeFileSync(file, secret + '\n', { mode: 0o600 })
		return secret
	}
}

let cached: Env | undefined

/** The parsed environment; parsing happens on first use, which the start script forces early. */
export function env(): Env {
	cached ??= parseEnv()
	return cached
}
