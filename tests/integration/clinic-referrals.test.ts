// How a clinic finds its referrals (search by reference or name, paging, only its own) and offers
// one to a therapist it names (docs/product.md §4, §6): eligible by matching's rules → a pending
// offer in the current round, its notice and its expiry; ineligible → refused with matching's
// reason and nothing written; another clinic's referral → not found.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { judgeTherapist, loadMatchReferral, matchReferral } from '#app/domain/matching/candidates.server.ts'
import { FILTER_LABELS } from '#app/domain/matching/eligibility.ts'
import { referralReference } from '#app/domain/notifications/lifecycle-notices.ts'
import { drainJobs } from '#app/domain/outbox/worker.server.ts'
import { offerNamedTherapist, resolveTherapistName, therapistNameSuggestions } from '#app/domain/referrals/direct-offers.server.ts'
import { applyClinicAction } from '#app/domain/referrals/referral-changes.server.ts'
import { readReferralSearch, REFERRALS_PER_PAGE } from '#app/domain/referrals/referral-list.ts'
import { listClinicReferrals } from '#app/domain/referrals/referrals.server.ts'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { seedDemoData } from '#prisma/seed.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'
import { texasReferralData } from '#tests/factories/referrals.ts'

const T0 = new Date('2026-11-17T12:00:00Z')
let clinicA: string
let clinicB: string
let coordinatorA: string

beforeAll(async () => {
	await resetDatabase()
	await seedDemoData(db(), { anchor: new Date('2026-11-16T00:00:00Z') })
	const a = await db().clinicMember.findFirstOrThrow({ where: { user: { email: 'tx.coordinator@tandem.example' } } })
	const b = await db().clinicMember.findFirstOrThrow({ where: { user: { email: 'wa.coordinator@tandem.example' } } })
	clinicA = a.clinicId
	coordinatorA = a.userId
	clinicB = b.clinicId
}, 400_000)
afterAll(closeDatabase)

async function draftFor(clinicId: string, patient: { firstName: string; lastName: string } | null) {
	return db().referral.create({
		data: { clinicId, status: 'draft', phases: [], dosingSessionsAt: [], ...(patient ? { patient: { create: { ...patient, email: null } } } : {}) },
		select: { id: true },
	})
}

