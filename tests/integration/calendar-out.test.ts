// Calendars out and session reminders (docs/product.md §4a), through the whole HTTP stack and the
// worker, with a fixed clock for the worker and Twilio faked by MSW. The feeds, the API's file and
// the patient's file are read back with a second, independent parser (ical.js): every booked session
// is there, a moved session keeps its UID with a higher SEQUENCE, a cancelled one says CANCELLED, and
// no property carries the patient's details; a feed turned off or replaced is 404, another clinic's
// referral through the API is 404. Reminders go out once, 24 hours before a booked session, to the
// patient and the therapist, never for a session moved or cancelled since, and respect opt-outs.
import { TZDate } from '@date-fns/tz'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { generateToken, hashToken } from '#app/domain/auth/tokens.ts'
import { issueSessionFeed, revokeSessionFeed } from '#app/domain/calendar/session-feeds.server.ts'
import { UID_DOMAIN } from '#app/domain/calendar/session-events.ts'
import { createApiKey } from '#app/domain/clinics/api-keys.server.ts'
import { drainJobs } from '#app/domain/outbox/worker.server.ts'
import { expandDoses } from '#app/domain/referrals/dosing.ts'
import { proposableForOffer, therapistOffer } from '#app/domain/referrals/offer-responses.server.ts'
import { recordChoiceForPatient } from '#app/domain/referrals/patient-choice.server.ts'
import { actOnSession, referralPlan } from '#app/domain/series/plan.server.ts'
import { formatRange } from '#app/domain/time-format.ts'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { seedDemoData } from '#prisma/seed.ts'
import { readIcs } from '#tests/factories/ics.ts'
import { texasReferralData } from '#tests/factories/referrals.ts'
import { sent } from '#tests/setup/accounts.ts'
import { createSession, SESSION_COOKIE } from '#app/utils/session.server.ts'
import { startTestServer, type TestServer } from '#tests/setup/app-server.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'
import { fakeTwilio, TWILIO_TEST_ENV } from '#tests/setup/fake-twilio.ts'

// Texts go to Twilio (faked). The environment is parsed on first use, after this.
const savedEnv = Object.fromEntries(Object.keys(TWILIO_TEST_ENV).map((name) => [name, process.env[name]]))
Object.assign(process.env, TWILIO_TEST_ENV)
const twilio = fakeTwilio()

const CHICAGO = 'America/Chicago'
const HOUR = 3_600_000
const DAY = 24 * HOUR
// The routes read the real clock, so the series lies ahead of it: the worker's clock starts tomorrow at noon UTC.
const today = new Date()
const T0 = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 1, 12))
const FIRST_DOSE = new TZDate(T0.getUTCFullYear(), T0.getUTCMonth(), T0.getUTCDate() + 8, 10, 0, 0, CHICAGO)
const THERAPIST_PHONE = '+15125550177'
const PATIENT = {
	firstName: 'Marisol',
	lastName: 'Quintero',
	email: 'marisol.quintero@example.org',
	phone: '(512) 555-0123',
	birthDate: new Date('1985-04-02'),
	notes: 'Prefers mornings; history of migraines',
}
const PATIENT_PHONE = '+15125550123'

let server: TestServer
let clinicId: string
let otherClinicId: string
let coordinatorId: string
let otherCoordinatorId: string
let therapistId: string
let therapistUserId: string
let keys: { mine: string; other: string }
let seeded: string[] = []

