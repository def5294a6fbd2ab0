// Clinics and their teams on a real database: creating a clinic, the invitation flow (new and
// existing accounts, single use, expiry, withdrawal), role changes that never leave a clinic
// without an admin, and the team page's answers to bad input and to the wrong roles.
import { afterAll, beforeEach, describe, expect, test } from 'vitest'
import { logIn } from '#app/domain/accounts/accounts.server.ts'
import { acceptInvitation, changeMembership, createClinic, describeInvitation, inviteToClinic, listTeam, revokeInvitation } from '#app/domain/clinics/clinics.server.ts'
import { action as membersAction, loader as membersLoader } from '#app/routes/clinics.$clinicId.members.tsx'
import { action as invitationAction } from '#app/routes/invitation.tsx'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { createSession, SESSION_COOKIE } from '#app/utils/session.server.ts'
import { lastEmailTo, tokenFrom, verifiedUser } from '#tests/setup/accounts.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'
import { submitForm } from '#tests/setup/form-action.ts'

const password = 'correct horse battery staple'

beforeEach(resetDatabase)
afterAll(closeDatabase)

const invitationToken = (text: string) => tokenFrom(text, '/invitation')

/** A clinic whose admin accepted by creating an account; returns both ids. */
async function clinicWithAdmin(adminEmail = 'teresa@clinic.example') {
	const created = await createClinic({ name: 'Hill Country Ketamine', zip: '78701', adminEmail, actorId: null })
	if (created.kind !== 'created') throw new Error('expected a clinic')
	const joined = await acceptInvitation(invitationToken((await lastEmailTo(adminEmail)).text), { newAccount: { name: 'Teresa', password } })
	if (joined.kind !== 'joined') throw new Error('expected to join')
	return { clinicId: created.clinicId, adminId: joined.userId }
}

describe('creating a clinic', () => {
	test('places it by ZIP code and invites a new admin, who joins by creating an account', async () => {
		const created = await createClinic({ name: 'Pensacola Infusions', zip: '32502', adminEmail: 'new@clinic.example', actorId: null })
		expect(created).toMatchObject({ kind: 'created', admin: 'invited' })
		if (created.kind !== 'created') return
		expect(await db().clinic.findUniqueOrThrow({ where: { id: created.clinicId } })).toMatchObject({ city: 'Pensacola', state: 'FL', zip: '32502', timeZone: 'America/Chicago' })

		const email = await lastEmailTo('new@clinic.example')
		expect(email.subject).toBe('You are invited to join Pensacola Infusions on Tandem')
		const token = invitationToken(email.text)
		expect(await describeInvitation(token)).toMatchObject({ clinicName: 'Pensacola Infusions', role: 'clinic_admin', email: 'new@clinic.example', accountExists: false })

		const joined = await acceptInvitation(token, { newAccount: { name: 'Nora', password } })
		expect(joined).toMatchObject({ kind: 'joined', clinicId: created.clinicId })
		const user = await db().user.findUniqueOrThrow({ where: { email: 'new@clinic.example' }, include: { memberships: true } })
		expect(user.emailVerifiedAt).not.toBeNull() // the link proved the address
		expect(user.memberships).toMatchObject([{ clinicId: created.clinicId, role: 'clinic_admin' }])
		expect(await logIn({ email: 'new@clinic.example', password })).toMatchObject({ kind: 'ok', access: 'full' })

		// Single use.
		expect(await acceptInvitation(token, { newAccount: { name: 'Mallory', password } })).toEqual({ kind: 'invalid' })
		const actions = (await db().auditEvent.findMany({ where: { entity: 'clinic', entityId: created.clinicId }, orderBy: { at: 'asc' } })).map((e) => e.action)
		expect(actions).toEqual(['clinic.created', 'invitation.sent', 'invitation.accepted', 'role.granted'])
	})

	test('adds an existing account as admin at once', async () => {
		const userId = await verifiedUser('owner@clinic.example')
		const created = await createClinic({ name: 'Seattle Infusions', zip: '98101', adminEmail: 'owner@clinic.example', actorId: null })
		expect(created).toMatchObject({ kind: 'created', admin: 'added' })
		expect(await db().clinicMember.findMany({ where: { userId } })).toMatchObject([{ role: 'clinic_admin' }])
		expect((await lastEmailTo('owner@clinic.example')).subject).toBe('You now have access to Seattle Infusions on Tandem')
	})

	test.each([
		['1234', 'malformed'],
		['00000', 'unknown'],
		['00601', 'outside_states'],
	])('a bad ZIP (%s) creates nothing and says why (%s)', async (zip, problem) => {
		expect(await createClinic({ name: 'Nowhere', zip, adminEmail: 'x@clinic.example', actorId: null })).toEqual({ kind: 'bad_zip', problem })
		expect(await db().clinic.count()).toBe(0)
		expect(await db().emailMessage.count()).toBe(0)
	})
})

