import { expect, test } from 'vitest'
import { generateToken, hashToken, looksLikeToken } from './tokens.ts'

test('a token carries 160 random bits as 32 lower-case base32 characters', () => {
	const tokens = new Set(Array.from({ length: 1000 }, generateToken))
	expect(tokens.size).toBe(1000)
	for (const token of tokens) expect(looksLikeToken(token)).toBe(true)
})

test('only a SHA-256 of the token is stored: stable, hex, and not the token', () => {
	const token = 'abcdefghijklmnopqrstuvwxyz234567'
	expect(hashToken(token)).toBe(hashToken(token))
	expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/)
	// Known answer: sha256("abc")
	expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
	expect(hashToken(token)).not.toContain(token)
})

test.each([['ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'], ['short'], ['abcdefghijklmnopqrstuvwxyz23456!'], [42], [null]])('%j is not a token this app issues', (value) => {
	expect(looksLikeToken(value)).toBe(false)
})