beforeAll(async () => {
	twilio.listen()
	await resetDatabase()
	const monday = new Date(Date.UTC(T0.getUTCFullYear(), T0.getUTCMonth(), T0.getUTCDate() - ((T0.getUTCDay() + 6) % 7)))
	await seedDemoData(db(), { anchor: monday })
	seeded = (await db().referral.findMany({ select: { id: true } })).map((r) => r.id)
	const coordinator = await db().clinicMember.findFirstOrThrow({ where: { user: { email: 'tx.coordinator@tandem.example' } } })
	clinicId = coordinator.clinicId
	coordinatorId = coordinator.userId
	const other = await db().clinicMember.findFirstOrThrow({ where: { user: { email: 'wa.coordinator@tandem.example' } } })
	otherClinicId = other.clinicId
	otherCoordinatorId = other.userId
	// A therapist free every day from 9:00 to 18:00 in Chicago, with a mobile number for texts.
	const user = await db().user.create({ data: { email: 'cal.therapist@example.org', name: 'Robin Calloway', passwordHash: 'x', phone: THERAPIST_PHONE } })
	const therapist = await db().therapist.create({
		data: {
			userId: user.id,
			email: 'cal.therapist@example.org',
			fullName: 'Robin Calloway',
			credentials: 'LPC',
			timeZone: CHICAGO,
			phases: ['integration'],
			formats: ['telehealth'],
			modalities: [],
			focusAreas: [],
			languages: ['en', 'es'],
			insurancePayers: [],
			weeklyCapacity: 10,
			availability: { create: [0, 1, 2, 3, 4, 5, 6].map((dayOfWeek) => ({ dayOfWeek, startMinute: 9 * 60, endMinute: 18 * 60 })) },
		},
	})
	therapistId = therapist.id
	therapistUserId = user.id
	const mine = await createApiKey(clinicId, 'EHR', coordinatorId)
	const theirs = await createApiKey(otherClinicId, 'EHR', otherCoordinatorId)
	if (!mine.ok || !theirs.ok) throw new Error('no API key')
	keys = { mine: mine.key, other: theirs.key }
	server = await startTestServer()
}, 300_000)

afterAll(async () => {
	twilio.close()
	await server?.close()
	await closeDatabase()
	for (const [name, value] of Object.entries(savedEnv)) {
		if (value === undefined) delete process.env[name]
		else process.env[name] = value
	}
})

beforeEach(async () => {
	await db().referral.deleteMany({ where: { id: { notIn: seeded } } })
	await db().outboxJob.deleteMany()
	await db().sessionFeed.deleteMany()
	await db().rateLimit.deleteMany()
	await db().emailMessage.deleteMany()
	await db().user.update({ where: { id: therapistUserId }, data: { optionalEmails: true, smsOptOut: false } })
	twilio.reset()
})

const actor = () => ({ kind: 'user' as const, userId: therapistUserId })

/**
 * A telehealth referral for integration after three daily doses at 10:00 in Chicago, whose patient
 * chose the therapist and the first proposed time: the first integration session is booked, the
 * other two proposed. The patient has a link in use (its token returned).
 */
async function chosen(patient: { language?: string; smsOptOut?: boolean } = {}) {
	const doses = expandDoses(new Date(FIRST_DOSE.getTime()), 3, 1, CHICAGO)
	const referral = await db().referral.create({
		data: texasReferralData(clinicId, doses[0]!, {
			status: 'shortlisted',
			languages: ['en'],
			dosingSessionsAt: doses,
			postedAt: new Date(T0.getTime() - 2 * DAY),
			patient: { create: { ...PATIENT, language: patient.language ?? null, smsOptOut: patient.smsOptOut ?? false } },
		}),
	})
	const offer = await db().offer.create({
		data: {
			referralId: referral.id,
			therapistId,
			status: 'accepted',
			round: 1,
			sentAt: new Date(T0.getTime() - 40 * HOUR),
			expiresAt: new Date(T0.getTime() + 8 * HOUR),
			respondedAt: new Date(T0.getTime() - 30 * HOUR),
		},
	})
	const access = await therapistOffer(therapistId, offer.id)
	if (!access.ok) throw new Error('no access')
	const [first] = await proposableForOffer(access.offer, T0)
	await db().offer.update({ where: { id: offer.id }, data: { proposedTimes: [first!] } })
	expect(await recordChoiceForPatient(clinicId, referral.id, offer.id, first!.toISOString(), coordinatorId, T0)).toEqual({ ok: true, outcome: 'scheduled' })
	const token = generateToken()
	await db().patientLink.create({ data: { referralId: referral.id, tokenHash: hashToken(token), createdAt: T0, expiresAt: new Date(T0.getTime() + 60 * DAY) } })
	const plan = new Map((await referralPlan(referral.id)).map((s) => [`${s.phase}#${s.doseIndex}`, s]))
	return { referralId: referral.id, offerId: offer.id, token, plan, doses }
}

