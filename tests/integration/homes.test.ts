// Each role's home on the database (routes/home.tsx): rows set up in every state a card counts and
// in the states next to it that it must not count (expired, revoked, opened, read, another clinic's,
// outside the week), with a fixed clock. The names shown are audited; the loader picks the home by role.
import { Faker, en } from '@faker-js/faker'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { adminHome } from '#app/domain/home/admin-home.ts'
import { adminHomeRows } from '#app/domain/home/admin-home.server.ts'
import { type HomeCard } from '#app/domain/home/cards.ts'
import { clinicHome } from '#app/domain/home/clinic-home.ts'
import { clinicHomeRows } from '#app/domain/home/clinic-home.server.ts'
import { therapistHome } from '#app/domain/home/therapist-home.ts'
import { therapistHomeRows } from '#app/domain/home/therapist-home.server.ts'
import { refreshTherapistSearch } from '#app/domain/matching/search-index.server.ts'
import { ensureReferenceData } from '#app/domain/reference/reference-data.server.ts'
import { type ReferralStatus } from '#app/domain/referrals/statuses.ts'
import { loader as homeLoader } from '#app/routes/home.tsx'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { createSession, SESSION_COOKIE } from '#app/utils/session.server.ts'
import { buildClinic } from '#tests/factories/clinics.ts'
import { PLACES } from '#tests/factories/places.ts'
import { buildReferral } from '#tests/factories/referrals.ts'
import { addDays, buildLicense, buildTherapist } from '#tests/factories/therapists.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'

const HOUR = 3_600_000
// Noon in Austin on a Tuesday.
const NOW = new Date('2026-11-17T18:00:00Z')
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR)
const austin = PLACES.find((p) => p.city === 'Austin')!
const seattle = PLACES.find((p) => p.city === 'Seattle')!

const faker = new Faker({ locale: [en] })
faker.seed(20261117)

let clinicA: { id: string; timeZone: string }
let clinicB: { id: string; timeZone: string }
let coordinator: string
let otherMember: string
let therapists: { id: string; userId: string }[]
const refs: Record<string, string> = {}

async function user(email: string) {
	return (await db().user.create({ data: { email, name: email.split('@')[0]!, passwordHash: 'not-used', emailVerifiedAt: NOW } })).id
}

async function therapist(index: number) {
	const build = buildTherapist(faker, austin, { today: NOW, profession: 'counselor', index })
	const userId = await user(`therapist${index}@example.org`)
	const created = await db().therapist.create({
		data: {
			...build.therapist,
			// Telehealth, so that a licence anywhere lets them see patients there (the coverage counts).
			formats: ['telehealth'],
			officeZip: null,
			accepting: true,
			user: { connect: { id: userId } },
			licenses: { create: [buildLicense(faker, 'TX', 'lpc', NOW, { status: 'verified', expiresOn: addDays(NOW, 400) })] },
			availability: { create: build.availability },
		},
	})
	return { id: created.id, userId }
}

async function referral(name: string, clinic: { id: string; timeZone: string }, status: ReferralStatus, extra: { firstSessionAt?: Date; patientState?: string } = {}) {
	const build = buildReferral(faker, { clinicId: clinic.id, patientState: extra.patientState ?? 'TX', firstDosingAt: at(24 * 10), clinicTimeZone: clinic.timeZone })
	const created = await db().referral.create({
		data: { ...build.referral, status, postedAt: at(-24 * 3), firstSessionAt: extra.firstSessionAt ?? null, patient: { create: { ...build.patient, firstName: name, lastName: 'Example' } } },
	})
	refs[name] = created.id
	return created.id
}

async function offer(referralId: string, therapistId: string, status: 'pending' | 'declined' | 'chosen' | 'accepted', expiresAt: Date) {
	await db().offer.create({ data: { referralId, therapistId, status, round: 1, sentAt: at(-40), expiresAt } })
}

