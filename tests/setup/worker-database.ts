// Runs in each Vitest worker before every integration test file: points the process at the
// worker's own database (test-databases.ts), made from the run's template the first time, before
// the file imports the app. Processes the tests start inherit it through the environment.
import { afterAll } from 'vitest'
import { peek } from '#app/utils/remember.server.ts'
import { readPlan, workerDatabase } from './test-databases.ts'

for (const [name, value] of Object.entries(await workerDatabase(readPlan(), process.env.VITEST_POOL_ID ?? '1'))) {
	if (value) process.env[name] = value
	else delete process.env[name] // embedded: no DATABASE_URL at all
}

// Close it after the file, whatever the file did: the embedded database belongs to one process at a
// time, and the worker's next process opens it.
afterAll(async () => {
	if (!peek('database')) return
	const { closeDatabase } = await import('#app/utils/db.server.ts')
	await closeDatabase()
})