/** The answer's text and its events, read back with ical.js. */
async function readCalendar(response: Response) {
	const text = await response.text()
	return { text, events: readIcs(text).events }
}

const get = (path: string, headers: Record<string, string> = {}) => fetch(server.origin + path, { headers, redirect: 'manual' })
const feedPath = (url: string) => new URL(url).pathname
const uid = (sessionId: string) => `${sessionId}@${UID_DOMAIN}`

/** Nothing of any patient's identity or notes anywhere in the text; names as whole words. */
async function expectNoPhi(text: string, referralIds: string[]) {
	const patients = await db().referralPatient.findMany({ where: { referralId: { in: referralIds } } })
	expect(patients.length).toBeGreaterThan(0)
	for (const p of patients) {
		const needles = [p.email, p.notes, p.birthDate?.toISOString().slice(0, 10), p.birthDate?.toISOString().slice(0, 10).replace(/-/g, '')].filter((n): n is string => Boolean(n && n.trim()))
		for (const needle of needles) expect(text.includes(needle), `shows ${needle}`).toBe(false)
		for (const name of [p.firstName, p.lastName].filter((n): n is string => Boolean(n))) expect(new RegExp(`(?<![\\p{L}])${name}(?![\\p{L}])`, 'u').test(text), `shows ${name}`).toBe(false)
		if (p.phone) for (const digits of [p.phone, p.phone.replace(/\D/g, ''), p.phone.replace(/\D/g, '').slice(-7)]) expect(text.includes(digits), `shows ${digits}`).toBe(false)
	}
	for (const word of ['migraines', 'Quintero', 'Marisol', '555-0123', '5550123']) expect(text).not.toContain(word)
}

