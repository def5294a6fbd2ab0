// A clinic inviting an integration therapist who is not on Tandem: the email's link
// leads to therapist sign-up; the new therapist starts with an empty profile (offered nothing)
// and the clinic as a partner; the link works once; someone listed already, or on the clinic's
// own team, is not invited; withdrawn and reused links are refused; everything is audited.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { acceptTherapistInvitation, describeTherapistInvitation, inviteTherapist, listTherapistInvitations, withdrawTherapistInvitation } from '#app/domain/clinics/therapist-invitations.server.ts'
import { DEFAULT_DIRECTORY_QUERY } from '#app/domain/directory/directory-query.ts'
import { searchDirectory } from '#app/domain/directory/directory.server.ts'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { seedDemoData } from '#prisma/seed.ts'
import { action as joinAction } from '#app/routes/join.therapist.tsx'
import { lastEmailTo, TEST_PASSWORD, tokenFrom } from '#tests/setup/accounts.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'
import { submitForm } from '#tests/setup/form-action.ts'

let clinic: { id: string; zip: string; timeZone: string }
let adminId: string

beforeAll(async () => {
	await resetDatabase()
	await seedDemoData(db(), { anchor: new Date('2026-11-16T00:00:00Z') })
	const admin = await db().clinicMember.findFirstOrThrow({ where: { user: { email: 'tx.admin@tandem.example' } }, include: { clinic: true } })
	clinic = { id: admin.clinicId, zip: admin.clinic.zip, timeZone: admin.clinic.timeZone }
	adminId = admin.userId
}, 120_000)
afterAll(closeDatabase)

const join = (fields: Record<string, string>) => submitForm(joinAction, 'http://localhost/join/therapist', fields)

test('the invited therapist signs up with the clinic as a partner, an empty profile and nothing offered; the link works once', async () => {
	expect(await inviteTherapist({ clinicId: clinic.id, email: 'rosa@example.org', note: 'We would love to work with you.', invitedById: adminId })).toEqual({ kind: 'sent', replaced: false })
	const email = await lastEmailTo('rosa@example.org')
	expect(email.subject).toMatch(/invites you to Tandem$/)
	expect(email.text).toContain('We would love to work with you.')
	const token = tokenFrom(email.text, '/join/therapist')
	expect(await describeTherapistInvitation(token)).toMatchObject({ clinicId: clinic.id, email: 'rosa@example.org', accountExists: false })
	expect(await listTherapistInvitations(clinic.id)).toMatchObject([{ email: 'rosa@example.org', status: 'pending' }])

	// A weak password creates nothing.
	expect(await join({ intent: 'create-account', token, name: 'Rosa Diaz', password: 'short' })).toMatchObject({ status: 400 })
	expect(await db().user.count({ where: { email: 'rosa@example.org' } })).toBe(0)

	expect(await join({ intent: 'create-account', token, name: 'Rosa Diaz', password: TEST_PASSWORD })).toMatchObject({ status: 302, location: '/therapist/profile?joined=1' })
	const therapist = await db().therapist.findUniqueOrThrow({ where: { email: 'rosa@example.org' }, include: { user: true, clinics: true, licenses: true } })
	expect(therapist).toMatchObject({ fullName: 'Rosa Diaz', weeklyCapacity: 0, timeZone: clinic.timeZone, licenses: [] })
	expect(therapist.user!.emailVerifiedAt).not.toBeNull()
	expect(therapist.clinics).toEqual([expect.objectContaining({ clinicId: clinic.id, standing: 'partner' })])
	// No license yet: no state, so no search finds them by state, and nothing can be offered.
	expect(await db().therapistSearch.count({ where: { therapistId: therapist.id } })).toBe(0)
	const listed = await searchDirectory(clinic, { ...DEFAULT_DIRECTORY_QUERY, partnersOnly: true, pageSize: 100 })
	expect(listed.therapists.map((t) => t.id)).toContain(therapist.id)
	expect(listed.therapists.find((t) => t.id === therapist.id)!.canSeeStates).toEqual([])

	expect(await join({ intent: 'create-account', token, name: 'Rosa Diaz', password: TEST_PASSWORD })).toMatchObject({ status: 410 })
	expect(await listTherapistInvitations(clinic.id)).toMatchObject([{ email: 'rosa@example.org', status: 'joined' }])
	const actions = (await db().auditEvent.findMany({ where: { OR: [{ entityId: therapist.id }, { entityId: clinic.id, action: 'clinic.therapist_invited' }] }, select: { action: true } })).map(
		(a) => a.action,
	)
	expect(actions).toEqual(expect.arrayContaining(['clinic.therapist_invited', 'therapist.joined', 'clinic.partner_added']))
})

