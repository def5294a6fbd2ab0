import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { EnvError, parseEnv } from './env.server.ts'

let dataDir: string
beforeEach(() => {
	dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-env-'))
})
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }))

const base = () => ({ TANDEM_DATA_DIR: dataDir })
const strongSecret = 'f'.repeat(16) + '0123456789abcdef0123'

describe('PORT', () => {
	test('defaults to 3000', () => {
		expect(parseEnv(base()).PORT).toBe(3000)
	})

	test.each(['abc', '0', '70000', '3000.5', '-1', ' '])('rejects %j with a message naming it', (value) => {
		expect(() => parseEnv({ ...base(), PORT: value })).toThrow(EnvError)
		expect(() => parseEnv({ ...base(), PORT: value })).toThrow(/^PORT must be a whole number from 1 to 65535/)
	})
})

describe('WORKER_METRICS_PORT', () => {
	test('unset (or empty): a worker process serves no HTTP', () => {
		expect(parseEnv(base()).WORKER_METRICS_PORT).toBeUndefined()
		expect(parseEnv({ ...base(), WORKER_METRICS_PORT: '' }).WORKER_METRICS_PORT).toBeUndefined()
		expect(parseEnv({ ...base(), WORKER_METRICS_PORT: '9464' }).WORKER_METRICS_PORT).toBe(9464)
	})

	test.each(['abc', '0', '70000', '9464.5'])('rejects %j with a message naming it', (value) => {
		expect(() => parseEnv({ ...base(), WORKER_METRICS_PORT: value })).toThrow(/^WORKER_METRICS_PORT must be a whole number from 1 to 65535/)
	})
})

test('an empty variable counts as unset', () => {
	const env = parseEnv({ ...base(), PORT: '', SMTP_URL: '', DATABASE_URL: '' })
	expect(env.PORT).toBe(3000)
	expect(env.SMTP_URL).toBeUndefined()
	expect(env.database.kind).toBe('embedded')
})

