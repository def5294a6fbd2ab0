// The series plan on the database, with a fixed clock (docs/product.md §4a): made in the choice's
// transaction, the first session booked when the patient picked a time; the chosen therapist
// confirms, moves, marks and cancels sessions, each change counting up the session's sequence; the
// clinic's changes to the doses move the plan, cancel a dropped dose's sessions and flag booked
// sessions that no longer fit, to both sides; refusals say why and write nothing; the API lists
// the sessions.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createApiKey } from '#app/domain/clinics/api-keys.server.ts'
import { naiveMatch } from '#app/domain/matching/baseline.server.ts'
import { loadMatchReferral, matchReferral, whyNotTherapist } from '#app/domain/matching/candidates.server.ts'
import { refreshTherapistSearch } from '#app/domain/matching/search-index.server.ts'
import { drainJobs } from '#app/domain/outbox/worker.server.ts'
import { expandDoses } from '#app/domain/referrals/dosing.ts'
import { proposableForOffer, stepBack, therapistOffer } from '#app/domain/referrals/offer-responses.server.ts'
import { recordChoiceForPatient } from '#app/domain/referrals/patient-choice.server.ts'
import { changeDose } from '#app/domain/series/dose-changes.server.ts'
import { actOnSession, referralPlan } from '#app/domain/series/plan.server.ts'
import { loader as apiReferralLoader } from '#app/routes/api.v1.referrals.$referralId.ts'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { createSession, SESSION_COOKIE } from '#app/utils/session.server.ts'
import { seedDemoData } from '#prisma/seed.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'

const CHICAGO = 'America/Chicago'
const T0 = new Date('2026-10-19T12:00:00Z')
const HOUR = 3_600_000
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR)

let clinicId: string
let otherClinicId: string
let coordinatorId: string
let therapistId: string
let therapistUserId: string
let otherTherapistId: string

beforeAll(async () => {
	await resetDatabase()
	await seedDemoData(db(), { anchor: new Date('2026-10-19T00:00:00Z') })
	const coordinator = await db().clinicMember.findFirstOrThrow({ where: { user: { email: 'tx.coordinator@tandem.example' } } })
	clinicId = coordinator.clinicId
	coordinatorId = coordinator.userId
	otherClinicId = (await db().clinicMember.findFirstOrThrow({ where: { user: { email: 'wa.coordinator@tandem.example' } } })).clinicId
	// A therapist free every day from 9:00 to 18:00 in Chicago, with nothing else booked.
	const made = async (email: string) => {
		const user = await db().user.create({ data: { email, name: 'Plan Therapist', passwordHash: 'x' } })
		const therapist = await db().therapist.create({
			data: {
				userId: user.id,
				email,
				fullName: 'Plan Therapist',
				credentials: 'LPC',
				timeZone: CHICAGO,
				phases: ['preparation', 'integration'],
				formats: ['telehealth'],
				modalities: [],
				focusAreas: [],
				languages: ['en'],
				insurancePayers: [],
				weeklyCapacity: 10,
				availability: { create: [0, 1, 2, 3, 4, 5, 6].map((dayOfWeek) => ({ dayOfWeek, startMinute: 9 * 60, endMinute: 18 * 60 })) },
			},
		})
		return { user, therapist }
	}
	const first = await made('plan.therapist@example.org')
	therapistId = first.therapist.id
	therapistUserId = first.user.id
	otherTherapistId = (await made('plan.other@example.org')).therapist.id
}, 300_000)
afterAll(closeDatabase)

beforeEach(async () => {
	await db().plannedSession.deleteMany()
	await db().referral.deleteMany({ where: { offers: { some: { therapistId: { in: [therapistId, otherTherapistId] } } } } })
	await db().outboxJob.deleteMany()
})

const actor = () => ({ kind: 'user' as const, userId: therapistUserId })
const clinicActor = () => ({ kind: 'user' as const, userId: coordinatorId })

