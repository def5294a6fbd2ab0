// Applies committed migrations with the Prisma CLI (`prisma migrate deploy`), which reads the
// same database choice through prisma.config.ts. For the embedded database the caller holds the
// lock and lends it to the CLI process.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'
import { type EnvSource } from './database-target.server.ts'
import { LOCK_TOKEN_ENV, type EmbeddedLock } from './embedded-lock.server.ts'

export class MigrationError extends Error {
	override name = 'MigrationError'
}

export async function runMigrations(options: { lock?: EmbeddedLock | null; env?: EnvSource; cwd?: string } = {}): Promise<string> {
	const require = createRequire(import.meta.url)
	const cli = path.join(path.dirname(require.resolve('prisma/package.json')), 'build', 'index.js')
	// TANDEM_EXIT_AFTER_MIGRATE: see prisma.config.ts (the CLI would otherwise linger 10 s).
	const env: EnvSource = { ...(options.env ?? process.env), PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1', TANDEM_EXIT_AFTER_MIGRATE: '1' }
	if (options.lock) env[LOCK_TOKEN_ENV] = options.lock.token
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [cli, 'migrate', 'deploy'], {
			cwd: options.cwd ?? process.cwd(),
			env: env as NodeJS.ProcessEnv,
			stdio: ['ignore', 'pipe', 'pipe'],
		})
		let output = ''
		child.stdout.on('data', (chunk) => (output += chunk))
		child.stderr.on('data', (chunk) => (output += chunk))
		child.on('error', (error) => reject(new MigrationError(`Could not run prisma migrate deploy: ${error.message}`)))
		child.on('close', (code) => {
			if (code === 0) return resolve(output)
			const reason =
				output
					.split('\n')
					.map((line) => line.trim())
					.find((line) => line.startsWith('Error:')) ?? output.trim().split('\n').slice(-3).join(' ')
			reject(new MigrationError(`Applying database migrations failed: ${reason}`))
		})
	})
}