async function link(referralId: string, fields: { expiresAt?: Date; revokedAt?: Date; lastOpenedAt?: Date; createdAt?: Date } = {}) {
	await db().patientLink.create({
		data: {
			referralId,
			tokenHash: faker.string.hexadecimal({ length: 64 }),
			createdAt: fields.createdAt ?? at(-5),
			expiresAt: fields.expiresAt ?? at(24 * 6),
			revokedAt: fields.revokedAt ?? null,
			lastOpenedAt: fields.lastOpenedAt ?? null,
		},
	})
}

async function notification(userId: string, referralId: string, kind: string, createdAt: Date, readAt: Date | null = null) {
	await db().notification.create({ data: { userId, referralId, kind, text: 'A message came', href: '/notifications', createdAt, readAt } })
}

beforeAll(async () => {
	await resetDatabase()
	await ensureReferenceData(db())
	const a = await db().clinic.create({ data: buildClinic(faker, austin) })
	const b = await db().clinic.create({ data: buildClinic(faker, seattle) })
	clinicA = { id: a.id, timeZone: a.timeZone }
	clinicB = { id: b.id, timeZone: b.timeZone }
	coordinator = await user('coordinator@example.org')
	otherMember = await user('colleague@example.org')
	await db().clinicMember.createMany({
		data: [
			{ clinicId: a.id, userId: coordinator, role: 'coordinator' },
			{ clinicId: a.id, userId: otherMember, role: 'clinic_admin' },
			{ clinicId: b.id, userId: await user('seattle@example.org'), role: 'coordinator' },
		],
	})
	therapists = [await therapist(1), await therapist(2)]
	const [t1, t2] = therapists.map((t) => t.id) as [string, string]

	// Offers: one referral with an offer expiring in 2 h (and one in 30 h, not yet "about to expire"),
	// one whose offers expired an hour ago or were declined, one of clinic B's.
	const expiring = await referral('Expiring', clinicA, 'open')
	await offer(expiring, t1, 'pending', at(2))
	await offer(expiring, t2, 'pending', at(30))
	const lapsed = await referral('Lapsed', clinicA, 'open')
	await offer(lapsed, t1, 'pending', at(-1))
	await offer(lapsed, t2, 'declined', at(5))
	await offer(await referral('OtherClinicOffer', clinicB, 'open', { patientState: 'WA' }), t1, 'pending', at(3))

	// Shortlists and links: one link never opened, one opened; revoked and expired links unopened do not count.
	const waiting = await referral('Waiting', clinicA, 'shortlisted')
	await link(waiting, { createdAt: at(-5) })
	const opened = await referral('Opened', clinicA, 'shortlisted')
	await link(opened, { lastOpenedAt: at(-1) })
	await link(opened, { revokedAt: at(-30), createdAt: at(-40) })
	const lapsedLink = await referral('LapsedLink', clinicA, 'open')
	await link(lapsedLink, { expiresAt: at(-1), createdAt: at(-24 * 8) })
	await link(await referral('OtherClinicLink', clinicB, 'shortlisted', { patientState: 'WA' }))

	// Unfilled.
	await referral('UnfilledOne', clinicA, 'unfilled')
	await referral('UnfilledTwo', clinicA, 'unfilled')
	await referral('OtherClinicUnfilled', clinicB, 'unfilled', { patientState: 'WA' })

	// First sessions: this morning (already in care), in three days, in eight days, yesterday.
	const morning = await referral('Morning', clinicA, 'in_care', { firstSessionAt: at(-3) })
	await offer(morning, t1, 'chosen', at(-48))
	const soon = await referral('Soon', clinicA, 'scheduled', { firstSessionAt: at(72) })
	await offer(soon, t1, 'chosen', at(-48))
	const later = await referral('Later', clinicA, 'scheduled', { firstSessionAt: at(24 * 8) })
	await offer(later, t2, 'chosen', at(-48))
	await referral('Yesterday', clinicA, 'scheduled', { firstSessionAt: at(-20) })
	// A cancelled referral's session is no first session.
	await referral('Cancelled', clinicA, 'cancelled', { firstSessionAt: at(48) })

	// Messages: two unread from the therapist on "Soon", a read one on "Morning", an unread notice
	// of another kind, one for a colleague, one on another clinic's referral.
	await notification(coordinator, soon, 'message_to_clinic', at(-2))
	await notification(coordinator, soon, 'message_to_clinic', at(-1))
	await notification(coordinator, morning, 'message_to_clinic', at(-5), at(-4))
	await notification(coordinator, waiting, 'offer_accepted', at(-3))
	await notification(otherMember, later, 'message_to_clinic', at(-3))
	await notification(coordinator, refs.OtherClinicUnfilled!, 'message_to_clinic', at(-3))
})
afterAll(closeDatabase)

