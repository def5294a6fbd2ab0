// A clinic's partners and blocks (docs/product.md §6): a block leaves the therapist out of that clinic's
// matching only, counted under `not_excluded`; a partner scores WEIGHTS.partner more and is never
// made eligible by it; both are audited; only the clinic's members change them.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { setNote, setStanding } from '#app/domain/clinics/partners.server.ts'
import { naiveMatch } from '#app/domain/matching/baseline.server.ts'
import { loadMatchReferral, matchReferral, whyNotTherapist } from '#app/domain/matching/candidates.server.ts'
import { WEIGHTS } from '#app/domain/matching/score.ts'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { createSession, SESSION_COOKIE } from '#app/utils/session.server.ts'
import { seedDemoData } from '#prisma/seed.ts'
import { startTestServer, type TestServer } from '#tests/setup/app-server.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'

let austin: string
let houston: string
let adminId: string
let referralId: string
let server: TestServer

beforeAll(async () => {
	await resetDatabase()
	await seedDemoData(db(), { anchor: new Date('2026-11-16T00:00:00Z') })
	const admin = await db().clinicMember.findFirstOrThrow({ where: { user: { email: 'tx.admin@tandem.example' } } })
	austin = admin.clinicId
	adminId = admin.userId
	houston = (await db().referral.findFirstOrThrow({ where: { clinicId: { not: austin }, patientState: 'TX' } })).clinicId
	referralId = (await db().referral.findFirstOrThrow({ where: { clinicId: austin, status: 'draft' } })).id
	server = await startTestServer()
}, 120_000)
afterAll(async () => {
	await server?.close()
	await closeDatabase()
})

const telehealth = async (id: string) => ({
	...(await loadMatchReferral(id))!,
	format: 'telehealth' as const,
	phases: ['integration'],
	languages: [],
	payment: { type: 'self_pay' as const, maxRate: null },
})

test('a block leaves the therapist out of the clinic’s matching, under not_excluded, and of no other clinic’s; unblocking brings them back', async () => {
	const before = await matchReferral(await telehealth(referralId))
	const blocked = before.suggestions[0]!.therapistId
	expect(await setStanding(austin, blocked, 'blocked', adminId)).toEqual({ ok: true })

	const referral = await telehealth(referralId)
	const after = await matchReferral(referral)
	expect(after.suggestions.map((s) => s.therapistId)).not.toContain(blocked)
	expect(after.excluded.not_excluded).toBe(before.excluded.not_excluded + 1)
	expect(after.eligible).toBe(before.eligible - 1)
	expect(await whyNotTherapist(referral, blocked)).toBe('not_excluded')
	// The SQL path and the whole network in JavaScript agree.
	const naive = await naiveMatch(referral)
	expect(after.suggestions).toEqual(naive.suggestions)
	expect(after.excluded).toEqual(naive.excluded)
	// Another clinic's referral for the same state still has them.
	const other = await db().referral.findFirstOrThrow({ where: { clinicId: houston } })
	expect((await loadMatchReferral(other.id))!.excludedTherapistIds.has(blocked)).toBe(false)

	expect(await setStanding(austin, blocked, null, adminId)).toEqual({ ok: true })
	expect(await whyNotTherapist(await telehealth(referralId), blocked)).toBeNull()
	expect(await db().auditEvent.count({ where: { entityId: blocked, action: { in: ['clinic.therapist_blocked', 'clinic.therapist_standing_cleared'] } } })).toBe(2)
})

test('a partner scores WEIGHTS.partner more, with the reason said, and is never made eligible by it', async () => {
	const before = await matchReferral(await telehealth(referralId))
	const partner = before.suggestions.at(-1)!
	// Someone the referral excludes for a hard filter stays excluded as a partner.
	const ineligible = (await db().therapist.findFirstOrThrow({ where: { licenses: { none: { state: 'TX' } }, authorizations: { none: {} } } })).id
	expect(await setStanding(austin, partner.therapistId, 'partner', adminId)).toEqual({ ok: true })
	expect(await setStanding(austin, ineligible, 'partner', adminId)).toEqual({ ok: true })

	const referral = await telehealth(referralId)
	const after = await matchReferral(referral)
	const boosted = after.suggestions.find((s) => s.therapistId === partner.therapistId)!
	expect(boosted.score - partner.score).toBe(WEIGHTS.partner)
	expect(boosted.reasons).toContain('A partner your clinic works with')
	expect(after.eligible).toBe(before.eligible)
	expect(await whyNotTherapist(referral, ineligible)).toBe('jurisdiction')
	expect(after.suggestions).toEqual((await naiveMatch(referral)).suggestions)
	expect(await db().auditEvent.count({ where: { entityId: partner.therapistId, action: 'clinic.partner_added' } })).toBe(1)
})