/**
 * A shortlisted referral whose patient may choose the therapist's accepted offer: three daily doses
 * at 10:00 in Chicago from 27 October (so the first two integration windows overlap).
 */
async function shortlisted(phases = ['preparation', 'integration']) {
	const doses = expandDoses(new Date('2026-10-27T15:00:00Z'), 3, 1, CHICAGO)
	const referral = await db().referral.create({
		data: {
			clinicId,
			status: 'shortlisted',
			patientState: 'TX',
			ageBand: '35-44',
			phases,
			format: 'telehealth',
			paymentType: 'self_pay',
			firstDosingAt: doses[0]!,
			dosingSessionsAt: doses,
			postedAt: at(-48),
			patient: { create: { firstName: 'Pat', lastName: 'Plan', email: 'pat.plan@example.org', birthDate: new Date('1985-04-02') } },
		},
	})
	const offer = await db().offer.create({ data: { referralId: referral.id, therapistId, status: 'accepted', round: 1, sentAt: at(-40), expiresAt: at(8), respondedAt: at(-30) } })
	const access = await therapistOffer(therapistId, offer.id)
	if (!access.ok) throw new Error('no access')
	const [first] = await proposableForOffer(access.offer, T0)
	await db().offer.update({ where: { id: offer.id }, data: { proposedTimes: [first!] } })
	return { referralId: referral.id, offerId: offer.id, firstTime: first! }
}

const byKey = async (referralId: string) => new Map((await referralPlan(referralId)).map((s) => [`${s.phase}#${s.doseIndex}`, s]))

describe('the plan made at the choice', () => {
	test('the choice with a time makes the plan in the same step: that time is the booked preparation session, the rest proposed, none overlapping', async () => {
		const { referralId, offerId, firstTime } = await shortlisted()
		expect(await recordChoiceForPatient(clinicId, referralId, offerId, firstTime.toISOString(), coordinatorId, T0)).toEqual({ ok: true, outcome: 'scheduled' })
		const plan = await referralPlan(referralId)
		expect(plan.map((s) => [s.phase, s.doseIndex, s.status, s.sequence])).toEqual([
			['preparation', 1, 'booked', 0],
			['integration', 1, 'proposed', 0],
			['integration', 2, 'proposed', 0],
			['integration', 3, 'proposed', 0],
		])
		expect(plan[0]!.startsAt).toEqual(firstTime)
		expect(await db().plannedSession.count({ where: { referralId, therapistId } })).toBe(4)
		// The overlapping integration windows get different hours: 28 October 10:00 CDT, then 29 October 10:00 CDT would meet; the second waits for the next free hour.
		for (let i = 1; i < plan.length; i++) expect(plan[i]!.startsAt.getTime()).toBeGreaterThanOrEqual(plan[i - 1]!.endsAt.getTime())
		expect(plan.slice(1).map((s) => s.startsAt.toISOString())).toEqual(['2026-10-28T15:00:00.000Z', '2026-10-29T15:00:00.000Z', '2026-10-30T15:00:00.000Z'])
	})

	test('a choice without a time leaves every session proposed; confirming the first one books the first session and schedules the referral', async () => {
		const { referralId, offerId } = await shortlisted()
		expect(await recordChoiceForPatient(clinicId, referralId, offerId, null, coordinatorId, T0)).toEqual({ ok: true, outcome: 'matched' })
		const plan = await byKey(referralId)
		expect([...plan.values()].every((s) => s.status === 'proposed')).toBe(true)
		const preparation = plan.get('preparation#1')!
		expect(await actOnSession(therapistId, offerId, preparation.id, 'confirm', null, actor(), T0)).toEqual({ ok: true })
		expect(await db().plannedSession.findUniqueOrThrow({ where: { id: preparation.id } })).toMatchObject({ status: 'booked', sequence: 1 })
		expect(await db().referral.findUniqueOrThrow({ where: { id: referralId } })).toMatchObject({ status: 'scheduled', firstSessionAt: preparation.startsAt })
		// Confirming again is refused: it is booked already.
		expect(await actOnSession(therapistId, offerId, preparation.id, 'confirm', null, actor(), T0)).toMatchObject({ ok: false, reason: 'conflict' })
	})
})

