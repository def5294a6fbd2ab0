// The referral lifecycle end to end on the database, with a fixed clock (docs/product.md §4): posting
// sends the first round of offers; offers expire at the end of their window and the next round
// goes out; after the last round the referral is unfilled; declines bring the next round at once;
// an acceptance shortlists the referral and sends the patient their link; the patient's choice
// releases the others and books the first session; every change is on the timeline, audited and
// notified, and the worker does each job once.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { drainJobs } from '#app/domain/outbox/worker.server.ts'
import { recentNotifications } from '#app/domain/notifications/notifications.server.ts'
import { acceptOffer, bookFirstSession, completeCare, declineOffer, markInCare, proposableForOffer, retractAcceptance, stepBack, therapistOffer } from '#app/domain/referrals/offer-responses.server.ts'
import { referralThread, sendMessage } from '#app/domain/referrals/messages.server.ts'
import { OFFER_STATUSES, OFFERS_PER_ROUND } from '#app/domain/referrals/offers.ts'
import { AUTHORIZATION_KINDS } from '#app/domain/reference/index.ts'
import { patientChooses, patientDeclinesAll, recordChoiceForPatient } from '#app/domain/referrals/patient-choice.server.ts'
import { patientPage } from '#app/domain/referrals/patient-page.server.ts'
import { resolvePatientLink } from '#app/domain/referrals/patient-links.server.ts'
import { applyClinicAction, createReferral, updateReferral } from '#app/domain/referrals/referral-changes.server.ts'
import { ReferralInputSchema } from '#app/domain/referrals/referral-input.ts'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { seedDemoData } from '#prisma/seed.ts'
import { generateToken, hashToken } from '#app/domain/auth/tokens.ts'
import { startTestServer, type TestServer } from '#tests/setup/app-server.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'
import { apiReferralBody, texasReferralData } from '#tests/factories/referrals.ts'
import { loader as offerPageLoader } from '#app/routes/therapist.offers.$offerId.tsx'
import { loader as offerInboxLoader } from '#app/routes/therapist.offers._index.tsx'
import { createSession, SESSION_COOKIE } from '#app/utils/session.server.ts'
import { sent } from '#tests/setup/accounts.ts'

const HOUR = 3_600_000
const T0 = new Date('2026-11-17T12:00:00Z')
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR)

let clinicId: string
let coordinatorId: string
let seeded: string[] = []

beforeAll(async () => {
	await resetDatabase()
	await seedDemoData(db(), { anchor: new Date('2026-11-16T00:00:00Z') })
	const coordinator = await db().clinicMember.findFirstOrThrow({ where: { user: { email: 'tx.coordinator@tandem.example' } } })
	clinicId = coordinator.clinicId
	coordinatorId = coordinator.userId
	seeded = (await db().referral.findMany({ select: { id: true } })).map((r) => r.id)
})
afterAll(closeDatabase)

// Each test starts from the seed: earlier tests' referrals (their offers fill therapists' capacity)
// and every job (the seed's expiries included) are gone.
beforeEach(async () => {
	await db().referral.deleteMany({ where: { id: { notIn: seeded } } })
	await db().outboxJob.deleteMany()
})

/** A Texas telehealth referral needing a free hour in the first integration window, posted at `now`. */
async function postReferral(now = T0, extra: { urgency?: 'urgent' } = {}) {
	const draft = await db().referral.create({
		data: texasReferralData(clinicId, new Date('2026-11-24T15:00:00Z'), {
			modalities: ['act'],
			focusAreas: ['depression'],
			timingRequired: true,
			...extra,
			patient: { create: { firstName: 'Pat', lastName: 'Example', email: 'pat.example@example.org', birthDate: new Date('1985-04-02') } },
		}),
	})
	const posted = await applyClinicAction(clinicId, draft.id, { kind: 'user', userId: coordinatorId }, 'post', null, now)
	expect(posted).toMatchObject({ ok: true, status: 'open' })
	return draft.id
}

const offersOf = (referralId: string) => db().offer.findMany({ where: { referralId }, orderBy: [{ round: 'asc' }, { id: 'asc' }] })
const statusOf = async (referralId: string) => (await db().referral.findUniqueOrThrow({ where: { id: referralId } })).status

/** The referral's status chain has no gaps: each event starts where the one before ended. */
async function expectTimelineWithoutGaps(referralId: string) {
	const events = await db().referralEvent.findMany({ where: { referralId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] })
	for (let i = 1; i < events.length; i++) expect(events[i]!.fromStatus, `event ${i} (${events[i]!.fromStatus}→${events[i]!.toStatus})`).toBe(events[i - 1]!.toStatus)
	expect(events.at(-1)!.toStatus).toBe(await statusOf(referralId))
	return events
}

async function therapistOf(offerId: string) {
	return (await db().offer.findUniqueOrThrow({ where: { id: offerId }, include: { therapist: true } })).therapist
}

/** The first `count` free times the offer's therapist may propose at `when`, as the page lists them, none overlapping the one before (sessions are an hour). */
async function freeTimes(offerId: string, when: Date, count = 1): Promise<string[]> {
	const { therapistId } = await db().offer.findUniqueOrThrow({ where: { id: offerId }, select: { therapistId: true } })
	const access = await therapistOffer(therapistId, offerId)
	if (!access.ok) throw new Error('no access')
	const times = await proposableForOffer(access.offer, when)
	expect(times.length).toBeGreaterThan(0)
	const picked: Date[] = []
	for (const t of times) if (picked.length < count && (picked.length === 0 || t.getTime() - picked.at(-1)!.getTime() >= 3_600_000)) picked.push(t)
	return picked.map((t) => t.toISOString())
}

/** The therapist accepts, proposing the first `count` free times; returns them. */
async function accept(offerId: string, when = at(2), count = 2): Promise<string[]> {
	const picked = await freeTimes(offerId, when, count)
	const { therapistId } = await db().offer.findUniqueOrThrow({ where: { id: offerId }, select: { therapistId: true } })
	expect(await acceptOffer(therapistId, offerId, picked, { kind: 'system' }, when)).toEqual({ ok: true })
	return picked
}

/** The token of the newest patient link emailed, which never carries PHI. */
async function patientToken(): Promise<string> {
	const email = sent(await db().emailMessage.findFirstOrThrow({ where: { template: 'patient_link' }, orderBy: { createdAt: 'desc' } }))
	expect(email.text).not.toMatch(/Pat |Example|ketamine/i)
	expect(email.subject).toMatch(/^Choose your therapist \(referral R-[A-Z0-9]{6}\)$/)
	expect(email.text).toMatch(/works until [A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}(, \d{4})?, \d{1,2}:\d{2} [AP]M [A-Z]{3,4}\./)
	return /\/choose\/([a-z2-7]{32})/.exec(email.text)![1]!
}

