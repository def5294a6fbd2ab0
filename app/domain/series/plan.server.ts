// The series plan in the database (docs/product.md §4a): made when the patient's choice matches the
// referral, managed by the chosen therapist (confirm, reschedule, held, missed, cancel), cancelled
// when the therapist steps back or the clinic cancels, and following the clinic's changes to the
// doses (dose-changes.server.ts). Every change of a session's time or status adds one to its
// `sequence` and is audited; the referral's booked first session stays the plan's first session.
// Every write that books or moves a session asks for its reminder (session-reminders.server.ts).
import { audit } from '#app/domain/audit/audit.server.ts'
import { refreshTherapistSearch } from '#app/domain/matching/search-index.server.ts'
import { wakingWorker } from '#app/domain/outbox/outbox.server.ts'
import { SERIES_COLUMNS, storedSeries, type StoredSeries } from '#app/domain/referrals/dosing.ts'
import { type Actor, actorDetails, auditActor, lockReferral, moveReferral } from '#app/domain/referrals/lifecycle.server.ts'
import { therapistCalendar } from '#app/domain/referrals/offer-responses.server.ts'
import { refuse, runStep, type StepResult } from '#app/domain/referrals/step-result.ts'
import { type Prisma } from '#app/generated/prisma/client.ts'
import { db } from '#app/utils/db.server.ts'
import { scheduleSessionReminders } from './session-reminders.server.ts'
import { checkSessionTime, firstSessionOccurrence, HOLDS_TIME, occurrence, suggestPlan, type PlannedDraft, type PlannedStatus, type SessionPhase } from './plan.ts'

type Tx = Prisma.TransactionClient
type Client = Tx | ReturnType<typeof db>

/** Referral statuses in which the plan is worked on. */
export const PLAN_REFERRAL_STATUSES = ['matched', 'scheduled', 'in_care'] as const

export const SESSION_COLUMNS = {
	id: true,
	phase: true,
	doseIndex: true,
	startsAt: true,
	endsAt: true,
	status: true,
	sequence: true,
	needsTime: true,
	outsideWindow: true,
} as const satisfies Prisma.PlannedSessionSelect

export type StoredSession = Prisma.PlannedSessionGetPayload<{ select: typeof SESSION_COLUMNS }>

/** A referral's plan, in time order. */
export async function referralPlan(referralId: string, client: Client = db()): Promise<StoredSession[]> {
	return client.plannedSession.findMany({ where: { referralId }, select: SESSION_COLUMNS, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }] })
}

/**
 * Makes the referral's plan for its chosen therapist, in the caller's transaction, unless it has one
 * under way: one session per occurrence, the first session booked when the choice booked it.
 */
export async function createPlan(tx: Tx, referralId: string, now: Date): Promise<number> {
	const referral = await tx.referral.findUniqueOrThrow({ where: { id: referralId }, select: { ...SERIES_COLUMNS, status: true, firstSessionAt: true } })
	const chosen = await tx.offer.findFirst({ where: { referralId, status: 'chosen' }, select: { therapistId: true } })
	if (!chosen || !(PLAN_REFERRAL_STATUSES as readonly string[]).includes(referral.status)) return 0
	if (await tx.plannedSession.count({ where: { referralId, status: { in: ['proposed', 'booked'] } } })) return 0
	const { schedule, booked } = await therapistCalendar(chosen.therapistId, tx, referralId)
	const drafts = suggestPlan({ series: storedSeries(referral), schedule, busy: booked, now, firstSessionAt: referral.firstSessionAt })
	await insertDrafts(tx, referralId, chosen.therapistId, drafts)
	await scheduleSessionReminders(tx, referralId, now)
	return drafts.length
}

/** New sessions of a referral's plan with its chosen therapist. */
export async function insertDrafts(tx: Tx, referralId: string, therapistId: string, drafts: readonly PlannedDraft[]): Promise<void> {
	if (drafts.length === 0) return
	await tx.plannedSession.createMany({
		data: drafts.map((d) => ({ referralId, therapistId, phase: d.phase, doseIndex: d.doseIndex, startsAt: d.startsAt, endsAt: d.endsAt, status: d.status, needsTime: d.needsTime })),
	})
}

/** Every session still proposed or booked is cancelled (the therapist stepped back, the clinic cancelled). */
export async function cancelPlan(tx: Tx, referralId: string): Promise<number> {
	const { count } = await tx.plannedSession.updateMany({ where: { referralId, status: { in: ['proposed', 'booked'] } }, data: { status: 'cancelled', sequence: { increment: 1 } } })
	return count
}

/**
 * The first session was booked from the offer's page (the referral is now `scheduled`): the plan is
 * made with it booked, or, when there is one, its first session takes the booked time.
 */
