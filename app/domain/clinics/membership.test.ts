import { expect, test } from 'vitest'
import { checkInvitation, checkMembershipChange, type Member } from './membership.ts'

const team: Member[] = [
	{ userId: 'ana', role: 'clinic_admin' },
	{ userId: 'ben', role: 'coordinator' },
]
const twoAdmins: Member[] = [...team, { userId: 'cy', role: 'clinic_admin' }]

test.each([
	[team, { kind: 'change_role', userId: 'ben', role: 'clinic_admin' }, null],
	[team, { kind: 'remove', userId: 'ben' }, null],
	[team, { kind: 'change_role', userId: 'ana', role: 'coordinator' }, 'last_admin'],
	[team, { kind: 'remove', userId: 'ana' }, 'last_admin'],
	[twoAdmins, { kind: 'change_role', userId: 'ana', role: 'coordinator' }, null],
	[twoAdmins, { kind: 'remove', userId: 'ana' }, null],
	[team, { kind: 'change_role', userId: 'ben', role: 'coordinator' }, 'unchanged'],
	[team, { kind: 'remove', userId: 'zed' }, 'not_a_member'],
	[team, { kind: 'change_role', userId: 'zed', role: 'coordinator' }, 'not_a_member'],
] as const)('%#: %j → %s', (members, change, expected) => {
	expect(checkMembershipChange(members, change)).toBe(expected)
})

test('an address already in the team cannot be invited again, whatever its case', () => {
	expect(checkInvitation(['ana@example.org'], 'ANA@example.org')).toBe('already_member')
	expect(checkInvitation(['ana@example.org'], 'ben@example.org')).toBeNull()
})
