import { expect, test } from 'vitest'
import { openSecret, sealSecret } from './secret-box.server.ts'

const secret = 'a'.repeat(64)
const plain = new TextEncoder().encode('12345678901234567890')

test('a sealed secret opens with the same key, and looks nothing like the plain text', () => {
	const sealed = sealSecret(plain, secret)
	expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/)
	expect(sealed).not.toContain('1234567890')
	expect(openSecret(sealed, secret)).toEqual(plain)
	expect(sealSecret(plain, secret)).not.toBe(sealed) // a fresh IV each time
})

test('another key, an altered text or garbage opens to null', () => {
	const sealed = sealSecret(plain, secret)
	expect(openSecret(sealed, 'b'.repeat(64))).toBeNull()
	const parts = sealed.split('.')
	const body = Buffer.from(parts[3]!, 'base64url')
	body[0] = body[0]! ^ 1
	expect(openSecret([...parts.slice(0, 3), body.toString('base64url')].join('.'), secret)).toBeNull()
	expect(openSecret('v2.a.b.c', secret)).toBeNull()
	expect(openSecret('nonsense', secret)).toBeNull()
})
