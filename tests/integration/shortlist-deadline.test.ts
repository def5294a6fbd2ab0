// The shortlist's deadline, its reminders, text messages and re-confirmation after a step back
// (docs/product.md §4, §4a), on the database with a fixed clock and Twilio faked by MSW: a shortlist
// the patient leaves unchosen lapses at its link's expiry (acceptances expired, therapists and clinic
// told, the next round out, or unfilled after the last); the patient is reminded 48 and 12 hours
// before, by email and text, never after choosing; a text to a number that replied STOP marks it
// opted out; a chosen therapist stepping back has the released therapists asked again for 24 hours;
// and a choice racing the expiry never lets both win.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { enqueueSms } from '#app/domain/notifications/sms.server.ts'
import { drainJobs, runDueJobs } from '#app/domain/outbox/worker.server.ts'
import { offerInbox } from '#app/domain/referrals/offer-inbox.ts'
import { acceptOffer, proposableForOffer, retractAcceptance, stepBack, therapistOffer, therapistOffers } from '#app/domain/referrals/offer-responses.server.ts'
import { offerPage } from '#app/domain/referrals/offer-page.ts'
import { LOAD_OFFER_STATUSES, MATCHING_ROUNDS } from '#app/domain/referrals/offers.ts'
import { patientChooses } from '#app/domain/referrals/patient-choice.server.ts'
import { clinicPatientLinkAction, resolvePatientLink } from '#app/domain/referrals/patient-links.server.ts'
import { setPatientTexts } from '#app/domain/referrals/patient-texts.server.ts'
import { applyClinicAction } from '#app/domain/referrals/referral-changes.server.ts'
import { expireShortlist } from '#app/domain/referrals/shortlist-deadline.server.ts'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { generateToken, hashToken } from '#app/domain/auth/tokens.ts'
import { createSession, SESSION_COOKIE } from '#app/utils/session.server.ts'
import { seedDemoData } from '#prisma/seed.ts'
import { startTestServer, type TestServer } from '#tests/setup/app-server.ts'
import { texasReferralData } from '#tests/factories/referrals.ts'
import { sent } from '#tests/setup/accounts.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'
import { fakeTwilio, STOP_REPLY, TWILIO_DOWN, TWILIO_TEST_ENV } from '#tests/setup/fake-twilio.ts'

// Texts go to Twilio (faked). The environment is parsed on first use, after this.
const savedEnv = Object.fromEntries(Object.keys(TWILIO_TEST_ENV).map((name) => [name, process.env[name]]))
Object.assign(process.env, TWILIO_TEST_ENV)
const twilio = fakeTwilio()

const HOUR = 3_600_000
const T0 = new Date('2026-11-17T12:00:00Z')
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR)
const PHONE = '+15125550123'
const DEADLINE_REASON = 'The patient did not choose before the shortlist’s deadline'

let clinicId: string
let coordinatorId: string
let seeded: string[] = []

beforeAll(async () => {
	twilio.listen()
	await resetDatabase()
	await seedDemoData(db(), { anchor: new Date('2026-11-16T00:00:00Z') })
	const coordinator = await db().clinicMember.findFirstOrThrow({ where: { user: { email: 'tx.coordinator@tandem.example' } } })
	clinicId = coordinator.clinicId
	coordinatorId = coordinator.userId
	seeded = (await db().referral.findMany({ select: { id: true } })).map((r) => r.id)
}, 120_000)

afterAll(async () => {
	twilio.close()
	await closeDatabase()
	for (const [name, value] of Object.entries(savedEnv)) {
		if (value === undefined) delete process.env[name]
		else process.env[name] = value
	}
})

beforeEach(async () => {
	await db().referral.deleteMany({ where: { id: { notIn: seeded } } })
	await db().outboxJob.deleteMany()
	await db().smsOptOut.deleteMany()
	twilio.reset()
})

