import { expect, test } from 'vitest'
import { safeRedirect } from './redirect.ts'

test.each([
	['/clinic/referrals?status=open', '/clinic/referrals?status=open'],
	['https://evil.example/', '/account'],
	['//evil.example/', '/account'],
	['/\\evil.example', '/account'],
	['javascript:alert(1)', '/account'],
	['/ok\nSet-Cookie: x', '/account'],
	[undefined, '/account'],
])('%j goes to %j', (to, expected) => {
	expect(safeRedirect(to)).toBe(expected)
})
