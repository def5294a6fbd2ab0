// The Prisma CLI (generate, migrate) uses the same database choice as the app: the embedded
// PGlite under ./data unless DATABASE_URL names a PostgreSQL server. The JavaScript schema
// engine needs no native binary, which matters on machines that cannot download one.
import { defineConfig } from 'prisma/config'
import { openAdapter, type OpenedAdapter } from './app/utils/adapter.server.ts'
import { resolveDatabaseTarget } from './app/utils/database-target.server.ts'

let opened: OpenedAdapter | undefined

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
