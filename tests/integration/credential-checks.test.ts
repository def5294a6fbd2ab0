// Verified credentials after their review, on a real database: the next check dates the import
// sets, the queue of due checks, suspending, revoking and reinstating (the search rows follow at
// once), and the admin page's answers to bad input.
import fs from 'node:fs'
import { afterAll, beforeEach, expect, test } from 'vitest'
import { ensureReferenceData } from '#app/domain/reference/reference-data.server.ts'
import { changeCredentialStatus, findCredentials, listDueChecks, listSuspendedCredentials, recordCredentialCheck } from '#app/domain/therapists/credential-lifecycle.server.ts'
import { importNetwork } from '#app/domain/therapists/network-import.server.ts'
import { getTherapistProfile } from '#app/domain/therapists/profiles.server.ts'
import { removeCredential } from '#app/domain/therapists/profile-editing.server.ts'
import { action } from '#app/routes/admin.credentials.tsx'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { createSession, markSessionTwoFactorVerified, SESSION_COOKIE, validateSessionToken } from '#app/utils/session.server.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'
import { sent } from '#tests/setup/accounts.ts'

const sample = fs.readFileSync('docs/sample-therapists.csv', 'utf8')
const imported = new Date('2026-11-23T15:00:00Z')
const now = new Date('2026-12-02T15:00:00Z')
const day = (date: string) => new Date(`${date}T00:00:00Z`)
const ymd = (date: Date | null) => date?.toISOString().slice(0, 10) ?? null

beforeEach(async () => {
	await resetDatabase()
	await ensureReferenceData(db())
	await importNetwork(sample, { actorId: null, invite: false, now: imported })
})
afterAll(closeDatabase)

async function admin() {
	return (await db().user.create({ data: { email: 'root@example.org', name: 'Root', passwordHash: 'x', emailVerifiedAt: new Date(), isPlatformAdmin: true, totpEnabledAt: new Date() } })).id
}
const therapist = (email: string) => db().therapist.findUniqueOrThrow({ where: { email }, include: { licenses: true, authorizations: true } })
const searchStates = async (therapistId: string) => (await db().therapistSearch.findMany({ where: { therapistId }, orderBy: { state: 'asc' } })).map((r) => r.state)

test('the import gives every verified credential a next check date: a year on, or the expiry if sooner', async () => {
	const licenses = await db().license.findMany({ where: { status: 'verified' } })
	const authorizations = await db().authorization.findMany({ where: { status: 'verified' } })
	expect([licenses.length, authorizations.length]).toEqual([6, 3])
	for (const credential of [...licenses, ...authorizations]) {
		const expiry = ymd(credential.expiresOn)!
		expect(ymd(credential.nextCheckDue)).toBe(expiry < '2027-11-23' ? expiry : '2027-11-23')
	}
	expect(await db().license.count({ where: { status: 'pending', nextCheckDue: { not: null } } })).toBe(0)
})

test('the queue lists verified, unexpired credentials whose check is due, most overdue first; "checked" sets the next date, audited', async () => {
	const actorId = await admin()
	const maria = await therapist('maria.delgado@example.org')
	const james = await therapist('james.okafor@example.org')
	const priya = await therapist('priya.raman@example.org')
	const daniel = await therapist('daniel.cho@example.org')
	const ethan = await therapist('ethan.brooks@example.org')
	const lpc = maria.licenses.find((l) => l.type === 'lpc')!
	await db().license.update({ where: { id: lpc.id }, data: { nextCheckDue: day('2026-11-01') } })
	await db().license.update({ where: { id: james.licenses[0]!.id }, data: { nextCheckDue: day('2026-11-20') } })
	await db().license.update({ where: { id: priya.licenses[0]!.id }, data: { nextCheckDue: day('2026-12-02') } })
	await db().license.update({ where: { id: ethan.licenses[0]!.id }, data: { nextCheckDue: day('2026-12-03') } }) // tomorrow: not yet
	await db().authorization.update({ where: { id: daniel.authorizations[0]!.id }, data: { nextCheckDue: null } }) // never set: due now
	// Due, but expired: it stops counting by itself, so there is nothing to check.
	await db().license.update({ where: { id: daniel.licenses[0]!.id }, data: { nextCheckDue: day('2026-10-01'), expiresOn: day('2026-12-01') } })

	const due = await listDueChecks('2026-12-02')
	expect(due.map((c) => [c.therapist.fullName, c.kind, c.nextCheckDue])).toEqual([
		['Daniel Cho', 'authorization', null],
		['Maria Delgado', 'license', '2026-11-01'],
		['James Okafor, PhD', 'license', '2026-11-20'],
		['Priya Raman', 'license', '2026-12-02'],
	])

	expect(await recordCredentialCheck({ kind: 'license', id: lpc.id, actorId, now })).toEqual({ ok: true, nextCheckDue: '2027-08-31' }) // the expiry comes first
	expect(ymd((await db().license.findUniqueOrThrow({ where: { id: lpc.id } })).nextCheckDue)).toBe('2027-08-31')
	expect(await db().auditEvent.findFirstOrThrow({ where: { action: 'credential.checked', entityId: lpc.id } })).toMatchObject({ actorId, entity: 'license', details: { nextCheckDue: '2027-08-31' } })
	expect((await listDueChecks('2026-12-02')).map((c) => c.id)).not.toContain(lpc.id)

	await changeCredentialStatus({ kind: 'license', id: priya.licenses[0]!.id, action: 'suspend', reason: 'Board order', actorId, now })
	expect(await recordCredentialCheck({ kind: 'license', id: priya.licenses[0]!.id, actorId, now })).toEqual({ ok: false, reason: 'conflict', status: 'suspended' })
	expect(await recordCredentialCheck({ kind: 'authorization', id: 'nope', actorId, now })).toEqual({ ok: false, reason: 'not_found' })
})

