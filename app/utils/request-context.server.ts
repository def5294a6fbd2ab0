// What the HTTP layer knows about the current request and Remix's Request does not: the client's
// IP (behind a trusted proxy), the CSP nonce, and the signed-in session it already validated.
// Carried with AsyncLocalStorage so helpers keep simple signatures such as requireUser(request).
import { AsyncLocalStorage } from 'node:async_hooks'
import { type AuthState } from './session.server.ts'
import { remember } from './remember.server.ts'

export type RequestContext = {
	ip: string | null
	userAgent: string | null
	cspNonce: string
	auth: AuthState | null
}

const storage = remember('request-context', () => new AsyncLocalStorage<RequestContext>())

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
	return storage.run(context, fn)
}

export function currentRequestContext(): RequestContext | undefined {
	return storage.getStore()
}