const cardOf = (cards: HomeCard[], id: string) => cards.find((c) => c.id === id)!
const keys = (card: HomeCard) => card.items.map((i) => i.key)

describe('the clinic home', () => {
	test("counts each card from the rows in its state, and only the clinic's", async () => {
		const { cards, shownReferralIds } = clinicHome(await clinicHomeRows(clinicA, coordinator, NOW))
		const counts = Object.fromEntries(cards.map((c) => [c.id, c.count]))
		expect(counts).toEqual({ 'expiring-offers': 1, shortlists: 2, 'unopened-links': 1, unfilled: 2, messages: 1, 'first-sessions': 2 })
		expect(keys(cardOf(cards, 'expiring-offers'))).toEqual([refs.Expiring])
		expect(cardOf(cards, 'expiring-offers').items[0]).toMatchObject({ detail: '1 pending offer', when: { iso: at(2).toISOString() } })
		expect(keys(cardOf(cards, 'unopened-links'))).toEqual([refs.Waiting])
		expect(keys(cardOf(cards, 'unfilled')).sort()).toEqual([refs.UnfilledOne, refs.UnfilledTwo].sort())
		expect(cardOf(cards, 'messages').items).toMatchObject([{ key: refs.Soon, detail: '2 new messages' }])
		expect(keys(cardOf(cards, 'first-sessions'))).toEqual([refs.Morning, refs.Soon])
		expect(cardOf(cards, 'first-sessions').items[1]!.label).toMatch(/^R-[A-Z0-9]{6} · Soon Example$/)
		expect(shownReferralIds).not.toContain(refs.OtherClinicUnfilled)
	})

	test('a colleague sees their own unread messages', async () => {
		const { cards } = clinicHome(await clinicHomeRows(clinicA, otherMember, NOW))
		expect(cardOf(cards, 'messages').items).toMatchObject([{ key: refs.Later, detail: '1 new message' }])
	})

	test("the week is the clinic's: late in the evening, a session the next afternoon is still this week", async () => {
		// 23:30 in Austin on the 23rd: the week runs to midnight on the 30th, so "Later" (the 25th) is in it.
		const { cards } = clinicHome(await clinicHomeRows(clinicA, coordinator, new Date('2026-11-24T05:30:00Z')))
		expect(keys(cardOf(cards, 'first-sessions'))).toContain(refs.Later)
	})

	test("the loader shows the clinic's cards to its member and audits the names shown", async () => {
		const before = await db().auditEvent.count({ where: { action: 'referral.patient_viewed', actorId: coordinator } })
		const data = (await homeLoader(await requestAs(coordinator))) as { kind: string; cards: HomeCard[] }
		expect(data.kind).toBe('clinic')
		expect(data.cards).toHaveLength(6)
		const audits = await db().auditEvent.findMany({ where: { action: 'referral.patient_viewed', actorId: coordinator }, orderBy: { id: 'asc' } })
		expect(audits).toHaveLength(before + 1)
		expect((audits.at(-1)!.details as { referralIds: string[] }).referralIds).toContain(refs.Waiting)
	})
})