test('a suspended license stops counting at once (search rows, profile, the privilege resting on it); reinstating brings it back', async () => {
	const actorId = await admin()
	const maria = await therapist('maria.delgado@example.org')
	expect(await searchStates(maria.id)).toEqual(['AZ', 'TX'])
	const [lpc, lmft] = [maria.licenses.find((l) => l.type === 'lpc')!, maria.licenses.find((l) => l.type === 'lmft')!]

	expect(await changeCredentialStatus({ kind: 'license', id: lpc.id, action: 'suspend', reason: '  The TX board lists a suspension order.  ', actorId, now })).toEqual({
		ok: true,
		status: 'suspended',
	})
	expect(await db().license.findUniqueOrThrow({ where: { id: lpc.id } })).toMatchObject({
		status: 'suspended',
		statusReason: 'The TX board lists a suspension order.',
		statusChangedAt: now,
		statusChangedById: actorId,
	})
	// The LMFT still covers Texas; the Counseling Compact privilege in Arizona rests on the LPC and goes with it.
	expect(await searchStates(maria.id)).toEqual(['TX'])
	expect((await getTherapistProfile(maria.id, '2026-12-02'))!.coverage.map((c) => c.state)).toEqual(['TX'])
	await changeCredentialStatus({ kind: 'license', id: lmft.id, action: 'suspend', reason: 'Same order', actorId, now })
	expect(await searchStates(maria.id)).toEqual([])
	expect((await listSuspendedCredentials()).map((c) => c.id)).toEqual([lpc.id, lmft.id])

	expect(await db().auditEvent.findFirstOrThrow({ where: { action: 'credential.suspended', entityId: lpc.id } })).toMatchObject({
		actorId,
		entity: 'license',
		details: { from: 'verified', to: 'suspended', reason: 'The TX board lists a suspension order.' },
	})
	const email = sent(await db().emailMessage.findFirstOrThrow({ where: { to: 'maria.delgado@example.org' }, orderBy: { createdAt: 'asc' } }))
	expect(email.subject).toBe('Tandem suspended a license on your profile')
	expect(email.text).not.toContain('suspension order') // the reason stays in the app

	const later = new Date('2026-12-10T15:00:00Z')
	expect(await changeCredentialStatus({ kind: 'license', id: lpc.id, action: 'reinstate', reason: 'Order lifted', actorId, now: later })).toEqual({ ok: true, status: 'verified' })
	expect(await searchStates(maria.id)).toEqual(['AZ', 'TX'])
	expect(await db().license.findUniqueOrThrow({ where: { id: lpc.id } })).toMatchObject({ status: 'verified', statusReason: 'Order lifted', nextCheckDue: day('2027-08-31') })
	expect(await db().auditEvent.count({ where: { action: 'credential.reinstated', entityId: lpc.id } })).toBe(1)
})

test('a revoked authorization stops counting and is final; a reason is required; acting on a changed status is a conflict', async () => {
	const actorId = await admin()
	const daniel = await therapist('daniel.cho@example.org')
	const telehealth = daniel.authorizations[0]!
	expect(await searchStates(daniel.id)).toEqual(['FL', 'NY'])

	expect(await changeCredentialStatus({ kind: 'authorization', id: telehealth.id, action: 'revoke', reason: ' ', actorId, now })).toMatchObject({ ok: false, reason: 'invalid', field: 'reason' })
	expect(await changeCredentialStatus({ kind: 'authorization', id: telehealth.id, action: 'reinstate', reason: 'Why not', actorId, now })).toEqual({
		ok: false,
		reason: 'conflict',
		status: 'verified',
		allowed: ['suspend', 'revoke'],
	})
	expect(await changeCredentialStatus({ kind: 'authorization', id: telehealth.id, action: 'revoke', reason: 'Florida cancelled the registration.', actorId, now })).toEqual({
		ok: true,
		status: 'revoked',
	})
	expect(await searchStates(daniel.id)).toEqual(['NY'])
	for (const action of ['reinstate', 'suspend', 'revoke'] as const) {
		expect(await changeCredentialStatus({ kind: 'authorization', id: telehealth.id, action, reason: 'Try again', actorId, now })).toEqual({
			ok: false,
			reason: 'conflict',
			status: 'revoked',
			allowed: [],
		})
	}
	expect(await db().auditEvent.count({ where: { action: { in: ['credential.revoked', 'credential.reinstated', 'credential.suspended'] } } })).toBe(1)
	expect(await changeCredentialStatus({ kind: 'license', id: 'nope', action: 'suspend', reason: 'x', actorId, now })).toEqual({ ok: false, reason: 'not_found' })
	expect((await findCredentials('DANIEL.CHO@example.org')).map((c) => [c.kind, c.status])).toEqual([
		['license', 'verified'],
		['authorization', 'revoked'],
	])
	expect((await findCredentials('cho')).length).toBe(2)
})

