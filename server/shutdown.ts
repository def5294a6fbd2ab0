// Graceful shutdown for the server and the worker (SIGTERM from an orchestrator, Ctrl-C): stop
// taking new work, finish what is under way (requests in flight, outbox jobs already claimed),
// close the database, exit 0. Past the deadline, or on a second signal, exit 1 at once.
import { type Server } from 'node:http'
import { errorField, logger } from '#app/utils/logger.server.ts'

/** Long enough for a slow request or a claimed batch of jobs; shorter than the 30 s most orchestrators wait before SIGKILL. */
export const SHUTDOWN_TIMEOUT_MS = 25_000

export function onShutdownSignal(stop: (signal: NodeJS.Signals) => Promise<void>, options: { timeoutMs?: number } = {}): void {
	let stopping = false
	const handle = (signal: NodeJS.Signals) => {
		if (stopping) {
			logger().warn({ signal }, 'Second signal: stopping now, without finishing.')
			process.exit(1)
		}
		stopping = true
		const timeoutMs = options.timeoutMs ?? SHUTDOWN_TIMEOUT_MS
		logger().info({ signal }, `${signal}: finishing requests and claimed jobs (at most ${timeoutMs / 1000} s)…`)
		const deadline = setTimeout(() => {
			logger().error({ signal }, `Not stopped within ${timeoutMs / 1000} s: exiting with work unfinished.`)
			process.exit(1)
		}, timeoutMs)
		stop(signal).then(
			() => {
				clearTimeout(deadline)
				logger().info('Stopped.')
				process.exit(0)
			},
			(error: unknown) => {
				logger().error({ err: errorField(error) }, 'Shutdown failed.')
				process.exit(1)
			},
		)
	}
	process.on('SIGTERM', handle)
	process.on('SIGINT', handle)
}

/**
 * Stops accepting connections and resolves once every request in flight has been answered.
 * Keep-alive connections are closed as soon as they are idle, so the last answer ends them.
 */
export function closeHttpServer(server: Server): Promise<void> {
	return new Promise((resolve, reject) => {
		const sweep = setInterval(() => server.closeIdleConnections(), 100)
		server.close((error) => {
			clearInterval(sweep)
			if (error) reject(error)
			else resolve()
		})
		server.closeIdleConnections()
	})
}
