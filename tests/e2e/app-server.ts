// Each Playwright worker's own app server (and, for the tests that ask, its own server in Stripe
// mode), on a free port, over its own copy of the migrated, demo-seeded data directory that
// global-setup.ts made once. Tests in different workers never see each other's writes; tests in
// one worker share its database, one after another, as they all did when there was one server.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { test as base } from '@playwright/test'

export type AppServer = { origin: string; dataDir: string }

/** Where global-setup.ts leaves the template: under E2E_DATA_DIR (playwright.config.ts sets it). */
export function templateDir() {
	return path.join(process.env.E2E_DATA_DIR ?? os.tmpdir(), 'template')
}

/**
 * What `npm start` runs for a newcomer: the production build, in the default (development)
 * environment, so emails land in the /dev/outbox the tests read, with the browser tests' shortcuts
 * (/e2e/session, /e2e/totp-clock) served. Production-only behaviour (required secrets, hidden
 * errors, HSTS) is covered by unit and integration tests.
 */
const SERVER_ENV = { NODE_ENV: 'development', DATABASE_URL: '', SMTP_URL: '', TANDEM_E2E_ROUTES: '1' } as const

/** The app in Stripe mode, with Stripe's API faked inside it (stripe-mode.preload.ts). */
const STRIPE_MODE = ['--import', './tests/e2e/stripe-mode.preload.ts']

/** Starts scripts/start.ts on `dataDir` and resolves once /healthz answers; `stop` ends it gracefully. */
export async function startServer(dataDir: string, options: { preload?: string[] } = {}) {
	const port = await freePort()
	const origin = `http://localhost:${port}`
	const child = spawn(process.execPath, ['--import', 'tsx', ...(options.preload ?? []), 'scripts/start.ts'], {
		env: { ...process.env, ...SERVER_ENV, PORT: String(port), TANDEM_DATA_DIR: dataDir },
		stdio: ['ignore', 'ignore', 'pipe'],
	}) as ChildProcess
	let stderr = ''
	child.stderr!.on('data', (chunk: Buffer) => {
		stderr += chunk.toString()
		process.stderr.write(chunk)
	})
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code: number | null) => resolve(code)))
	const deadline = Date.now() + 240_000
	for (;;) {
		const code = await Promise.race([exited, new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), 250))])
		if (code !== 'waiting') throw new Error(`The app server on ${dataDir} exited (${code}) before it answered:\n${stderr}`)
		if (await healthy(origin)) break
		if (Date.now() > deadline) {
			child.kill('SIGKILL')
			throw new Error(`The app server on ${dataDir} did not answer /healthz within 240 seconds:\n${stderr}`)
		}
	}
	return { origin, stop: () => stop(child, exited) }
}

async function healthy(origin: string) {
	try {
		return (await fetch(`${origin}/healthz`)).ok
	} catch {
		return false
	}
}

/** SIGTERM lets it finish its requests and jobs and close the database (server/shutdown.ts). */
async function stop(child: ChildProcess, exited: Promise<number | null>) {
	if (child.exitCode !== null) return
	child.kill('SIGTERM')
	const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
	await exited
	clearTimeout(timer)
}

/** A fresh copy of the template, served until the worker ends. */
async function serveCopy(workerIndex: number, preload: string[] | undefined, provide: (server: AppServer) => Promise<void>) {
	const dataDir = fs.mkdtempSync(path.join(path.dirname(templateDir()), `worker-${workerIndex}-`))
	fs.cpSync(templateDir(), dataDir, { recursive: true })
	const server = await startServer(dataDir, { preload })
	try {
		await provide({ origin: server.origin, dataDir })
	} finally {
		await server.stop()
		fs.rmSync(dataDir, { recursive: true, force: true })
	}
}

export const test = base.extend<object, { appServer: AppServer; stripeServer: AppServer }>({
	// Pages, contexts and requests address this worker's server; a test may point them elsewhere (billing.spec.ts).
	baseURL: async ({ appServer }, provide) => provide(appServer.origin),
	// Playwright reads a fixture's dependencies from its first parameter: these have none.
	// eslint-disable-next-line no-empty-pattern
	appServer: [async ({}, provide, workerInfo) => serveCopy(workerInfo.workerIndex, undefined, provide), { scope: 'worker', timeout: 240_000 }],
	// Started only in a worker that runs a test asking for it.
	// eslint-disable-next-line no-empty-pattern
	stripeServer: [async ({}, provide, workerInfo) => serveCopy(workerInfo.workerIndex, STRIPE_MODE, provide), { scope: 'worker', timeout: 240_000 }],
})

export { expect } from '@playwright/test'

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer()
		server.unref()
		server.on('error', reject)
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo
			server.close(() => resolve(port))
		})
	})
}