/** A Texas telehealth referral for a patient with a phone number, posted at T0. */
async function postReferral(patient: { phone?: string | null; language?: string } = {}) {
	const draft = await db().referral.create({
		data: {
			...texasReferralData(clinicId, new Date('2026-11-24T15:00:00Z'), { modalities: ['act'], focusAreas: ['depression'], timingRequired: true }),
			patient: {
				create: {
					firstName: 'Pat',
					lastName: 'Example',
					email: 'pat.example@example.org',
					phone: patient.phone === undefined ? '(512) 555-0123' : patient.phone,
					birthDate: new Date('1985-04-02'),
					language: patient.language ?? null,
				},
			},
		},
	})
	expect(await applyClinicAction(clinicId, draft.id, { kind: 'user', userId: coordinatorId }, 'post', null, T0)).toMatchObject({ ok: true, status: 'open' })
	await drainJobs(T0)
	return draft.id
}

const offersOf = (referralId: string) => db().offer.findMany({ where: { referralId }, orderBy: [{ round: 'asc' }, { id: 'asc' }] })
const statusOf = async (referralId: string) => (await db().referral.findUniqueOrThrow({ where: { id: referralId } })).status

async function accept(offerId: string, when: Date): Promise<string> {
	const { therapistId } = await db().offer.findUniqueOrThrow({ where: { id: offerId }, select: { therapistId: true } })
	const access = await therapistOffer(therapistId, offerId)
	if (!access.ok) throw new Error('no access')
	const [time] = await proposableForOffer(access.offer, when)
	expect(time).toBeDefined()
	expect(await acceptOffer(therapistId, offerId, [time!.toISOString()], { kind: 'system' }, when)).toEqual({ ok: true })
	return time!.toISOString()
}

/** The two best-matched therapists accept at at(1); the patient's link goes out then: its expiry is the deadline. */
async function shortlisted(referralId: string) {
	const offers = (await offersOf(referralId)).slice(0, 2)
	const times = [await accept(offers[0]!.id, at(1)), await accept(offers[1]!.id, at(1))]
	await drainJobs(at(1))
	const link = await db().patientLink.findFirstOrThrow({ where: { referralId, revokedAt: null } })
	expect(link.expiresAt).toEqual(at(1 + 7 * 24))
	return { offers, times, deadline: link.expiresAt, linkId: link.id }
}

async function expectConsistentHistory(referralId: string) {
	const events = await db().referralEvent.findMany({ where: { referralId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] })
	for (let i = 1; i < events.length; i++) expect(events[i]!.fromStatus, `event ${i}`).toBe(events[i - 1]!.toStatus)
	expect(events.at(-1)!.toStatus).toBe(await statusOf(referralId))
	for (const offer of await offersOf(referralId)) {
		const offerEvents = await db().offerEvent.findMany({ where: { offerId: offer.id }, orderBy: [{ at: 'asc' }, { id: 'asc' }] })
		for (let i = 1; i < offerEvents.length; i++) expect(offerEvents[i]!.fromStatus).toBe(offerEvents[i - 1]!.toStatus)
		expect(offerEvents.at(-1)!.toStatus).toBe(offer.status)
	}
	return events
}

const reminderEmails = (referralId: string) =>
	db().emailMessage.findMany({ where: { template: 'shortlist_reminder', to: `patient of referral R-${referralId.slice(-6).toUpperCase()}` }, orderBy: { createdAt: 'asc' } })
const therapistEmail = async (offerId: string) => (await db().offer.findUniqueOrThrow({ where: { id: offerId }, include: { therapist: true } })).therapist.email