async function patientLinkId(when: Date): Promise<string> {
	const link = await resolvePatientLink(await patientToken(), when)
	if (!link.ok) throw new Error(link.reason)
	return link.linkId
}

/** The whole app on a port, for the tests of the block that calls it. */
function appServer(): () => TestServer {
	let server: TestServer | undefined
	beforeAll(async () => {
		server = await startTestServer()
	}, 120_000)
	afterAll(() => server?.close())
	return () => server!
}

describe('rounds of offers', () => {
	test('posting sends offers to the top five; unanswered, they expire, the next five get offers, and after three rounds the referral is unfilled', async () => {
		const id = await postReferral()
		expect(await offersOf(id)).toEqual([])
		await drainJobs(T0)
		const first = await offersOf(id)
		expect(first).toHaveLength(OFFERS_PER_ROUND)
		expect(first.every((o) => o.status === 'pending' && o.round === 1 && o.expiresAt.getTime() === at(48).getTime() && o.reasons.length > 0)).toBe(true)
		// Each therapist hears of it by email, with no patient details in it.
		for (const offer of first) {
			const therapist = await therapistOf(offer.id)
			const email = sent(await db().emailMessage.findFirstOrThrow({ where: { to: therapist.email, subject: { contains: 'New referral offer' } } }))
			expect(email.text).toContain(`/therapist/offers/${offer.id}`)
			expect(email.text).not.toMatch(/Pat Example|pat\.example|1985/)
			// A whole subject with the reference, the deadline in the therapist's zone and named as on that date.
			expect(email.subject).toMatch(
				new RegExp(`^New referral offer R-${id.slice(-6).toUpperCase()} from .+: please reply by [A-Z][a-z]+day, [A-Z][a-z]+ \\d{1,2}(, \\d{4})?, \\d{1,2}:\\d{2} [AP]M [A-Z]{3,4}$`),
			)
			for (const text of [email.subject, email.text]) expect(text).not.toMatch(/UTC|GMT|\d{4}-\d{2}-\d{2}T|…/)
		}

		// Nothing happens before the window ends; 12 hours before it, a reminder that says how long is left.
		await drainJobs(at(36))
		expect(await db().emailMessage.count({ where: { subject: { contains: 'expires in 12 hours' } } })).toBe(OFFERS_PER_ROUND)
		await drainJobs(at(47))
		expect((await offersOf(id)).every((o) => o.status === 'pending')).toBe(true)

		await drainJobs(at(48))
		const second = await offersOf(id)
		expect(second.filter((o) => o.round === 1).map((o) => o.status)).toEqual(Array(OFFERS_PER_ROUND).fill('expired'))
		expect(second.filter((o) => o.round === 2)).toHaveLength(OFFERS_PER_ROUND)
		// Never the same therapist twice.
		expect(new Set(second.map((o) => o.therapistId)).size).toBe(second.length)
		expect(await statusOf(id)).toBe('open')

		await drainJobs(at(96))
		expect((await offersOf(id)).filter((o) => o.round === 3)).toHaveLength(OFFERS_PER_ROUND)
		await drainJobs(at(144))
		expect(await statusOf(id)).toBe('unfilled')
		const events = await expectTimelineWithoutGaps(id)
		expect(events.at(-1)).toMatchObject({ fromStatus: 'open', toStatus: 'unfilled', actor: 'system', reason: 'No therapist accepted after 3 rounds of offers.' })
		// The clinic is told, in the app and by email (essential: it cannot be turned off).
		expect(await db().notification.count({ where: { referralId: id, kind: 'referral_unfilled', userId: coordinatorId } })).toBe(1)
		const coordinator = await db().user.findUniqueOrThrow({ where: { id: coordinatorId } })
		expect(await db().emailMessage.count({ where: { to: coordinator.email, subject: { contains: 'unfilled' } } })).toBe(1)
		// With the last matching's "why not" counts: numbers and filters, nothing about anyone.
		const notice = await db().notification.findFirstOrThrow({ where: { referralId: id, kind: 'referral_unfilled', userId: coordinatorId } })
		expect(notice.text).toMatch(
			/^Referral R-\w{6} is unfilled: no therapist accepted after 3 rounds of offers\. Left out by the criteria at the last matching: \d+ not licensed where the sessions happen \(the patient’s state by telehealth, an office’s state within the radius in person, the clinic’s state for in-session support\) through the end of the series; (\d+ [a-z ,’()-]+; )*\d+ [a-z ,’()-]+\. Review it/,
		)
		const unfilledEmail = sent(await db().emailMessage.findFirstOrThrow({ where: { to: coordinator.email, subject: { contains: 'unfilled' } } }))
		expect(unfilledEmail.text).toContain(notice.text)
		expect(unfilledEmail.text).not.toMatch(/Pat|Example|1985/)
		// Each offer's life is on the timeline too.
		expect(await db().offerEvent.count({ where: { referralId: id } })).toBe(3 * OFFERS_PER_ROUND * 2)

		// Reposting starts fresh rounds, offering therapists who have not had this referral yet.
		expect(await applyClinicAction(clinicId, id, { kind: 'user', userId: coordinatorId }, 'repost', 'Relaxed', at(145))).toMatchObject({ ok: true, status: 'open' })
		await drainJobs(at(145))
		const fourth = (await offersOf(id)).filter((o) => o.status === 'pending')
		expect(fourth.length).toBeGreaterThan(0)
		expect(fourth.every((o) => o.round === 1)).toBe(true)
	})

	test('an urgent referral’s offers have 12 hours, with a reminder 4 hours before they expire', async () => {
		const id = await postReferral(T0, { urgency: 'urgent' })
		await drainJobs(T0)
		const offers = await offersOf(id)
		expect(offers.length).toBeGreaterThan(0)
		expect(offers.every((o) => o.expiresAt.getTime() === at(12).getTime())).toBe(true)
		const reminders = await db().outboxJob.findMany({ where: { kind: 'notify', payload: { path: ['event'], equals: 'offer_expiring' } } })
		expect(reminders.map((r) => r.runAt.getTime())).toEqual(offers.map(() => at(8).getTime()))
		await drainJobs(at(7))
		expect(await db().emailMessage.count({ where: { subject: { contains: 'expires in 4 hours' } } })).toBe(0)
		await drainJobs(at(8))
		expect(await db().emailMessage.count({ where: { subject: { contains: 'expires in 4 hours' } } })).toBe(offers.length)
		await drainJobs(at(12))
		expect((await offersOf(id)).filter((o) => o.round === 1).every((o) => o.status === 'expired')).toBe(true)
	})

	test('cancelling tells every therapist with an offer out, and nobody else', async () => {
		const id = await postReferral()
		await drainJobs(T0)
		const offers = await offersOf(id)
		expect(await applyClinicAction(clinicId, id, { kind: 'user', userId: coordinatorId }, 'cancel', 'Patient withdrew', at(1))).toMatchObject({ ok: true })
		await drainJobs(at(1))
		for (const offer of offers) {
			expect(await db().emailMessage.count({ where: { to: (await therapistOf(offer.id)).email, subject: { contains: `cancelled referral R-${id.slice(-6).toUpperCase()}` } } })).toBe(1)
		}
	})

	test('when every offer of a round is declined, the next round goes out at once, without the decliners', async () => {
		const id = await postReferral()
		await drainJobs(T0)
		const first = await offersOf(id)
		for (const offer of first) {
			const therapist = await therapistOf(offer.id)
			expect(await declineOffer(therapist.id, offer.id, 'no_capacity', { kind: 'system' }, at(1))).toEqual({ ok: true })
		}
		await drainJobs(at(1))
		const next = (await offersOf(id)).filter((o) => o.round === 2)
		expect(next).toHaveLength(OFFERS_PER_ROUND)
		expect(next.some((o) => first.some((f) => f.therapistId === o.therapistId))).toBe(false)
		// Declining twice is refused, and changes nothing.
		const again = await declineOffer(first[0]!.therapistId, first[0]!.id, 'other', { kind: 'system' }, at(2))
		expect(again).toMatchObject({ ok: false, reason: 'conflict' })
		expect((await db().offer.findUniqueOrThrow({ where: { id: first[0]!.id } })).declineReason).toBe('no_capacity')
	})
})