test('the profile page: a clinic member sets the standing and a private note for their own clinic only', async () => {
	const therapist = (await db().therapist.findFirstOrThrow({ where: { email: 'therapist.wa@tandem.example' } })).id
	const { token } = await createSession(adminId, { ip: null, userAgent: 'partners test' })
	const post = async (form: Record<string, string>) => {
		const response = await fetch(`${server.origin}/therapists/${therapist}`, {
			method: 'POST',
			headers: { Cookie: `${SESSION_COOKIE}=${token}`, Origin: server.origin, 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams(form),
			redirect: 'manual',
		})
		return { status: response.status, html: await response.text() }
	}
	expect((await post({ intent: 'block', clinicId: houston })).status).toBe(403)
	expect((await post({ intent: 'block', clinicId: austin })).status).toBe(200)
	expect((await db().clinicTherapist.findUniqueOrThrow({ where: { clinicId_therapistId: { clinicId: austin, therapistId: therapist } } })).standing).toBe('blocked')
	const tooLong = await post({ intent: 'note', clinicId: austin, note: 'x'.repeat(2001) })
	expect(tooLong.status).toBe(400)
	expect(tooLong.html).toContain('Keep the note under 2000 characters (this one has 2001).')
	expect((await post({ intent: 'note', clinicId: austin, note: ' Works Saturdays; prefers referrals by phone. ' })).status).toBe(200)
	const page = await fetch(`${server.origin}/therapists/${therapist}`, { headers: { Cookie: `${SESSION_COOKIE}=${token}` } })
	const html = await page.text()
	expect(html).toContain('Works Saturdays; prefers referrals by phone.')
	expect(html).toContain('Blocked by your clinic')
	// The note's words stay out of the audit log (seq left out: JSON has no bigint).
	expect(JSON.stringify(await db().auditEvent.findMany({ where: { action: 'clinic.therapist_note_changed' }, omit: { seq: true } }))).not.toContain('Saturdays')
	expect(await setNote(austin, 'no-such-therapist', 'x', adminId)).toMatchObject({ ok: false, reason: 'not_found' })
})

test('blocking ends the offers already out to the therapist on the clinic’s referrals: pending ones withdrawn, acceptances released', async () => {
	// The demo therapist in Texas has a pending offer here and offers from other Texas clinics.
	const pending = await db().offer.findFirstOrThrow({ where: { status: 'pending', therapist: { email: 'therapist.tx@tandem.example' }, referral: { clinicId: austin, status: 'open' } } })
	const accepted = await db().offer.findFirst({ where: { status: 'accepted', referral: { clinicId: austin } } })
	const elsewhereBefore = await db().offer.findMany({
		where: { therapistId: pending.therapistId, referral: { clinicId: { not: austin } } },
		select: { id: true, status: true },
		orderBy: { id: 'asc' },
	})
	expect(elsewhereBefore.length).toBeGreaterThan(0)
	expect(await setStanding(austin, pending.therapistId, 'blocked', adminId)).toEqual({ ok: true })
	expect((await db().offer.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe('withdrawn')
	expect(await db().offerEvent.findFirstOrThrow({ where: { offerId: pending.id, toStatus: 'withdrawn' } })).toMatchObject({ reason: 'The clinic blocked this therapist', actor: `user:${adminId}` })
	if (accepted) {
		expect(await setStanding(austin, accepted.therapistId, 'blocked', adminId)).toEqual({ ok: true })
		expect((await db().offer.findUniqueOrThrow({ where: { id: accepted.id } })).status).toBe('released')
	}
	// Their offers from other clinics stay as they were.
	expect(await db().offer.findMany({ where: { therapistId: pending.therapistId, referral: { clinicId: { not: austin } } }, select: { id: true, status: true }, orderBy: { id: 'asc' } })).toEqual(
		elsewhereBefore,
	)
	await setStanding(austin, pending.therapistId, null, adminId)
	if (accepted) await setStanding(austin, accepted.therapistId, null, adminId)
})