describe('the shortlist’s deadline', () => {
	test('unchosen at the deadline: the acceptances expire and free their capacity, everyone is told, and the next round goes out', async () => {
		const referralId = await postReferral()
		const { offers, deadline } = await shortlisted(referralId)
		// The other offers of the round run out meanwhile; the shortlist stands.
		await drainJobs(at(49))
		expect(await statusOf(referralId)).toBe('shortlisted')

		// Not a moment early: a worker that took the job before its time changes nothing.
		expect(await expireShortlist(referralId, deadline, new Date(deadline.getTime() - 1), async () => {})).toBe('not_yet')
		await drainJobs(deadline)
		const after = await offersOf(referralId)
		expect(after.filter((o) => offers.some((s) => s.id === o.id)).map((o) => o.status)).toEqual(['expired', 'expired'])
		expect(await db().offerEvent.count({ where: { referralId, fromStatus: 'accepted', toStatus: 'expired', reason: DEADLINE_REASON } })).toBe(2)
		// Back to open, and the second round out at the deadline, to therapists not asked before.
		const events = await expectConsistentHistory(referralId)
		expect(events.slice(-1).map((e) => `${e.fromStatus}→${e.toStatus}:${e.reason}`)).toEqual([`shortlisted→open:${DEADLINE_REASON}`])
		expect(await statusOf(referralId)).toBe('open')
		const round2 = after.filter((o) => o.round === 2)
		expect(round2.length).toBeGreaterThan(0)
		expect(round2.some((o) => offers.some((s) => s.therapistId === o.therapistId))).toBe(false)
		// Their load no longer counts the stale acceptances.
		for (const offer of offers) expect(await db().offer.count({ where: { therapistId: offer.therapistId, referralId, status: { in: [...LOAD_OFFER_STATUSES] } } })).toBe(0)
		// Each therapist and the clinic are told; the clinic that the next round is going out.
		await drainJobs(deadline)
		for (const offer of offers) expect(await db().emailMessage.count({ where: { to: await therapistEmail(offer.id), subject: { contains: 'did not choose in time' } } })).toBe(1)
		const clinicLine = await db().notification.findFirstOrThrow({ where: { referralId, kind: 'shortlist_lapsed', userId: coordinatorId } })
		expect(clinicLine.text).toMatch(/did not choose before the shortlist’s deadline; the acceptances have expired\. Tandem is sending the next round of offers/)
		// The job ran once: running the deadline again does nothing.
		expect(await expireShortlist(referralId, deadline, at(400), async () => {})).toBe('not_needed')
	})

	test('after the last round, a lapsed shortlist leaves the referral unfilled, with the “why not” counts', async () => {
		const referralId = await postReferral()
		const { deadline } = await shortlisted(referralId)
		// As if this were the last round's shortlist.
		await db().referral.update({ where: { id: referralId }, data: { matchingRound: MATCHING_ROUNDS } })
		await drainJobs(deadline)
		expect(await statusOf(referralId)).toBe('unfilled')
		const events = await expectConsistentHistory(referralId)
		expect(events.slice(-2).map((e) => `${e.fromStatus}→${e.toStatus}`)).toEqual(['shortlisted→open', 'open→unfilled'])
		const lines = await db().notification.findMany({ where: { referralId, userId: coordinatorId }, orderBy: { createdAt: 'asc' }, select: { kind: true, text: true } })
		expect(lines.find((l) => l.kind === 'shortlist_lapsed')!.text).toMatch(/Every round of offers has been sent, so the referral is unfilled/)
		expect(lines.find((l) => l.kind === 'referral_unfilled')!.text).toMatch(
			/is unfilled: the patient did not choose before the shortlist’s deadline, and all 3 rounds of offers have been sent\. (Left out by the criteria at the last matching: \d+ |The criteria left nobody out)/,
		)
	})

	test('a link the clinic sends again moves the deadline: the old one passes without effect', async () => {
		const referralId = await postReferral()
		const { deadline } = await shortlisted(referralId)
		expect(await clinicPatientLinkAction(clinicId, referralId, 'resend', { kind: 'user', userId: coordinatorId }, at(100))).toEqual({ ok: true })
		await drainJobs(at(100))
		await drainJobs(deadline)
		expect(await statusOf(referralId)).toBe('shortlisted')
		expect(await db().referralEvent.count({ where: { referralId, reason: DEADLINE_REASON } })).toBe(0)
		// The new deadline lapses (and the series has started by then, so nobody eligible is left to ask).
		await drainJobs(at(100 + 7 * 24))
		expect(await db().referralEvent.findFirstOrThrow({ where: { referralId, reason: DEADLINE_REASON } })).toMatchObject({ fromStatus: 'shortlisted', toStatus: 'open', at: at(100 + 7 * 24) })
	})
})

