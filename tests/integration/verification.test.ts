// The verification queue and the expiry notices on a real database.
import fs from 'node:fs'
import { afterAll, beforeEach, expect, test } from 'vitest'
import { ensureReferenceData } from '#app/domain/reference/reference-data.server.ts'
import { importNetwork } from '#app/domain/therapists/network-import.server.ts'
import { getTherapistProfile } from '#app/domain/therapists/profiles.server.ts'
import { flagExpiringCredentials, listPendingCredentials, reviewCredential } from '#app/domain/therapists/verification.server.ts'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'
import { sent } from '#tests/setup/accounts.ts'

const sample = fs.readFileSync('docs/sample-therapists.csv', 'utf8')
const now = new Date('2026-11-23T15:00:00Z')

beforeEach(async () => {
	await resetDatabase()
	await ensureReferenceData(db())
	await importNetwork(sample, { actorId: null, invite: false, now })
})
afterAll(closeDatabase)

async function admin() {
	return (await db().user.create({ data: { email: 'root@example.org', name: 'Root', passwordHash: 'x', isPlatformAdmin: true } })).id
}

test('the queue lists pending credentials with what to check; verifying one makes it count and sets the next check', async () => {
	const actorId = await admin()
	const pending = await listPendingCredentials()
	expect(pending).toMatchObject([{ kind: 'license', therapist: { email: 'rosa.whitehorse@example.org' }, state: 'AZ', number: 'LPC-A-3321', expiresOn: '2027-04-30' }])

	expect(await reviewCredential({ kind: 'license', id: pending[0]!.id, decision: 'verify', note: 'Found on the AZ board.', actorId, now })).toEqual({ kind: 'done' })
	const license = await db().license.findUniqueOrThrow({ where: { id: pending[0]!.id } })
	expect(license).toMatchObject({ status: 'verified', verifiedById: actorId, reviewNote: 'Found on the AZ board.' })
	expect(license.nextCheckDue?.toISOString().slice(0, 10)).toBe('2027-04-30') // the expiry comes before a year is up
	expect(await listPendingCredentials()).toEqual([])
	expect(await db().auditEvent.count({ where: { action: 'credential.verified', entityId: license.id } })).toBe(1)
	const email = await db().emailMessage.findFirstOrThrow({ where: { to: 'rosa.whitehorse@example.org' } })
	expect(email.subject).toBe('Tandem verified a license on your profile')

	// Already decided: a second admin's click changes nothing.
	expect(await reviewCredential({ kind: 'license', id: license.id, decision: 'reject', note: 'Oops', actorId, now })).toEqual({ kind: 'not_pending' })
})

test('a rejection needs a note, and a rejected credential stops counting', async () => {
	const actorId = await admin()
	const [pending] = await listPendingCredentials()
	expect(await reviewCredential({ kind: 'license', id: pending!.id, decision: 'reject', note: '  ', actorId, now })).toMatchObject({ kind: 'refused' })
	expect(await reviewCredential({ kind: 'license', id: pending!.id, decision: 'reject', note: 'No such number on the AZ board.', actorId, now })).toEqual({ kind: 'done' })
	expect(await db().license.findUniqueOrThrow({ where: { id: pending!.id } })).toMatchObject({ status: 'rejected', verifiedAt: null, nextCheckDue: null })
	expect(sent(await db().emailMessage.findFirstOrThrow({ where: { to: 'rosa.whitehorse@example.org' } })).text).not.toContain('No such number') // the note stays in the app
})

test('an expired credential cannot be verified; unknown ids are not pending', async () => {
	const actorId = await admin()
	const [pending] = await listPendingCredentials()
	const later = new Date('2027-05-01T12:00:00Z')
	expect(await reviewCredential({ kind: 'license', id: pending!.id, decision: 'verify', note: '', actorId, now: later })).toMatchObject({ kind: 'refused', message: expect.stringMatching(/expired/) })
	expect(await reviewCredential({ kind: 'authorization', id: 'nope', decision: 'verify', note: '', actorId, now })).toEqual({ kind: 'not_pending' })
})

test('therapists are told once about credentials expiring within 30 days; a renewal clears the notice', async () => {
	// In the sample, only Daniel's Florida registration expires early in 2027 (31 January).
	const fiveWeeksBefore = new Date('2026-12-27T09:00:00Z')
	expect(await flagExpiringCredentials(fiveWeeksBefore)).toBe(0)
	const threeWeeksBefore = new Date('2027-01-10T09:00:00Z')
	expect(await flagExpiringCredentials(threeWeeksBefore)).toBe(1)
	const flagged = await db().emailMessage.findMany({ where: { subject: 'A credential on your Tandem profile expires soon' }, select: { to: true } })
	expect(flagged.map((m) => m.to)).toEqual(['daniel.cho@example.org'])
	expect(await flagExpiringCredentials(threeWeeksBefore)).toBe(0) // once

	const renewed = sample.replace('state_telehealth:NY:FL:2027-01-31', 'state_telehealth:NY:FL:2029-01-31')
	await importNetwork(renewed, { actorId: null, invite: false, now: threeWeeksBefore })
	const registration = await db().authorization.findFirstOrThrow({ where: { kind: 'state_telehealth' } })
	expect(registration.expiryNoticeSentAt).toBeNull()
})

test('the profile says where a therapist may see patients, from the same derivation as matching; verification changes it at once', async () => {
	const james = await db().therapist.findUniqueOrThrow({ where: { email: 'james.okafor@example.org' } })
	const profile = (await getTherapistProfile(james.id, '2026-12-01'))!
	expect(profile.coverage.find((c) => c.state === 'CO')).toEqual({ state: 'CO', basis: 'license', inPerson: true })
	expect(profile.coverage.filter((c) => c.basis === 'psypact_apit')).toHaveLength(41) // every other PSYPACT member
	expect(profile.coverage.some((c) => c.state === 'CA')).toBe(false)
	expect(profile.office).toBeNull()

	const rosa = await db().therapist.findUniqueOrThrow({ where: { email: 'rosa.whitehorse@example.org' } })
	expect((await getTherapistProfile(rosa.id, '2026-12-01'))!.coverage).toEqual([]) // pending and supervised
	expect(await getTherapistProfile('no-such-id')).toBeNull()

	const priya = await db().therapist.findUniqueOrThrow({ where: { email: 'priya.raman@example.org' } })
	expect((await getTherapistProfile(priya.id, '2026-12-01'))!.office).toEqual({ city: 'Seattle', state: 'WA', zip: '98101' })
	// After its expiry date the license no longer counts.
	expect((await getTherapistProfile(priya.id, '2027-05-16'))!.coverage).toEqual([])
})