describe('DATABASE_URL', () => {
	test('unset means the embedded database under the data directory', () => {
		const env = parseEnv(base())
		expect(env.database).toMatchObject({ kind: 'embedded', pgliteDir: path.join(dataDir, 'pglite') })
	})

	test('a PostgreSQL URL selects the server and is shown without its password', () => {
		const env = parseEnv({ ...base(), DATABASE_URL: 'postgresql://app:s3cret@db.internal:5432/tandem' })
		expect(env.database).toMatchObject({ kind: 'server', redactedUrl: 'postgresql://app:****@db.internal:5432/tandem' })
	})

	test.each([
		['not a url', /not a valid URL/],
		['mysql://root@localhost/tandem', /must start with postgresql:\/\//],
		['postgresql://postgres@127.0.0.1:5432', /names no database/],
	])('rejects %j clearly', (value, message) => {
		expect(() => parseEnv({ ...base(), DATABASE_URL: value })).toThrow(message)
	})
})

describe('SESSION_SECRET', () => {
	test('development generates one, keeps it in the data directory and reuses it', () => {
		const first = parseEnv(base()).SESSION_SECRET
		expect(first).toMatch(/^[0-9a-f]{64}$/)
		expect(fs.readFileSync(path.join(dataDir, 'session-secret'), 'utf8').trim()).toBe(first)
		expect(parseEnv(base()).SESSION_SECRET).toBe(first)
	})

	test('production refuses to start without one', () => {
		expect(() => parseEnv({ ...base(), NODE_ENV: 'production' })).toThrow(/SESSION_SECRET is required in production/)
		expect(fs.existsSync(path.join(dataDir, 'session-secret'))).toBe(false)
	})

	test.each(['short', 'changeme', 'secret'])('rejects a weak secret %j', (value) => {
		expect(() => parseEnv({ ...base(), NODE_ENV: 'production', SESSION_SECRET: value })).toThrow(/at least 32 characters/)
	})

	test('production accepts a real one', () => {
		const env = parseEnv({ ...base(), NODE_ENV: 'production', SESSION_SECRET: strongSecret, APP_URL: 'https://t.example', SMTP_URL: 'smtp://m.example' })
		expect(env.SESSION_SECRET).toBe(strongSecret)
	})
})

test('an unknown NODE_ENV is named', () => {
	expect(() => parseEnv({ ...base(), NODE_ENV: 'staging' })).toThrow(/^NODE_ENV .* \(got "staging"\)$/)
})

describe('APP_URL and SMTP_URL', () => {
	const production = () => ({ ...base(), NODE_ENV: 'production', SESSION_SECRET: strongSecret })

	test('development links point at the local server', () => {
		expect(parseEnv({ ...base(), PORT: '4000' }).APP_URL).toBe('http://localhost:4000')
	})

	test('production needs both, each named when missing', () => {
		expect(() => parseEnv(production())).toThrow(/^APP_URL is required in production/)
		expect(() => parseEnv({ ...production(), APP_URL: 'https://tandem.example.com' })).toThrow(/^SMTP_URL is required in production/)
		const env = parseEnv({ ...production(), APP_URL: 'https://tandem.example.com/', SMTP_URL: 'smtp://u:p@mail.example.com:587' })
		expect(env.APP_URL).toBe('https://tandem.example.com')
	})

	test.each([
		['APP_URL', 'tandem.example.com'],
		['APP_URL', 'ftp://tandem.example.com'],
		['SMTP_URL', 'mail.example.com'],
	])('%s=%j is refused with its name', (name, value) => {
		expect(() => parseEnv({ ...base(), [name]: value })).toThrow(new RegExp(`^${name} `))
	})
})

describe('billing', () => {
	test('no Stripe variables: demo mode', () => {
		expect(parseEnv(base()).billing).toEqual({ mode: 'demo' })
	})

	test('keys and prices: Stripe mode; half a configuration stops start-up naming the variable', () => {
		const stripe = { STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc', STRIPE_PRICE_CLINIC_MONTHLY: 'price_123' }
		expect(parseEnv({ ...base(), ...stripe }).billing).toMatchObject({ mode: 'stripe', prices: { clinic_monthly: 'price_123' } })
		expect(() => parseEnv({ ...base(), ...stripe, STRIPE_WEBHOOK_SECRET: '' })).toThrow(/^STRIPE_WEBHOOK_SECRET is missing/)
	})
})

describe('text messages', () => {
	const twilio = { TWILIO_ACCOUNT_SID: `AC${'0a'.repeat(16)}`, TWILIO_AUTH_TOKEN: 'f'.repeat(32), TWILIO_FROM: '+15125550100' }

	test('no Twilio variables: texts stay in the development outbox; all three: Twilio', () => {
		expect(parseEnv(base()).twilio).toBeNull()
		expect(parseEnv({ ...base(), ...twilio }).twilio).toEqual({ accountSid: twilio.TWILIO_ACCOUNT_SID, authToken: twilio.TWILIO_AUTH_TOKEN, from: '+15125550100' })
		expect(parseEnv({ ...base(), ...twilio, TWILIO_FROM: `MG${'1b'.repeat(16)}` }).twilio).toMatchObject({ from: `MG${'1b'.repeat(16)}` })
	})

	test('half a configuration, or a malformed value, stops start-up naming the variable', () => {
		expect(() => parseEnv({ ...base(), ...twilio, TWILIO_AUTH_TOKEN: '' })).toThrow(/^TWILIO_AUTH_TOKEN is required with TWILIO_ACCOUNT_SID and TWILIO_FROM/)
		expect(() => parseEnv({ ...base(), ...twilio, TWILIO_ACCOUNT_SID: 'AC123' })).toThrow(/^TWILIO_ACCOUNT_SID must be a Twilio account SID.*\(got "AC123"\)$/)
		expect(() => parseEnv({ ...base(), ...twilio, TWILIO_FROM: '512-555-0100' })).toThrow(/^TWILIO_FROM must be a sending number in E\.164/)
	})
})

test('WORKER: in-process by default, off when separate workers run, anything else refused by name', () => {
	expect(parseEnv(base()).WORKER).toBe('in-process')
	expect(parseEnv({ ...base(), WORKER: 'off' }).WORKER).toBe('off')
	expect(() => parseEnv({ ...base(), WORKER: 'separate' })).toThrow(/^WORKER must be "in-process" \(the default\) or "off".*\(got "separate"\)$/)
})

test('TANDEM_BENCH_ROUTES: off unless "1", anything else refused by name', () => {
	expect(parseEnv(base()).TANDEM_BENCH_ROUTES).toBe(false)
	expect(parseEnv({ ...base(), NODE_ENV: 'production', SESSION_SECRET: strongSecret, APP_URL: 'https://tandem.example.com', SMTP_URL: 'smtp://mail:587' }).TANDEM_BENCH_ROUTES).toBe(false)
	expect(parseEnv({ ...base(), TANDEM_BENCH_ROUTES: '0' }).TANDEM_BENCH_ROUTES).toBe(false)
	expect(parseEnv({ ...base(), TANDEM_BENCH_ROUTES: '1' }).TANDEM_BENCH_ROUTES).toBe(true)
	expect(() => parseEnv({ ...base(), TANDEM_BENCH_ROUTES: 'yes' })).toThrow(/^TANDEM_BENCH_ROUTES must be "1".*\(got "yes"\)$/)
})

test('TANDEM_E2E_ROUTES: off unless "1", anything else refused by name, and never in production', () => {
	const production = { ...base(), NODE_ENV: 'production', SESSION_SECRET: strongSecret, APP_URL: 'https://tandem.example.com', SMTP_URL: 'smtp://mail:587' }
	expect(parseEnv(base()).TANDEM_E2E_ROUTES).toBe(false)
	expect(parseEnv(production).TANDEM_E2E_ROUTES).toBe(false)
	expect(parseEnv({ ...base(), TANDEM_E2E_ROUTES: '0' }).TANDEM_E2E_ROUTES).toBe(false)
	expect(parseEnv({ ...base(), TANDEM_E2E_ROUTES: '1' }).TANDEM_E2E_ROUTES).toBe(true)
	expect(parseEnv({ ...base(), NODE_ENV: 'test', TANDEM_E2E_ROUTES: '1' }).TANDEM_E2E_ROUTES).toBe(true)
	expect(() => parseEnv({ ...base(), TANDEM_E2E_ROUTES: 'true' })).toThrow(/^TANDEM_E2E_ROUTES must be "1".*\(got "true"\)$/)
	expect(() => parseEnv({ ...production, TANDEM_E2E_ROUTES: '1' })).toThrow(/^TANDEM_E2E_ROUTES must not be set in production/)
	expect(parseEnv({ ...production, TANDEM_E2E_ROUTES: '0' }).TANDEM_E2E_ROUTES).toBe(false)
})

describe('LOG_LEVEL and METRICS_TOKEN', () => {
	test('LOG_LEVEL is one of pino’s levels, info by default', () => {
		expect(parseEnv({ ...base(), NODE_ENV: 'development' }).LOG_LEVEL).toBe('info')
		expect(parseEnv({ ...base(), LOG_LEVEL: 'debug' }).LOG_LEVEL).toBe('debug')
		expect(() => parseEnv({ ...base(), LOG_LEVEL: 'verbose' })).toThrow(/^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent \(got "verbose"\)/)
	})

	test('METRICS_TOKEN, when set, is long enough to be a secret', () => {
		expect(parseEnv(base()).METRICS_TOKEN).toBeUndefined()
		expect(parseEnv({ ...base(), METRICS_TOKEN: 'f'.repeat(32) }).METRICS_TOKEN).toBe('f'.repeat(32))
		expect(() => parseEnv({ ...base(), METRICS_TOKEN: 'short' })).toThrow(/^METRICS_TOKEN must be at least 16 random characters/)
	})
})