describe('acceptance, the patient’s choice and care', () => {
	let referralId: string
	let offers: Awaited<ReturnType<typeof offersOf>>

	beforeEach(async () => {
		referralId = await postReferral()
		await drainJobs(T0)
		offers = await offersOf(referralId)
	})

	test('the first acceptance shortlists the referral and sends the patient a link; their choice books the time and releases the others', async () => {
		const picked = await accept(offers[0]!.id)
		expect(await statusOf(referralId)).toBe('shortlisted')
		await accept(offers[1]!.id, at(3))
		await drainJobs(at(3))
		const token = await patientToken()

		const page = await patientPage(token, at(4))
		if (!page.ok) throw new Error(page.reason)
		expect(page.shortlist.entries.map((e) => e.offerId).sort()).toEqual([offers[0]!.id, offers[1]!.id].sort())
		expect(page.shortlist.timeZone).toBe('America/Chicago')
		expect(page.shortlist.entries.find((e) => e.offerId === offers[0]!.id)!.proposedTimes.map((t) => t.toISOString())).toEqual(picked)

		const link = await resolvePatientLink(token, at(4))
		if (!link.ok) throw new Error(link.reason)
		expect(await patientChooses(link.linkId, referralId, offers[0]!.id, picked[1]!, at(5))).toEqual({ ok: true, outcome: 'scheduled' })
		const after = await offersOf(referralId)
		expect(after.find((o) => o.id === offers[0]!.id)!.status).toBe('chosen')
		expect(after.find((o) => o.id === offers[1]!.id)!.status).toBe('released')
		expect(after.filter((o) => o.status === 'pending')).toEqual([])
		expect(after.filter((o) => o.status === 'withdrawn')).toHaveLength(OFFERS_PER_ROUND - 2)
		const referral = await db().referral.findUniqueOrThrow({ where: { id: referralId } })
		expect(referral).toMatchObject({ status: 'scheduled', firstSessionAt: new Date(picked[1]!) })
		// A second choice is refused.
		expect(await patientChooses(link.linkId, referralId, offers[1]!.id, null, at(6))).toMatchObject({ ok: false, reason: 'conflict' })

		// The chosen therapist reports the first session, then ends the episode.
		const chosen = offers[0]!
		expect(await markInCare(offers[1]!.therapistId, offers[1]!.id, { kind: 'system' }, at(30))).toMatchObject({ ok: false, reason: 'forbidden' })
		// Not before the booked start (docs/product.md §4): refused, and nothing changes.
		const start = new Date(picked[1]!)
		expect(await markInCare(chosen.therapistId, chosen.id, { kind: 'system' }, at(30))).toMatchObject({
			ok: false,
			reason: 'conflict',
			message: expect.stringMatching(/^The first session is booked for .+ once it has started\.$/),
		})
		expect(await markInCare(chosen.therapistId, chosen.id, { kind: 'system' }, new Date(start.getTime() - 60_000))).toMatchObject({ ok: false, reason: 'conflict' })
		expect(await statusOf(referralId)).toBe('scheduled')
		expect(await markInCare(chosen.therapistId, chosen.id, { kind: 'system' }, start)).toEqual({ ok: true })
		expect(await completeCare(chosen.therapistId, chosen.id, 'goals_met', { kind: 'system' }, at(400))).toEqual({ ok: true })
		expect(await db().referral.findUniqueOrThrow({ where: { id: referralId } })).toMatchObject({ status: 'completed', outcome: 'goals_met' })
		const events = await expectTimelineWithoutGaps(referralId)
		// (The draft was written straight into the table, without its event.)
		expect(events.map((e) => e.toStatus)).toEqual(['open', 'shortlisted', 'matched', 'scheduled', 'in_care', 'completed'])
		expect(events.find((e) => e.toStatus === 'matched')!.actor).toBe('patient')

		// The released therapist was told; the chosen one too, essential.
		await drainJobs(at(401))
		expect(await db().emailMessage.count({ where: { to: (await therapistOf(offers[1]!.id)).email, subject: { contains: 'chose another therapist' } } })).toBe(1)
		expect(await db().emailMessage.count({ where: { to: (await therapistOf(chosen.id)).email, subject: { contains: 'chose you' } } })).toBe(1)
		// The booking is news to both sides: a notice about the referral reaches its chosen therapist too.
		expect(await db().emailMessage.count({ where: { to: (await therapistOf(chosen.id)).email, subject: { contains: 'is booked' } } })).toBe(1)

		// The clinic's notifications page: each line with the referral's reference and, for the clinic's staff, the patient's name (an audited read), at a time in the clinic's zone.
		const coordinatorPrincipal = { userId: coordinatorId, isPlatformAdmin: false, memberships: [{ clinicId, role: 'coordinator' as const }], therapistId: null }
		const viewedBefore = await db().auditEvent.count({ where: { action: 'referral.patient_viewed', entityId: referralId, actorId: coordinatorId } })
		const listed = await recentNotifications(coordinatorPrincipal, 'America/Chicago', at(401))
		const choseLine = listed.find((n) => n.text === `The patient chose a therapist for referral R-${referralId.slice(-6).toUpperCase()}.`)!
		expect(choseLine).toMatchObject({ reference: `R-${referralId.slice(-6).toUpperCase()}`, patientName: expect.stringMatching(/\S/) })
		expect(choseLine.when).toMatch(/^[A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2}(, \d{4})?, \d{1,2}:\d{2} [AP]M C[SD]T$/)
		expect(await db().auditEvent.count({ where: { action: 'referral.patient_viewed', entityId: referralId, actorId: coordinatorId } })).toBe(viewedBefore + 1)
		// The stored line itself never holds the name.
		expect(await db().notification.count({ where: { referralId, text: { contains: choseLine.patientName! } } })).toBe(0)
	})

	test('acceptance needs times the therapist is free at, and room in their capacity', async () => {
		const offer = offers[0]!
		const therapist = await therapistOf(offer.id)
		expect(await acceptOffer(therapist.id, offer.id, [], { kind: 'system' }, at(1))).toMatchObject({ ok: false, reason: 'invalid', message: expect.stringMatching(/at least one/) })
		expect(await acceptOffer(therapist.id, offer.id, ['2026-11-25T03:17:00.000Z'], { kind: 'system' }, at(1))).toMatchObject({ ok: false, reason: 'invalid' })
		// Another therapist's offer: 403, and nothing changes.
		expect(await acceptOffer(offers[1]!.therapistId, offer.id, [], { kind: 'system' }, at(1))).toMatchObject({ ok: false, reason: 'forbidden' })
		// Another live offer of theirs fills a capacity of one.
		const other = await postReferral()
		await db().offer.create({ data: { referralId: other, therapistId: therapist.id, round: 1, sentAt: T0, expiresAt: at(48) } })
		await db().therapist.update({ where: { id: therapist.id }, data: { weeklyCapacity: 1 } })
		const access = await therapistOffer(therapist.id, offer.id)
		if (!access.ok) throw new Error('no access')
		const times = await proposableForOffer(access.offer, at(1))
		const result = await acceptOffer(therapist.id, offer.id, [times[0]!.toISOString()], { kind: 'system' }, at(1))
		expect(result).toMatchObject({ ok: false, reason: 'conflict', message: expect.stringMatching(/weekly capacity/) })
		expect((await db().offer.findUniqueOrThrow({ where: { id: offer.id } })).status).toBe('pending')
	})

	test('the last acceptance withdrawn reopens the referral; a later one shortlists it again with a fresh link', async () => {
		await accept(offers[0]!.id)
		expect(await retractAcceptance(offers[0]!.therapistId, offers[0]!.id, { kind: 'system' }, at(3))).toEqual({ ok: true })
		expect(await statusOf(referralId)).toBe('open')
		await accept(offers[1]!.id, at(4))
		expect(await statusOf(referralId)).toBe('shortlisted')
		await drainJobs(at(4))
		const links = await db().patientLink.findMany({ where: { referralId }, orderBy: { createdAt: 'asc' } })
		expect(links).toHaveLength(2)
		expect(links[0]!.revokedAt).not.toBeNull()
		expect(links[1]!.revokedAt).toBeNull()
		await expectTimelineWithoutGaps(referralId)
	})

	test('the patient says none fit: unfilled, acceptances released, the clinic told', async () => {
		await accept(offers[0]!.id)
		await drainJobs(at(2))
		const linkId = await patientLinkId(at(3))
		expect(await patientDeclinesAll(linkId, referralId, at(3))).toEqual({ ok: true })
		expect(await statusOf(referralId)).toBe('unfilled')
		expect((await db().offer.findUniqueOrThrow({ where: { id: offers[0]!.id } })).status).toBe('released')
		// The therapist who accepted hears that none fit, not that someone else was chosen; the clinic too.
		await drainJobs(at(3))
		const therapistEmails = (await db().emailMessage.findMany({ where: { to: (await therapistOf(offers[0]!.id)).email } })).map(sent)
		expect(therapistEmails.filter((e) => e.text.includes('said that none of the therapists offered to them fit, so nobody was chosen'))).toHaveLength(1)
		expect(therapistEmails.filter((e) => /chose another therapist|someone else/.test(e.text))).toEqual([])
		expect((await db().notification.findFirstOrThrow({ where: { referralId, kind: 'referral_unfilled', userId: coordinatorId } })).text).toMatch(
			/is unfilled: the patient said none of the therapists fit\./,
		)
		// The link says there is nothing left to choose.
		expect(await patientChooses(linkId, referralId, offers[0]!.id, null, at(4))).toMatchObject({ ok: false, reason: 'conflict' })
	})

	test('a chosen therapist without a time books the first session from their free hours', async () => {
		await accept(offers[0]!.id)
		await drainJobs(at(2))
		expect(await patientChooses(await patientLinkId(at(3)), referralId, offers[0]!.id, null, at(3))).toEqual({ ok: true, outcome: 'matched' })
		const access = await therapistOffer(offers[0]!.therapistId, offers[0]!.id)
		if (!access.ok) throw new Error('no access')
		const [time] = await proposableForOffer(access.offer, at(4))
		expect(await bookFirstSession(offers[0]!.therapistId, offers[0]!.id, time!.toISOString(), { kind: 'system' }, at(4))).toEqual({ ok: true })
		expect(await db().referral.findUniqueOrThrow({ where: { id: referralId } })).toMatchObject({ status: 'scheduled', firstSessionAt: time })
		// The hour is now taken: matching and proposals no longer offer it.
		expect((await proposableForOffer(access.offer, at(4))).map((t) => t.getTime())).not.toContain(time!.getTime())
	})
})