describe('invitations', () => {
	test('an existing account accepts while signed in, with the invited address only', async () => {
		const { clinicId, adminId } = await clinicWithAdmin()
		const benId = await verifiedUser('ben@example.org', 'Ben')
		await verifiedUser('eve@example.org', 'Eve')
		expect(await inviteToClinic({ clinicId, email: 'ben@example.org', role: 'coordinator', invitedById: adminId })).toEqual({ kind: 'sent', replaced: false })
		const token = invitationToken((await lastEmailTo('ben@example.org')).text)
		expect(await describeInvitation(token)).toMatchObject({ accountExists: true })

		expect(await acceptInvitation(token, { as: { userId: 'eve', email: 'eve@example.org' } })).toEqual({ kind: 'wrong_account', invitedEmail: 'ben@example.org' })
		expect(await acceptInvitation(token, { newAccount: { name: 'Ben again', password } })).toEqual({ kind: 'account_exists' })
		expect(await acceptInvitation(token, { as: { userId: benId, email: 'ben@example.org' } })).toEqual({ kind: 'joined', clinicId, userId: benId })
		expect((await listTeam(clinicId)).members.map((m) => [m.email, m.role])).toEqual([
			['teresa@clinic.example', 'clinic_admin'],
			['ben@example.org', 'coordinator'],
		])
	})

	test('members cannot be invited again; inviting again replaces the pending invitation', async () => {
		const { clinicId, adminId } = await clinicWithAdmin()
		expect(await inviteToClinic({ clinicId, email: 'teresa@clinic.example', role: 'coordinator', invitedById: adminId })).toEqual({ kind: 'already_member' })
		await inviteToClinic({ clinicId, email: 'ben@example.org', role: 'coordinator', invitedById: adminId })
		const first = invitationToken((await lastEmailTo('ben@example.org')).text)
		expect(await inviteToClinic({ clinicId, email: 'ben@example.org', role: 'clinic_admin', invitedById: adminId })).toEqual({ kind: 'sent', replaced: true })
		const second = invitationToken((await lastEmailTo('ben@example.org')).text)
		expect(await describeInvitation(first)).toBeNull()
		expect(await describeInvitation(second)).toMatchObject({ role: 'clinic_admin' })
		expect((await listTeam(clinicId)).invitations).toMatchObject([{ email: 'ben@example.org', role: 'clinic_admin', invitedBy: 'Teresa' }])
	})

	test('a withdrawn or expired invitation cannot be used', async () => {
		const { clinicId, adminId } = await clinicWithAdmin()
		await inviteToClinic({ clinicId, email: 'ben@example.org', role: 'coordinator', invitedById: adminId })
		const withdrawn = invitationToken((await lastEmailTo('ben@example.org')).text)
		const [pending] = (await listTeam(clinicId)).invitations
		expect(await revokeInvitation({ clinicId, invitationId: pending!.id, actorId: adminId })).toBe(true)
		expect(await revokeInvitation({ clinicId, invitationId: pending!.id, actorId: adminId })).toBe(false)
		expect(await acceptInvitation(withdrawn, { newAccount: { name: 'Ben', password } })).toEqual({ kind: 'invalid' })

		await inviteToClinic({ clinicId, email: 'cy@example.org', role: 'coordinator', invitedById: adminId })
		const expired = invitationToken((await lastEmailTo('cy@example.org')).text)
		const eightDays = new Date(Date.now() + 8 * 24 * 60 * 60 * 1000)
		expect(await acceptInvitation(expired, { newAccount: { name: 'Cy', password } }, eightDays)).toEqual({ kind: 'invalid' })
		expect(await db().user.count({ where: { email: { in: ['ben@example.org', 'cy@example.org'] } } })).toBe(0)
	})

	test("another clinic cannot withdraw this clinic's invitation", async () => {
		const a = await clinicWithAdmin('a@clinic.example')
		const b = await clinicWithAdmin('b@clinic.example')
		await inviteToClinic({ clinicId: a.clinicId, email: 'ben@example.org', role: 'coordinator', invitedById: a.adminId })
		const [pending] = (await listTeam(a.clinicId)).invitations
		expect(await revokeInvitation({ clinicId: b.clinicId, invitationId: pending!.id, actorId: b.adminId })).toBe(false)
		expect((await listTeam(a.clinicId)).invitations).toHaveLength(1)
	})
})

