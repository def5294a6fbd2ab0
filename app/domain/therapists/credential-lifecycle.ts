// What a platform admin may do with a credential after its review (docs/product.md §3): suspend or
// revoke a verified one, reinstate a suspended one (revoked is final), and record a board check.
// Pure; dates are YYYY-MM-DD. Only `verified` counts for jurisdiction, so every other status stops
// counting the moment it is stored.
import { type CredentialStatus } from './jurisdiction.ts'
import { nextCheckDue } from './verification.ts'

export type CredentialAction = 'suspend' | 'revoke' | 'reinstate'

export const CREDENTIAL_ACTIONS = ['suspend', 'revoke', 'reinstate'] as const satisfies readonly CredentialAction[]

/** Which status each action leaves, and from which statuses it may be taken. */
export const CREDENTIAL_TRANSITIONS: Record<CredentialAction, { from: readonly CredentialStatus[]; to: CredentialStatus }> = {
	suspend: { from: ['verified'], to: 'suspended' },
	revoke: { from: ['verified', 'suspended'], to: 'revoked' },
	reinstate: { from: ['suspended'], to: 'verified' },
}

/** A reason is shown to the therapist and kept in the audit log: required, and short. */
export const REASON_MAX_LENGTH = 500

/** The actions open to a credential in `status`, in the order the page offers them. */
export function allowedCredentialActions(status: CredentialStatus): CredentialAction[] {
	return CREDENTIAL_ACTIONS.filter((action) => CREDENTIAL_TRANSITIONS[action].from.includes(status))
}

export type TransitionResult =
	{ ok: true; to: CredentialStatus; reason: string } | { ok: false; reason: 'not_allowed'; allowed: CredentialAction[] } | { ok: false; reason: 'invalid'; field: 'reason'; message: string }

/**
 * Whether `action` may be taken on a credential in `status`, and the status it leaves. The reason
 * comes back trimmed. A suspended credential that has expired in the meantime is not reinstated:
 * like verification, reinstating says it was checked and counts, which an expired one cannot.
 */
export function credentialTransition(credential: { status: CredentialStatus; expiresOn: string }, action: CredentialAction, reason: string, today: string): TransitionResult {
	const rule = CREDENTIAL_TRANSITIONS[action]
	if (!rule.from.includes(credential.status)) return { ok: false, reason: 'not_allowed', allowed: allowedCredentialActions(credential.status) }
	const trimmed = reason.trim()
	if (!trimmed) return { ok: false, reason: 'invalid', field: 'reason', message: 'Say why; the therapist sees this reason.' }
	if (trimmed.length > REASON_MAX_LENGTH) return { ok: false, reason: 'invalid', field: 'reason', message: `Keep the reason under ${REASON_MAX_LENGTH} characters.` }
	if (action === 'reinstate' && credential.expiresOn < today) {
		return { ok: false, reason: 'invalid', field: 'reason', message: 'It has expired, so it cannot be reinstated. Revoke it, or leave it suspended until the therapist adds the renewal.' }
	}
	return { ok: true, to: rule.to, reason: trimmed }
}

export type CheckResult = { ok: true; nextCheckDue: string } | { ok: false; reason: 'not_allowed' }

/**
 * A board check of a verified credential: the next one is due a year on, or at the expiry if
 * sooner (as after verification). Only a verified, unexpired credential is checked: any other
 * does not count, and an expired one stops counting by itself.
 */
export function recordCheck(credential: { status: CredentialStatus; expiresOn: string }, today: string): CheckResult {
	if (credential.status !== 'verified' || credential.expiresOn < today) return { ok: false, reason: 'not_allowed' }
	return { ok: true, nextCheckDue: nextCheckDue(today, credential.expiresOn) }
}
