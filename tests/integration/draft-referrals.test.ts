// Drafts may be incomplete (the clinic API's contract, docs/api.md): the referral form saves one with only what was typed,
// posting it names every missing field and keeps what was typed, the clinic's list and the
// referral's page say what a draft still needs, and the database refuses a posted referral without
// what posting needs (a CHECK on the referral, a trigger for its patient).
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { applyClinicAction, createReferral, updateReferral } from '#app/domain/referrals/referral-changes.server.ts'
import { ReferralInputSchema } from '#app/domain/referrals/referral-input.ts'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { createSession, SESSION_COOKIE } from '#app/utils/session.server.ts'
import { seedDemoData } from '#prisma/seed.ts'
import { startTestServer, type TestServer } from '#tests/setup/app-server.ts'
import { apiReferralBody } from '#tests/factories/referrals.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'

let server: TestServer
let clinicId: string
let userId: string

beforeAll(async () => {
	await resetDatabase()
	await seedDemoData(db(), { anchor: new Date() })
	const admin = await db().clinicMember.findFirstOrThrow({ where: { user: { email: 'tx.admin@tandem.example' } } })
	clinicId = admin.clinicId
	userId = admin.userId
	server = await startTestServer()
}, 120_000)
afterAll(async () => {
	await server?.close()
	await closeDatabase()
})