describe('roles', () => {
	test('changes are audited, and the last clinic admin can be neither demoted nor removed', async () => {
		const { clinicId, adminId } = await clinicWithAdmin()
		const benId = await verifiedUser('ben@example.org', 'Ben')
		await inviteToClinic({ clinicId, email: 'ben@example.org', role: 'coordinator', invitedById: adminId })
		await acceptInvitation(invitationToken((await lastEmailTo('ben@example.org')).text), { as: { userId: benId, email: 'ben@example.org' } })

		expect(await changeMembership({ clinicId, change: { kind: 'change_role', userId: adminId, role: 'coordinator' }, actorId: adminId })).toEqual({ kind: 'refused', problem: 'last_admin' })
		expect(await changeMembership({ clinicId, change: { kind: 'remove', userId: adminId }, actorId: adminId })).toEqual({ kind: 'refused', problem: 'last_admin' })
		expect(await changeMembership({ clinicId, change: { kind: 'change_role', userId: benId, role: 'clinic_admin' }, actorId: adminId })).toEqual({ kind: 'done' })
		expect(await changeMembership({ clinicId, change: { kind: 'change_role', userId: adminId, role: 'coordinator' }, actorId: adminId })).toEqual({ kind: 'done' })
		expect(await changeMembership({ clinicId, change: { kind: 'remove', userId: adminId }, actorId: benId })).toEqual({ kind: 'done' })
		expect((await listTeam(clinicId)).members).toMatchObject([{ userId: benId, role: 'clinic_admin' }])

		const events = await db().auditEvent.findMany({ where: { entityId: clinicId, action: { in: ['role.changed', 'role.revoked'] } }, orderBy: { at: 'asc' } })
		expect(events.map((e) => [e.action, e.actorId, e.details])).toEqual([
			['role.changed', adminId, { userId: benId, from: 'coordinator', to: 'clinic_admin' }],
			['role.changed', adminId, { userId: adminId, from: 'clinic_admin', to: 'coordinator' }],
			['role.revoked', benId, { userId: adminId, role: 'coordinator' }],
		])
	})

	test('two admins demoting each other at the same moment still leave one admin', async () => {
		const { clinicId, adminId } = await clinicWithAdmin()
		const benId = await verifiedUser('ben@example.org', 'Ben')
		await inviteToClinic({ clinicId, email: 'ben@example.org', role: 'clinic_admin', invitedById: adminId })
		await acceptInvitation(invitationToken((await lastEmailTo('ben@example.org')).text), { as: { userId: benId, email: 'ben@example.org' } })
		const results = await Promise.all([
			changeMembership({ clinicId, change: { kind: 'change_role', userId: benId, role: 'coordinator' }, actorId: adminId }),
			changeMembership({ clinicId, change: { kind: 'change_role', userId: adminId, role: 'coordinator' }, actorId: benId }),
		])
		expect(results.map((r) => r.kind).sort()).toEqual(['done', 'refused'])
		expect(await db().clinicMember.count({ where: { clinicId, role: 'clinic_admin' } })).toBe(1)
	})
})