describe('patient links', () => {
	test('a link expires after 7 days, and an unknown or malformed token opens nothing', async () => {
		const referralId = await postReferral()
		await drainJobs(T0)
		const [offer] = await offersOf(referralId)
		await accept(offer!.id, at(1), 1)
		await drainJobs(at(1))
		const token = await patientToken()
		expect(await resolvePatientLink(token, at(1 + 7 * 24 - 1))).toMatchObject({ ok: true, referralId })
		expect(await resolvePatientLink(token, at(1 + 7 * 24))).toEqual({ ok: false, reason: 'expired' })
		expect(await resolvePatientLink('a'.repeat(32), at(2))).toEqual({ ok: false, reason: 'unknown' })
		expect(await resolvePatientLink('../../etc/passwd', at(2))).toEqual({ ok: false, reason: 'unknown' })
		// Only the hash is stored.
		expect(await db().patientLink.count({ where: { tokenHash: token } })).toBe(0)
	})
})

describe('racing', () => {
	test('20 concurrent choices, retractions and cancellations leave one consistent outcome, one chosen offer at most, and a timeline without gaps', async () => {
		for (let run = 0; run < 3; run++) {
			const referralId = await postReferral()
			await drainJobs(T0)
			const offers = (await offersOf(referralId)).slice(0, 3)
			const times: string[] = []
			for (const [i, offer] of offers.entries()) times.push(...(await accept(offer.id, at(1 + i), 1)))
			await drainJobs(at(3))
			const linkId = await patientLinkId(at(4))

			const attempts = Array.from({ length: 20 }, (_, i) => {
				const offer = offers[i % 3]!
				switch ((i + run) % 4) {
					case 0:
						return patientChooses(linkId, referralId, offer.id, times[i % 3]!, at(5))
					case 1:
						return patientChooses(linkId, referralId, offer.id, null, at(5))
					case 2:
						return retractAcceptance(offer.therapistId, offer.id, { kind: 'system' }, at(5))
					default:
						return applyClinicAction(clinicId, referralId, { kind: 'user', userId: coordinatorId }, 'cancel', 'Racing', at(5))
				}
			})
			const results = await Promise.all(attempts)
			// Every attempt either happened or was refused with a reason: none failed.
			for (const result of results) if (!result.ok) expect(result).toHaveProperty('message')

			const after = await offersOf(referralId)
			const chosen = after.filter((o) => o.status === 'chosen')
			expect(chosen.length).toBeLessThanOrEqual(1)
			const status = await statusOf(referralId)
			if (status === 'matched' || status === 'scheduled') expect(chosen).toHaveLength(1)
			if (status === 'shortlisted') expect(after.some((o) => o.status === 'accepted')).toBe(true)
			if (chosen.length === 1) expect(after.filter((o) => o.status === 'accepted')).toEqual([])
			expect(['matched', 'scheduled', 'cancelled', 'open', 'shortlisted']).toContain(status)
			await expectTimelineWithoutGaps(referralId)
			// Each offer's own history has no gaps either.
			for (const offer of after) {
				const events = await db().offerEvent.findMany({ where: { offerId: offer.id }, orderBy: [{ at: 'asc' }, { id: 'asc' }] })
				for (let i = 1; i < events.length; i++) expect(events[i]!.fromStatus).toBe(events[i - 1]!.toStatus)
				expect(events.at(-1)!.toStatus).toBe(offer.status)
			}
		}
	})

	test('two workers at once do each job once: every email is sent once', async () => {
		for (let i = 0; i < 30; i++) {
			await db().outboxJob.create({ data: { kind: 'email', payload: { to: `race-${i}@example.org`, template: 'race', subject: 'Race', text: 'Race', html: '<p>Race</p>' }, runAt: T0 } })
		}
		const [a, b] = await Promise.all([drainJobs(T0), drainJobs(T0)])
		expect(a.done + b.done).toBe(30)
		expect(a.failed + b.failed).toBe(0)
		const sent = await db().emailMessage.groupBy({ by: ['to'], where: { to: { startsWith: 'race-' } }, _count: { _all: true } })
		expect(sent).toHaveLength(30)
		expect(sent.every((s) => s._count._all === 1)).toBe(true)
		expect(await db().outboxJob.count({ where: { kind: 'email', doneAt: null } })).toBe(0)
	})

	test('a job that fails is tried again later with backoff, and its error kept', async () => {
		const job = await db().outboxJob.create({ data: { kind: 'offer_expiry', payload: { offerId: 'no-such-offer' }, runAt: T0 } })
		// An unknown offer is no failure (nothing to expire); a malformed payload is.
		await db().outboxJob.create({ data: { kind: 'notify', payload: { event: 'offer_received', referralId: null }, runAt: T0 } })
		const run = await drainJobs(T0)
		expect(run).toEqual({ done: 1, failed: 1 })
		expect((await db().outboxJob.findUniqueOrThrow({ where: { id: job.id } })).doneAt).toEqual(T0)
		const failed = await db().outboxJob.findFirstOrThrow({ where: { kind: 'notify' } })
		expect(failed).toMatchObject({ doneAt: null, attempts: 1, runAt: new Date(T0.getTime() + 30_000) })
		expect(failed.lastError).toBeTruthy()
		// Not due again until the backoff has passed.
		expect(await drainJobs(new Date(T0.getTime() + 29_000))).toEqual({ done: 0, failed: 0 })
		expect(await drainJobs(new Date(T0.getTime() + 30_000))).toEqual({ done: 0, failed: 1 })
	})
})