test('a re-import leaves suspended and revoked credentials as the admin left them; the therapist cannot remove them', async () => {
	const actorId = await admin()
	const daniel = await therapist('daniel.cho@example.org')
	const [license, telehealth] = [daniel.licenses[0]!, daniel.authorizations[0]!]
	await changeCredentialStatus({ kind: 'license', id: license.id, action: 'suspend', reason: 'Board order', actorId, now })
	await changeCredentialStatus({ kind: 'authorization', id: telehealth.id, action: 'revoke', reason: 'Cancelled', actorId, now })

	// The file still says the license is verified, and lists the authorization with a new expiry.
	await importNetwork(sample.replace('state_telehealth:NY:FL:2027-01-31', 'state_telehealth:NY:FL:2028-01-31'), { actorId: null, invite: false, now })
	expect(await db().license.findUniqueOrThrow({ where: { id: license.id } })).toMatchObject({ status: 'suspended', statusReason: 'Board order' })
	expect(await db().authorization.findMany({ where: { therapistId: daniel.id } })).toMatchObject([{ id: telehealth.id, status: 'revoked', expiresOn: day('2027-01-31') }])
	// A file that no longer lists them does not delete them either.
	await importNetwork(sample.replace('NY:lmhc:005433:2027-06-30:verified', 'NY:lmhc:005434:2027-06-30:verified').replace('state_telehealth:NY:FL:2027-01-31', ''), {
		actorId: null,
		invite: false,
		now,
	})
	expect(await db().license.findUniqueOrThrow({ where: { id: license.id } })).toMatchObject({ status: 'suspended' })
	expect(await db().authorization.findUniqueOrThrow({ where: { id: telehealth.id } })).toMatchObject({ status: 'revoked' })

	expect(await removeCredential(daniel.id, daniel.userId!, 'license', license.id)).toEqual({ ok: false, reason: 'on_record' })
	expect(await removeCredential(daniel.id, daniel.userId!, 'authorization', telehealth.id)).toEqual({ ok: false, reason: 'on_record' })
	expect(await removeCredential(daniel.id, daniel.userId!, 'license', 'nope')).toEqual({ ok: false, reason: 'not_found' })
})

test('the page answers bad input next to the field or on the form, never with a 500', async () => {
	const userId = await admin()
	const { token } = await createSession(userId, { ip: null, userAgent: null })
	await markSessionTwoFactorVerified((await validateSessionToken(token))!.sessionId)
	const maria = await therapist('maria.delgado@example.org')
	const lpc = maria.licenses.find((l) => l.type === 'lpc')!
	async function post(fields: Record<string, string>) {
		const request = new Request('http://localhost/admin/credentials', { method: 'POST', headers: { Cookie: `${SESSION_COOKIE}=${token}` }, body: new URLSearchParams(fields) })
		const answer = (await action({ request, params: {}, context: { cspNonce: '' } })) as unknown as {
			init: { status: number } | null
			data: { result: { error?: Record<string, string[]> }; notice: string | null }
		}
		return { status: answer.init?.status ?? 200, error: answer.data.result.error ?? null, notice: answer.data.notice }
	}
	const target = { kind: 'license', id: lpc.id, list: 'due' }
	expect(await post({ ...target, intent: 'suspend' })).toMatchObject({ status: 400, error: { reason: [expect.stringMatching(/Say why/)] } })
	expect(await post({ ...target, intent: 'suspend', reason: 'x'.repeat(501) })).toMatchObject({ status: 400, error: { reason: [expect.stringMatching(/under 500/)] } })
	expect(await post({ ...target, intent: 'reinstate', reason: 'Not suspended' })).toMatchObject({ status: 409, error: { '': [expect.stringMatching(/It is verified now/)] } })
	expect(await post({ kind: 'license', id: 'nope', intent: 'revoke', reason: 'Gone' })).toMatchObject({ status: 404, error: { '': [expect.stringMatching(/no longer/)] } })
	expect(await post({ ...target, intent: 'explode' })).toMatchObject({ status: 400 })
	expect(await post({ ...target, intent: 'suspend', reason: 'Board order' })).toMatchObject({ status: 200, notice: expect.stringMatching(/^Suspended/) })
	expect(await post({ ...target, intent: 'checked' })).toMatchObject({ status: 409, error: { '': [expect.stringMatching(/It is suspended now/)] } })
})