describe('the team page', () => {
	type Answer = { status: number; data: { result: { error?: Record<string, string[]> }; notice: string | null } | null }
	async function call<T>(fn: () => Promise<T>): Promise<Answer> {
		try {
			const answer = (await fn()) as unknown as { init?: { status: number } | null; data?: Answer['data'] }
			return { status: answer.init?.status ?? 200, data: answer.data ?? (answer as Answer['data']) }
		} catch (thrown) {
			if (thrown instanceof Response) return { status: thrown.status, data: null }
			throw thrown
		}
	}
	async function cookieFor(userId: string) {
		return `${SESSION_COOKIE}=${(await createSession(userId, { ip: null, userAgent: null })).token}`
	}
	const post = (clinicId: string, cookie: string, fields: Record<string, string>) =>
		call(() =>
			membersAction({
				request: new Request(`http://localhost/clinics/${clinicId}/members`, { method: 'POST', headers: { Cookie: cookie }, body: new URLSearchParams(fields) }),
				params: { clinicId },
				context: { cspNonce: '' },
			}),
		)

	test('bad input gets a clear 4xx on the field and changes nothing', async () => {
		const { clinicId, adminId } = await clinicWithAdmin()
		const cookie = await cookieFor(adminId)
		const cases: [Record<string, string>, string, string][] = [
			[{ intent: 'invite', email: 'not-an-email', role: 'coordinator' }, 'email', 'Enter an email address like name@example.com.'],
			[{ intent: 'invite', email: `${'a'.repeat(250)}@example.org`, role: 'coordinator' }, 'email', 'An email address has at most 254 characters.'],
			[{ intent: 'invite', email: 'ben@example.org', role: 'owner' }, 'role', 'Choose clinic admin or coordinator.'],
			[{ intent: 'change-role', userId: adminId, role: 'superuser' }, 'role', 'Choose clinic admin or coordinator.'],
			[{ intent: 'remove', userId: 'x'.repeat(500) }, 'userId', 'String must contain at most 64 character(s)'],
		]
		for (const [fields, field, message] of cases) {
			const answer = await post(clinicId, cookie, fields)
			expect(answer.status, JSON.stringify(fields)).toBe(400)
			expect(answer.data?.result.error?.[field]?.[0]).toBe(message)
		}
		const inviteSelf = await post(clinicId, cookie, { intent: 'invite', email: 'teresa@clinic.example', role: 'coordinator' })
		expect(inviteSelf.status).toBe(409)
		expect(inviteSelf.data?.result.error?.['email']?.[0]).toBe('teresa@clinic.example is already a member of Hill Country Ketamine.')
		const demoteSelf = await post(clinicId, cookie, { intent: 'change-role', userId: adminId, role: 'coordinator' })
		expect(demoteSelf.status).toBe(409)
		expect(demoteSelf.data?.result.error?.['']?.[0]).toMatch(/at least one clinic admin/)
		expect(await db().userToken.count({ where: { purpose: 'invitation', usedAt: null } })).toBe(0)
		expect(await db().clinicMember.findMany({ where: { clinicId } })).toMatchObject([{ userId: adminId, role: 'clinic_admin' }])
	})

	test('coordinators see the team but cannot change it; other clinics see nothing', async () => {
		const { clinicId, adminId } = await clinicWithAdmin()
		const other = await clinicWithAdmin('other@clinic.example')
		const benId = await verifiedUser('ben@example.org', 'Ben')
		await inviteToClinic({ clinicId, email: 'ben@example.org', role: 'coordinator', invitedById: adminId })
		await acceptInvitation(invitationToken((await lastEmailTo('ben@example.org')).text), { as: { userId: benId, email: 'ben@example.org' } })
		const ben = await cookieFor(benId)
		const outsider = await cookieFor(other.adminId)
		const get = (cookie: string) =>
			call(() => membersLoader({ request: new Request(`http://localhost/clinics/${clinicId}/members`, { headers: { Cookie: cookie } }), params: { clinicId }, context: { cspNonce: '' } }))

		const seen = (await get(ben)) as unknown as { status: number; data: { canManage: boolean; team: { members: unknown[] } } }
		expect(seen.status).toBe(200)
		expect(seen.data.canManage).toBe(false)
		expect(seen.data.team.members).toHaveLength(2)
		expect((await post(clinicId, ben, { intent: 'remove', userId: adminId })).status).toBe(403)
		expect((await get(outsider)).status).toBe(403)
		expect((await post(clinicId, outsider, { intent: 'invite', email: 'x@example.org', role: 'clinic_admin' })).status).toBe(403)
		expect(await db().clinicMember.count({ where: { clinicId } })).toBe(2)
	})
})

