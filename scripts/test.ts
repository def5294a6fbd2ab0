// `npm test`: everything a change must pass, in order, stopping at the first failure:
// typecheck, lint, unit tests, integration tests on the embedded database and on the PostgreSQL
// server, the matching benchmark at a small size, the production build, the multi-process soak at a
// small size on it, and browser tests against it.
//
// TEST_DATABASE_TARGETS=embedded skips the server run when no PostgreSQL server is at hand (CI
// always runs both); TEST_DATABASE_URL points the server run somewhere other than
// postgresql://postgres@127.0.0.1:5432/postgres.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

type Step = { name: string; command: string[]; env?: Record<string, string> }

const bin = (name: string) => path.resolve('node_modules/.bin', name)
const targets = (process.env.TEST_DATABASE_TARGETS ?? 'embedded,server')
	.split(',')
	.map((t) => t.trim())
	.filter(Boolean)
for (const target of targets) {
	if (target !== 'embedded' && target !== 'server') {
		console.error(`Error: TEST_DATABASE_TARGETS may name "embedded" and "server" (got "${target}")`)
		process.exit(1)
	}
}
if (process.env.CI && targets.length < 2) {
	console.error('Error: CI must run the integration tests on both databases; unset TEST_DATABASE_TARGETS.')
	process.exit(1)
}

const e2eDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-e2e-'))

const steps: Step[] = [
	{ name: 'typecheck', command: [bin('tsc'), '--noEmit'] },
	{ name: 'lint', command: [bin('eslint'), '--max-warnings', '0', '.'] },
	{ name: 'formatting', command: [bin('prettier'), '--check', '.'] },
	{ name: 'unit tests', command: [bin('vitest'), 'run', '--project', 'unit'] },
	...targets.map((target) => ({
		name: `integration tests (${target} database)`,
		command: [bin('vitest'), 'run', '--project', 'integration'],
		env: { TEST_DB: target },
	})),
	// The matching benchmark at a small size, to prove it works (and that the naive baseline agrees
	// with Tandem's matching on every sampled referral); the real run is `npm run bench:match`.
	...(targets.includes('server')
		? [
				{
					name: 'matching benchmark (small)',
					command: [bin('tsx'), 'scripts/bench-match.ts', '--therapists', '1500', '--referrals', '30', '--baseline-sample', '5'],
					env: process.env.TEST_DATABASE_URL ? { BENCH_DATABASE_URL: process.env.TEST_DATABASE_URL } : {},
				},
				// The same for the partner directory's benchmark (`npm run bench:directory`).
				{
					name: 'directory benchmark (small)',
					command: [bin('tsx'), 'scripts/bench-directory.ts', '--therapists', '1500', '--referrals', '30', '--searches', '45'],
					env: process.env.TEST_DATABASE_URL ? { BENCH_DATABASE_URL: process.env.TEST_DATABASE_URL } : {},
				},
			]
		: []),
	{ name: 'production build', command: [bin('remix'), 'vite:build'], env: { NODE_ENV: 'production' } },
	// The server's commands as production runs them (dist/, plain Node; scripts/build-server.js).
	{ name: 'production build (server commands)', command: [process.execPath, 'scripts/build-server.js'], env: { NODE_ENV: 'production' } },
	// The patient's page stays within its JavaScript budget (120 KB gzipped), read from the build.
	{ name: 'JavaScript budget', command: [bin('tsx'), 'scripts/check-js-budget.ts'] },
	// The multi-process soak at a small size, on the build just made: two servers and two workers take
	// a burst of referrals, one worker is killed with SIGKILL, and every effect happens exactly once
	// (its jobs are taken again once their 30-second lease runs out; docs/operations.md, "Scaling out").
	...(targets.includes('server')
		? [
				{
					name: 'multi-process soak (small)',
					command: [bin('tsx'), 'scripts/soak.ts', '--referrals', '12', '--clients', '4'],
					env: process.env.TEST_DATABASE_URL ? { SOAK_DATABASE_URL: process.env.TEST_DATABASE_URL } : {},
				},
			]
		: []),
	{ name: 'browser tests', command: [bin('playwright'), 'test'], env: { E2E_DATA_DIR: e2eDataDir } },
]

const started = Date.now()
const timings: string[] = []
let failed: string | null = null
for (const [index, step] of steps.entries()) {
	console.log(`\n▶ [${index + 1}/${steps.length}] ${step.name}`)
	const stepStarted = Date.now()
	const result = spawnSync(step.command[0]!, step.command.slice(1), {
		stdio: 'inherit',
		env: { ...process.env, ...step.env },
	})
	timings.push(`  ${step.name}: ${((Date.now() - stepStarted) / 1000).toFixed(1)} s`)
	if (result.status !== 0) {
		failed = step.name
		break
	}
}
fs.rmSync(e2eDataDir, { recursive: true, force: true })

console.log(`\n${timings.join('\n')}`)
if (failed) {
	console.error(`\n✗ npm test failed at: ${failed}`)
	process.exit(1)
}
console.log(`\n✓ All ${steps.length} steps passed in ${((Date.now() - started) / 1000).toFixed(0)} s`)
