// Which outbox job the code runs for, if any (AsyncLocalStorage, opened by the worker around each job):
// an email sent by a job gets a Message-ID made from the job's id, so another attempt of the same job
// sends it under the same one (email.server.ts).
import { AsyncLocalStorage } from 'node:async_hooks'
import { remember } from './remember.server.ts'

const storage = remember('job-context', () => new AsyncLocalStorage<{ jobId: string }>())

export function runWithJobContext<T>(jobId: string, fn: () => T): T {
	return storage.run({ jobId }, fn)
}

/** The id of the outbox job this code runs for, if any. */
export function currentJobId(): string | undefined {
	return storage.getStore()?.jobId
}
