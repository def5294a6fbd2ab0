// Small helpers for actions: the client's IP, and the 429 answer for rate-limited forms.
import { data } from '@remix-run/node'
import { type SubmissionResult } from '@conform-to/react'
import { type RefusalReason } from '#app/domain/referrals/step-result.ts'
import { currentRequestContext } from './request-context.server.ts'

export function clientIp(): string | null {
	return currentRequestContext()?.ip ?? null
}

/** The form's answer with a form-level error; `extra` carries the other fields the page's action data has, `message` replaces the generic one. */
export function tooManyAttempts<E extends object = object>(result: SubmissionResult<string[]>, retryAfterSeconds: number, extra?: E, message?: string) {
	const minutes = Math.ceil(retryAfterSeconds / 60)
	return data(
		{ ...(extra as E), result: { ...result, status: 'error' as const, error: { '': [message ?? `Too many attempts. Please wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`] } } },
		{ status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } },
	)
}

const STATUS_OF = { invalid: 400, payment_required: 402, forbidden: 403, not_found: 404, conflict: 409 } as const satisfies Record<RefusalReason, number>

/** The one place a domain refusal becomes an HTTP status. */
export function httpStatus(reason: RefusalReason): (typeof STATUS_OF)[RefusalReason] {
	return STATUS_OF[reason]
}
