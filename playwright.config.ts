// Browser tests against the production build served by `npm start` on a free port, with a fresh
// embedded database (and demo data) in a temporary directory. Uses Debian's Chromium where it exists (no
// browser download needed), else Playwright's own.
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { defineConfig, devices } from '@playwright/test'

// The runner evaluates this file first and its workers again; they inherit these variables.
process.env.E2E_PORT ??= String(await freePort())
process.env.E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-e2e-'))
// A second server in Stripe mode, with Stripe faked inside it (tests/e2e/stripe-mode.preload.ts).
process.env.E2E_STRIPE_PORT ??= String(await freePort())
process.env.E2E_STRIPE_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-e2e-stripe-'))
const port = Number(process.env.E2E_PORT)
const stripePort = Number(process.env.E2E_STRIPE_PORT)

const chromium = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p))

const serverEnv = { NODE_ENV: 'development', DATABASE_URL: '', SMTP_URL: '' }

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	forbidOnly: !!process.env.CI,
	retries: 0,
	reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
	timeout: 30_000,
	use: {
		baseURL: `http://localhost:${port}`,
		trace: 'retain-on-failure',
	},
	projects: [
		{
			name: 'chromium',
			use: {
				...devices['Desktop Chrome'],
				launchOptions: {
					executablePath: chromium,
					args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
				},
			},
		},
	],
	webServer: [
		{
			command: 'node --import tsx scripts/start.ts',
			url: `http://localhost:${port}/healthz`,
			timeout: 240_000,
			reuseExistingServer: false,
			stdout: 'ignore',
			stderr: 'pipe',
			// What `npm start` runs for a newcomer: the production build, in the default (development)
			// environment, so emails land in the /dev/outbox the tests read. Production-only behaviour
			// (required secrets, hidden errors, HSTS) is covered by unit and integration tests.
			env: { ...serverEnv, PORT: String(port), TANDEM_DATA_DIR: process.env.E2E_DATA_DIR },
		},
		{
			// Started after the first, so the build is there already.
			command: 'node --import tsx --import ./tests/e2e/stripe-mode.preload.ts scripts/start.ts',
			url: `http://localhost:${stripePort}/healthz`,
			timeout: 240_000,
			reuseExistingServer: false,
			stdout: 'ignore',
			stderr: 'pipe',
			env: { ...serverEnv, PORT: String(stripePort), TANDEM_DATA_DIR: process.env.E2E_STRIPE_DATA_DIR },
		},
	],
})

function freePort(): Promise<number> {
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
