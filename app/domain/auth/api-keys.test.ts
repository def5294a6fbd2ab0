import { expect, test } from 'vitest'
import { bearerKey, generateApiKey, hashApiKey, looksLikeApiKey } from './api-keys.ts'

test('a key is 160 random bits with a recognisable prefix; only its hash and first characters are kept', () => {
	const a = generateApiKey()
	const b = generateApiKey()
	expect(a.key).toMatch(/^tdm_[a-z2-7]{32}$/)
	expect(a.key).not.toBe(b.key)
	expect(a.hash).toBe(hashApiKey(a.key))
	expect(a.hash).toMatch(/^[0-9a-f]{64}$/)
	expect(a.key.startsWith(a.prefix)).toBe(true)
	expect(a.prefix).toHaveLength(12)
	expect(looksLikeApiKey(a.key.toUpperCase())).toBe(false)
})

test('the bearer header: missing, malformed, or a key', () => {
	const { key } = generateApiKey()
	expect(bearerKey(null)).toEqual({ ok: false, problem: 'missing' })
	expect(bearerKey(`Basic ${key}`)).toEqual({ ok: false, problem: 'malformed' })
	expect(bearerKey('Bearer not-a-key')).toEqual({ ok: false, problem: 'malformed' })
	expect(bearerKey(`Bearer ${key}`)).toEqual({ ok: true, key })
	expect(bearerKey(`bearer   ${key} `)).toEqual({ ok: true, key })
})
