// The two reads every signed-in page makes, as single statements on the driver (docs/performance.md):
// the session with its user, memberships (in the order they were granted) and therapist profile,
// and the count of the person's unread notifications — on both databases.
import { Faker, en } from '@faker-js/faker'
import { afterAll, beforeEach, expect, test } from 'vitest'
import { unreadNotificationCount } from '#app/domain/notifications/notifications.server.ts'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { createSession, validateSessionToken } from '#app/utils/session.server.ts'
import { buildClinic } from '#tests/factories/clinics.ts'
import { PLACES } from '#tests/factories/places.ts'
import { buildTherapist } from '#tests/factories/therapists.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'

const NOW = new Date('2026-11-20T15:00:00.000Z')
const faker = new Faker({ locale: [en], seed: 31 })

beforeEach(() => resetDatabase())
afterAll(() => closeDatabase())

const user = (email: string, extra: object = {}) => db().user.create({ data: { email, name: email.split('@')[0]!, passwordHash: 'x', emailVerifiedAt: NOW, ...extra } })

test('a session reads its user, their memberships in the order granted and their therapist profile; its times exactly', async () => {
	const ana = await user('ana@example.org', { totpEnabledAt: NOW })
	const [austin, seattle] = [PLACES.find((p) => p.state === 'TX')!, PLACES.find((p) => p.state === 'WA')!]
	const a = await db().clinic.create({ data: buildClinic(faker, austin) })
	const b = await db().clinic.create({ data: buildClinic(faker, seattle) })
	await db().clinicMember.create({ data: { clinicId: b.id, userId: ana.id, role: 'coordinator', createdAt: new Date(NOW.getTime() - 2000) } })
	await db().clinicMember.create({ data: { clinicId: a.id, userId: ana.id, role: 'clinic_admin', createdAt: NOW } })
	const therapist = await db().therapist.create({ data: { ...buildTherapist(faker, austin, { today: NOW, profession: 'counselor', index: 0 }).therapist, user: { connect: { id: ana.id } } } })

	const session = await createSession(ana.id, { ip: null, userAgent: null }, new Date(NOW.getTime() - 30_000))
	const auth = await validateSessionToken(session.token, NOW)
	expect(auth).toMatchObject({
		sessionId: session.id,
		user: { id: ana.id, email: 'ana@example.org', name: 'ana', emailVerifiedAt: NOW },
		principal: {
			userId: ana.id,
			isPlatformAdmin: false,
			therapistId: therapist.id,
			memberships: [
				{ clinicId: b.id, role: 'coordinator' },
				{ clinicId: a.id, role: 'clinic_admin' },
			],
		},
		// Two-factor on and not yet given in this session.
		access: 'two_factor',
		renewed: false,
	})
	expect(auth!.expiresAt.getTime()).toBe(session.expiresAt.getTime())

	const bob = await user('bob@example.org')
	const plain = await validateSessionToken((await createSession(bob.id, { ip: null, userAgent: null }, NOW)).token, NOW)
	expect(plain).toMatchObject({ user: { emailVerifiedAt: NOW }, principal: { memberships: [], therapistId: null }, access: 'full' })
	expect(await validateSessionToken('a'.repeat(40), NOW)).toBeNull()
})

test('the unread count counts only the person’s own notifications not yet read', async () => {
	const ana = await user('ana@example.org')
	const bob = await user('bob@example.org')
	expect(await unreadNotificationCount(ana.id)).toBe(0)
	const note = (userId: string, readAt: Date | null) => ({ userId, kind: 'notice', text: 'x', href: '/home', createdAt: NOW, readAt })
	await db().notification.createMany({ data: [note(ana.id, null), note(ana.id, null), note(ana.id, NOW), note(bob.id, null)] })
	expect(await unreadNotificationCount(ana.id)).toBe(2)
	expect(await unreadNotificationCount(bob.id)).toBe(1)
})