describe('the patient’s page over HTTP', () => {
	const server = appServer()

	/** A shortlisted referral whose patient link is `token`, made `expiresInMs` from now. */
	async function linkedReferral(expiresInMs: number) {
		const referralId = await postReferral()
		await drainJobs(T0)
		const [offer] = await offersOf(referralId)
		await db().offer.update({ where: { id: offer!.id }, data: { status: 'accepted', proposedTimes: [new Date(Date.now() + 3 * 86_400_000)], respondedAt: T0 } })
		await db().referral.update({ where: { id: referralId }, data: { status: 'shortlisted' } })
		const token = generateToken()
		await db().patientLink.create({ data: { referralId, tokenHash: hashToken(token), createdAt: new Date(), expiresAt: new Date(Date.now() + expiresInMs) } })
		return { referralId, token, offerId: offer!.id }
	}
	const get = async (path: string) => {
		const response = await fetch(server().origin + path)
		return { status: response.status, html: await response.text() }
	}
	const choose = async (token: string, choice: string) => {
		const response = await fetch(`${server().origin}/choose/${token}`, {
			method: 'POST',
			headers: { Origin: server().origin, 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ intent: 'choose', choice }),
			redirect: 'manual',
		})
		return { status: response.status, html: await response.text() }
	}

	test('an expired link says so (410) and shows nothing of the referral; an unknown one is 404', async () => {
		const { token } = await linkedReferral(-1_000)
		const expired = await get(`/choose/${token}`)
		expect(expired.status).toBe(410)
		expect(expired.html).toContain('This link has expired. Ask your clinic to send you a new one.')
		expect(expired.html).not.toContain('Why they fit')
		expect((await get(`/choose/${generateToken()}`)).status).toBe(404)
		expect((await get('/choose/not-a-token')).status).toBe(404)
	})

	test('a link is rate-limited: past 60 openings in 15 minutes it answers 429 with Retry-After and says to wait', async () => {
		const { token } = await linkedReferral(86_400_000)
		for (let i = 0; i < 60; i++) expect((await get(`/choose/${token}`)).status).toBe(200)
		const response = await fetch(`${server().origin}/choose/${token}`)
		expect(response.status).toBe(429)
		expect(Number(response.headers.get('Retry-After'))).toBeGreaterThan(0)
		expect(await response.text()).toMatch(/Please wait \d+ minutes? and try again\./)
	})

	test('why each therapist fits is in plain words: no credential’s name in the page or its data', async () => {
		const { token, offerId } = await linkedReferral(86_400_000)
		const technical = AUTHORIZATION_KINDS.map((k) => `Can see patients in Texas by telehealth (${k.label})`)
		await db().offer.update({ where: { id: offerId }, data: { reasons: [...technical, 'Can see patients in Texas by telehealth (PSYPACT APIT)', 'Offers integration support'] } })
		const page = await get(`/choose/${token}`)
		expect(page.status).toBe(200)
		expect(page.html).toContain('Allowed to see patients in Texas by video')
		for (const term of ['PSYPACT', 'APIT', 'Counseling Compact', 'telehealth registration', 'Telepsychology']) expect(page.html).not.toContain(term)
	})

	test('a link shows its shortlist; a therapist of another referral is 404 and changes nothing', async () => {
		const mine = await linkedReferral(86_400_000)
		const other = await linkedReferral(86_400_000)
		const page = await get(`/choose/${mine.token}`)
		expect(page.status).toBe(200)
		expect(page.html).toContain('Why they fit')
		expect((await choose(mine.token, `${other.offerId}|`)).status).toBe(404)
		expect(await statusOf(other.referralId)).toBe('shortlisted')
		expect(await statusOf(mine.referralId)).toBe('shortlisted')
		// A malformed choice is a clear 400.
		const malformed = await choose(mine.token, 'nonsense')
		expect(malformed.status).toBe(400)
		expect(malformed.html).toContain('Choose a time, or ask the therapist to arrange one with you.')
		const chosen = await choose(mine.token, `${mine.offerId}|`)
		expect(chosen.status).toBe(302)
		expect(await statusOf(mine.referralId)).toBe('matched')
		// Each showing of the page is audited: the first look and the page shown again with the 400.
		expect(await db().auditEvent.count({ where: { action: 'patient_link.opened', entityId: mine.referralId } })).toBe(2)
	})
})

