// `npm run bench:e2e`: the whole browser suite (npx playwright test) timed with the default number
// of workers (E2E_WORKERS, default 2) and with one worker (files one after another, as the suite
// ran before its servers were per worker), one after the other, each round. Each run
// makes its own template database (tests/e2e/global-setup.ts) and rebuilds the app first if its
// sources are newer than the build. Prints the load average with each time: on a shared machine
// the times are only comparable within one run of this script.
//
//   npm run bench:e2e -- [--rounds 1] [--workers 2]
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '1' }, workers: { type: 'string', default: process.env.E2E_WORKERS ?? '2' } } })
const rounds = Number(args.rounds)
const workers = Number(args.workers)
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a whole number of at least 1 (got "${args.rounds}")`)
if (!Number.isInteger(workers) || workers < 2) throw new Error(`--workers must be a whole number of at least 2 (got "${args.workers}")`)

type Run = { workers: number; seconds: number; passed: number; failed: number; exitCode: number | null; loadBefore: string; loadAfter: string; log: string }

const load = () =>
	os
		.loadavg()
		.map((l) => l.toFixed(2))
		.join(' ')

async function runSuite(workerCount: number, round: number): Promise<Run> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-e2e-'))
	const log = path.join(os.tmpdir(), `tandem-bench-e2e-${process.pid}-r${round}-w${workerCount}.log`)
	const out = fs.openSync(log, 'w')
	const loadBefore = load()
	const started = performance.now()
	const exitCode = await new Promise<number | null>((resolve) => {
		const child = spawn('npx', ['playwright', 'test', '--reporter=list'], {
			env: { ...process.env, E2E_WORKERS: String(workerCount), E2E_DATA_DIR: dataDir, CI: '1' },
			stdio: ['ignore', out, out],
		})
		child.once('exit', resolve)
	})
	const seconds = (performance.now() - started) / 1000
	fs.closeSync(out)
	fs.rmSync(dataDir, { recursive: true, force: true })
	const text = fs.readFileSync(log, 'utf8')
	const count = (word: string) => Number(new RegExp(`(\\d+) ${word}`).exec(text)?.[1] ?? 0)
	return { workers: workerCount, seconds, passed: count('passed'), failed: count('failed'), exitCode, loadBefore, loadAfter: load(), log }
}

console.log(`Method: the whole browser suite (npx playwright test, list reporter), wall time from start to exit, E2E_WORKERS=${workers} then E2E_WORKERS=1, ${rounds} round(s).`)
console.log(`Machine: ${os.cpus().length} CPUs, Node ${process.version}.`)
const runs: Run[] = []
for (let round = 1; round <= rounds; round++) {
	for (const workerCount of [workers, 1]) {
		const run = await runSuite(workerCount, round)
		runs.push(run)
		console.log(
			`round ${round}  E2E_WORKERS=${run.workers}  ${run.seconds.toFixed(1)} s  ${run.passed} passed, ${run.failed} failed (exit ${run.exitCode})  load average ${run.loadBefore} before, ${run.loadAfter} after  log ${run.log}`,
		)
	}
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b)
	const middle = Math.floor(sorted.length / 2)
	return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
const serial = median(runs.filter((r) => r.workers === 1).map((r) => r.seconds))
const parallel = median(runs.filter((r) => r.workers === workers).map((r) => r.seconds))
console.log(`median  E2E_WORKERS=1 ${serial.toFixed(1)} s, E2E_WORKERS=${workers} ${parallel.toFixed(1)} s, ratio ${(serial / parallel).toFixed(2)}x`)
if (runs.some((r) => r.exitCode !== 0)) {
	console.log('Some runs failed: see their logs.')
	process.exitCode = 1
}