describe('reminders of the deadline', () => {
	test('48 and 12 hours before: an email with a working link to the same shortlist, in the patient’s language, and a text with their first name only', async () => {
		const referralId = await postReferral({ language: 'es' })
		const { deadline } = await shortlisted(referralId)
		const before = (hours: number) => new Date(deadline.getTime() - hours * HOUR)
		await drainJobs(new Date(before(48).getTime() - 1))
		expect(await reminderEmails(referralId)).toHaveLength(0)
		expect(twilio.sent).toHaveLength(0)

		await drainJobs(before(48))
		const [first] = await reminderEmails(referralId)
		const email = sent(first!)
		expect(email.subject).toMatch(/^Recordatorio: elija a su terapeuta antes del .+ \(referencia R-[A-Z0-9]{6}\)$/)
		expect(email.text).not.toMatch(/Pat|Example|ketamine|Choose/)
		// Its link opens the shortlist until the same deadline; the link before it no longer works.
		const token = /\/choose\/([a-z2-7]{32})/.exec(email.text)![1]!
		const link = await resolvePatientLink(token, before(47))
		expect(link).toMatchObject({ ok: true, expiresAt: deadline })
		expect(await db().patientLink.count({ where: { referralId, revokedAt: null } })).toBe(1)

		expect(twilio.sent).toHaveLength(1)
		const [text] = twilio.sent
		expect(text).toMatchObject({ to: PHONE, from: TWILIO_TEST_ENV.TWILIO_FROM, accountSid: TWILIO_TEST_ENV.TWILIO_ACCOUNT_SID })
		expect(text!.authorization).toBe(`Basic ${Buffer.from(`${TWILIO_TEST_ENV.TWILIO_ACCOUNT_SID}:${TWILIO_TEST_ENV.TWILIO_AUTH_TOKEN}`).toString('base64')}`)
		expect(text!.body).toMatch(/^Hola, Pat: le recordamos desde Tandem que elija a su terapeuta antes del /)
		expect(text!.body).not.toMatch(/Example|ketamine|https?:|TX\b/)
		// The log names the patient by their referral, and keeps no text outside development.
		const logged = await db().smsMessage.findFirstOrThrow({ where: { to: `patient of referral R-${referralId.slice(-6).toUpperCase()}` } })
		expect(logged).toMatchObject({ template: 'shortlist_reminder', body: null, transport: 'twilio', providerId: expect.stringMatching(/^SM/) })
		// The text job is done, and the hourly purge removes it at once, like an email's.
		expect(await db().outboxJob.count({ where: { kind: 'sms', doneAt: null } })).toBe(0)

		await drainJobs(before(12))
		expect(await reminderEmails(referralId)).toHaveLength(2)
		expect(twilio.sent).toHaveLength(2)
		// Asking again for the same reminders adds nothing.
		await drainJobs(before(11))
		expect(await reminderEmails(referralId)).toHaveLength(2)
	})

	test('none once the patient has chosen', async () => {
		const referralId = await postReferral()
		const { offers, times, deadline, linkId } = await shortlisted(referralId)
		expect(await patientChooses(linkId, referralId, offers[0]!.id, times[0]!, at(2))).toMatchObject({ ok: true })
		await drainJobs(new Date(deadline.getTime() - 48 * HOUR))
		await drainJobs(new Date(deadline.getTime() - 12 * HOUR))
		await drainJobs(deadline)
		expect(await reminderEmails(referralId)).toHaveLength(0)
		expect(twilio.sent).toHaveLength(0)
		expect(await statusOf(referralId)).toBe('scheduled')
		expect((await db().offer.findUniqueOrThrow({ where: { id: offers[0]!.id } })).status).toBe('chosen')
	})

	test('a patient without a phone number gets the email only', async () => {
		const referralId = await postReferral({ phone: null })
		const { deadline } = await shortlisted(referralId)
		await drainJobs(new Date(deadline.getTime() - 48 * HOUR))
		expect(await reminderEmails(referralId)).toHaveLength(1)
		expect(twilio.sent).toHaveLength(0)
	})
})

