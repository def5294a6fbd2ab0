// How many Vitest workers run the integration tests at once, each on a database of its own
// (tests/setup/test-databases.ts): TEST_WORKERS, else one per core. 1 runs them as before the
// workers had databases of their own, every file in one process one after another, which is what
// `npm run bench:tests` compares against.
import os from 'node:os'

export function testWorkers(env: Record<string, string | undefined> = process.env, cores = os.availableParallelism()): number {
	const raw = env.TEST_WORKERS?.trim()
	if (!raw) return Math.max(cores, 1)
	if (!/^[1-9][0-9]*$/.test(raw)) throw new Error(`TEST_WORKERS must be a whole number of workers, 1 or more (got "${raw}")`)
	return Number(raw)
}
