// Two-factor rules (docs/product.md §5): TOTP codes as RFC 6238 describes them (30-second steps, six
// digits, SHA-1, as every authenticator app expects), each accepted once; single-use recovery
// codes; and what a session may do before its second factor is given. Pure, with the clock passed in.
import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32UpperCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp'

export const TOTP_PERIOD_SECONDS = 30
export const TOTP_DIGITS = 6
/** Codes from one step before or after are accepted too: phones' clocks drift. */
export const TOTP_DRIFT_STEPS = 1
export const TOTP_KEY_BYTES = 20
export const RECOVERY_CODE_COUNT = 10

export function totpStep(now: Date): number {
	return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS)
}

export function generateTotpKey(): Uint8Array {
	const key = new Uint8Array(TOTP_KEY_BYTES)
	crypto.getRandomValues(key)
	return key
}

export function totpCodeAt(key: Uint8Array, now: Date): string {
	return generateHOTP(key, BigInt(totpStep(now)), TOTP_DIGITS)
}

/** "123 456" and "123456" are the same code; anything else than six digits is not a code. */
export function normalizeTotpCode(input: string): string | null {
	const code = input.replace(/[\s-]/g, '')
	return /^\d{6}$/.test(code) ? code : null
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: 'invalid' | 'reused' }

/**
 * Whether `code` is the key's code for a step near `now`. A code from a step at or before
 * `lastUsedStep` is refused even when it matches, so a code seen over someone's shoulder cannot
 * be used again.
 */
export function checkTotpCode(key: Uint8Array, input: string, now: Date, lastUsedStep: number | null): TotpCheck {
	const code = normalizeTotpCode(input)
	if (!code) return { ok: false, reason: 'invalid' }
	const current = totpStep(now)
	for (let step = current - TOTP_DRIFT_STEPS; step <= current + TOTP_DRIFT_STEPS; step++) {
		if (!constantTimeEqual(generateHOTP(key, BigInt(step), TOTP_DIGITS), code)) continue
		if (lastUsedStep !== null && step <= lastUsedStep) return { ok: false, reason: 'reused' }
		return { ok: true, step }
	}
	return { ok: false, reason: 'invalid' }
}

function constantTimeEqual(a: string, b: string): boolean {
	if (a.length !== b.length) return false
	let diff = 0
	for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
	return diff === 0
}

/** The otpauth:// URI an authenticator app scans from the QR code. */
export function totpKeyUri(accountName: string, key: Uint8Array): string {
	return createTOTPKeyURI('Tandem', accountName, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS)
}

/** The key as people type it into an app by hand: base32 in groups of four. */
export function formatTotpKey(key: Uint8Array): string {
	return encodeBase32UpperCaseNoPadding(key)
		.replace(/(.{4})/g, '$1 ')
		.trim()
}

/** Recovery codes: 80 random bits each, shown as XXXX-XXXX-XXXX-XXXX in base32. */
export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
	return Array.from({ length: count }, () => {
		const bytes = new Uint8Array(10)
		crypto.getRandomValues(bytes)
		return encodeBase32UpperCaseNoPadding(bytes).match(/.{4}/g)!.join('-')
	})
}

/** Case, spaces and dashes do not matter when a recovery code is typed back. */
export function normalizeRecoveryCode(input: string): string | null {
	const code = input.toUpperCase().replace(/[\s-]/g, '')
	return /^[A-Z2-7]{16}$/.test(code) ? code : null
}

export function hashRecoveryCode(normalized: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(normalized)))
}

/**
 * What a signed-in session may do. `full`: everything its roles allow. `sign_in_code`: the
 * session owes a code sent by email (login-policy.ts) before anything else. `two_factor`: the
 * account has two-factor on and this session has not given a code yet. `two_factor_setup`: a
 * platform admin who has not set up two-factor, which is required for them.
 */
export type SessionAccess = 'full' | 'sign_in_code' | 'two_factor' | 'two_factor_setup'

export function sessionAccess(input: { twoFactorEnabled: boolean; sessionVerified: boolean; isPlatformAdmin: boolean; signInCodeOwed?: boolean }): SessionAccess {
	if (input.signInCodeOwed) return 'sign_in_code'
	if (input.twoFactorEnabled) return input.sessionVerified ? 'full' : 'two_factor'
	return input.isPlatformAdmin ? 'two_factor_setup' : 'full'
}