describe('text messages', () => {
	test('a patient who turned texts off on their page gets none; the email still comes', async () => {
		const referralId = await postReferral()
		const { deadline, linkId } = await shortlisted(referralId)
		expect(await setPatientTexts(linkId, referralId, false)).toEqual({ ok: true })
		expect(await db().auditEvent.count({ where: { action: 'patient_link.texts_changed', entityId: referralId } })).toBe(1)
		await drainJobs(new Date(deadline.getTime() - 48 * HOUR))
		expect(await reminderEmails(referralId)).toHaveLength(1)
		expect(twilio.sent).toHaveLength(0)
		expect(await db().smsMessage.count({ where: { to: `patient of referral R-${referralId.slice(-6).toUpperCase()}` } })).toBe(0)
	})

	test('a number that replied STOP (Twilio 21610) is opted out, and gets nothing more', async () => {
		const referralId = await postReferral()
		const { deadline } = await shortlisted(referralId)
		twilio.answers.set(PHONE, STOP_REPLY)
		await drainJobs(new Date(deadline.getTime() - 48 * HOUR))
		expect(await db().smsOptOut.findUnique({ where: { phone: PHONE } })).toMatchObject({ source: 'stop_reply' })
		expect(await db().smsMessage.findFirstOrThrow({ where: { to: `patient of referral R-${referralId.slice(-6).toUpperCase()}` } })).toMatchObject({
			sentAt: null,
			error: expect.stringContaining('21610'),
		})
		// Not tried again: the job is done, not failed.
		expect(await db().outboxJob.count({ where: { kind: 'sms', doneAt: null } })).toBe(0)
		twilio.answers.clear()
		await drainJobs(new Date(deadline.getTime() - 12 * HOUR))
		expect(await reminderEmails(referralId)).toHaveLength(2)
		expect(twilio.sent).toHaveLength(0)
	})

	test('while Twilio is down the text is tried again with backoff, then sent once', async () => {
		const referralId = await postReferral()
		const { deadline } = await shortlisted(referralId)
		const due = new Date(deadline.getTime() - 48 * HOUR)
		twilio.answers.set(PHONE, TWILIO_DOWN)
		await drainJobs(due)
		const job = await db().outboxJob.findFirstOrThrow({ where: { kind: 'sms' } })
		expect(job).toMatchObject({ doneAt: null, attempts: 1, lastError: expect.stringContaining('Twilio 503') })
		expect(job.runAt.getTime()).toBeGreaterThan(due.getTime())
		twilio.answers.clear()
		await drainJobs(new Date(due.getTime() + HOUR))
		expect(twilio.sent).toHaveLength(1)
		expect(await db().outboxJob.count({ where: { kind: 'sms', doneAt: null } })).toBe(0)
	})

	test('any text, for anyone: a user’s own setting and a STOP on their number are respected when queued and when sent', async () => {
		const user = await db().user.findFirstOrThrow({ where: { email: 'therapist.tx@tandem.example' } })
		const queue = (body: string) => db().$transaction((tx) => enqueueSms(tx, { to: '512-555-0199', userId: user.id, template: 'session_reminder', body, runAt: T0 }))
		expect(await queue('Hi Sam, a reminder from Tandem.')).toBe('queued')
		// Opted out between queueing and sending: nothing goes.
		await db().user.update({ where: { id: user.id }, data: { smsOptOut: true } })
		await drainJobs(T0)
		expect(twilio.sent).toHaveLength(0)
		expect(await queue('Hi Sam, again.')).toBe('opted_out')
		await db().user.update({ where: { id: user.id }, data: { smsOptOut: false } })
		await db().smsOptOut.create({ data: { phone: '+15125550199', source: 'stop_reply', createdAt: T0 } })
		expect(await queue('Hi Sam, once more.')).toBe('opted_out')
		expect(await db().$transaction((tx) => enqueueSms(tx, { to: 'not a number', userId: user.id, template: 'session_reminder', body: 'x', runAt: T0 }))).toBe('no_number')
		// A link with a token never goes into a text.
		await expect(db().$transaction((tx) => enqueueSms(tx, { to: '512-555-0198', template: 'x', body: `Open http://localhost:3000/choose/${'a'.repeat(32)}`, runAt: T0 }))).rejects.toThrow(/token/)
	})
})

