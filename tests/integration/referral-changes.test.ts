// Referral writes (docs/product.md §4): two people acting at once cannot both win, every change leaves
// one timeline event, and cancelling withdraws the offers still out.
import { expandDoses } from '#app/domain/referrals/dosing.ts'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { applyClinicAction } from '#app/domain/referrals/referral-changes.server.ts'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { seedDemoData } from '#prisma/seed.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'
import { texasReferralData } from '#tests/factories/referrals.ts'

let clinicId: string
let userId: string

beforeAll(async () => {
	await resetDatabase()
	await seedDemoData(db(), { anchor: new Date('2026-11-16T00:00:00Z') })
	const admin = await db().clinicMember.findFirstOrThrow({ where: { user: { email: 'tx.admin@tandem.example' } } })
	clinicId = admin.clinicId
	userId = admin.userId
})
afterAll(closeDatabase)

test('two clinic members posting the same draft at once: exactly one wins, the other is told why', async () => {
	const inTenDays = new Date(Date.now() + 10 * 86_400_000)
	const draft = await db().referral.create({
		data: texasReferralData(clinicId, inTenDays, { dosingSessionsAt: expandDoses(inTenDays, 3, 7, 'America/Chicago') }),
	})
	// Posting needs the patient too.
	await db().referralPatient.create({ data: { referralId: draft.id, firstName: 'Ana', lastName: 'Ruiz', email: 'ana@example.org', birthDate: new Date('1984-03-09') } })
	const actor = { kind: 'user' as const, userId }
	const results = await Promise.all([applyClinicAction(clinicId, draft.id, actor, 'post', null), applyClinicAction(clinicId, draft.id, actor, 'post', null)])
	const won = results.filter((r) => r.ok)
	const lost = results.filter((r) => !r.ok)
	expect(won).toHaveLength(1)
	expect(lost).toHaveLength(1)
	const final = await db().referral.findUniqueOrThrow({ where: { id: draft.id } })
	expect(final.status).toBe('open')
	expect(lost[0]).toEqual({ ok: false, reason: 'conflict', status: 'open', allowed: ['cancel'], message: 'Posting is not possible: the referral is open.' })
	// One event for the change that happened, none for the one that lost.
	expect(await db().referralEvent.count({ where: { referralId: draft.id } })).toBe(1)
})

test('cancelling an open referral withdraws its pending offers, releases acceptances and leaves the answered ones', async () => {
	const open = await db().referral.findFirstOrThrow({ where: { clinicId, status: 'open', offers: { some: { status: 'pending' } } }, include: { offers: true } })
	const before = new Map(open.offers.map((o) => [o.id, o.status]))
	const result = await applyClinicAction(clinicId, open.id, { kind: 'user', userId }, 'cancel', 'Patient withdrew')
	expect(result).toMatchObject({ ok: true, status: 'cancelled' })
	for (const offer of await db().offer.findMany({ where: { referralId: open.id } })) {
		const was = before.get(offer.id)!
		expect(offer.status).toBe(was === 'pending' ? 'withdrawn' : was === 'accepted' ? 'released' : was)
	}
	const event = await db().referralEvent.findFirstOrThrow({ where: { referralId: open.id, toStatus: 'cancelled' } })
	expect(event).toMatchObject({ fromStatus: 'open', actor: `user:${userId}`, reason: 'Patient withdrew' })
	// Another clinic cannot act on it: not found, as for an unknown id.
	const seattle = await db().clinicMember.findFirstOrThrow({ where: { user: { email: 'wa.coordinator@tandem.example' } } })
	expect(await applyClinicAction(seattle.clinicId, open.id, { kind: 'user', userId: seattle.userId }, 'repost', null)).toEqual({ ok: false, reason: 'not_found' })
})