describe('the invitation page', () => {
	const submit = (fields: Record<string, string>) => submitForm(invitationAction, 'http://localhost/invitation', fields)

	test('a weak password or a missing name is refused and creates nothing; a good one joins and signs in', async () => {
		const { clinicId, adminId } = await clinicWithAdmin()
		await inviteToClinic({ clinicId, email: 'ben@example.org', role: 'coordinator', invitedById: adminId })
		const token = invitationToken((await lastEmailTo('ben@example.org')).text)

		expect(await submit({ intent: 'create-account', token, name: 'Ben', password: 'short' })).toMatchObject({
			status: 400,
			error: { password: [expect.stringMatching(/^Use at least 12 characters\./)] },
		})
		expect(await submit({ intent: 'create-account', token, name: '', password })).toMatchObject({ status: 400, error: { name: ['Enter your name.'] } })
		expect(await db().user.count({ where: { email: 'ben@example.org' } })).toBe(0)
		expect(await describeInvitation(token)).not.toBeNull()

		const joined = await submit({ intent: 'create-account', token, name: 'Ben', password })
		expect(joined).toMatchObject({ status: 302, location: `/clinics/${clinicId}/members?joined=1` })
		expect(await submit({ intent: 'create-account', token, name: 'Ben', password })).toMatchObject({ status: 410 })
	})

	test('accepting without being signed in sends the person to log in first, and uses nothing', async () => {
		const { clinicId, adminId } = await clinicWithAdmin()
		await inviteToClinic({ clinicId, email: 'ben@example.org', role: 'coordinator', invitedById: adminId })
		const token = invitationToken((await lastEmailTo('ben@example.org')).text)
		const answer = await submit({ intent: 'accept', token })
		expect(answer.status).toBe(302)
		expect(answer.location).toBe(`/login?${new URLSearchParams({ redirectTo: `/invitation?token=${token}` })}`)
		expect(await describeInvitation(token)).not.toBeNull()
	})

	test('a forged token is answered 410, not 500', async () => {
		expect(await submit({ intent: 'create-account', token: 'abcdefghijklmnopqrstuvwxyz234567', name: 'Ben', password })).toMatchObject({ status: 410 })
		expect(await submit({ intent: 'create-account', token: '\'; DROP TABLE "User"; --', name: 'Ben', password })).toMatchObject({ status: 410 })
	})
})