describe('turning texts off and on, over HTTP', () => {
	let server: TestServer
	beforeAll(async () => {
		server = await startTestServer()
	}, 120_000)
	afterAll(() => server?.close())
	const post = async (path: string, fields: Record<string, string>, cookie = '') => {
		const response = await fetch(server.origin + path, {
			method: 'POST',
			headers: { Origin: server.origin, 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
			body: new URLSearchParams(fields),
			redirect: 'manual',
		})
		return { status: response.status, location: response.headers.get('Location'), text: await response.text() }
	}

	test('the patient’s page shows the last four digits and turns texts off and on; a bad value is refused by name and changes nothing', async () => {
		const referralId = await postReferral()
		await db().referral.update({ where: { id: referralId }, data: { status: 'shortlisted' } })
		const token = generateToken()
		await db().patientLink.create({ data: { referralId, tokenHash: hashToken(token), createdAt: new Date(), expiresAt: new Date(Date.now() + 86_400_000) } })
		const page = await (await fetch(`${server.origin}/choose/${token}`)).text()
		expect(page).toContain('your number ending in 0123')
		expect(page).not.toContain('555-0123')
		expect(await post(`/choose/${token}`, { intent: 'texts', texts: 'off' })).toMatchObject({ status: 302, location: `/choose/${token}?done=texts` })
		expect((await db().referralPatient.findUniqueOrThrow({ where: { referralId } })).smsOptOut).toBe(true)
		expect(await fetch(`${server.origin}/choose/${token}`).then((r) => r.text())).toContain('You turned off text messages')
		const bad = await post(`/choose/${token}`, { intent: 'texts', texts: 'maybe' })
		expect(bad.status).toBe(400)
		expect(bad.text).toContain('Say whether you want text messages')
		expect((await db().referralPatient.findUniqueOrThrow({ where: { referralId } })).smsOptOut).toBe(true)
		expect(await post(`/choose/${token}`, { intent: 'texts', texts: 'on' })).toMatchObject({ status: 302 })
		expect((await db().referralPatient.findUniqueOrThrow({ where: { referralId } })).smsOptOut).toBe(false)
	})

	test('a user sets their mobile number and turns texts off in their notification settings; a bad number is named', async () => {
		const user = await db().user.findFirstOrThrow({ where: { email: 'therapist.tx@tandem.example' } })
		const session = await createSession(user.id, { ip: null, userAgent: 'test' })
		const cookie = `${SESSION_COOKIE}=${session.token}`
		const bad = await post('/notifications', { intent: 'texts', phone: '555-01', texts: 'on' }, cookie)
		expect(bad.status).toBe(400)
		expect(bad.text).toContain('Give a mobile number such as (512) 555-0123')
		// The field itself is marked.
		expect(bad.text).toMatch(/name="phone"[^>]*aria-invalid="true"/)
		expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).phone).toBeNull()
		expect((await post('/notifications', { intent: 'texts', phone: '(512) 555-0142', texts: 'off' }, cookie)).status).toBe(200)
		expect(await db().user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ phone: '+15125550142', smsOptOut: true })
		expect(await db().auditEvent.count({ where: { action: 'user.texts_changed', entityId: user.id } })).toBe(1)
		await db().user.update({ where: { id: user.id }, data: { phone: null, smsOptOut: false } })
	})
})