test('someone already listed, or on the clinic’s team, is not invited; inviting again replaces the link; a withdrawn link is refused', async () => {
	const listed = await db().therapist.findFirstOrThrow({ orderBy: { id: 'asc' } })
	expect(await inviteTherapist({ clinicId: clinic.id, email: listed.email, note: '', invitedById: adminId })).toEqual({ kind: 'listed', therapistId: listed.id })
	expect(await inviteTherapist({ clinicId: clinic.id, email: 'tx.admin@tandem.example', note: '', invitedById: adminId })).toEqual({ kind: 'clinic_member' })

	await inviteTherapist({ clinicId: clinic.id, email: 'sam@example.org', note: '', invitedById: adminId })
	const first = tokenFrom((await lastEmailTo('sam@example.org')).text, '/join/therapist')
	expect(await inviteTherapist({ clinicId: clinic.id, email: 'sam@example.org', note: '', invitedById: adminId })).toEqual({ kind: 'sent', replaced: true })
	const second = tokenFrom((await lastEmailTo('sam@example.org')).text, '/join/therapist')
	expect(await describeTherapistInvitation(first)).toBeNull()
	expect(await describeTherapistInvitation(second)).not.toBeNull()

	const pending = (await listTherapistInvitations(clinic.id)).find((i) => i.email === 'sam@example.org' && i.status === 'pending')!
	expect(await withdrawTherapistInvitation({ clinicId: clinic.id, invitationId: pending.id, actorId: adminId })).toBe(true)
	expect(await withdrawTherapistInvitation({ clinicId: clinic.id, invitationId: pending.id, actorId: adminId })).toBe(false)
	expect(await join({ intent: 'create-account', token: second, name: 'Sam', password: TEST_PASSWORD })).toMatchObject({ status: 410 })
	expect(await db().user.count({ where: { email: 'sam@example.org' } })).toBe(0)
	// A clinic invitation token is no therapist invitation, and a forged one is refused, not a 500.
	expect(await join({ intent: 'create-account', token: 'abcdefghijklmnopqrstuvwxyz234567', name: 'Sam', password: TEST_PASSWORD })).toMatchObject({ status: 410 })
	expect(await acceptTherapistInvitation('\'; DROP TABLE "User"; --', { newAccount: { name: 'Sam', password: TEST_PASSWORD } })).toEqual({ kind: 'invalid' })
})

test('someone with an account logs in first, and only the invited address may accept', async () => {
	await inviteTherapist({ clinicId: clinic.id, email: 'wa.coordinator@tandem.example', note: '', invitedById: adminId })
	const token = tokenFrom((await lastEmailTo('wa.coordinator@tandem.example')).text, '/join/therapist')
	expect(await join({ intent: 'accept', token })).toMatchObject({ status: 302, location: `/login?${new URLSearchParams({ redirectTo: `/join/therapist?token=${token}` })}` })
	expect(await join({ intent: 'create-account', token, name: 'Someone', password: TEST_PASSWORD })).toMatchObject({ status: 409 })
	const other = await db().user.findUniqueOrThrow({ where: { email: 'tx.admin@tandem.example' } })
	expect(await acceptTherapistInvitation(token, { as: { userId: other.id, email: other.email } })).toEqual({ kind: 'wrong_account', invitedEmail: 'wa.coordinator@tandem.example' })
	const invited = await db().user.findUniqueOrThrow({ where: { email: 'wa.coordinator@tandem.example' } })
	const joined = await acceptTherapistInvitation(token, { as: { userId: invited.id, email: invited.email } })
	expect(joined).toMatchObject({ kind: 'joined', userId: invited.id })
	expect(await db().clinicTherapist.findFirst({ where: { clinicId: clinic.id, therapist: { userId: invited.id } } })).toMatchObject({ standing: 'partner' })
})
