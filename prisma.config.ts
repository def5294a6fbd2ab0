// The Prisma CLI (generate, migrate) uses the same database choice as the app: the embedded
// PGlite under ./data unless DATABASE_URL names a PostgreSQL server. The JavaScript schema
// engine needs no native binary, which matters on machines that cannot download one.
import { defineConfig } from 'prisma/config'
import { openAdapter, type OpenedAdapter } from './app/utils/adapter.server.ts'
import { resolveDatabaseTarget } from './app/utils/database-target.server.ts'

let opened: OpenedAdapter | undefined

// `prisma migrate deploy` (6.19) leaves a 10-second timer of its wasm schema engine running after
// it has finished, so the process lingered 10 s on every start. runMigrations asks for an exit as
// soon as the CLI reports success: the database is closed cleanly first.
if (process.env.TANDEM_EXIT_AFTER_MIGRATE === '1') {
	const write = process.stdout.write.bind(process.stdout) as (chunk: unknown, ...rest: unknown[]) => boolean
	process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
		const result = write(chunk, ...rest)
		if (/No pending migrations to apply|All migrations have been successfully applied/.test(String(chunk))) {
			setImmediate(() => void (opened?.close() ?? Promise.resolve()).finally(() => process.exit(0)))
		}
		return result
	}) as typeof process.stdout.write
}

export default defineConfig({
	schema: 'prisma/schema.prisma',
	migrations: { path: 'prisma/migrations' },
	engine: 'js',
	experimental: { adapter: true },
	async adapter() {
		// A command may ask more than once; the embedded database opens once per process.
		if (!opened) {
			const adapter = openAdapter(resolveDatabaseTarget(), {
				command: ['prisma', ...process.argv.slice(2)].join(' '),
			})
			opened = adapter
			// The CLI never tells the adapter it is done: close PGlite cleanly when the command ends.
			// (The lock itself is released on exit by the lock module.)
			process.once('beforeExit', () => void adapter.close())
		}
		return opened.factory
	},
})
