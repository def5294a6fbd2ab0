// Logging in without letting anyone lock anyone out (docs/product.md §5). Wrong passwords are counted
// per account and IP address: past the limit that address is refused for that account, and nobody
// else is. Counted per account from everywhere, they never lock the account either: once past that
// limit the account is treated as under attack, and a right password from an address the person
// has never finished signing in from needs a second step — the two-factor code for those who have
// it, otherwise a code sent to their email address. Pure: the counts come in as data.
import { type SessionAccess } from './two-factor.ts'

/** How long an emailed sign-in code works. */
export const SIGN_IN_CODE_LIFETIME_MS = 15 * 60 * 1000
/** An address someone finished signing in from stays known this long after the last time. */
export const KNOWN_ADDRESS_DAYS = 180

export type SecondStep = 'none' | 'sign_in_code'

/**
 * After the right password: whether this log-in owes an emailed code. Two-factor is a second step
 * already; setting it up is not (an attacker with the password could set up their own phone).
 */
export function secondStepAfterPassword(input: { access: SessionAccess; accountUnderAttack: boolean; knownAddress: boolean }): SecondStep {
	if (input.access === 'two_factor') return 'none'
	return input.accountUnderAttack && !input.knownAddress ? 'sign_in_code' : 'none'
}

/** Six digits, from a uniformly random 32-bit number (the bias of the modulo is below one in 400,000). */
export function signInCodeFrom(random: Uint32Array): string {
	return String(random[0]! % 1_000_000).padStart(6, '0')
}

/** What someone typed, as a code: digits only, spaces and dashes dropped; null when it cannot be one. */
export function normalizeSignInCode(typed: string): string | null {
	const digits = typed.replace(/[\s-]/g, '')
	return /^\d{6}$/.test(digits) ? digits : null
}

/** When the account has been sent too many codes lately: no new one, and how long to wait for it. */
export function signInCodeWaitMessage(retryAfterSeconds: number): string {
	const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60))
	return `We have already emailed several sign-in codes for this account in the last hour, so we are not sending another yet. Please wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`
}
