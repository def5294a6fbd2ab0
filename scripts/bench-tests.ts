// `npm run bench:tests`: how much the integration tests gain from running in parallel workers, each
// on its own database made from a migrated template (docs/decisions/0029-parallel-integration-tests.md).
// Per target database it times `vitest run --project integration` with TEST_WORKERS=1 (every file in
// one process, one after another, as before) and with --workers workers (default: one per core),
// alternating which goes first from run to run so a change in the machine's load falls on both;
// then the median of each and their ratio. A run that fails stops the benchmark with its output's end.
//
//   npm run bench:tests -- [--runs 1] [--targets embedded,server] [--workers N] [FILTER…]
// FILTERs, as for `vitest run`, time only the test files whose paths contain one of them.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { positive } from './bench/bench-database.ts'
import { testWorkers } from './lib/test-workers.ts'

const { values: args, positionals: filters } = parseArgs({
	allowPositionals: true,
	options: {
		runs: { type: 'string', default: '1' },
		targets: { type: 'string', default: 'embedded,server' },
		workers: { type: 'string' },
	},
})

const runs = positive('runs', args.runs)
const workers = args.workers === undefined ? testWorkers({}) : positive('workers', args.workers)
const targets = args.targets
	.split(',')
	.map((t) => t.trim())
	.filter(Boolean)
for (const target of targets) {
	if (target !== 'embedded' && target !== 'server') {
		console.error(`Error: --targets may name "embedded" and "server" (got "${target}")`)
		process.exit(1)
	}
}
if (workers === 1) {
	console.error('Error: --workers must be 2 or more to compare with one worker')
	process.exit(1)
}

const vitest = path.resolve('node_modules/.bin/vitest')
const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-tests-'))
const loadAverage = () =>
	os
		.loadavg()
		.map((n) => n.toFixed(2))
		.join(' ')
const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b)
	const middle = Math.floor(sorted.length / 2)
	return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** One full run of the integration project; its wall-clock seconds and Vitest's count of tests. */
async function runSuite(target: string, count: number, label: string) {
	const log = path.join(logDir, `${label}.log`)
	const output = fs.openSync(log, 'w')
	const started = performance.now()
	const code = await new Promise<number | null>((resolve) => {
		const child = spawn(vitest, ['run', '--project', 'integration', ...filters], {
			env: { ...process.env, TEST_DB: target, TEST_WORKERS: String(count) },
			stdio: ['ignore', output, output],
		})
		child.on('exit', resolve)
	})
	const seconds = (performance.now() - started) / 1000
	fs.closeSync(output)
	// eslint-disable-next-line no-control-regex -- Vitest colours its summary
	const text = fs.readFileSync(log, 'utf8').replace(/\x1b\[[0-9;]*m/g, '')
	if (code !== 0) {
		console.error(`\n✗ ${label} failed (exit ${code}); the end of its output (all of it in ${log}):\n`)
		console.error(text.split('\n').slice(-60).join('\n'))
		process.exit(1)
	}
	const tests = /Tests\s+(\d+ passed[^\n]*)/.exec(text)?.[1]?.trim() ?? '(no summary)'
	return { seconds, tests }
}

console.log(`Integration tests (vitest run --project integration${filters.map((f) => ` ${f}`).join('')}), wall-clock time of the whole run:`)
console.log(`  1 worker: TEST_WORKERS=1, every file in one process one after another (as before parallel workers)`)
console.log(`  ${workers} workers: TEST_WORKERS=${workers}, each worker on its own database made from one migrated template`)
console.log(`  ${runs} run(s) of each per target, alternating which goes first; ${os.availableParallelism()} cores, Node ${process.version}`)
console.log(`  logs in ${logDir}\n`)

const summary: string[] = []
for (const target of targets) {
	const times: Record<'one' | 'many', number[]> = { one: [], many: [] }
	for (let run = 1; run <= runs; run++) {
		const order: ('one' | 'many')[] = run % 2 ? ['many', 'one'] : ['one', 'many']
		for (const which of order) {
			const count = which === 'one' ? 1 : workers
			const label = `${target}-run${run}-${count}-worker${count === 1 ? '' : 's'}`
			const load = loadAverage()
			const { seconds, tests } = await runSuite(target, count, label)
			times[which].push(seconds)
			console.log(`${target.padEnd(8)} run ${run}  ${`${count} worker${count === 1 ? '' : 's'}`.padEnd(10)} ${seconds.toFixed(1).padStart(7)} s   ${tests}   (load average before: ${load})`)
		}
	}
	const one = median(times.one)
	const many = median(times.many)
	summary.push(
		`${target.padEnd(8)} median  1 worker ${one.toFixed(1)} s, ${workers} workers ${many.toFixed(1)} s: ${(one / many).toFixed(2)}× as fast (${(100 * (1 - many / one)).toFixed(0)}% less time)`,
	)
}
console.log(`\n${summary.join('\n')}\nload average at the end: ${loadAverage()}`)
