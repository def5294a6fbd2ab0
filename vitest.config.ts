import { defineConfig } from 'vitest/config'

export default defineConfig({
	test: {
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
					globalSetup: ['tests/setup/database.global.ts'],
					// One database per run, opened by one process: every file runs in the same fork,
					// one after another.
					pool: 'forks',
					poolOptions: { forks: { singleFork: true } },
					testTimeout: 60_000,
					hookTimeout: 120_000,
				},
			},
		],
	},
})
