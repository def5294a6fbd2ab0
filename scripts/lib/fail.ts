// Ends a command with one line a person can act on; stack traces only for the unexpected.
import { DatabaseOpenError } from '#app/utils/adapter.server.ts'
import { BackupError } from '#app/utils/backup-file.ts'
import { DatabaseConfigError } from '#app/utils/database-target.server.ts'
import { EmbeddedDatabaseBusyError } from '#app/utils/embedded-lock.server.ts'
import { EnvError } from '#app/utils/env.server.ts'
import { MigrationError } from '#app/utils/migrate.server.ts'
import { DatabaseUnreachableError } from '#app/utils/postgres-server.server.ts'

const EXPECTED = [BackupError, EnvError, DatabaseConfigError, DatabaseOpenError, DatabaseUnreachableError, EmbeddedDatabaseBusyError, MigrationError]

export class UsageError extends Error {
	override name = 'UsageError'
}

export function fail(error: unknown): never {
	if (typeof error === 'string') {
		console.error(`Error: ${error}`)
	} else if (error instanceof Error && (EXPECTED.some((E) => error instanceof E) || error instanceof UsageError)) {
		console.error(`Error: ${error.message}`)
	} else {
		console.error('Unexpected error:', error)
	}
	process.exit(1)
}
