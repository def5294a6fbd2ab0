// Small helpers for actions: the client's IP, and the 429 answer for rate-limited forms.
import { data } from '@remix-run/node'
import { type SubmissionResult } from '@conform-to/react'
import { currentRequestContext } from './request-context.server.ts'

export function clientIp(): string | null {
	return currentRequestContext()?.ip ?? null
}

export function tooManyAttempts(result: SubmissionResult<string[]>, retryAfterSeconds: number) {
	const minutes = Math.ceil(retryAfterSeconds / 60)
	return data(
		{ result: { ...result, status: 'error' as const, error: { '': [`Too many attempts. Please wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`] } } },
		{ status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } },
	)
}