describe('the therapist manages the plan', () => {
	test('reschedule: a new time inside the window books the session and counts its sequence up; overlapping, outside the window or passed is refused and changes nothing', async () => {
		const { referralId, offerId } = await shortlisted()
		await recordChoiceForPatient(clinicId, referralId, offerId, null, coordinatorId, T0)
		const plan = await byKey(referralId)
		const first = plan.get('integration#1')!
		const second = plan.get('integration#2')!
		const moveTo = new Date('2026-10-30T19:00:00Z')
		expect(await actOnSession(therapistId, offerId, second.id, 'reschedule', moveTo, actor(), T0)).toEqual({ ok: true })
		expect(await db().plannedSession.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ status: 'booked', startsAt: moveTo, endsAt: new Date('2026-10-30T20:00:00Z'), sequence: 1 })
		expect(await actOnSession(therapistId, offerId, second.id, 'reschedule', new Date('2026-10-30T18:00:00Z'), actor(), T0)).toEqual({ ok: true })
		expect((await db().plannedSession.findUniqueOrThrow({ where: { id: second.id } })).sequence).toBe(2)

		// The first integration session moves to 29 October 15:00 CDT, where the two windows overlap.
		expect(await actOnSession(therapistId, offerId, first.id, 'reschedule', new Date('2026-10-29T20:00:00Z'), actor(), T0)).toEqual({ ok: true })
		const before = await db().plannedSession.findMany({ where: { referralId }, orderBy: { id: 'asc' } })
		expect(await actOnSession(therapistId, offerId, second.id, 'reschedule', new Date('2026-10-29T20:30:00Z'), actor(), T0)).toMatchObject({
			ok: false,
			reason: 'invalid',
			message: 'That time overlaps another of your sessions. Choose a time that is free.',
		})
		expect(await actOnSession(therapistId, offerId, second.id, 'reschedule', new Date('2026-10-28T16:00:00Z'), actor(), T0)).toMatchObject({
			ok: false,
			reason: 'invalid',
			message: 'That time is outside the integration window after the dose.',
		})
		expect(await actOnSession(therapistId, offerId, second.id, 'reschedule', new Date('2026-10-18T16:00:00Z'), actor(), T0)).toMatchObject({
			ok: false,
			reason: 'invalid',
			message: expect.stringMatching(/passed/),
		})
		expect(await db().plannedSession.findMany({ where: { referralId }, orderBy: { id: 'asc' } })).toEqual(before)
	})

	test('held and missed only once a booked session has started; cancelling the booked first session sends the referral back to matched; stepping back cancels the plan', async () => {
		const { referralId, offerId, firstTime } = await shortlisted()
		await recordChoiceForPatient(clinicId, referralId, offerId, firstTime.toISOString(), coordinatorId, T0)
		const plan = await byKey(referralId)
		const integration = plan.get('integration#1')!
		await actOnSession(therapistId, offerId, integration.id, 'confirm', null, actor(), T0)
		expect(await actOnSession(therapistId, offerId, integration.id, 'held', null, actor(), T0)).toMatchObject({ ok: false, reason: 'conflict', message: 'This session has not started yet.' })
		expect(await actOnSession(therapistId, offerId, integration.id, 'held', null, actor(), integration.startsAt)).toEqual({ ok: true })
		expect(await db().plannedSession.findUniqueOrThrow({ where: { id: integration.id } })).toMatchObject({ status: 'held', sequence: 2 })

		const preparation = plan.get('preparation#1')!
		expect(await actOnSession(therapistId, offerId, preparation.id, 'cancel', null, actor(), T0)).toEqual({ ok: true })
		expect(await db().referral.findUniqueOrThrow({ where: { id: referralId } })).toMatchObject({ status: 'matched', firstSessionAt: null })

		expect(await stepBack(therapistId, offerId, 'Moving away', actor(), T0)).toEqual({ ok: true })
		const after = await referralPlan(referralId)
		expect(after.filter((s) => s.status === 'proposed' || s.status === 'booked')).toEqual([])
		expect(after.find((s) => s.id === integration.id)!.status).toBe('held')
	})

	test('refusals: another therapist is forbidden, an unknown session or another referral’s is not found, and the clinic’s coordinator cannot use the therapist’s page', async () => {
		const { referralId, offerId } = await shortlisted()
		await recordChoiceForPatient(clinicId, referralId, offerId, null, coordinatorId, T0)
		const session = (await referralPlan(referralId))[0]!
		expect(await actOnSession(otherTherapistId, offerId, session.id, 'confirm', null, actor(), T0)).toMatchObject({ ok: false, reason: 'forbidden' })
		expect(await actOnSession(therapistId, offerId, 'no-such-session', 'confirm', null, actor(), T0)).toMatchObject({ ok: false, reason: 'not_found' })
		expect(await actOnSession(therapistId, 'no-such-offer', session.id, 'confirm', null, actor(), T0)).toMatchObject({ ok: false, reason: 'not_found' })
		const other = await shortlisted()
		await recordChoiceForPatient(clinicId, other.referralId, other.offerId, null, coordinatorId, T0)
		// A session of the therapist's other referral, through this referral's offer: not in this plan.
		expect(await actOnSession(therapistId, offerId, (await referralPlan(other.referralId))[0]!.id, 'confirm', null, actor(), T0)).toMatchObject({ ok: false, reason: 'not_found' })
		expect((await db().plannedSession.findUniqueOrThrow({ where: { id: session.id } })).sequence).toBe(0)

		const { action } = await import('#app/routes/therapist.offers.$offerId.tsx')
		const { token } = await createSession(coordinatorId, { ip: null, userAgent: null })
		const body = new URLSearchParams({ intent: 'session_confirm', sessionId: session.id })
		const request = new Request(`http://localhost/therapist/offers/${offerId}`, {
			method: 'POST',
			body,
			headers: { Cookie: `${SESSION_COOKIE}=${token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
		})
		const answer = await action({ request, params: { offerId }, context: { cspNonce: '' } }).catch((thrown: unknown) => thrown)
		expect(answer).toBeInstanceOf(Response)
		expect((answer as Response).status).toBe(403)
		expect((await db().plannedSession.findUniqueOrThrow({ where: { id: session.id } })).status).toBe('proposed')
	})

	test('over HTTP, a new time outside the window is a 400 named on the time field', async () => {
		const { referralId, offerId } = await shortlisted()
		// The page's action runs at the real clock: a series well ahead of it.
		const doses = expandDoses(new Date(Date.now() + 30 * 24 * HOUR), 3, 1, CHICAGO)
		await db().referral.update({ where: { id: referralId }, data: { dosingSessionsAt: doses, firstDosingAt: doses[0]! } })
		await recordChoiceForPatient(clinicId, referralId, offerId, null, coordinatorId)
		const session = (await referralPlan(referralId)).find((s) => s.phase === 'integration')!
		const { action } = await import('#app/routes/therapist.offers.$offerId.tsx')
		const { token } = await createSession(therapistUserId, { ip: null, userAgent: null })
		const body = new URLSearchParams({ intent: 'session_reschedule', sessionId: session.id, startsAt: '2099-01-01T10:00' })
		const request = new Request(`http://localhost/therapist/offers/${offerId}`, {
			method: 'POST',
			body,
			headers: { Cookie: `${SESSION_COOKIE}=${token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
		})
		const answer = (await action({ request, params: { offerId }, context: { cspNonce: '' } })) as unknown as { init: ResponseInit | null; data: { result: { error: Record<string, string[]> } } }
		expect(answer.init?.status).toBe(400)
		expect(answer.data.result.error).toEqual({ startsAt: ['That time is outside the integration window after the dose.'] })
	})
})

describe('the plan follows the clinic’s changes to the doses', () => {
	test('a moved dose: its booked integration session no longer fits and is flagged to the therapist and the clinic; its proposed one moves', async () => {
		const { referralId, offerId } = await shortlisted()
		await recordChoiceForPatient(clinicId, referralId, offerId, null, coordinatorId, T0)
		const plan = await byKey(referralId)
		const second = plan.get('integration#2')!
		const third = plan.get('integration#3')!
		await actOnSession(therapistId, offerId, second.id, 'confirm', null, actor(), T0)
		await drainJobs(T0)
		// Dose 2 moves from 28 October 10:00 to 28 October 20:00 CDT: its window now opens on the 29th at 20:00.
		expect(await changeDose(clinicId, referralId, { kind: 'move', doseIndex: 2, to: new Date('2026-10-29T01:00:00Z') }, clinicActor(), at(1))).toEqual({ ok: true, flagged: 1 })
		expect(await db().plannedSession.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ status: 'booked', outsideWindow: true, startsAt: second.startsAt, sequence: 1 })
		expect(await db().plannedSession.findUniqueOrThrow({ where: { id: third.id } })).toMatchObject({ status: 'proposed', sequence: 0 })
		await drainJobs(at(1))
		const unfit = await db().notification.findMany({ where: { referralId, kind: 'session_unfit' }, select: { userId: true, href: true } })
		expect(unfit.some((n) => n.userId === therapistUserId && n.href === `/therapist/offers/${offerId}`)).toBe(true)
		expect(unfit.some((n) => n.userId === coordinatorId && n.href === `/clinics/${clinicId}/referrals/${referralId}`)).toBe(true)
		expect(await db().auditEvent.count({ where: { action: 'referral.doses_changed', entityId: referralId } })).toBe(1)
		// Giving it a time in the new window clears the flag.
		expect(await actOnSession(therapistId, offerId, second.id, 'reschedule', new Date('2026-10-30T17:00:00Z'), actor(), at(2))).toEqual({ ok: true })
		expect(await db().plannedSession.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ outsideWindow: false, sequence: 2 })
	})

	test('a dropped dose cancels its sessions; an added one gets proposed sessions; a change to a dose begun, or by another clinic, is refused', async () => {
		const { referralId, offerId } = await shortlisted()
		await recordChoiceForPatient(clinicId, referralId, offerId, null, coordinatorId, T0)
		const third = (await byKey(referralId)).get('integration#3')!
		expect(await changeDose(clinicId, referralId, { kind: 'drop', doseIndex: 3 }, clinicActor(), T0)).toEqual({ ok: true, flagged: 0 })
		expect(await db().plannedSession.findUniqueOrThrow({ where: { id: third.id } })).toMatchObject({ status: 'cancelled', sequence: 1 })
		expect((await db().referral.findUniqueOrThrow({ where: { id: referralId } })).dosingSessionsAt).toHaveLength(2)

		expect(await changeDose(clinicId, referralId, { kind: 'add', at: new Date('2026-11-05T16:00:00Z') }, clinicActor(), T0)).toEqual({ ok: true, flagged: 0 })
		const added = (await byKey(referralId)).get('integration#3')!
		expect(added).toMatchObject({ status: 'proposed', startsAt: new Date('2026-11-06T16:00:00Z') })

		const before = await db().referral.findUniqueOrThrow({ where: { id: referralId } })
		expect(await changeDose(clinicId, referralId, { kind: 'drop', doseIndex: 1 }, clinicActor(), new Date('2026-10-27T16:00:00Z'))).toMatchObject({ ok: false, reason: 'invalid', field: 'doseIndex' })
		expect(await changeDose(clinicId, referralId, { kind: 'add', at: new Date('2026-10-27T20:00:00Z') }, clinicActor(), T0)).toMatchObject({
			ok: false,
			field: 'at',
			message: expect.stringMatching(/12 hours/),
		})
		expect(await changeDose(otherClinicId, referralId, { kind: 'drop', doseIndex: 2 }, clinicActor(), T0)).toMatchObject({ ok: false, reason: 'not_found' })
		expect(await db().referral.findUniqueOrThrow({ where: { id: referralId } })).toEqual(before)
	})
})

test('a plan’s sessions hold the therapist’s time for matching too: fast and naive matching leave them out where a session fills the window', async () => {
	await db().license.create({ data: { therapistId, state: 'TX', type: 'lpc', number: 'PLAN-1', expiresOn: new Date('2028-01-31'), status: 'verified' } })
	try {
		const { referralId, offerId } = await shortlisted()
		expect(await recordChoiceForPatient(clinicId, referralId, offerId, null, coordinatorId, T0)).toEqual({ ok: true, outcome: 'matched' })
		const held = (await byKey(referralId)).get('integration#1')!
		expect(held.startsAt.toISOString()).toBe('2026-10-28T15:00:00.000Z')
		// Another patient dosed at the same hour, whose integration may only happen in the hour the plan holds.
		const doses = expandDoses(new Date('2026-10-27T15:00:00Z'), 1, 1, CHICAGO)
		const other = await db().referral.create({
			data: {
				clinicId,
				status: 'open',
				patientState: 'TX',
				ageBand: '35-44',
				phases: ['integration'],
				format: 'telehealth',
				paymentType: 'self_pay',
				firstDosingAt: doses[0]!,
				dosingSessionsAt: doses,
				modalities: [],
				focusAreas: [],
				languages: [],
				integrationFromHour: 24,
				integrationToHour: 25,
				timingRequired: true,
				postedAt: T0,
			},
		})
		const verdicts = async () => {
			const referral = (await loadMatchReferral(other.id, undefined, T0))!
			const listed = async (result: Promise<{ suggestions: { therapistId: string }[] }>) => (await result).suggestions.some((s) => s.therapistId === therapistId)
			return { whyNot: await whyNotTherapist(referral, therapistId), fast: await listed(matchReferral(referral)), naive: await listed(naiveMatch(referral)) }
		}
		expect(await verdicts()).toEqual({ whyNot: 'timing', fast: false, naive: false })
		// Cancelled, the session frees the hour for everyone who reads it.
		expect(await actOnSession(therapistId, offerId, held.id, 'cancel', null, actor(), T0)).toEqual({ ok: true })
		expect(await verdicts()).toEqual({ whyNot: null, fast: true, naive: true })
	} finally {
		await db().license.deleteMany({ where: { therapistId, number: 'PLAN-1' } })
		await refreshTherapistSearch([therapistId], { now: T0 })
	}
})

test('GET /api/v1/referrals/:id lists the sessions with the clinic’s offset', async () => {
	const { referralId, offerId, firstTime } = await shortlisted()
	await recordChoiceForPatient(clinicId, referralId, offerId, firstTime.toISOString(), coordinatorId, T0)
	const created = await createApiKey(clinicId, 'Plan', null)
	if (!created.ok) throw new Error('no key')
	const response = (await apiReferralLoader({
		request: new Request(`http://localhost/api/v1/referrals/${referralId}`, { headers: { Authorization: `Bearer ${created.key}` } }),
		params: { referralId },
		context: { cspNonce: '' },
	})) as Response
	expect(response.status).toBe(200)
	const body = (await response.json()) as { sessions: { id: string; phase: string; doseIndex: number; startsAt: string; endsAt: string; status: string }[] }
	const plan = await referralPlan(referralId)
	expect(body.sessions).toEqual(
		plan.map((s) => ({ id: s.id, phase: s.phase, doseIndex: s.doseIndex, startsAt: expect.stringMatching(/-05:00$/), endsAt: expect.stringMatching(/-05:00$/), status: s.status })),
	)
	expect(new Date(body.sessions[0]!.startsAt)).toEqual(firstTime)
	expect(body.sessions[0]!.status).toBe('booked')
})
