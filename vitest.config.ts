import { defineConfig } from 'vitest/config'
import { testWorkers } from './scripts/lib/test-workers.ts'

// Vitest has one pool of worker processes for both projects, so this count is the unit tests' too.
const workers = testWorkers()

export default defineConfig({
	test: {
		maxWorkers: workers,
		minWorkers: 1,
		projects: [
			{
				test: {
					name: 'unit',
					include: ['app/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts', 'prisma/**/*.test.ts', 'server/**/*.test.ts'],
					environment: 'node',
				},
			},
			{
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					// One migrated template per run; each worker makes its own database from it before its
					// first file and keeps it for the rest (docs/decisions/0029-parallel-integration-tests.md).
					globalSetup: ['tests/setup/database.global.ts'],
					setupFiles: ['tests/setup/worker-database.ts'],
					pool: 'forks',
					// TEST_WORKERS=1: every file in one process, one after another, as before.
					poolOptions: { forks: { singleFork: workers === 1 } },
					// Generous: files on the other workers share the cores.
					testTimeout: 120_000,
					hookTimeout: 300_000,
				},
			},
		],
	},
})