async function formPost(path: string, form: [string, string][]) {
	const { token } = await createSession(userId, { ip: null, userAgent: 'drafts test' })
	const response = await fetch(server.origin + path, {
		method: 'POST',
		headers: { Cookie: `${SESSION_COOKIE}=${token}`, Origin: server.origin, 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(form),
		redirect: 'manual',
	})
	return { status: response.status, location: response.headers.get('Location'), html: await response.text() }
}

async function page(path: string) {
	const { token } = await createSession(userId, { ip: null, userAgent: 'drafts test' })
	const response = await fetch(server.origin + path, { headers: { Cookie: `${SESSION_COOKIE}=${token}` } })
	return (await response.text()).replaceAll('&#x27;', '’').replaceAll('<!-- -->', '')
}

const typed: [string, string][] = [
	['patientState', 'TX'],
	['phases', 'integration'],
	['patient.firstName', 'Ana'],
	['dosing.sessions', '4'],
	['dosing.durationMinutes', '120'],
	['urgency', 'routine'],
	['radiusMiles', '25'],
]

describe('the referral form', () => {
	test('saves a draft with only a few fields; the page and the list say what it still needs', async () => {
		const saved = await formPost(`/clinics/${clinicId}/referrals/new`, [...typed, ['intent', 'save']])
		expect(saved.status).toBe(302)
		const id = saved.location!.match(/referrals\/([^?]+)\?done=saved/)![1]!
		const stored = await db().referral.findUniqueOrThrow({ where: { id }, include: { patient: true } })
		expect(stored).toMatchObject({
			status: 'draft',
			patientState: 'TX',
			phases: ['integration'],
			format: null,
			ageBand: null,
			paymentType: null,
			firstDosingAt: null,
			dosingSessionsAt: [],
			draftDoseCount: 4,
		})
		expect(stored.patient).toMatchObject({ firstName: 'Ana', lastName: null, email: null, birthDate: null })

		const referralPage = await page(`/clinics/${clinicId}/referrals/${id}`)
		expect(referralPage).toContain(
			'Before it can be posted, this draft needs the format, the age band, how the patient pays, the first dosing session’s date and time, the days between dosing sessions, the patient’s last name, the patient’s email address and the patient’s date of birth.',
		)
		expect(referralPage).toContain('First dosing session not given yet')
		const list = await page(`/clinics/${clinicId}/referrals?status=draft`)
		expect(list).toContain('Still needed to post: the format, the age band, how the patient pays')

		// Posting it from its page is refused, naming what is missing; it stays a draft.
		const refused = await formPost(`/clinics/${clinicId}/referrals/${id}`, [['intent', 'post']])
		expect(refused.status).toBe(400)
		expect(refused.html.replaceAll('&#x27;', '’')).toContain('Not posted. Before it can be posted, this draft needs the format')
		expect((await db().referral.findUniqueOrThrow({ where: { id } })).status).toBe('draft')
	})

	test('posting an incomplete referral is refused with each missing field named beside it, and what was typed is kept', async () => {
		const before = await db().referral.count()
		const refused = await formPost(`/clinics/${clinicId}/referrals/new`, [...typed, ['intent', 'post']])
		expect(refused.status).toBe(400)
		const html = refused.html.replaceAll('&#x27;', '’')
		for (const message of [
			'Choose telehealth, in person or either.',
			'Choose the patient’s age band.',
			'Choose insurance or self-pay.',
			'Give the first dosing session’s date and time.',
			'Give the days between sessions.',
			'Enter the patient’s last name.',
			'Enter the patient’s email address.',
			'Enter the patient’s date of birth.',
		])
			expect(html).toContain(message)
		expect(html).toContain('to keep what you typed without the missing ones, save it as a draft')
		expect(html).toMatch(/name="patient.firstName"[^>]*value="Ana"|value="Ana"[^>]*name="patient.firstName"/)
		expect(await db().referral.count()).toBe(before)
		// A bare POST is neither saving nor posting.
		expect((await formPost(`/clinics/${clinicId}/referrals/new`, [])).status).toBe(400)
		expect(await db().referral.count()).toBe(before)
	})

	test('a completed draft posts from its edit form', async () => {
		const created = await createReferral(clinicId, { kind: 'user', userId }, ReferralInputSchema.parse({ patientState: 'TX' }))
		expect(created).toMatchObject({ ok: true, status: 'draft' })
		const id = (created as { id: string }).id
		const body = apiReferralBody()
		const firstDose = body.dosing.firstSessionAt.slice(0, 16)
		const complete: [string, string][] = [
			['patientState', 'TX'],
			['phases', 'integration'],
			['format', 'telehealth'],
			['ageBand', body.ageBand],
			['payment.type', 'self_pay'],
			['dosing.firstSessionAt', firstDose],
			['dosing.sessions', '6'],
			['dosing.cadenceDays', '3'],
			['dosing.durationMinutes', '120'],
			['urgency', 'routine'],
			['radiusMiles', '25'],
			['patient.firstName', 'Ana'],
			['patient.lastName', 'Ruiz'],
			['patient.email', 'ana@example.org'],
			['patient.birthDate', body.patient.birthDate],
			['intent', 'post'],
		]
		const posted = await formPost(`/clinics/${clinicId}/referrals/${id}/edit`, complete)
		expect(posted).toMatchObject({ status: 302, location: `/clinics/${clinicId}/referrals/${id}?done=posted` })
		expect(await db().referral.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'open', format: 'telehealth', draftDoseCount: null, draftCadenceDays: null })
	})
})

