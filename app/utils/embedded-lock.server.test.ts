import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { acquireEmbeddedLock, EmbeddedDatabaseBusyError, LOCK_TOKEN_ENV } from './embedded-lock.server.ts'

let dir: string
let lockFile: string
beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-lock-'))
	lockFile = path.join(dir, 'pglite.lock')
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

function writeForeignLock(pid: number, token = 'theirs') {
	fs.writeFileSync(lockFile, JSON.stringify({ pid, token, hostname: os.hostname(), command: 'npm start', startedAt: '2026-11-22T10:00:00.000Z' }))
}

function deadPid(): number {
	const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
	return Number(child.stdout)
}

test('takes a free lock and releases it', () => {
	const lock = acquireEmbeddedLock(lockFile, { command: 'test' })
	expect(JSON.parse(fs.readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: process.pid, token: lock.token, command: 'test' })
	lock.release()
	expect(fs.existsSync(lockFile)).toBe(false)
})

test('refuses while another live process holds it, naming the process and what to do', () => {
	writeForeignLock(process.ppid)
	expect(() => acquireEmbeddedLock(lockFile)).toThrow(EmbeddedDatabaseBusyError)
	expect(() => acquireEmbeddedLock(lockFile)).toThrow(`in use by another process (pid ${process.ppid}, "npm start"`)
	expect(JSON.parse(fs.readFileSync(lockFile, 'utf8')).token).toBe('theirs')
})

test('takes over a lock left by a process that died, and says so', () => {
	const pid = deadPid()
	writeForeignLock(pid)
	const lock = acquireEmbeddedLock(lockFile)
	expect(lock.recoveredFrom).toMatchObject({ pid })
	expect(JSON.parse(fs.readFileSync(lockFile, 'utf8')).pid).toBe(process.pid)
	lock.release()
})

test('a child given the owner’s token shares the lock without taking it', () => {
	writeForeignLock(process.ppid, 'parent-token')
	const lock = acquireEmbeddedLock(lockFile, { env: { [LOCK_TOKEN_ENV]: 'parent-token' } })
	expect(lock.inherited).toBe(true)
	lock.release()
	expect(fs.existsSync(lockFile)).toBe(true) // still the parent's
})

test('the holder may open it again in the same process; a wrong token may not', () => {
	const lock = acquireEmbeddedLock(lockFile)
	expect(acquireEmbeddedLock(lockFile).inherited).toBe(true)
	lock.release()
	writeForeignLock(process.ppid, 'parent-token')
	expect(() => acquireEmbeddedLock(lockFile, { env: { [LOCK_TOKEN_ENV]: 'guess' } })).toThrow(EmbeddedDatabaseBusyError)
})

test('a process that exits without releasing (an error path) leaves no lock behind', () => {
	const script = `
		import { acquireEmbeddedLock } from ${JSON.stringify(path.resolve('app/utils/embedded-lock.server.ts'))}
		acquireEmbeddedLock(${JSON.stringify(lockFile)})
		process.exit(1)
	`
	const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' })
	expect(result.status).toBe(1)
	expect(fs.existsSync(lockFile)).toBe(false)
})

test('a process killed outright leaves the lock, and the next one recovers it', () => {
	const script = `
		import { acquireEmbeddedLock } from ${JSON.stringify(path.resolve('app/utils/embedded-lock.server.ts'))}
		acquireEmbeddedLock(${JSON.stringify(lockFile)})
		process.kill(process.pid, 'SIGKILL')
	`
	spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' })
	expect(fs.existsSync(lockFile)).toBe(true)
	const lock = acquireEmbeddedLock(lockFile)
	expect(lock.recoveredFrom).not.toBeNull()
	lock.release()
})