export async function bookFirstInPlan(tx: Tx, referralId: string, start: Date, now: Date): Promise<void> {
	if (await createPlan(tx, referralId, now)) return
	const referral = await tx.referral.findUniqueOrThrow({ where: { id: referralId }, select: SERIES_COLUMNS })
	const series = storedSeries(referral)
	const occ = occurrence(series, firstSessionOccurrence(series).phase, 1)
	if (!occ) return
	const row = await tx.plannedSession.findFirst({ where: { referralId, phase: occ.phase, doseIndex: 1, status: { in: ['proposed', 'booked'] } }, select: { id: true } })
	const range = occ.phase === 'in_session' ? occ.window : { start, end: new Date(start.getTime() + occ.minutes * 60_000) }
	const booked = { startsAt: range.start, endsAt: range.end, status: 'booked' as const, needsTime: false, outsideWindow: false }
	if (row) await tx.plannedSession.update({ where: { id: row.id }, data: { ...booked, sequence: { increment: 1 } } })
	else {
		// Its first session was cancelled before: the booking is a session of its own.
		const chosen = await tx.offer.findFirstOrThrow({ where: { referralId, status: 'chosen' }, select: { therapistId: true } })
		await tx.plannedSession.create({ data: { referralId, therapistId: chosen.therapistId, phase: occ.phase, doseIndex: 1, ...booked } })
	}
	await scheduleSessionReminders(tx, referralId, now)
}

export const SESSION_ACTIONS = ['confirm', 'reschedule', 'held', 'no_show', 'cancel'] as const
export type SessionAction = (typeof SESSION_ACTIONS)[number]

type Context = { therapistId: string; offerId: string; actor: Extract<Actor, { kind: 'user' }>; now: Date }

/** The session, if it belongs to this therapist's chosen offer's referral. */
async function ownSession(tx: Tx, c: Context, sessionId: string) {
	const offer = await tx.offer.findUnique({ where: { id: c.offerId }, select: { therapistId: true, status: true, referralId: true } })
	if (!offer) throw refuse('not_found', 'There is no such offer.')
	if (offer.therapistId !== c.therapistId) throw refuse('forbidden', 'This offer was made to another therapist.')
	if (offer.status !== 'chosen') throw refuse('forbidden', 'Only the therapist the patient chose can plan the sessions.')
	await lockReferral(tx, offer.referralId)
	const session = await tx.plannedSession.findFirst({ where: { id: sessionId, referralId: offer.referralId }, select: { ...SESSION_COLUMNS, therapistId: true } })
	if (!session) throw refuse('not_found', 'There is no such session in this plan.')
	if (session.therapistId !== c.therapistId) throw refuse('forbidden', 'This session is planned with another therapist.')
	const referral = await tx.referral.findUniqueOrThrow({ where: { id: offer.referralId }, select: { ...SERIES_COLUMNS, id: true, status: true } })
	if (!(PLAN_REFERRAL_STATUSES as readonly string[]).includes(referral.status)) throw refuse('conflict', 'This referral’s plan can no longer be changed.')
	return { session, referral }
}

/** The occurrence a session stands for in the series as it is now. */
function occurrenceOf(referral: StoredSeries, session: { phase: SessionPhase; doseIndex: number }) {
	const occ = occurrence(storedSeries(referral), session.phase, session.doseIndex)
	if (!occ) throw refuse('conflict', 'This session’s dose is no longer in the series.')
	return occ
}

/** The therapist's other sessions' times (this one left out), across all their referrals, for the overlap rule. */
async function otherSessions(tx: Tx, therapistId: string, sessionId: string) {
	const rows = await tx.plannedSession.findMany({
		where: { therapistId, id: { not: sessionId }, ...HOLDS_TIME },
		select: { startsAt: true, endsAt: true },
	})
	return rows.map((r) => ({ start: r.startsAt, end: r.endsAt }))
}

const isFirstSession = (referral: StoredSeries, session: { phase: SessionPhase; doseIndex: number }) => {
	const first = firstSessionOccurrence(storedSeries(referral))
	return session.phase === first.phase && session.doseIndex === 1
}

/**
 * The plan's first session is the referral's first session: booking it schedules a matched
 * referral; moving it moves the booked time; cancelling it sends the referral back to `matched`.
 */
async function followFirstSession(tx: Tx, referral: { id: string; status: string }, booked: Date | null, c: Context) {
	if (booked && referral.status === 'matched') {
		const moved = await moveReferral(tx, {
			referralId: referral.id,
			from: 'matched',
			to: 'scheduled',
			actor: c.actor,
			at: c.now,
			reason: 'First session booked',
			data: { firstSessionAt: booked },
			notify: ['session_booked'],
		})
		if (!moved.ok) throw refuse('conflict', moved.message)
	} else if (booked && referral.status === 'scheduled') {
		await tx.referral.update({ where: { id: referral.id }, data: { firstSessionAt: booked } })
	} else if (!booked && referral.status === 'scheduled') {
		const moved = await moveReferral(tx, {
			referralId: referral.id,
			from: 'scheduled',
			to: 'matched',
			actor: c.actor,
			at: c.now,
			reason: 'The first session was cancelled',
			data: { firstSessionAt: null },
		})
		if (!moved.ok) throw refuse('conflict', moved.message)
	}
}

