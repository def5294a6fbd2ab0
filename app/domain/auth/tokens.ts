// Secret tokens the Lucia way: 20 random bytes (160 bits) as lower-case base32 for the cookie or
// the emailed link; only the SHA-256 of a token, as hex, is ever stored.
import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'

export function generateToken(): string {
	const bytes = new Uint8Array(20)
	crypto.getRandomValues(bytes)
	return encodeBase32LowerCaseNoPadding(bytes)
}

export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)))
}

/** A token as this app issues it: 32 characters of lower-case base32. */
export function looksLikeToken(value: unknown): value is string {
	return typeof value === 'string' && /^[a-z2-7]{32}$/.test(value)
}