describe('the services', () => {
	test('an unfilled referral keeps everything posting needs, even when only saved', async () => {
		const actor = { kind: 'user' as const, userId }
		const created = await createReferral(clinicId, actor, ReferralInputSchema.parse(apiReferralBody()))
		const id = (created as { id: string }).id
		await db().referral.update({ where: { id }, data: { status: 'unfilled' } })
		const emptied = await updateReferral(clinicId, id, actor, ReferralInputSchema.parse({ ...apiReferralBody(), format: undefined, patient: undefined, post: false }))
		expect(emptied).toMatchObject({ ok: false, reason: 'invalid' })
		expect((emptied as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(['format', 'patient.firstName', 'patient.lastName', 'patient.email', 'patient.birthDate'])
		expect(await db().referral.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'unfilled', format: 'telehealth' })
	})

	test('an incomplete draft can be cancelled, as any draft', async () => {
		const actor = { kind: 'user' as const, userId }
		const created = await createReferral(clinicId, actor, ReferralInputSchema.parse({}))
		const id = (created as { id: string }).id
		expect(await applyClinicAction(clinicId, id, actor, 'cancel', null)).toEqual({ ok: true, id, status: 'cancelled' })
	})
})

describe('the database', () => {
	const draftRow = () => ({ clinicId, status: 'draft' as const, phases: [], modalities: [], focusAreas: [], languages: [], dosingSessionsAt: [] })
	const complete = () => {
		const first = new Date(Date.now() + 10 * 86_400_000)
		return { patientState: 'TX', ageBand: '35-44', phases: ['integration'], format: 'telehealth' as const, paymentType: 'self_pay' as const, firstDosingAt: first, dosingSessionsAt: [first] }
	}

	test('a draft may lack what posting needs; a posted referral may not', async () => {
		const draft = await db().referral.create({ data: draftRow() })
		// Leaving draft without the facts is refused by the CHECK, whichever status it would reach.
		for (const status of ['open', 'unfilled', 'matched'] as const) await expect(db().referral.update({ where: { id: draft.id }, data: { status } })).rejects.toThrow(/Referral_posted_complete_check/)
		// A posted one cannot lose one.
		const posted = await db().referral.create({ data: { ...draftRow(), ...complete(), status: 'open', postedAt: new Date() } })
		for (const data of [{ patientState: null }, { ageBand: null }, { format: null }, { paymentType: null }, { phases: [] }, { firstDosingAt: null, dosingSessionsAt: [] }, { draftDoseCount: 3 }])
			await expect(db().referral.update({ where: { id: posted.id }, data })).rejects.toThrow(/Referral_posted_complete_check/)
		await expect(db().referral.update({ where: { id: posted.id }, data: { paymentType: 'insurance', payer: null } })).rejects.toThrow(/Referral_posted_complete_check/)
		// Cancelled before it was ever posted, a draft may stay incomplete; cancelled after posting, it may not lose a fact.
		await db().referral.update({ where: { id: draft.id }, data: { status: 'cancelled' } })
		await db().referral.update({ where: { id: posted.id }, data: { status: 'cancelled' } })
		await expect(db().referral.update({ where: { id: posted.id }, data: { ageBand: null } })).rejects.toThrow(/Referral_posted_complete_check/)
		// The first dose is still the list's first.
		await expect(db().referral.create({ data: { ...draftRow(), firstDosingAt: new Date('2026-12-07T16:00:00Z'), dosingSessionsAt: [new Date('2026-12-08T16:00:00Z')] } })).rejects.toThrow(
			/Referral_dosingSessionsAt_check/,
		)
		await expect(db().referral.create({ data: { ...draftRow(), firstDosingAt: null, dosingSessionsAt: [new Date('2026-12-08T16:00:00Z')] } })).rejects.toThrow(/Referral_dosingSessionsAt_check/)
		expect(await db().referral.create({ data: { ...draftRow(), firstDosingAt: new Date('2026-12-07T16:00:00Z'), draftDoseCount: 4 } })).toMatchObject({ dosingSessionsAt: [] })
	})

	test('a posted referral’s patient has a name, an email and a date of birth', async () => {
		const draft = await db().referral.create({ data: { ...draftRow(), ...complete(), patient: { create: { firstName: 'Ana' } } } })
		await expect(db().referral.update({ where: { id: draft.id }, data: { status: 'open', postedAt: new Date() } })).rejects.toThrow(
			/patient’s first and last name, email and date of birth|patient''s|patient's/,
		)
		await db().referralPatient.update({ where: { referralId: draft.id }, data: { lastName: 'Ruiz', email: 'ana@example.org', birthDate: new Date('1980-02-03') } })
		await db().referral.update({ where: { id: draft.id }, data: { status: 'open', postedAt: new Date() } })
		await expect(db().referralPatient.update({ where: { referralId: draft.id }, data: { email: null } })).rejects.toThrow(/email and date of birth/)
		const posted = await db().referral.create({ data: { ...draftRow(), ...complete(), status: 'open', postedAt: new Date() } })
		await expect(db().referralPatient.create({ data: { referralId: posted.id, firstName: 'Ana' } })).rejects.toThrow(/email and date of birth/)
	})
})
