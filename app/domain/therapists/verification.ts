// Credential verification rules: when a verified license or authorization must be checked again
// against its board, and which are about to expire. Pure; dates are YYYY-MM-DD.
import { addDaysToDate } from '#app/domain/calendar-dates.ts'

/** Boards are re-checked yearly, and always by the expiry date. */
export const RECHECK_AFTER_MONTHS = 12
export const EXPIRY_NOTICE_DAYS = 30

function addMonths(date: string, months: number): string {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number]
	const target = new Date(Date.UTC(y, m - 1 + months, 1))
	// The same day of the month, or the month's last day (31 January + 1 month = 28/29 February).
	const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
	target.setUTCDate(Math.min(d, lastDay))
	return target.toISOString().slice(0, 10)
}

/** When a credential verified on `verifiedOn` must next be checked: a year on, or its expiry if sooner. */
export function nextCheckDue(verifiedOn: string, expiresOn: string): string {
	const yearly = addMonths(verifiedOn, RECHECK_AFTER_MONTHS)
	return expiresOn < yearly ? expiresOn : yearly
}

/** Verified credentials that expire within the notice period from `today` (and have not yet). */
export function isExpiringSoon(credential: { status: string; expiresOn: string }, today: string, days = EXPIRY_NOTICE_DAYS): boolean {
	return credential.status === 'verified' && credential.expiresOn >= today && credential.expiresOn <= addDaysToDate(today, days)
}

export type ReviewDecision = 'verify' | 'reject'

/** Why a review cannot be recorded as given, or null. A rejection must say why, for the therapist. */
export function reviewProblem(decision: ReviewDecision, note: string, expiresOn: string, today: string): string | null {
	if (decision === 'reject' && note.trim().length === 0) return 'Say why it is rejected; the therapist sees this note.'
	if (decision === 'verify' && expiresOn < today) return 'It has expired, so it cannot be verified. Reject it and ask for the renewal.'
	return null
}

/**
 * The next check date of a credential an import writes with `status` (the import is a trusted
 * source, so it verifies): kept when it was already verified, brought forward to a sooner expiry,
 * counted from today when newly verified, none when not verified.
 */
export function importedNextCheck(previous: { status: string; nextCheckDue: string | null } | null, status: string, expiresOn: string, today: string): string | null {
	if (status !== 'verified') return null
	if (previous?.status === 'verified' && previous.nextCheckDue) return previous.nextCheckDue < expiresOn ? previous.nextCheckDue : expiresOn
	return nextCheckDue(today, expiresOn)
}

/** A suspension or revocation is an admin's decision: an import neither undoes nor overwrites it. */
export function importLeavesAlone(status: string): boolean {
	return status === 'suspended' || status === 'revoked'
}
