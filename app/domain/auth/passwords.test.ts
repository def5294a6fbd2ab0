import { expect, test } from 'vitest'
import { checkPassword, describePasswordProblem, passwordStrength } from './passwords.ts'

test.each([
	['short', 'too_short'],
	['elevenchars', 'too_short'],
	['x'.repeat(129), 'too_long'],
	['password1234', 'common'],
	['Password1234', 'common'],
	['aaaaaaaaaaaaaaaa', 'repetitive'],
	['abababababababab', 'repetitive'],
])('%j is refused as %s', (password, problem) => {
	expect(checkPassword(password)).toBe(problem)
})

test('length, not composition: a long all-lower-case passphrase is fine', () => {
	expect(checkPassword('correct horse battery staple')).toBeNull()
	expect(checkPassword('twelve chars')).toBeNull()
})

test('a password containing the email’s name is refused', () => {
	expect(checkPassword('maria.lopez-rocks', { email: 'maria.lopez@example.com' })).toBe('contains_email')
	expect(checkPassword('a different phrase', { email: 'maria.lopez@example.com' })).toBeNull()
})

test('length is counted in characters, not bytes', () => {
	expect(checkPassword('ümlautsäöüßé')).toBeNull()
})

test('every problem has a message that says what to do', () => {
	for (const problem of ['too_short', 'too_long', 'common', 'contains_email', 'repetitive'] as const) {
		expect(describePasswordProblem(problem).length).toBeGreaterThan(15)
	}
})

test('the strength hint grows with length and variety', () => {
	expect(passwordStrength('short')).toBe('weak')
	expect(passwordStrength('twelve chars')).toBe('fair')
	expect(passwordStrength('correct horse battery staple')).toBe('strong')
	expect(passwordStrength('Tr0ub4dor&3xyz')).toBe('strong')
})