describe('calendars out', () => {
	test('the therapist’s feed: every planned session once, booked ones CONFIRMED and proposed ones TENTATIVE at their exact times, linking to the offer; no patient detail; a calendar’s read is noted', async () => {
		const { referralId, offerId, plan } = await chosen()
		const second = plan.get('integration#2')!
		expect(await actOnSession(therapistId, offerId, second.id, 'confirm', null, actor(), T0)).toEqual({ ok: true })

		const url = await issueSessionFeed(therapistUserId, T0)
		expect(url).toMatch(/\/calendar\/[a-z2-7]{32}\/sessions\.ics$/)
		// Only the token's hash is kept.
		const token = /\/calendar\/([a-z2-7]{32})\//.exec(url)![1]!
		expect(await db().sessionFeed.findUniqueOrThrow({ where: { userId: therapistUserId } })).toMatchObject({ tokenHash: hashToken(token), lastReadAt: null })

		const response = await get(feedPath(url))
		expect(response.status).toBe(200)
		expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
		expect(response.headers.get('cache-control')).toMatch(/no-store/)
		expect(response.headers.get('cache-control')).toMatch(/private/)
		const { text, events } = await readCalendar(response)
		const sessions = await referralPlan(referralId)
		expect(sessions).toHaveLength(3)
		const ours = events.filter((e) => sessions.some((s) => uid(s.id) === e.uid))
		expect(ours).toHaveLength(3)
		for (const s of sessions) {
			const event = ours.find((e) => e.uid === uid(s.id))!
			expect(event).toMatchObject({ sequence: s.sequence, start: s.startsAt.toISOString(), end: s.endsAt.toISOString(), status: s.status === 'booked' ? 'CONFIRMED' : 'TENTATIVE', location: 'Video' })
			expect(event.summary).toBe(`R-${referralId.slice(-6).toUpperCase()} · Integration`)
			expect(event.url).toMatch(new RegExp(`/therapist/offers/${offerId}$`))
		}
		expect(sessions.filter((s) => s.status === 'booked')).toHaveLength(2)
		await expectNoPhi(text, [referralId])
		expect((await db().sessionFeed.findUniqueOrThrow({ where: { userId: therapistUserId } })).lastReadAt).not.toBeNull()
	})

	test('a moved session keeps its UID with a higher SEQUENCE; a cancelled one stays, CANCELLED, so calendars remove it', async () => {
		const { referralId, offerId, plan, doses } = await chosen()
		const url = await issueSessionFeed(therapistUserId, T0)
		const first = plan.get('integration#1')!
		const third = plan.get('integration#3')!
		const before = (await readCalendar(await get(feedPath(url)))).events.find((e) => e.uid === uid(first.id))!
		expect(before).toMatchObject({ status: 'CONFIRMED', start: first.startsAt.toISOString() })

		// Two days after the first dose, at 14:00 in Chicago: inside its window, clear of the others.
		const moveTo = new Date(doses[0]!.getTime() + 52 * HOUR)
		expect(await actOnSession(therapistId, offerId, first.id, 'reschedule', moveTo, actor(), T0)).toEqual({ ok: true })
		expect(await actOnSession(therapistId, offerId, third.id, 'cancel', null, actor(), T0)).toEqual({ ok: true })
		const { events } = await readCalendar(await get(feedPath(url)))
		const moved = events.find((e) => e.uid === uid(first.id))!
		expect(moved.sequence).toBeGreaterThan(before.sequence)
		expect(moved).toMatchObject({ start: moveTo.toISOString(), end: new Date(moveTo.getTime() + HOUR).toISOString(), status: 'CONFIRMED' })
		expect(events.filter((e) => e.uid === uid(first.id))).toHaveLength(1)
		expect(events.find((e) => e.uid === uid(third.id))).toMatchObject({ status: 'CANCELLED', sequence: 1 })
		// The clinic's view through the API says the same.
		const api = await readCalendar(await get(`/api/v1/referrals/${referralId}/sessions.ics`, { Authorization: `Bearer ${keys.mine}` }))
		expect(api.events.find((e) => e.uid === uid(first.id))).toMatchObject({ sequence: moved.sequence, start: moveTo.toISOString() })
	})

	test('a clinic member’s feed has their clinic’s planned sessions, linking to the referral’s page, and no patient’s details; another clinic’s member sees none of them', async () => {
		const { referralId } = await chosen()
		const sessions = await referralPlan(referralId)
		const mine = await readCalendar(await get(feedPath(await issueSessionFeed(coordinatorId, T0))))
		for (const s of sessions)
			expect(mine.events.find((e) => e.uid === uid(s.id))).toMatchObject({
				sequence: s.sequence,
				start: s.startsAt.toISOString(),
				url: expect.stringMatching(new RegExp(`/clinics/${clinicId}/referrals/${referralId}$`)),
			})
		// Every patient of the clinic is kept out of it, the demo's too.
		await expectNoPhi(
			mine.text,
			(await db().referral.findMany({ where: { clinicId }, select: { id: true } })).map((r) => r.id),
		)

		const theirs = await readCalendar(await get(feedPath(await issueSessionFeed(otherCoordinatorId, T0))))
		expect(theirs.events.filter((e) => sessions.some((s) => uid(s.id) === e.uid))).toEqual([])
	})

	test('on Notifications a clinic member makes their address and sees it once; a therapist is sent to their profile', async () => {
		const post = async (userId: string, intent: string) => {
			const session = await createSession(userId, { ip: null, userAgent: 'test' })
			const response = await fetch(`${server.origin}/notifications`, {
				method: 'POST',
				headers: { Origin: server.origin, Cookie: `${SESSION_COOKIE}=${session.token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ intent }),
				redirect: 'manual',
			})
			return { status: response.status, text: await response.text() }
		}
		const made = await post(coordinatorId, 'feed-create')
		expect(made.status).toBe(200)
		const address = /https?:\/\/[^"<\s]+\/calendar\/[a-z2-7]{32}\/sessions\.ics/.exec(made.text)?.[0]
		expect(address).toBeDefined()
		expect((await get(new URL(address!).pathname)).status).toBe(200)
		expect(await db().sessionFeed.count({ where: { userId: coordinatorId } })).toBe(1)
		const refused = await post(therapistUserId, 'feed-create')
		expect(refused.status).toBe(400)
		expect(refused.text).toContain('Your calendar address is in your profile.')
		expect(await db().sessionFeed.count({ where: { userId: therapistUserId } })).toBe(0)
	})

	test('turned off, the address is 404; replaced, the old one is 404 and the new one works; an unknown or malformed token is 404', async () => {
		await chosen()
		const since = (await db().auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true } }))?.seq ?? 0n
		const first = await issueSessionFeed(therapistUserId, T0)
		expect((await get(feedPath(first))).status).toBe(200)
		const second = await issueSessionFeed(therapistUserId, T0)
		expect(second).not.toBe(first)
		expect((await get(feedPath(first))).status).toBe(404)
		expect((await get(feedPath(second))).status).toBe(200)
		expect(await revokeSessionFeed(therapistUserId)).toBe(true)
		const gone = await get(feedPath(second))
		expect(gone.status).toBe(404)
		expect(await gone.text()).toBe('Not found')
		expect(await db().sessionFeed.count({ where: { userId: therapistUserId } })).toBe(0)
		expect((await get(`/calendar/${generateToken()}/sessions.ics`)).status).toBe(404)
		expect((await get('/calendar/not-a-token/sessions.ics')).status).toBe(404)
		// Every change is audited, never with the token.
		const audited = await db().auditEvent.findMany({ where: { seq: { gt: since }, entity: 'user', entityId: therapistUserId, action: { startsWith: 'session_feed.' } }, orderBy: { seq: 'asc' } })
		expect(audited.map((a) => a.action)).toEqual(['session_feed.created', 'session_feed.replaced', 'session_feed.revoked'])
		for (const token of [first, second].map((u) => /\/calendar\/([a-z2-7]{32})\//.exec(u)![1]!)) expect(JSON.stringify(audited.map((a) => a.details))).not.toContain(token)
	})

	test('the API gives the clinic its referral’s sessions as iCalendar, with the same key and scoping as the referral: another clinic’s key gets 404 and nothing of the patient', async () => {
		const { referralId } = await chosen()
		const sessions = await referralPlan(referralId)
		const response = await get(`/api/v1/referrals/${referralId}/sessions.ics`, { Authorization: `Bearer ${keys.mine}` })
		expect(response.status).toBe(200)
		expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
		expect(response.headers.get('cache-control')).toMatch(/no-store/)
		const { text, events } = await readCalendar(response)
		expect(events.map((e) => e.uid).sort()).toEqual(sessions.map((s) => uid(s.id)).sort())
		await expectNoPhi(text, [referralId])

		const refused = await get(`/api/v1/referrals/${referralId}/sessions.ics`, { Authorization: `Bearer ${keys.other}` })
		expect(refused.status).toBe(404)
		expect(refused.headers.get('content-type')).toBe('application/problem+json')
		await expectNoPhi(await refused.text(), [referralId])
		expect((await get(`/api/v1/referrals/no-such-referral/sessions.ics`, { Authorization: `Bearer ${keys.mine}` })).status).toBe(404)
		expect((await get(`/api/v1/referrals/${referralId}/sessions.ics`)).status).toBe(401)
		// Every call is audited, the refused ones too.
		expect(await db().auditEvent.count({ where: { action: 'api.request', details: { path: ['path'], equals: `/api/v1/referrals/${referralId}/sessions.ics` } } })).toBe(3)
	})

	test('the patient’s file from their link: their booked sessions, in their page’s language, nothing else of theirs; a link gone is 404', async () => {
		const { referralId, token, plan } = await chosen({ language: 'es' })
		const response = await get(`/choose/${token}/sessions.ics`)
		expect(response.status).toBe(200)
		expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
		expect(response.headers.get('content-disposition')).toBe(`attachment; filename="tandem-R-${referralId.slice(-6).toUpperCase()}.ics"`)
		const { text, events } = await readCalendar(response)
		const booked = (await referralPlan(referralId)).filter((s) => s.status === 'booked')
		expect(booked.map((s) => s.id)).toEqual([plan.get('integration#1')!.id])
		expect(events).toEqual([
			expect.objectContaining({
				uid: uid(booked[0]!.id),
				start: booked[0]!.startsAt.toISOString(),
				status: 'CONFIRMED',
				summary: `R-${referralId.slice(-6).toUpperCase()} · Integración`,
				location: 'Videollamada',
				url: null,
			}),
		])
		expect(text).toContain('X-WR-CALNAME:Sesiones de Tandem')
		await expectNoPhi(text, [referralId])
		// The page links to it.
		const page = await (await get(`/choose/${token}`)).text()
		expect(page).toContain(`/choose/${token}/sessions.ics`)
		expect(page).toContain('Añadirlas a su calendario (archivo .ics)')

		await db().patientLink.updateMany({ where: { referralId }, data: { revokedAt: T0 } })
		expect((await get(`/choose/${token}/sessions.ics`)).status).toBe(404)
		expect((await get(`/choose/${generateToken()}/sessions.ics`)).status).toBe(404)
	})
})

const reference = (referralId: string) => `R-${referralId.slice(-6).toUpperCase()}`
const patientReminders = (referralId: string) =>
	db().emailMessage.findMany({ where: { template: 'session_reminder', to: `patient of referral ${reference(referralId)}` }, orderBy: { createdAt: 'asc' } })
const therapistReminders = () => db().emailMessage.findMany({ where: { template: 'session_reminder', to: 'cal.therapist@example.org' }, orderBy: { createdAt: 'asc' } })
const textsTo = (to: string) => twilio.sent.filter((t) => t.to === to)

describe('session reminders', () => {
	test('once, 24 hours before a booked session: an email and a text to the patient in their language, and to the therapist, with first names only', async () => {
		const { referralId, plan } = await chosen({ language: 'es' })
		const session = plan.get('integration#1')!
		const due = new Date(session.startsAt.getTime() - 24 * HOUR)
		await drainJobs(new Date(due.getTime() - 1))
		expect(await patientReminders(referralId)).toHaveLength(0)
		expect(twilio.sent).toHaveLength(0)

		await drainJobs(due)
		const [patientEmail] = await patientReminders(referralId)
		const email = sent(patientEmail!)
		expect(email.subject).toMatch(new RegExp(`^Recordatorio: su sesión del .+ \\(referencia ${reference(referralId)}\\)$`))
		expect(email.text).toMatch(/^Hola, Marisol: le recordamos su sesión con su terapeuta el /)
		expect(email.text).toContain('Es por videollamada')
		expect(email.text).not.toMatch(/Quintero|migraines|marisol\.quintero|555|1985|ketamin|https?:/)
		const [therapistEmail] = await therapistReminders()
		const toTherapist = sent(therapistEmail!)
		expect(toTherapist.subject).toMatch(new RegExp(`^Reminder: integration after dose 1 on .+ \\(referral ${reference(referralId)}\\)$`))
		expect(toTherapist.text).toMatch(/^Hi Robin, a reminder of your session for referral/)
		expect(toTherapist.text).not.toMatch(/Marisol|Quintero|migraines|555-0123/)

		expect(textsTo(PATIENT_PHONE)).toHaveLength(1)
		expect(textsTo(PATIENT_PHONE)[0]!.body).toMatch(
			new RegExp(`^Hola, Marisol: le recordamos desde Tandem su sesión con su terapeuta el .+ \\(referencia ${reference(referralId)}\\)\\. Responda STOP`),
		)
		expect(textsTo(THERAPIST_PHONE)).toHaveLength(1)
		expect(textsTo(THERAPIST_PHONE)[0]!.body).toMatch(new RegExp(`^Hi Robin, a reminder from Tandem: integration after dose 1 for referral ${reference(referralId)}, `))
		for (const text of twilio.sent) expect(text.body).not.toMatch(/Quintero|migraines|https?:/)

		// Once: later passes, and asking again for the same session, send nothing more.
		await drainJobs(new Date(due.getTime() + HOUR))
		await drainJobs(session.startsAt)
		expect(await patientReminders(referralId)).toHaveLength(1)
		expect(await therapistReminders()).toHaveLength(1)
		expect(twilio.sent).toHaveLength(2)
	})

	test('a moved session is reminded at its new time only, and a cancelled one not at all: their earlier reminders find them changed', async () => {
		const { referralId, offerId, plan, doses } = await chosen()
		const first = plan.get('integration#1')!
		const second = plan.get('integration#2')!
		expect(await actOnSession(therapistId, offerId, second.id, 'confirm', null, actor(), T0)).toEqual({ ok: true })
		const moveTo = new Date(doses[0]!.getTime() + 52 * HOUR)
		expect(await actOnSession(therapistId, offerId, first.id, 'reschedule', moveTo, actor(), new Date(T0.getTime() + HOUR))).toEqual({ ok: true })
		expect(await actOnSession(therapistId, offerId, second.id, 'cancel', null, actor(), new Date(T0.getTime() + HOUR))).toEqual({ ok: true })
		// Three reminders were asked for: the first session at its old and its new time, and the second.
		const jobs = await db().outboxJob.findMany({ where: { kind: 'session_reminder' }, orderBy: { runAt: 'asc' } })
		expect(jobs.map((j) => j.runAt.toISOString()).sort()).toEqual([first.startsAt, second.startsAt, moveTo].map((at) => new Date(at.getTime() - 24 * HOUR).toISOString()).sort())

		// The old time's and the cancelled session's reminders pass without a word.
		await drainJobs(new Date(moveTo.getTime() - 24 * HOUR - 1))
		expect(await db().outboxJob.count({ where: { kind: 'session_reminder', doneAt: { not: null }, failedAt: null } })).toBe(2)
		expect(await patientReminders(referralId)).toHaveLength(0)
		expect(await therapistReminders()).toHaveLength(0)
		expect(twilio.sent).toHaveLength(0)

		await drainJobs(new Date(moveTo.getTime() - 24 * HOUR))
		expect(await patientReminders(referralId)).toHaveLength(1)
		expect(await therapistReminders()).toHaveLength(1)
		expect(textsTo(PATIENT_PHONE)).toHaveLength(1)
		expect(textsTo(THERAPIST_PHONE)).toHaveLength(1)
		// The therapist's reminder names the new time, in their zone.
		const reminded = new Date(moveTo.getTime() - 24 * HOUR)
		expect(sent((await therapistReminders())[0]!).text).toContain(formatRange(moveTo, new Date(moveTo.getTime() + HOUR), CHICAGO, { audience: 'email', now: reminded }))
		await drainJobs(new Date(doses[2]!.getTime() + 4 * DAY))
		expect(await patientReminders(referralId)).toHaveLength(1)
		expect(twilio.sent).toHaveLength(2)
	})

	test('opt-outs hold: a patient who turned texts off gets the email only; a therapist with optional emails and texts off gets neither', async () => {
		const { referralId, plan } = await chosen({ smsOptOut: true })
		await db().user.update({ where: { id: therapistUserId }, data: { optionalEmails: false, smsOptOut: true } })
		await drainJobs(new Date(plan.get('integration#1')!.startsAt.getTime() - 24 * HOUR))
		expect(await patientReminders(referralId)).toHaveLength(1)
		expect(sent((await patientReminders(referralId))[0]!).subject).toMatch(/^Reminder: your session on /)
		expect(await therapistReminders()).toHaveLength(0)
		expect(twilio.sent).toHaveLength(0)
	})
})