describe('the chosen therapist steps back', () => {
	async function chosenThenSteppedBack(rounds?: number) {
		const referralId = await postReferral()
		const { offers, times, linkId } = await shortlisted(referralId)
		expect(await patientChooses(linkId, referralId, offers[0]!.id, times[0]!, at(2))).toMatchObject({ ok: true, outcome: 'scheduled' })
		if (rounds) await db().referral.update({ where: { id: referralId }, data: { matchingRound: rounds } })
		expect((await db().offer.findUniqueOrThrow({ where: { id: offers[1]!.id } })).status).toBe('released')
		expect(await stepBack(offers[0]!.therapistId, offers[0]!.id, 'A family emergency', { kind: 'system' }, at(3))).toEqual({ ok: true })
		return { referralId, chosen: offers[0]!, released: offers[1]! }
	}

	test('the therapist the choice released is asked to re-confirm within 24 hours, and their page and inbox say why; when they do, the patient gets a fresh link', async () => {
		const { referralId, released } = await chosenThenSteppedBack()
		const asked = await db().offer.findUniqueOrThrow({ where: { id: released.id } })
		expect(asked).toMatchObject({ status: 'pending', reconfirmAskedAt: at(3), expiresAt: at(27), round: 1 })
		// Not a round of its own.
		expect((await db().referral.findUniqueOrThrow({ where: { id: referralId } })).matchingRound).toBe(1)
		expect(await statusOf(referralId)).toBe('open')
		await expectConsistentHistory(referralId)
		await drainJobs(at(3))
		expect((await offersOf(referralId)).filter((o) => o.round === 2)).toEqual([])
		expect(await db().notification.findFirstOrThrow({ where: { referralId, kind: 'chosen_stepped_back', userId: coordinatorId } })).toMatchObject({
			text: expect.stringMatching(/Tandem is asking the therapist the patient could also have chosen whether they are still available/),
		})
		expect(await db().emailMessage.count({ where: { to: await therapistEmail(released.id), subject: { contains: 'are you still available?' } } })).toBe(1)

		// What the therapist sees: a re-confirmation, said plainly, on the page and in the inbox.
		const access = await therapistOffer(released.therapistId, released.id)
		if (!access.ok) throw new Error('no access')
		expect(offerPage(access.offer, at(4), null).offer.reconfirmation).toBe('The patient’s chosen therapist stepped back; are you still available?')
		const inbox = offerInbox(await therapistOffers(released.therapistId), at(4))
		expect(inbox.waiting.find((r) => r.id === released.id)!.status.label).toBe('Re-confirm: the chosen therapist stepped back')

		const linksBefore = await db().patientLink.count({ where: { referralId } })
		await accept(released.id, at(5))
		expect(await statusOf(referralId)).toBe('shortlisted')
		await drainJobs(at(5))
		expect(await db().patientLink.count({ where: { referralId } })).toBe(linksBefore + 1)
		const newest = await db().patientLink.findFirstOrThrow({ where: { referralId }, orderBy: { createdAt: 'desc' } })
		expect(newest).toMatchObject({ createdAt: at(5), revokedAt: null, expiresAt: at(5 + 7 * 24) })
		// The re-confirmation's own expiry then finds it answered.
		await drainJobs(at(27))
		expect((await db().offer.findUniqueOrThrow({ where: { id: released.id } })).status).toBe('accepted')
		await expectConsistentHistory(referralId)
	})

	test('when nobody re-confirms within 24 hours, the next round goes out', async () => {
		const { referralId, chosen, released } = await chosenThenSteppedBack()
		await drainJobs(at(26))
		expect((await offersOf(referralId)).filter((o) => o.round === 2)).toEqual([])
		await drainJobs(at(27))
		expect((await db().offer.findUniqueOrThrow({ where: { id: released.id } })).status).toBe('expired')
		const round2 = (await offersOf(referralId)).filter((o) => o.round === 2)
		expect(round2.length).toBeGreaterThan(0)
		expect(round2.some((o) => o.therapistId === chosen.therapistId || o.therapistId === released.therapistId)).toBe(false)
		await expectConsistentHistory(referralId)
	})

	test('after the last round with nobody to ask again, the clinic is told it is unfilled — not that it is offered to others', async () => {
		const referralId = await postReferral()
		const [only] = await offersOf(referralId)
		const time = await accept(only!.id, at(1))
		await drainJobs(at(1))
		const link = await db().patientLink.findFirstOrThrow({ where: { referralId, revokedAt: null } })
		expect(await patientChooses(link.id, referralId, only!.id, time, at(2))).toMatchObject({ ok: true })
		await db().referral.update({ where: { id: referralId }, data: { matchingRound: MATCHING_ROUNDS } })
		expect(await stepBack(only!.therapistId, only!.id, 'Moving away', { kind: 'system' }, at(3))).toEqual({ ok: true })
		await drainJobs(at(3))
		expect(await statusOf(referralId)).toBe('unfilled')
		const said = await db().notification.findFirstOrThrow({ where: { referralId, kind: 'chosen_stepped_back', userId: coordinatorId } })
		expect(said.text).toMatch(/Every round of offers has been sent, so the referral is unfilled/)
		expect(said.text).not.toMatch(/offering it to other therapists|next round of offers/)
		expect((await db().notification.findFirstOrThrow({ where: { referralId, kind: 'referral_unfilled', userId: coordinatorId } })).text).toMatch(
			/the chosen therapist stepped back, nobody re-confirmed, and all 3 rounds/,
		)
	})
})

