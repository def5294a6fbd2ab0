// The environment, parsed once at start-up. A missing or malformed variable stops the process
// with one line naming it. Secrets have no fallbacks in production; in development the session
// secret is generated once and kept in the data directory.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { billingConfig, type BillingConfig } from '#app/domain/billing/billing-config.ts'
import { LOG_LEVELS, logLevel, type LogLevel } from './logger.server.ts'
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
	APP_URL: z
		.string()
		.url({ message: 'must be the public URL of the app, e.g. https://tandem.example.com' })
		.refine((v) => /^https?:\/\//.test(v), { message: 'must start with http:// or https://' })
		.optional(),
	SMTP_URL: z
		.string()
		.refine((v) => /^smtps?:\/\/./.test(v), { message: 'must look like smtp://user:password@host:587 or smtps://…' })
		.optional(),
	EMAIL_FROM: z.string().min(3).default('Tandem <no-reply@tandem.localhost>'),
	TWILIO_ACCOUNT_SID: z
		.string()
		.regex(/^AC[0-9a-fA-F]{32}$/, { message: 'must be a Twilio account SID: AC followed by 32 hexadecimal characters' })
		.optional(),
	TWILIO_AUTH_TOKEN: z.string().min(16, { message: 'must be the Twilio account’s auth token' }).optional(),
	TWILIO_FROM: z
		.string()
		.regex(/^(\+[1-9]\d{7,14}|MG[0-9a-fA-F]{32})$/, { message: 'must be a sending number in E.164 (+15125550123) or a Messaging Service SID (MG…)' })
		.optional(),
	TRUST_PROXY: z.string().optional(),
	LOG_LEVEL: z.enum(LOG_LEVELS, { errorMap: () => ({ message: `must be one of ${LOG_LEVELS.join(', ')}` }) }).optional(),
	METRICS_TOKEN: z.string().min(16, { message: 'must be at least 16 random characters (e.g. "openssl rand -hex 32")' }).optional(),
	WORKER: z
		.enum(['in-process', 'off'], { errorMap: () => ({ message: 'must be "in-process" (the default) or "off" (when `npm run worker` processes run beside the servers)' }) })
		.default('in-process'),
	/** `npm run worker` serves /metrics and /healthz on this port (server/worker-http.ts); unset: no HTTP. App servers ignore it. */
	WORKER_METRICS_PORT: z
		.string()
		.refine((v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65535, {
			message: 'must be a whole number from 1 to 65535 (the port a worker process serves /metrics and /healthz on)',
		})
		.transform(Number)
		.optional(),
	/** "1" serves the page benchmark's two baseline routes (/bench/resource, /bench/page); otherwise they are 404. */
	TANDEM_BENCH_ROUTES: z
		.enum(['0', '1'], { errorMap: () => ({ message: 'must be "1" (serve the page benchmark\'s baseline routes) or "0" (the default: they answer 404)' }) })
		.default('0')
		.transform((v) => v === '1'),
	/** "1" serves the browser tests' shortcuts (/e2e/session, /e2e/totp-clock); otherwise they are 404. Refused in production. */
	TANDEM_E2E_ROUTES: z
		.enum(['0', '1'], { errorMap: () => ({ message: 'must be "1" (serve the browser tests\' shortcut routes) or "0" (the default: they answer 404)' }) })
		.default('0')
		.transform((v) => v === '1'),
})

export type Env = Omit<z.infer<typeof schema>, 'SESSION_SECRET' | 'APP_URL' | 'LOG_LEVEL'> & {
	/** LOG_LEVEL, or `info` (`silent` under tests). */
	LOG_LEVEL: LogLevel
	SESSION_SECRET: string
	/** The origin links in emails point to and the Origin check accepts, without a trailing slash. */
	APP_URL: string
	dataDir: string
	database: ReturnType<typeof resolveDatabaseTarget>
	/** Stripe keys and prices, or demo mode when none are set (docs/billing.md). */
	billing: BillingConfig
	/** Twilio for text messages, or null: texts are kept in the development outbox (app/utils/sms.server.ts). */
	twilio: TwilioConfig | null
}

export type TwilioConfig = { accountSid: string; authToken: string; from: string }

const TWILIO_NAMES = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM'] as const

export class EnvError extends Error {
	override name = 'EnvError'
}

export function parseEnv(given: EnvSource = process.env): Env {
	// `NAME=` in a shell or a .env file means "not set", not "set to nothing".
	const raw = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== ''))
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
	const billing = billingConfig(raw)
	if (!billing.ok) throw new EnvError(billing.error)
	const twilioGiven = TWILIO_NAMES.filter((name) => values[name] !== undefined)
	if (twilioGiven.length > 0 && twilioGiven.length < TWILIO_NAMES.length)
		throw new EnvError(`${TWILIO_NAMES.find((name) => values[name] === undefined)} is required with ${twilioGiven.join(' and ')}: set all three Twilio variables for text messages, or none`)
	const twilio =
		values.TWILIO_ACCOUNT_SID && values.TWILIO_AUTH_TOKEN && values.TWILIO_FROM ? { accountSid: values.TWILIO_ACCOUNT_SID, authToken: values.TWILIO_AUTH_TOKEN, from: values.TWILIO_FROM } : null
	const sessionSecret = resolveSessionSecret(values.SESSION_SECRET, values.NODE_ENV, dataDir)
	if (values.NODE_ENV === 'production') {
		if (!values.APP_URL) throw new EnvError('APP_URL is required in production: the public URL of the app, e.g. https://tandem.example.com')
		if (!values.SMTP_URL) throw new EnvError('SMTP_URL is required in production, so that verification and reset emails are delivered (smtp://user:password@host:587)')
		// They sign anyone in without a password: a production server must not even start with them.
		if (values.TANDEM_E2E_ROUTES) throw new EnvError('TANDEM_E2E_ROUTES must not be set in production: its routes sign anyone in without a password (browser tests only)')
	}
	return {
		...values,
		APP_URL: new URL(values.APP_URL ?? `http://localhost:${values.PORT}`).origin,
		dataDir,
		database,
		billing: billing.config,
		twilio,
		SESSION_SECRET: sessionSecret,
		LOG_LEVEL: logLevel({ LOG_LEVEL: values.LOG_LEVEL, NODE_ENV: values.NODE_ENV }),
	}
}

function resolveSessionSecret(given: string | undefined, nodeEnv: string, dataDir: string): string {
	if (given !== undefined) {
		if (given.length < 32 || PLACEHOLDER_SECRETS.has(given.toLowerCase())) {
			throw new EnvError('SESSION_SECRET must be a random string of at least 32 characters, e.g. the output of "openssl rand -hex 32"')
		}
		return given
	}
	if (nodeEnv === 'production') {
		throw new EnvError('SESSION_SECRET is required in production: set it to a random string of at least 32 characters ("openssl rand -hex 32")')
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