describe('the message thread', () => {
	test('opens once a therapist is chosen, between the clinic and that therapist only; the other side hears that a message came, not what it says', async () => {
		const referralId = await postReferral()
		await drainJobs(T0)
		const [first, second] = await offersOf(referralId)
		const clinicSide = { kind: 'clinic' as const, userId: coordinatorId, clinicId }
		for (const offer of [first!, second!]) {
			await accept(offer!.id, at(1), 1)
		}
		// Before the choice there is nobody to write to.
		expect(await sendMessage(referralId, clinicSide, 'Hello', at(2))).toMatchObject({ ok: false, reason: 'conflict' })
		expect(await referralThread(referralId, clinicSide)).toBeNull()

		await drainJobs(at(2))
		const linkId = await patientLinkId(at(3))
		expect(await patientChooses(linkId, referralId, first!.id, null, at(3))).toMatchObject({ ok: true })

		const chosen = await therapistOf(first!.id)
		const chosenUser = await db().user.create({ data: { email: `chosen.${Date.now()}@example.org`, name: 'Chosen Therapist', passwordHash: 'x' } })
		await db().therapist.update({ where: { id: chosen.id }, data: { userId: chosenUser.id } })
		const therapistSide = { kind: 'therapist' as const, userId: chosenUser.id, therapistId: chosen.id }

		expect(await sendMessage(referralId, clinicSide, '   ', at(4))).toMatchObject({ ok: false, reason: 'invalid', message: 'Write a message first.' })
		expect(await sendMessage(referralId, clinicSide, 'x'.repeat(4001), at(4))).toMatchObject({ ok: false, reason: 'invalid' })
		expect(await sendMessage(referralId, clinicSide, 'Pat prefers mornings; call 555-0100 first.', at(4))).toEqual({ ok: true })
		expect(await sendMessage(referralId, therapistSide, 'Thanks, I will call today.', at(5))).toEqual({ ok: true })
		expect((await referralThread(referralId, therapistSide))!.map((m) => [m.from, m.body])).toEqual([
			['clinic', 'Pat prefers mornings; call 555-0100 first.'],
			['therapist', 'Thanks, I will call today.'],
		])
		// The released therapist and another clinic see nothing and cannot write.
		const released = { kind: 'therapist' as const, userId: chosenUser.id, therapistId: second!.therapistId }
		expect(await referralThread(referralId, released)).toBeNull()
		expect(await sendMessage(referralId, released, 'Hi', at(6))).toMatchObject({ ok: false, reason: 'forbidden' })
		const seattle = await db().clinicMember.findFirstOrThrow({ where: { user: { email: 'wa.coordinator@tandem.example' } } })
		expect(await sendMessage(referralId, { kind: 'clinic', userId: seattle.userId, clinicId: seattle.clinicId }, 'Hi', at(6))).toMatchObject({ ok: false, reason: 'not_found' })

		await drainJobs(at(6))
		const toTherapist = sent(await db().emailMessage.findFirstOrThrow({ where: { to: chosenUser.email, subject: { contains: 'New message' } } }))
		expect(toTherapist.text).not.toContain('555-0100')
		expect(await db().notification.count({ where: { userId: coordinatorId, kind: 'message_to_clinic', referralId } })).toBe(1)
		expect(await db().auditEvent.count({ where: { action: 'referral.message_sent', entityId: referralId } })).toBe(2)
	})
})