describe('racing at the deadline', () => {
	test('20 concurrent actors — the patient choosing, the expiry job, therapists retracting — leave one consistent outcome', async () => {
		for (let run = 0; run < 3; run++) {
			await db().outboxJob.deleteMany()
			const referralId = await postReferral()
			const offers = (await offersOf(referralId)).slice(0, 3)
			const times: string[] = []
			for (const offer of offers) times.push(await accept(offer.id, at(1)))
			await drainJobs(at(1))
			const link = await db().patientLink.findFirstOrThrow({ where: { referralId, revokedAt: null } })
			const deadline = link.expiresAt

			const attempts = Array.from({ length: 20 }, (_, i): Promise<unknown> => {
				const offer = offers[i % 3]!
				switch ((i + run) % 5) {
					case 0:
						return patientChooses(link.id, referralId, offer.id, times[i % 3]!, deadline)
					case 1:
						return patientChooses(link.id, referralId, offer.id, null, new Date(deadline.getTime() - 1))
					case 2:
						return expireShortlist(referralId, deadline, deadline, async () => {})
					case 3:
						return runDueJobs(deadline)
					default:
						return retractAcceptance(offer.therapistId, offer.id, { kind: 'system' }, deadline)
				}
			})
			const results = await Promise.all(attempts)
			for (const result of results) if (result && typeof result === 'object' && 'ok' in result && !result.ok) expect(result).toHaveProperty('message')

			const after = await offersOf(referralId)
			const chosen = after.filter((o) => o.status === 'chosen')
			const expiredAtDeadline = await db().offerEvent.count({ where: { referralId, toStatus: 'expired', reason: DEADLINE_REASON } })
			const status = await statusOf(referralId)
			expect(chosen.length).toBeLessThanOrEqual(1)
			// The choice and the expiry never both win.
			expect(chosen.length === 1 && expiredAtDeadline > 0).toBe(false)
			if (status === 'matched' || status === 'scheduled') expect(chosen).toHaveLength(1)
			if (chosen.length === 1) {
				expect(['matched', 'scheduled']).toContain(status)
				expect(after.filter((o) => o.status === 'accepted')).toEqual([])
			}
			if (status === 'open') expect(after.filter((o) => o.status === 'accepted' || o.status === 'chosen')).toEqual([])
			if (status === 'shortlisted') expect(after.some((o) => o.status === 'accepted')).toBe(true)
			expect(['matched', 'scheduled', 'open', 'shortlisted']).toContain(status)
			await expectConsistentHistory(referralId)
		}
	}, 120_000)
})
