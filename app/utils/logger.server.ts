// The process's logger (pino): JSON lines in production, readable lines in development (pino-pretty,
// a development dependency, when installed). Every line written while a request or a job runs
// carries its request id, from the log context (AsyncLocalStorage) the HTTP layer and the worker open.
import { AsyncLocalStorage } from 'node:async_hooks'
import { createRequire } from 'node:module'
import pino, { type DestinationStream, type Logger } from 'pino'
import { remember } from './remember.server.ts'

export type LogContext = { requestId: string }

const storage = remember('log-context', () => new AsyncLocalStorage<LogContext>())

export function runWithLogContext<T>(context: LogContext, fn: () => T): T {
	return storage.run(context, fn)
}

/** The id of the request (or of the request behind the job) this code runs for, if any. */
export function currentRequestId(): string | undefined {
	return storage.getStore()?.requestId
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

type LoggerSettings = { fd: 1 | 2 }
const settings = remember<LoggerSettings>('logger-settings', () => ({ fd: 1 }))

/** The admin CLI prints its results on standard output; its logs go to standard error. Call before logging. */
export function logToStandardError(): void {
	settings.fd = 2
}

/** LOG_LEVEL, or `info` (`silent` under tests, which read what they need from the database). */
export function logLevel(source: NodeJS.ProcessEnv = process.env): LogLevel {
	const given = source.LOG_LEVEL
	if (given && (LOG_LEVELS as readonly string[]).includes(given)) return given as LogLevel
	return source.NODE_ENV === 'test' ? 'silent' : 'info'
}

/** A logger writing to `destination` whose lines carry the current request id. */
export function createLogger(level: LogLevel, destination: DestinationStream): Logger {
	return pino(
		{
			level,
			base: { pid: process.pid },
			// A child logger that already names its request (the access log's) keeps its own id.
			mixin: (_object, _level, log) => {
				const requestId = currentRequestId()
				return requestId && !('requestId' in (log as Logger).bindings()) ? { requestId } : {}
			},
		},
		destination,
	)
}

function processLogger(): Logger {
	const json = () => pino.destination({ fd: settings.fd, sync: true })
	return createLogger(logLevel(), process.env.NODE_ENV === 'production' ? json() : (prettyStream() ?? json()))
}

/** pino-pretty in the same thread, synchronous (no line lost at exit); absent in a production install. */
function prettyStream(): DestinationStream | null {
	try {
		const require = createRequire(import.meta.url)
		const pretty = require('pino-pretty') as (options: Record<string, unknown>) => DestinationStream
		return pretty({ destination: settings.fd, sync: true, colorize: process.stdout.isTTY === true, ignore: 'pid,hostname,req,res', singleLine: true, translateTime: 'HH:MM:ss.l' })
	} catch {
		return null
	}
}

/** The process's logger, created on first use. */
export function logger(): Logger {
	return remember('logger', processLogger)
}

/** An error as a log field: its message, and its stack outside production. */
export function errorField(error: unknown): { message: string; stack?: string } {
	if (!(error instanceof Error)) return { message: String(error) }
	return process.env.NODE_ENV === 'production' ? { message: error.message } : { message: error.message, stack: error.stack }
}
