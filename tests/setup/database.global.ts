// Vitest's global setup for the integration tests: one migrated template database for the run, on
// the target TEST_DB names: `embedded` (PGlite in a temporary directory) or `server` (a database on
// the PostgreSQL server at TEST_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/postgres).
// Migrations are applied once, with the same CLI path the app uses; each worker then makes its own
// database from the template (worker-database.ts). Everything is removed afterwards.
import { createTemplate, PLAN_ENV } from './test-databases.ts'

export default async function setup() {
	const { plan, cleanUp } = await createTemplate(process.env.TEST_DB ?? 'embedded')
	// The workers inherit this process's environment.
	process.env[PLAN_ENV] = JSON.stringify(plan)
	return cleanUp
}
