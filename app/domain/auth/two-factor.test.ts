import { expect, test } from 'vitest'
import {
	checkTotpCode,
	formatTotpKey,
	generateRecoveryCodes,
	generateTotpKey,
	hashRecoveryCode,
	normalizeRecoveryCode,
	normalizeTotpCode,
	sessionAccess,
	totpCodeAt,
	totpKeyUri,
	totpStep,
} from './two-factor.ts'

// RFC 6238 appendix B: the SHA-1 key "12345678901234567890"; at T = 59 s the 8-digit code is
// 94287082, so the 6-digit one is its last six digits.
const rfcKey = new TextEncoder().encode('12345678901234567890')
const at = (seconds: number) => new Date(seconds * 1000)

test('codes match RFC 6238 test vectors', () => {
	expect(totpCodeAt(rfcKey, at(59))).toBe('287082')
	expect(totpCodeAt(rfcKey, at(1111111109))).toBe('081804')
	expect(totpCodeAt(rfcKey, at(1234567890))).toBe('005924')
})

test('a code is accepted in its own step and one step either side, and not beyond', () => {
	const now = at(1_800_000_000)
	const code = totpCodeAt(rfcKey, now)
	expect(checkTotpCode(rfcKey, code, now, null)).toEqual({ ok: true, step: totpStep(now) })
	expect(checkTotpCode(rfcKey, code, at(1_800_000_000 + 30), null)).toMatchObject({ ok: true })
	expect(checkTotpCode(rfcKey, code, at(1_800_000_000 - 30), null)).toMatchObject({ ok: true })
	expect(checkTotpCode(rfcKey, code, at(1_800_000_000 + 61), null)).toEqual({ ok: false, reason: 'invalid' })
})

test('a code works once: its step or an earlier one is refused as reused', () => {
	const now = at(1_800_000_000)
	const code = totpCodeAt(rfcKey, now)
	const step = totpStep(now)
	expect(checkTotpCode(rfcKey, code, now, step)).toEqual({ ok: false, reason: 'reused' })
	expect(checkTotpCode(rfcKey, code, now, step + 1)).toEqual({ ok: false, reason: 'reused' })
	expect(checkTotpCode(rfcKey, code, now, step - 1)).toMatchObject({ ok: true })
})

test.each([
	['', null],
	['12345', null],
	['1234567', null],
	['abcdef', null],
	['123 456', '123456'],
	['123-456', '123456'],
	[' 123456 ', '123456'],
])('normalizeTotpCode(%j) is %j', (input, expected) => {
	expect(normalizeTotpCode(input)).toBe(expected)
})

test('a wrong code or another key is refused', () => {
	const now = at(1_800_000_000)
	const right = totpCodeAt(rfcKey, now)
	const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0')
	expect(checkTotpCode(rfcKey, wrong, now, null)).toEqual({ ok: false, reason: 'invalid' })
	expect(checkTotpCode(generateTotpKey(), right, now, null).ok).toBe(false)
	expect(checkTotpCode(rfcKey, 'not a code', now, null)).toEqual({ ok: false, reason: 'invalid' })
})

test('keys are 160 random bits, shown for typing in groups of four, and in an otpauth URI', () => {
	const key = generateTotpKey()
	expect(key).toHaveLength(20)
	expect(generateTotpKey()).not.toEqual(key)
	expect(formatTotpKey(rfcKey)).toBe('GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ')
	const uri = new URL(totpKeyUri('ana@example.org', rfcKey))
	expect(uri.protocol).toBe('otpauth:')
	expect(uri.searchParams.get('secret')).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')
	expect(uri.searchParams.get('issuer')).toBe('Tandem')
	expect(uri.searchParams.get('digits')).toBe('6')
	expect(uri.searchParams.get('period')).toBe('30')
})

test('recovery codes: ten distinct 80-bit codes, typed back in any case with or without dashes', () => {
	const codes = generateRecoveryCodes()
	expect(new Set(codes).size).toBe(10)
	for (const code of codes) expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/)
	const code = codes[0]!
	const normalized = normalizeRecoveryCode(code)!
	expect(normalizeRecoveryCode(code.toLowerCase().replace(/-/g, ' '))).toBe(normalized)
	expect(normalizeRecoveryCode('ABCD-EFGH')).toBeNull()
	expect(normalizeRecoveryCode('ABCD-EFGH-IJKL-MNO1')).toBeNull() // 1 is not base32
	expect(hashRecoveryCode(normalized)).toMatch(/^[0-9a-f]{64}$/)
	expect(hashRecoveryCode(normalized)).not.toContain(normalized)
})

test.each([
	[{ twoFactorEnabled: false, sessionVerified: false, isPlatformAdmin: false }, 'full'],
	[{ twoFactorEnabled: true, sessionVerified: false, isPlatformAdmin: false }, 'two_factor'],
	[{ twoFactorEnabled: true, sessionVerified: true, isPlatformAdmin: false }, 'full'],
	[{ twoFactorEnabled: false, sessionVerified: false, isPlatformAdmin: true }, 'two_factor_setup'],
	[{ twoFactorEnabled: true, sessionVerified: false, isPlatformAdmin: true }, 'two_factor'],
	[{ twoFactorEnabled: true, sessionVerified: true, isPlatformAdmin: true }, 'full'],
] as const)('sessionAccess(%j) is %s', (input, expected) => {
	expect(sessionAccess(input)).toBe(expected)
})
