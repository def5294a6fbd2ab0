// Browser tests against the production build, served as `npm start` serves it, by each worker's own
// server on a free port over its own copy of a migrated, demo-seeded embedded database
// (tests/e2e/global-setup.ts makes the template once; tests/e2e/app-server.ts serves the copies).
// E2E_WORKERS sets how many workers run test files side by side (default 2; 1 runs them one after
// another). Uses Debian's Chromium where it exists (no browser download needed), else Playwright's own.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { defineConfig, devices } from '@playwright/test'

// The runner evaluates this file first and its workers again; they inherit this variable.
process.env.E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-e2e-'))

const workers = Number(process.env.E2E_WORKERS ?? 2)
if (!Number.isInteger(workers) || workers < 1) throw new Error(`E2E_WORKERS must be a whole number of at least 1 (got "${process.env.E2E_WORKERS}")`)

const chromium = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p))

export default defineConfig({
	testDir: 'tests/e2e',
	globalSetup: './tests/e2e/global-setup.ts',
	// Files run side by side; a file's tests run in order, in one worker (some share a page or data).
	fullyParallel: false,
	workers,
	forbidOnly: !!process.env.CI,
	retries: 0,
	reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
	// Workers share the machine's cores with their servers and browsers: every step takes longer
	// than when one test ran at a time.
	timeout: 60_000,
	expect: { timeout: 10_000 },
	use: {
		// baseURL is the worker's own server (tests/e2e/app-server.ts).
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
})