type Change = { status: PlannedStatus; startsAt?: Date; endsAt?: Date }

async function writeChange(tx: Tx, sessionId: string, sequence: number, change: Change, c: Context, action: SessionAction) {
	const { count } = await tx.plannedSession.updateMany({
		where: { id: sessionId, sequence },
		data: { ...change, ...(change.startsAt ? { needsTime: false, outsideWindow: false } : {}), sequence: { increment: 1 } },
	})
	if (count === 0) throw refuse('conflict', 'Someone changed this session a moment ago. Look at it again.')
	await audit({ ...auditActor(c.actor), action: 'planned_session.changed', entity: 'planned_session', entityId: sessionId, details: { action, to: change.status, ...actorDetails(c.actor) } }, tx)
}

const STEPS: { [K in SessionAction]: (tx: Tx, c: Context, sessionId: string, start: Date | null) => Promise<void> } = {
	async confirm(tx, c, sessionId) {
		const { session, referral } = await ownSession(tx, c, sessionId)
		if (session.status !== 'proposed') throw refuse('conflict', 'Only a proposed session can be confirmed.')
		if (session.needsTime) throw refuse('invalid', 'No free time was found for this session: give it a time instead.')
		const check = checkSessionTime(occurrenceOf(referral, session), session.startsAt, await otherSessions(tx, c.therapistId, session.id), c.now)
		if (!check.ok) throw refuse('invalid', `${check.message} Give it another time.`)
		await writeChange(tx, session.id, session.sequence, { status: 'booked' }, c, 'confirm')
		if (isFirstSession(referral, session)) await followFirstSession(tx, referral, session.startsAt, c)
	},
	async reschedule(tx, c, sessionId, start) {
		const { session, referral } = await ownSession(tx, c, sessionId)
		if (session.status !== 'proposed' && session.status !== 'booked') throw refuse('conflict', 'Only a proposed or booked session can be given another time.')
		if (!start) throw refuse('invalid', 'Choose the new date and time.')
		const check = checkSessionTime(occurrenceOf(referral, session), start, await otherSessions(tx, c.therapistId, session.id), c.now)
		if (!check.ok) throw refuse('invalid', check.message)
		// Giving a session its time is agreeing it with the patient: it is booked.
		await writeChange(tx, session.id, session.sequence, { status: 'booked', startsAt: check.range.start, endsAt: check.range.end }, c, 'reschedule')
		if (isFirstSession(referral, session)) await followFirstSession(tx, referral, check.range.start, c)
	},
	async held(tx, c, sessionId) {
		await markPast(tx, c, sessionId, 'held')
	},
	async no_show(tx, c, sessionId) {
		await markPast(tx, c, sessionId, 'no_show')
	},
	async cancel(tx, c, sessionId) {
		const { session, referral } = await ownSession(tx, c, sessionId)
		if (session.status !== 'proposed' && session.status !== 'booked') throw refuse('conflict', 'Only a proposed or booked session can be cancelled.')
		await writeChange(tx, session.id, session.sequence, { status: 'cancelled' }, c, 'cancel')
		if (session.status === 'booked' && isFirstSession(referral, session)) await followFirstSession(tx, referral, null, c)
	},
}

async function markPast(tx: Tx, c: Context, sessionId: string, status: 'held' | 'no_show') {
	const { session } = await ownSession(tx, c, sessionId)
	if (session.status !== 'booked') throw refuse('conflict', 'Only a booked session can be marked as held or missed.')
	if (session.startsAt > c.now) throw refuse('conflict', 'This session has not started yet.')
	await writeChange(tx, session.id, session.sequence, { status }, c, status)
}

/** The chosen therapist acts on one session of their plan; `start` is the new time for a reschedule. */
export function actOnSession(
	therapistId: string,
	offerId: string,
	sessionId: string,
	action: SessionAction,
	start: Date | null,
	actor: Extract<Actor, { kind: 'user' }>,
	now = new Date(),
): Promise<StepResult> {
	const context: Context = { therapistId, offerId, actor, now }
	return wakingWorker(
		runStep(() =>
			db().$transaction(async (tx) => {
				await STEPS[action](tx, context, sessionId, start)
				// A booked or moved session gets its reminder; a moved or cancelled one's earlier reminder finds it changed.
				const { referralId } = await tx.offer.findUniqueOrThrow({ where: { id: offerId }, select: { referralId: true } })
				await scheduleSessionReminders(tx, referralId, now)
				// The session's time is the therapist's busy time for matching too.
				await refreshTherapistSearch([therapistId], { client: tx, now })
			}),
		),
	)
}