describe('posting again with relaxed criteria', () => {
	test('an unfilled referral’s criteria can be changed and it is posted again with fresh rounds; while offers are out it cannot be edited', async () => {
		const now = new Date()
		const actor = { kind: 'user' as const, userId: coordinatorId }
		// Nobody in the demo network may see a patient in Alaska.
		const created = await createReferral(clinicId, actor, ReferralInputSchema.parse({ ...apiReferralBody(), patientState: 'AK' }), now)
		if (!created.ok) throw new Error(created.reason)
		await drainJobs(now)
		expect(await statusOf(created.id)).toBe('unfilled')
		const unfilled = await db().referralEvent.findFirstOrThrow({ where: { referralId: created.id, toStatus: 'unfilled' } })
		expect(unfilled.reason).toMatch(/^No eligible therapist is left to ask \(left out: \d+ not licensed where the sessions happen/)
		expect((await db().notification.findFirstOrThrow({ where: { referralId: created.id, kind: 'referral_unfilled', userId: coordinatorId } })).text).toMatch(
			/is unfilled: no eligible therapist was left to ask\. Left out by the criteria at the last matching: \d+ not licensed where the sessions happen/,
		)

		const relaxed = ReferralInputSchema.parse({ ...apiReferralBody(), patientState: 'TX' })
		const later = new Date(now.getTime() + 60_000)
		expect(await updateReferral(clinicId, created.id, actor, relaxed, later)).toEqual({ ok: true, id: created.id, status: 'open' })
		await drainJobs(later)
		const offers = await offersOf(created.id)
		expect(offers.length).toBeGreaterThan(0)
		expect(offers.every((o) => o.round === 1 && o.status === 'pending')).toBe(true)
		expect((await db().referral.findUniqueOrThrow({ where: { id: created.id } })).patientState).toBe('TX')
		const events = await expectTimelineWithoutGaps(created.id)
		expect(events.at(-1)).toMatchObject({ fromStatus: 'unfilled', toStatus: 'open', reason: 'Posted again with changed criteria' })
		expect(await updateReferral(clinicId, created.id, actor, { ...relaxed, post: false }, later)).toMatchObject({ ok: false, reason: 'conflict', status: 'open' })
	})
})

describe('the clinic’s referral page after posting', () => {
	const server = appServer()

	test('a posting that went straight to unfilled (nobody eligible) says so, never that matching or offers are under way', async () => {
		const now = new Date()
		const created = await createReferral(clinicId, { kind: 'user', userId: coordinatorId }, ReferralInputSchema.parse({ ...apiReferralBody(), patientState: 'AK' }), now)
		if (!created.ok) throw new Error(created.reason)
		await drainJobs(now)
		expect(await statusOf(created.id)).toBe('unfilled')
		const { token } = await createSession(coordinatorId, { ip: null, userAgent: null })
		const response = await fetch(`${server().origin}/clinics/${clinicId}/referrals/${created.id}?done=posted`, { headers: { Cookie: `${SESSION_COOKIE}=${token}` } })
		expect(response.status).toBe(200)
		const html = await response.text()
		expect(html).toContain('Referral posted, but no therapist is eligible for it, so no offers went out and it is unfilled.')
		expect(html).not.toMatch(/matching has started|offers go out/i)
	})
})

describe('the chosen therapist steps back', () => {
	test('before the first session: the booking is cancelled, the referral goes back through shortlisted to open, and the next round goes out', async () => {
		const referralId = await postReferral()
		await drainJobs(T0)
		const [offer] = await offersOf(referralId)
		const [time] = await accept(offer!.id, at(1), 1)
		await drainJobs(at(1))
		const linkId = await patientLinkId(at(2))
		expect(await patientChooses(linkId, referralId, offer!.id, time!, at(2))).toEqual({ ok: true, outcome: 'scheduled' })

		expect(await stepBack(offer!.therapistId, offer!.id, 'A family emergency', { kind: 'system' }, at(3))).toEqual({ ok: true })
		expect(await db().referral.findUniqueOrThrow({ where: { id: referralId } })).toMatchObject({ status: 'open', firstSessionAt: null })
		expect((await db().offer.findUniqueOrThrow({ where: { id: offer!.id } })).status).toBe('retracted')
		const events = await expectTimelineWithoutGaps(referralId)
		expect(events.slice(-3).map((e) => `${e.fromStatus}→${e.toStatus}`)).toEqual(['scheduled→matched', 'matched→shortlisted', 'shortlisted→open'])
		// Stepping back twice is refused; the therapist is no longer the chosen one.
		expect(await stepBack(offer!.therapistId, offer!.id, 'Again', { kind: 'system' }, at(4))).toMatchObject({ ok: false, reason: 'forbidden' })

		await drainJobs(at(3))
		const round2 = (await offersOf(referralId)).filter((o) => o.round === 2)
		expect(round2.length).toBeGreaterThan(0)
		expect(round2.some((o) => o.therapistId === offer!.therapistId)).toBe(false)
		expect(await db().notification.count({ where: { referralId, kind: 'chosen_stepped_back', userId: coordinatorId } })).toBe(1)
	})

	test('after the first session there is no stepping back: the episode is ended instead', async () => {
		const referralId = await postReferral()
		await drainJobs(T0)
		const [offer] = await offersOf(referralId)
		const [time] = await accept(offer!.id, at(1), 1)
		expect(await recordChoiceForPatient(clinicId, referralId, offer!.id, time!, coordinatorId, at(2))).toEqual({ ok: true, outcome: 'scheduled' })
		expect(await db().auditEvent.count({ where: { action: 'referral.choice_recorded', entityId: referralId } })).toBe(1)
		const start = new Date(time!)
		expect(await markInCare(offer!.therapistId, offer!.id, { kind: 'system' }, start)).toEqual({ ok: true })
		expect(await stepBack(offer!.therapistId, offer!.id, 'Too late', { kind: 'system' }, new Date(start.getTime() + HOUR))).toMatchObject({
			ok: false,
			reason: 'conflict',
			message: 'After the first session, end the episode of support instead.',
		})
	})
})

describe('what a therapist’s offer page sends', () => {
	/** The page's data as the offer's therapist loads it (signed in with an account of their own). */
	async function pageDataFor(offerId: string) {
		const therapist = await therapistOf(offerId)
		const userId = therapist.userId ?? (await db().user.create({ data: { email: `offer-page.${therapist.id}@example.org`, name: therapist.fullName, passwordHash: 'x' } })).id
		if (!therapist.userId) await db().therapist.update({ where: { id: therapist.id }, data: { userId } })
		const { token } = await createSession(userId, { ip: null, userAgent: null })
		const request = new Request(`http://localhost/therapist/offers/${offerId}`, { headers: { Cookie: `${SESSION_COOKIE}=${token}` } })
		return JSON.stringify(await offerPageLoader({ request, params: { offerId }, context: { cspNonce: '' } }))
	}

	test('for every offer status on a scheduled, in-care and completed referral: no fact from after the choice unless chosen', async () => {
		const referralId = await postReferral()
		await drainJobs(T0)
		const offers = await offersOf(referralId)
		const [time] = await accept(offers[0]!.id, at(1), 1)
		await accept(offers[1]!.id, at(1), 1)
		await drainJobs(at(1))
		expect(await patientChooses(await patientLinkId(at(2)), referralId, offers[0]!.id, time!, at(2))).toEqual({ ok: true, outcome: 'scheduled' })
		// One offer in each status: the rest of the round's (withdrawn by the choice) and a few more made by hand.
		const asked = new Set(offers.map((o) => o.therapistId))
		const others = (await db().therapist.findMany({ select: { id: true }, orderBy: { id: 'asc' }, take: 20 })).filter((t) => !asked.has(t.id))
		const byStatus = new Map([
			['chosen', offers[0]!.id],
			['released', offers[1]!.id],
			['withdrawn', offers[2]!.id],
		])
		for (const [i, status] of OFFER_STATUSES.filter((s) => !byStatus.has(s)).entries()) {
			const made = await db().offer.create({
				data: { referralId, therapistId: others[i]!.id, round: 1, sentAt: T0, expiresAt: at(48), status, declineReason: status === 'declined' ? 'schedule' : null },
			})
			byStatus.set(status, made.id)
		}
		expect([...byStatus.keys()].sort()).toEqual([...OFFER_STATUSES].sort())

		const firstSession = new Date(time!)
		for (const [status, data] of [
			['scheduled', {}],
			['in_care', {}],
			['completed', { outcome: 'goals_met' }],
		] as const) {
			await db().referral.update({ where: { id: referralId }, data: { status, ...data } })
			for (const [offerStatus, offerId] of byStatus) {
				const page = await pageDataFor(offerId)
				const afterTheChoice = [firstSession.toISOString(), `"status":"${status}"`, ...(status === 'completed' ? ['Finished as planned'] : [])]
				if (offerStatus === 'chosen') for (const fact of afterTheChoice) expect(page, `the chosen offer on a ${status} referral`).toContain(fact)
				else for (const fact of [...afterTheChoice, 'goals_met']) expect(page, `a ${offerStatus} offer on a ${status} referral`).not.toContain(fact)
			}
		}
	})
})

describe('proposing times and the inbox', () => {
	test('accepting with overlapping times is refused, names both times, and writes nothing', async () => {
		const referralId = await postReferral()
		await drainJobs(T0)
		const [offer] = await offersOf(referralId)
		const access = await therapistOffer(offer!.therapistId, offer!.id)
		if (!access.ok) throw new Error('no access')
		const times = await proposableForOffer(access.offer, at(1))
		// Two free times half an hour apart: each session is an hour, so they overlap.
		const first = times.findIndex((t, i) => times[i + 1]?.getTime() === t.getTime() + 30 * 60_000)
		expect(first).toBeGreaterThanOrEqual(0)
		const picked = [times[first + 1]!.toISOString(), times[first]!.toISOString()]
		const before = { events: await db().referralEvent.count({ where: { referralId } }), jobs: await db().outboxJob.count(), audit: await db().auditEvent.count() }
		const result = await acceptOffer(offer!.therapistId, offer!.id, picked, { kind: 'system' }, at(1))
		const zone = access.offer.therapist.timeZone
		const clock = (t: Date) => new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone: zone }).format(t)
		expect(result).toMatchObject({ ok: false, reason: 'invalid', message: expect.stringContaining(`${clock(times[first]!)} and ${clock(times[first + 1]!)} on `) })
		expect(result).toMatchObject({ message: expect.stringMatching(/overlap: each session is 60 minutes/) })
		const after = await db().offer.findUniqueOrThrow({ where: { id: offer!.id } })
		expect(after).toMatchObject({ status: 'pending', respondedAt: null, proposedTimes: [] })
		expect(await statusOf(referralId)).toBe('open')
		expect({ events: await db().referralEvent.count({ where: { referralId } }), jobs: await db().outboxJob.count(), audit: await db().auditEvent.count() }).toEqual(before)
		// The same two an hour apart are accepted.
		const apart = times.find((t) => t.getTime() >= times[first]!.getTime() + HOUR)!
		expect(await acceptOffer(offer!.therapistId, offer!.id, [times[first]!.toISOString(), apart.toISOString()], { kind: 'system' }, at(1))).toEqual({ ok: true })
	})

	test('over HTTP a refused proposal is a 400 shown next to the times, and the offer stays pending', async () => {
		const referralId = await postReferral()
		await drainJobs(T0)
		const [offer] = await offersOf(referralId)
		const access = await therapistOffer(offer!.therapistId, offer!.id)
		if (!access.ok) throw new Error('no access')
		// The page's action runs at the real clock: give the offer a live deadline.
		await db().offer.update({ where: { id: offer!.id }, data: { expiresAt: new Date(Date.now() + 48 * HOUR) } })
		const body = new URLSearchParams([
			['intent', 'accept'],
			['times', new Date(Date.now() + 100 * HOUR).toISOString()],
			['times', new Date(Date.now() + 100.5 * HOUR).toISOString()],
		])
		const { action } = await import('#app/routes/therapist.offers.$offerId.tsx')
		const request = new Request(`http://localhost/therapist/offers/${offer!.id}`, {
			method: 'POST',
			body,
			headers: { Cookie: await therapistCookie(offer!.therapistId), 'Content-Type': 'application/x-www-form-urlencoded' },
		})
		const response = (await action({ request, params: { offerId: offer!.id }, context: { cspNonce: '' } })) as unknown as {
			init: ResponseInit | null
			data: { result: { error: Record<string, string[]> } }
		}
		expect(response.init?.status).toBe(400)
		expect(Object.keys(response.data.result.error)).toEqual(['times'])
		expect((await db().offer.findUniqueOrThrow({ where: { id: offer!.id } })).status).toBe('pending')
	})

	test('the inbox lists waiting offers by deadline, soonest first, and answered ones in their own section', async () => {
		const routine = await postReferral()
		const urgent = await postReferral(T0, { urgency: 'urgent' })
		const declined = await postReferral()
		const therapist = await db().therapist.findFirstOrThrow({ where: { userId: { not: null } }, orderBy: { id: 'asc' } })
		await db().offer.deleteMany({ where: { therapistId: therapist.id, referralId: { in: [routine, urgent, declined] } } })
		const now = Date.now()
		const made = {
			routine: await db().offer.create({ data: { referralId: routine, therapistId: therapist.id, round: 1, sentAt: new Date(now - HOUR), expiresAt: new Date(now + 48 * HOUR) } }),
			urgent: await db().offer.create({ data: { referralId: urgent, therapistId: therapist.id, round: 1, sentAt: new Date(now - 6 * HOUR), expiresAt: new Date(now + 6 * HOUR) } }),
			declined: await db().offer.create({
				data: { referralId: declined, therapistId: therapist.id, round: 1, sentAt: new Date(now - 2 * HOUR), expiresAt: new Date(now + 40 * HOUR), status: 'declined', declineReason: 'schedule' },
			}),
		}
		const request = new Request('http://localhost/therapist/offers', { headers: { Cookie: await therapistCookie(therapist.id) } })
		const inbox = await offerInboxLoader({ request, params: {}, context: { cspNonce: '' } })
		const mine = new Set(Object.values(made).map((o) => o.id))
		expect(inbox.waiting.filter((r) => mine.has(r.id)).map((r) => [r.id, r.urgency.label, r.due?.text])).toEqual([
			[made.urgent.id, 'Urgent', 'Due in 5 hours'],
			[made.routine.id, 'Routine', 'Due in 47 hours'],
		])
		expect(inbox.answered.filter((r) => mine.has(r.id)).map((r) => [r.id, r.status.label, r.due])).toEqual([[made.declined.id, 'Declined', null]])
		// Every waiting offer, the seed's too, is in deadline order.
		const deadlines = inbox.waiting.map((r) => r.expiresAt)
		expect(deadlines).toEqual([...deadlines].sort())
		expect(JSON.stringify(inbox)).not.toMatch(/Pat|Example/)
	})
})

/** A signed-in session cookie for the therapist's account (made for them when they have none). */
async function therapistCookie(therapistId: string): Promise<string> {
	const therapist = await db().therapist.findUniqueOrThrow({ where: { id: therapistId } })
	const userId = therapist.userId ?? (await db().user.create({ data: { email: `offer-page.${therapist.id}@example.org`, name: therapist.fullName, passwordHash: 'x' } })).id
	if (!therapist.userId) await db().therapist.update({ where: { id: therapist.id }, data: { userId } })
	const { token } = await createSession(userId, { ip: null, userAgent: null })
	return `${SESSION_COOKIE}=${token}`
}
