import { expect, test } from 'vitest'
import { normalizeSignInCode, secondStepAfterPassword, signInCodeFrom, signInCodeWaitMessage } from './login-policy.ts'

test('an emailed code only when the account is under attack and the address is new, and two-factor is not already the second step', () => {
	expect(secondStepAfterPassword({ access: 'full', accountUnderAttack: true, knownAddress: false })).toBe('sign_in_code')
	expect(secondStepAfterPassword({ access: 'full', accountUnderAttack: true, knownAddress: true })).toBe('none')
	expect(secondStepAfterPassword({ access: 'full', accountUnderAttack: false, knownAddress: false })).toBe('none')
	expect(secondStepAfterPassword({ access: 'two_factor', accountUnderAttack: true, knownAddress: false })).toBe('none')
	// Setting up two-factor proves nothing: whoever has the password could set up their own phone.
	expect(secondStepAfterPassword({ access: 'two_factor_setup', accountUnderAttack: true, knownAddress: false })).toBe('sign_in_code')
})

test('codes are six digits, typed with or without spaces and dashes', () => {
	expect(signInCodeFrom(new Uint32Array([42]))).toBe('000042')
	expect(signInCodeFrom(new Uint32Array([4_294_967_295]))).toBe('967295')
	expect(normalizeSignInCode(' 123 456 ')).toBe('123456')
	expect(normalizeSignInCode('123-456')).toBe('123456')
	expect(normalizeSignInCode('12345')).toBeNull()
	expect(normalizeSignInCode('12345a')).toBeNull()
})

test('past the sending limit, the person is told to wait, in whole minutes rounded up', () => {
	expect(signInCodeWaitMessage(3600)).toMatch(/not sending another yet\. Please wait 60 minutes and try again\.$/)
	expect(signInCodeWaitMessage(61)).toMatch(/wait 2 minutes/)
	expect(signInCodeWaitMessage(1)).toMatch(/wait 1 minute and/)
})
