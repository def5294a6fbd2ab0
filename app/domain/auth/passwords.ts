// Password rules in the style of NIST SP 800-63B: length, not composition; refuse the most common
// and the obvious (the email itself); give a strength hint rather than rules about symbols.

export const PASSWORD_MIN_LENGTH = 12
export const PASSWORD_MAX_LENGTH = 128

// The most common passwords of at least the minimum length, from public breach corpora.
const COMMON = new Set([
	'123456789012',
	'1234567890123',
	'qwertyuiopas',
	'qwerty123456',
	'password1234',
	'password12345',
	'passwordpassword',
	'iloveyou1234',
	'aaaaaaaaaaaa',
	'111111111111',
	'000000000000',
	'abcdefghijkl',
	'abc123456789',
	'letmein12345',
	'welcome12345',
	'administrator',
	'adminadmin12',
	'qwertyqwerty',
	'1q2w3e4r5t6y',
	'zaq12wsxcde3',
	'trustno1trustno1',
	'changeme1234',
	'ketamine1234',
	'therapist123',
])

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contains_email' | 'repetitive'

export function checkPassword(password: string, context: { email?: string } = {}): PasswordProblem | null {
	const length = [...password].length
	if (length < PASSWORD_MIN_LENGTH) return 'too_short'
	if (length > PASSWORD_MAX_LENGTH) return 'too_long'
	const lower = password.toLowerCase()
	if (COMMON.has(lower)) return 'common'
	const local = context.email?.split('@')[0]?.toLowerCase()
	if (local && local.length >= 4 && lower.includes(local)) return 'contains_email'
	if (new Set(lower).size <= 3) return 'repetitive'
	return null
}

export function describePasswordProblem(problem: PasswordProblem): string {
	switch (problem) {
		case 'too_short':
			return `Use at least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a long password easy to remember.`
		case 'too_long':
			return `Use at most ${PASSWORD_MAX_LENGTH} characters.`
		case 'common':
			return 'That password is one of the most commonly used; choose another.'
		case 'contains_email':
			return 'Your password should not contain your email address.'
		case 'repetitive':
			return 'That password repeats too few characters; choose something less predictable.'
	}
}

export type PasswordStrength = 'weak' | 'fair' | 'strong'

/** A rough hint from length and variety; the rules above decide what is allowed. */
export function passwordStrength(password: string): PasswordStrength {
	const length = [...password].length
	const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length
	const unique = new Set(password).size
	if (length < PASSWORD_MIN_LENGTH || unique < 6) return 'weak'
	if (length >= 20 || (length >= 14 && classes >= 3 && unique >= 10)) return 'strong'
	return 'fair'
}
