// One process at a time owns the embedded database (docs/product.md §10). A lock file beside the data
// holds the owner's pid and a random token; a child the owner starts (prisma migrate) inherits
// the token through the environment. A lock left by a process that no longer runs is stale.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type EnvSource } from './database-target.server.ts'

export const LOCK_TOKEN_ENV = 'TANDEM_EMBEDDED_LOCK_TOKEN'

type LockInfo = {
	pid: number
	token: string
	hostname: string
	command: string
	startedAt: string
}

export type EmbeddedLock = {
	token: string
	/** Set when this process took over a lock whose owner had died (a crash). */
	recoveredFrom: LockInfo | null
	inherited: boolean
	release: () => void
}

export class EmbeddedDatabaseBusyError extends Error {
	override name = 'EmbeddedDatabaseBusyError'
	constructor(
		readonly lockFile: string,
		readonly owner: LockInfo,
	) {
		super(
			`The embedded database is in use by another process (pid ${owner.pid}, "${owner.command}", since ${owner.startedAt}). ` +
				`Only one process may open it at a time: stop that process first, or set DATABASE_URL to use a PostgreSQL server. ` +
				`If no such process runs, delete ${lockFile}.`,
		)
	}
}

// Locks this process holds, by file. Kept on globalThis because the server bundle and the start
// script each load this module.
const held = ((globalThis as unknown as { __tandemHeldLocks?: Map<string, string> }).__tandemHeldLocks ??= new Map())

export function acquireEmbeddedLock(lockFile: string, options: { command?: string; env?: EnvSource } = {}): EmbeddedLock {
	const env = options.env ?? process.env
	fs.mkdirSync(path.dirname(lockFile), { recursive: true })
	const info: LockInfo = {
		pid: process.pid,
		token: randomBytes(16).toString('hex'),
		hostname: os.hostname(),
		command:
			options.command ??
			process.argv
				.slice(1)
				.map((a) => path.basename(a))
				.join(' '),
		startedAt: new Date().toISOString(),
	}

	let recoveredFrom: LockInfo | null = null
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			fs.writeFileSync(lockFile, JSON.stringify(info, null, 2), { flag: 'wx' })
			held.set(lockFile, info.token)
			// However the process ends (an error, process.exit), the lock goes with it; only a
			// crash leaves it behind, and the next start recognises that.
			const onExit = () => releaseLock(lockFile, info.token)
			process.once('exit', onExit)
			const release = () => {
				process.removeListener('exit', onExit)
				releaseLock(lockFile, info.token)
			}
			return { token: info.token, recoveredFrom, inherited: false, release }
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
		}
		const owner = readLock(lockFile)
		const ours = held.get(lockFile) ?? env[LOCK_TOKEN_ENV]
		if (owner && ours && ours === owner.token) {
			return { token: owner.token, recoveredFrom: null, inherited: true, release: () => {} }
		}
		if (owner && isAlive(owner)) throw new EmbeddedDatabaseBusyError(lockFile, owner)
		// The owner crashed (or the file is unreadable): take the lock over. PGlite replays its
		// write-ahead log on open, as PostgreSQL does after a crash.
		recoveredFrom = owner
		fs.rmSync(lockFile, { force: true })
	}
	throw new Error(`Could not take the embedded database lock at ${lockFile}; another process keeps creating it.`)
}

function readLock(lockFile: string): LockInfo | null {
	try {
		const parsed = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as Partial<LockInfo>
		if (typeof parsed.pid !== 'number' || typeof parsed.token !== 'string') return null
		return parsed as LockInfo
	} catch {
		return null
	}
}

function isAlive(owner: LockInfo): boolean {
	// A pid from another machine (a shared volume) cannot be checked: assume it lives.
	if (owner.hostname && owner.hostname !== os.hostname()) return true
	if (owner.pid === process.pid) return true
	try {
		process.kill(owner.pid, 0)
		return true
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM'
	}
}

function releaseLock(lockFile: string, token: string) {
	if (held.get(lockFile) === token) held.delete(lockFile)
	const owner = readLock(lockFile)
	if (owner?.token === token) fs.rmSync(lockFile, { force: true })
}
