// `npm start` / `npm run dev`: check the configuration, build if needed (never in production),
// get the database ready (migrate, reference data, demo seed when empty outside production), then
// serve until SIGTERM or Ctrl-C, which stop it gracefully (server/shutdown.ts). `npm start` runs
// this compiled (dist/start.js, see scripts/run.js); `npm run dev` runs it with tsx.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { type Server } from 'node:http'
import net from 'node:net'
import path from 'node:path'
import { BUILD_DIR, createApp } from '#server/app.ts'
import { closeHttpServer, onShutdownSignal } from '#server/shutdown.ts'
import { startWorker } from '#app/domain/outbox/worker.server.ts'
import { describeTarget } from '#app/utils/database-target.server.ts'
import { prepareDatabase } from '#app/utils/database-setup.server.ts'
import { closeDatabase } from '#app/utils/db.server.ts'
import { env } from '#app/utils/env.server.ts'
import { logger } from '#app/utils/logger.server.ts'
import { fail, UsageError } from './lib/fail.ts'

const dev = process.argv.includes('--dev')

async function main() {
	const config = env()
	process.env.NODE_ENV = config.NODE_ENV
	const production = config.NODE_ENV === 'production'
	if (dev && production) fail('npm run dev is for development; unset NODE_ENV=production or use npm start.')

	// Fail in a second, not after a build and migrations.
	await assertPortFree(config.PORT, config.HOST)
	if (!dev) ensureBuild(production)

	const log = logger()
	log.info(`Database: ${describeTarget(config.database)}`)
	const prepared = await prepareDatabase(config.database, {
		seedIfEmpty: !production,
		createServerDatabase: !production,
		command: dev ? 'npm run dev' : 'npm start',
	})
	if (prepared.lock?.recoveredFrom) {
		log.warn(`Recovered the embedded database after an unclean stop of pid ${prepared.lock.recoveredFrom.pid}.`)
	}
	if (prepared.createdServerDatabase) log.info('Created the database on the server.')
	if (prepared.seeded) {
		const s = prepared.seeded
		log.info(`Seeded demo data: ${s.clinics} clinics, ${s.therapists} therapists, ${s.referrals} referrals, ${s.accounts} log-ins.`)
	}
	if (!production) await printDemoAccounts()
	if (production && config.database.kind === 'server') {
		const { auditProtection } = await import('#app/domain/audit/protection.server.ts')
		const protection = await auditProtection()
		if (protection.database === 'server' && !protection.protected) {
			log.warn(
				`The app's database role ${protection.role} could rewrite the audit log (${protection.reasons.join('; ')}). Connect as a role set up with "npm run admin -- grant-app-role" (docs/security.md).`,
			)
		}
	}

	const app = await createApp({
		dev,
		production,
		logRequests: config.NODE_ENV !== 'test',
		appOrigin: config.APP_URL,
		trustProxy: config.TRUST_PROXY,
		metricsToken: config.METRICS_TOKEN,
	})
	const server = await listen(app, config.PORT, config.HOST)
	// The outbox's worker (offers, expiries, notices, emails, and the recurring jobs: purges, calendar
	// refreshes, credential notices, search rows), unless separate workers do it.
	const stopWorker = config.WORKER === 'in-process' ? startWorker() : null
	const mode = dev ? 'development (Vite, hot reload)' : production ? 'production' : 'development build'
	log.info(`Tandem is running in ${mode} at http://localhost:${config.PORT}`)

	onShutdownSignal(async () => {
		// No new connections or job claims; requests in flight and claimed jobs finish.
		await Promise.all([closeHttpServer(server), stopWorker?.()])
		await closeDatabase()
		prepared.lock?.release()
	})
}

async function printDemoAccounts() {
	const { DEMO_ACCOUNTS, DEMO_ADMIN_TOTP_KEY, DEMO_PASSWORD } = await import('#app/domain/accounts/demo-accounts.ts')
	const { db } = await import('#app/utils/db.server.ts')
	const present = await db().user.count({ where: { email: { in: DEMO_ACCOUNTS.map((a) => a.email) } } })
	if (present === 0) return
	console.log(`\nDemo log-ins (development only), password "${DEMO_PASSWORD}":`)
	for (const account of DEMO_ACCOUNTS) console.log(`  ${account.email.padEnd(32)} ${account.role}`)
	console.log(`  The platform admin's two-factor key (add it to an authenticator app): ${DEMO_ADMIN_TOTP_KEY}`)
	console.log('')
}

async function assertPortFree(port: number, host: string) {
	const probe = net.createServer()
	await new Promise<void>((resolve, reject) => {
		probe.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, port)))
		probe.listen(port, host, () => probe.close(() => resolve()))
	})
}

function listenError(error: NodeJS.ErrnoException, port: number): Error {
	if (error.code === 'EADDRINUSE') return new UsageError(`Port ${port} is already in use: stop what uses it or set PORT to a free port.`)
	if (error.code === 'EACCES') return new UsageError(`Port ${port} needs privileges this process lacks: set PORT to a number above 1023.`)
	return error
}

function listen(app: Awaited<ReturnType<typeof createApp>>, port: number, host: string): Promise<Server> {
	return new Promise((resolve, reject) => {
		const server = app.listen(port, host, () => resolve(server))
		server.on('error', (error: NodeJS.ErrnoException) => reject(listenError(error, port)))
	})
}

/**
 * Builds when there is no build, or when sources are newer than it. Never in production, where
 * `npm run build` made it and the build tools (development dependencies) may not be installed.
 */
function ensureBuild(production: boolean) {
	const built = path.join(BUILD_DIR, 'server/index.js')
	const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0
	if (production) {
		if (!builtAt) fail('The app is not built: run "npm run build" before starting in production.')
		return
	}
	if (builtAt && newestSource() <= builtAt) return
	logger().info(builtAt ? 'Sources changed since the last build; rebuilding…' : 'Building the app (first start)…')
	const result = spawnSync(process.execPath, [path.resolve('node_modules/@remix-run/dev/dist/cli.js'), 'vite:build'], {
		stdio: ['ignore', 'ignore', 'inherit'],
		env: { ...process.env, NODE_ENV: 'production' },
	})
	if (result.status !== 0) fail('The build failed; see the errors above.')
}

function newestSource(): number {
	let newest = 0
	const visit = (entry: string) => {
		const stat = fs.statSync(entry, { throwIfNoEntry: false })
		if (!stat) return
		if (stat.isDirectory()) {
			if (path.basename(entry) === 'generated') return
			for (const child of fs.readdirSync(entry)) visit(path.join(entry, child))
		} else newest = Math.max(newest, stat.mtimeMs)
	}
	for (const entry of ['app', 'public', 'vite.config.ts', 'package-lock.json']) visit(path.resolve(entry))
	return newest
}

main().catch(async (error) => {
	await closeDatabase().catch(() => {})
	fail(error)
})