describe('the clinic’s list', () => {
	test('finds a referral by its reference, with or without R-, in any case', async () => {
		const { id } = await draftFor(clinicA, { firstName: 'Maria', lastName: 'Gonzalez' })
		const reference = referralReference(id)
		for (const text of [reference, reference.toLowerCase(), reference.slice(2), reference.slice(2).toLowerCase()]) {
			const { referrals } = await listClinicReferrals(clinicA, { search: readReferralSearch(text) })
			expect(referrals.map((r) => r.id)).toContain(id)
			expect(referrals.find((r) => r.id === id)).toMatchObject({ reference, patientName: 'Maria Gonzalez' })
		}
	})

	test('finds a referral by the patient’s first or last name, in any case; a draft without a name is an unnamed patient', async () => {
		const { id } = await draftFor(clinicA, { firstName: 'Ximena', lastName: 'Quillfeather' })
		const unnamed = await draftFor(clinicA, null)
		for (const text of ['quillfeather', 'XIMENA', 'ximena quill', 'Quillfeather Ximena']) {
			const { referrals } = await listClinicReferrals(clinicA, { search: readReferralSearch(text) })
			expect(referrals.map((r) => r.id)).toEqual([id])
		}
		expect((await listClinicReferrals(clinicA, { search: readReferralSearch('ximena zzz') })).referrals).toEqual([])
		const { referrals } = await listClinicReferrals(clinicA, { search: readReferralSearch(referralReference(unnamed.id)) })
		expect(referrals.find((r) => r.id === unnamed.id)?.patientName).toBe('Unnamed patient')
	})

	test('never shows another clinic’s referral, by name or by reference', async () => {
		const theirs = await draftFor(clinicB, { firstName: 'Orla', lastName: 'Brightwater' })
		const mine = await draftFor(clinicA, { firstName: 'Orla', lastName: 'Brightwater' })
		expect((await listClinicReferrals(clinicA, { search: readReferralSearch('Brightwater') })).referrals.map((r) => r.id)).toEqual([mine.id])
		expect((await listClinicReferrals(clinicA, { search: readReferralSearch(referralReference(theirs.id)) })).referrals.map((r) => r.id)).not.toContain(theirs.id)
		const all = await listClinicReferrals(clinicA, { page: '1' })
		expect(all.window.total).toBe(await db().referral.count({ where: { clinicId: clinicA } }))
	})

	test('pages of 25; a page past the end shows the last; the count per status follows the search', async () => {
		for (let i = 0; i < 30; i++) await draftFor(clinicA, { firstName: `Pagina${i}`, lastName: 'Seiten' })
		const search = readReferralSearch('seiten')
		const first = await listClinicReferrals(clinicA, { search, page: '1' })
		expect(first.referrals).toHaveLength(REFERRALS_PER_PAGE)
		expect(first.window).toMatchObject({ page: 1, pages: 2, total: 30, from: 1, to: 25, next: 2 })
		expect(first.counts).toEqual({ draft: 30 })
		const second = await listClinicReferrals(clinicA, { search, page: '2' })
		expect(second.referrals).toHaveLength(5)
		expect(new Set([...first.referrals, ...second.referrals].map((r) => r.id)).size).toBe(30)
		const beyond = await listClinicReferrals(clinicA, { search, page: '40' })
		expect(beyond.window).toMatchObject({ page: 2, adjusted: true, from: 26, to: 30 })
		expect(beyond.referrals.map((r) => r.id)).toEqual(second.referrals.map((r) => r.id))
		expect((await listClinicReferrals(clinicA, { search, page: 'x' })).window).toMatchObject({ page: 1, adjusted: true })
		expect((await listClinicReferrals(clinicA, { search, status: 'open' })).window).toMatchObject({ total: 0, page: 1, from: 0 })
	})

	test('listing names is audited as a view of the patients', async () => {
		const { id } = await draftFor(clinicA, { firstName: 'Audra', lastName: 'Viewed' })
		await listClinicReferrals(clinicA, { search: readReferralSearch('Viewed'), viewer: { kind: 'user', userId: coordinatorA } })
		const entry = await db().auditEvent.findFirst({ where: { action: 'referral.patient_viewed', entity: 'clinic', entityId: clinicA }, orderBy: { at: 'desc' } })
		expect(entry?.details).toMatchObject({ list: true, referralIds: [id] })
	})
})

/** A Texas telehealth referral, posted at T0, with its first round of offers out. */
async function openReferral() {
	const first = new Date('2026-11-24T15:00:00Z')
	const draft = await db().referral.create({
		data: texasReferralData(clinicA, first, {
			focusAreas: ['depression'],
			patient: { create: { firstName: 'Pat', lastName: 'Named', email: 'pat.named@example.org', birthDate: new Date('1985-04-02') } },
		}),
	})
	expect(await applyClinicAction(clinicA, draft.id, { kind: 'user', userId: coordinatorA }, 'post', null, T0)).toMatchObject({ ok: true, status: 'open' })
	await drainJobs(T0)
	expect((await db().referral.findUniqueOrThrow({ where: { id: draft.id } })).matchingRound).toBe(1)
	return draft.id
}

const written = async (referralId: string) => ({
	offers: await db().offer.count({ where: { referralId } }),
	jobs: await db().outboxJob.count(),
	audits: await db().auditEvent.count({ where: { action: 'offer.named_by_clinic' } }),
})

