// Clinic API keys (docs/product.md §8.3): `tdm_` and 32 characters of lower-case base32 (160 random
// bits). Only the SHA-256 is stored; the first 12 characters are kept in clear so that people can
// tell their keys apart. Pure.
import { generateToken, hashToken } from './tokens.ts'

export const API_KEY_PREFIX = 'tdm_'
const SHAPE = /^tdm_[a-z2-7]{32}$/

export function generateApiKey(): { key: string; hash: string; prefix: string } {
	const key = `${API_KEY_PREFIX}${generateToken()}`
	return { key, hash: hashToken(key), prefix: key.slice(0, 12) }
}

export function looksLikeApiKey(value: string): boolean {
	return SHAPE.test(value)
}

export const hashApiKey = hashToken

/** The key in an `Authorization: Bearer …` header, or why there is none. */
export function bearerKey(header: string | null): { ok: true; key: string } | { ok: false; problem: 'missing' | 'malformed' } {
	if (!header) return { ok: false, problem: 'missing' }
	const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
	if (!match || !looksLikeApiKey(match[1]!)) return { ok: false, problem: 'malformed' }
	return { ok: true, key: match[1]! }
}
