// Encrypts small secrets the app must read back (TOTP keys) with AES-256-GCM. The key is derived
// from SESSION_SECRET with HKDF, so a copy of the database alone does not reveal them; changing
// SESSION_SECRET makes stored secrets unreadable (two-factor must then be set up again).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { env } from './env.server.ts'
import { remember } from './remember.server.ts'

const VERSION = 'v1'

function key(secret: string): Buffer {
	return remember(`secret-box-key:${secret}`, () => Buffer.from(hkdfSync('sha256', secret, 'tandem', 'secret-box v1', 32)))
}

/** `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
export function sealSecret(plain: Uint8Array, secret = env().SESSION_SECRET): string {
	const iv = randomBytes(12)
	const cipher = createCipheriv('aes-256-gcm', key(secret), iv)
	const body = Buffer.concat([cipher.update(plain), cipher.final()])
	return [VERSION, iv, cipher.getAuthTag(), body].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.')
}

/** The secret, or null when it was sealed with another key or altered. */
export function openSecret(sealed: string, secret = env().SESSION_SECRET): Uint8Array | null {
	const [version, iv, tag, body] = sealed.split('.')
	if (version !== VERSION || !iv || !tag || body === undefined) return null
	try {
		const decipher = createDecipheriv('aes-256-gcm', key(secret), Buffer.from(iv, 'base64url'))
		decipher.setAuthTag(Buffer.from(tag, 'base64url'))
		return new Uint8Array(Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]))
	} catch {
		return null
	}
}
