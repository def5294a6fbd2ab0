import { expect, test } from 'vitest'
import { safeRedirect } from './redirect.ts'

test.each([
	['/clinic/referrals?status=open', '/clinic/referrals?status=open'],
	['https://evil.example/', '/home'],
	['//evil.example/', '/home'],
	['/\\evil.example', '/home'],
	['javascript:alert(1)', '/home'],
	['/ok\nSet-Cookie: x', '/home'],
	[undefined, '/home'],
])('%j goes to %j', (to, expected) => {
	expect(safeRedirect(to)).toBe(expected)
})