describe('the therapist home', () => {
	test("pending offers not yet expired, soonest first; booked first sessions ahead; the profile's health", async () => {
		const [t1, t2] = therapists as [{ id: string; userId: string }, { id: string; userId: string }]
		const one = therapistHome(await therapistHomeRows(t1.id, NOW), NOW)
		// t1: the 2 h offer and clinic B's 3 h one are pending; the lapsed one expired an hour ago.
		expect(one.cards[0]!.count).toBe(2)
		expect(one.cards[0]!.items.map((i) => i.pill?.text ?? null)).toEqual(['Due in under 24 h', 'Due in under 24 h'])
		// "Soon" is booked ahead; "Morning" took place.
		expect(one.cards[1]!.items.map((i) => i.key)).toHaveLength(1)
		expect(one.cards[1]!.items[0]!.label).toMatch(/Soon Example$/)
		expect(one.health.lines[0]).toBe('You are accepting new referrals.')

		const two = therapistHome(await therapistHomeRows(t2.id, NOW), NOW)
		expect(two.cards[0]!.items).toHaveLength(1)
		expect(two.cards[0]!.items[0]!.pill).toBeNull()
		expect(two.cards[1]!.items[0]!.label).toMatch(/Later Example$/)
	})

	test('credentials about to expire and waiting for review show in the health line', async () => {
		const t2 = therapists[1]!
		await db().license.create({ data: { therapistId: t2.id, ...buildLicense(faker, 'WA', 'lmhc', NOW, { status: 'verified', expiresOn: addDays(NOW, 10) }) } })
		await db().license.create({ data: { therapistId: t2.id, ...buildLicense(faker, 'OR', 'lpc', NOW, { status: 'pending' }) } })
		await db().therapist.update({ where: { id: t2.id }, data: { accepting: false } })
		const { health } = therapistHome(await therapistHomeRows(t2.id, NOW), NOW)
		expect(health.tone).toBe('warning')
		expect(health.lines).toEqual([
			'You are not accepting new referrals: no new offers will come.',
			'1 credential expires within 30 days: Licensed Mental Health Counselor (LMHC), Washington, on Nov 27, 2026.',
			'1 credential waiting for review.',
		])
	})
})

describe('the platform admin home', () => {
	test('counts pending and expiring credentials and lists the states nobody can serve', async () => {
		const now = new Date()
		// Only the Texas licences stay, valid whenever this runs.
		await db().license.deleteMany({ where: { state: { not: 'TX' } } })
		await db().license.updateMany({ data: { expiresOn: addDays(now, 400) } })
		const [t1] = therapists as [{ id: string; userId: string }]
		for (let i = 0; i < 7; i++) await db().license.create({ data: { therapistId: t1.id, ...buildLicense(faker, 'NM', 'lpc', now, { status: 'pending', number: `LPC-P${i}` }) } })
		await db().license.create({ data: { therapistId: t1.id, ...buildLicense(faker, 'CO', 'lpc', now, { status: 'verified', expiresOn: addDays(now, 20) }) } })
		await db().license.create({ data: { therapistId: t1.id, ...buildLicense(faker, 'NY', 'lmhc', now, { status: 'verified', expiresOn: addDays(now, 45) }) } })
		await db().therapist.updateMany({ data: { accepting: true } })
		await refreshTherapistSearch(therapists.map((t) => t.id))
		// Demand in Washington, posted within the coverage window.
		await db().referral.updateMany({ where: { clinicId: clinicB.id }, data: { postedAt: now } })

		const cards = adminHome(await adminHomeRows(now))
		expect(cardOf(cards, 'pending-credentials')).toMatchObject({ count: 7, more: 2 })
		expect(cardOf(cards, 'expiring-credentials').count).toBe(1)
		expect(cardOf(cards, 'expiring-credentials').items[0]!.label).toMatch(/^Licensed Professional Counselor \(LPC\), Colorado · /)
		const gaps = cardOf(cards, 'states-without-supply')
		expect(keys(gaps)[0]).toBe('WA')
		expect(gaps.items[0]!.detail).toBe('3 referrals posted, no accepting therapist')
		const served = ['TX', 'CO', 'NY']
		expect(gaps.count).toBe(51 - served.length)
	})

	test('the loader gives a therapist their home, and someone with no role the welcome', async () => {
		expect(((await homeLoader(await requestAs(therapists[0]!.userId))) as { kind: string }).kind).toBe('therapist')
		expect(((await homeLoader(await requestAs(await user('nobody@example.org')))) as { kind: string }).kind).toBe('none')
	})
})

async function requestAs(userId: string) {
	const { token } = await createSession(userId, { ip: null, userAgent: null })
	const request = new Request('http://localhost/home', { headers: { Cookie: `${SESSION_COOKIE}=${token}` } })
	return { request, params: {}, context: { cspNonce: '' } }
}