describe('offering a therapist the clinic names', () => {
	test('an eligible therapist gets a pending offer in the current round, its notice and its expiry, audited', async () => {
		const referralId = await openReferral()
		const offered = new Set((await db().offer.findMany({ where: { referralId }, select: { therapistId: true } })).map((o) => o.therapistId))
		const match = (await loadMatchReferral(referralId, clinicA, T0))!
		const fits = (await matchReferral(match, { limit: 40 })).suggestions.filter((s) => !offered.has(s.therapistId))
		// One with an account, to see their notice arrive.
		const withAccount = new Set((await db().therapist.findMany({ where: { id: { in: fits.map((s) => s.therapistId) }, userId: { not: null } }, select: { id: true } })).map((t) => t.id))
		const pick = fits.find((s) => withAccount.has(s.therapistId)) ?? fits[0]!
		expect(pick).toBeDefined()
		const at = new Date(T0.getTime() + 60_000)
		const result = await offerNamedTherapist(clinicA, referralId, pick.therapistId, { kind: 'user', userId: coordinatorA }, at)
		expect(result).toMatchObject({ ok: true })
		const offer = await db().offer.findFirstOrThrow({ where: { referralId, therapistId: pick.therapistId } })
		expect(offer).toMatchObject({ status: 'pending', round: 1, sentAt: at, expiresAt: new Date(at.getTime() + 48 * 3_600_000) })
		expect(offer.reasons.length).toBeGreaterThan(0)
		const jobs = await db().outboxJob.findMany({ where: { payload: { path: ['offerId'], equals: offer.id } } })
		expect(jobs.map((j) => (j.kind === 'notify' ? `notify:${(j.payload as { event: string }).event}` : j.kind)).sort()).toEqual(['notify:offer_expiring', 'notify:offer_received', 'offer_expiry'])
		await drainJobs(at)
		const therapist = await db().therapist.findUniqueOrThrow({ where: { id: pick.therapistId }, select: { userId: true } })
		if (therapist.userId) expect(await db().notification.count({ where: { userId: therapist.userId, href: `/therapist/offers/${offer.id}` } })).toBe(1)
		expect(await db().auditEvent.count({ where: { action: 'offer.named_by_clinic', entityId: offer.id, actorId: coordinatorA } })).toBe(1)

		// Once is enough: a second offer to the same therapist is refused.
		const again = await offerNamedTherapist(clinicA, referralId, pick.therapistId, { kind: 'user', userId: coordinatorA }, at)
		expect(again).toMatchObject({ ok: false, reason: 'conflict' })
	})

	test('an ineligible therapist is refused with matching’s reason, and nothing is written', async () => {
		const referralId = await openReferral()
		const match = (await loadMatchReferral(referralId, clinicA, T0))!
		// Washington's therapists are not licensed in Texas.
		const candidates = await db().therapist.findMany({ where: { licenses: { every: { state: 'WA' } }, NOT: { licenses: { none: {} } } }, select: { id: true, fullName: true }, take: 10 })
		let outsider: { id: string; fullName: string; filter: keyof typeof FILTER_LABELS } | null = null
		for (const c of candidates) {
			const verdict = await judgeTherapist(match, c.id)
			if (verdict.kind === 'excluded') {
				outsider = { ...c, filter: verdict.filter }
				break
			}
		}
		expect(outsider).not.toBeNull()
		const before = await written(referralId)
		const result = await offerNamedTherapist(clinicA, referralId, outsider!.id, { kind: 'user', userId: coordinatorA }, T0)
		expect(result).toEqual({ ok: false, reason: 'conflict', message: `${outsider!.fullName} cannot take this referral: ${FILTER_LABELS[outsider!.filter]}.` })
		expect(await written(referralId)).toEqual(before)
	})

	test('another clinic’s referral is not found, and nothing is written', async () => {
		const referralId = await openReferral()
		const someone = await db().therapist.findFirstOrThrow({ select: { id: true } })
		const before = await written(referralId)
		expect(await offerNamedTherapist(clinicB, referralId, someone.id, { kind: 'user', userId: coordinatorA }, T0)).toMatchObject({ ok: false, reason: 'not_found' })
		expect(await written(referralId)).toEqual(before)
	})

	test('a draft is not open: refused', async () => {
		const { id } = await draftFor(clinicA, { firstName: 'Dora', lastName: 'Draft' })
		const someone = await db().therapist.findFirstOrThrow({ select: { id: true } })
		expect(await offerNamedTherapist(clinicA, id, someone.id, { kind: 'user', userId: coordinatorA }, T0)).toMatchObject({ ok: false, reason: 'conflict' })
	})

	test('a therapist is found by name as the clinic types, and a typed name resolves to one therapist', async () => {
		const someone = await db().therapist.findFirstOrThrow({ select: { id: true, fullName: true } })
		const [word] = someone.fullName.split(' ')
		const found = await therapistNameSuggestions(clinicA, word!.toLowerCase())
		expect(found.length).toBeGreaterThan(0)
		expect(found.every((t) => t.fullName.toLowerCase().includes(word!.toLowerCase()))).toBe(true)
		expect(await resolveTherapistName(someone.fullName.toUpperCase(), null)).toMatchObject({ ok: true })
		expect(await resolveTherapistName('Nobody Nowhere-Atall', null)).toMatchObject({ ok: false })
	})
})
