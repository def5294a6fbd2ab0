// The series plan (docs/product.md §4a): one therapy session per occurrence around the doses —
// preparation before the first dose, in-session support during each dose, integration in each
// dose's window — placed in the therapist's free time without overlapping each other or anything
// already booked, and how the plan follows when the clinic moves, adds or drops doses. Pure: the
// therapist's free time and busy ranges come in, plain rows come out.
import { buildDateRanges, slots, subtract, type Range, type Schedule } from '#app/domain/availability/ranges.ts'
import { doseRange, integrationWindow, preparationWindow, type Series } from '#app/domain/referrals/dosing.ts'
import { proposalWindowKind, SESSION_MINUTES } from '#app/domain/referrals/proposals.ts'

export const SESSION_PHASES = ['preparation', 'in_session', 'integration'] as const
export type SessionPhase = (typeof SESSION_PHASES)[number]
export const PLANNED_STATUSES = ['proposed', 'booked', 'held', 'no_show', 'cancelled'] as const
export type PlannedStatus = (typeof PLANNED_STATUSES)[number]
/** Sessions that hold the therapist's time: nothing else may overlap them. */
export const TIME_HOLDING_STATUSES = ['proposed', 'booked', 'held'] as const satisfies readonly PlannedStatus[]
/**
 * The planned sessions that hold a therapist's time, as a query filter: matching, proposals and the
 * plan all read it (its SQL twin is `timeHoldingSql`). One without a time found holds nothing.
 */
export const HOLDS_TIME = { status: { in: [...TIME_HOLDING_STATUSES] }, needsTime: false }
export const holdsTime = (session: { status: PlannedStatus; needsTime: boolean }): boolean => (TIME_HOLDING_STATUSES as readonly string[]).includes(session.status) && !session.needsTime
/** `HOLDS_TIME` for a SQL statement, over the PlannedSession row aliased `alias`. */
export const timeHoldingSql = (alias: string) => `${alias}.status IN (${TIME_HOLDING_STATUSES.map((s) => `'${s}'`).join(', ')}) AND NOT ${alias}."needsTime"`

const MINUTE_MS = 60_000

/** One session the series calls for: its phase, the dose it belongs to (from 1), where it may lie and how long it is. */
export type Occurrence = { phase: SessionPhase; doseIndex: number; window: Range; minutes: number }

/** The occurrence of a phase for a dose of the series (from 1), or null when the series has no such dose. */
export function occurrence(series: Series, phase: SessionPhase, doseIndex: number): Occurrence | null {
	if (doseIndex < 1 || doseIndex > series.doses.length) return null
	if (phase === 'preparation') return doseIndex === 1 ? { phase, doseIndex, window: preparationWindow(series), minutes: SESSION_MINUTES } : null
	// In-session support is the dose itself, at the clinic, from its start to its end.
	if (phase === 'in_session') return { phase, doseIndex, window: doseRange(series, doseIndex - 1), minutes: series.doseMinutes }
	return { phase, doseIndex, window: integrationWindow(series, doseIndex - 1), minutes: SESSION_MINUTES }
}

/** Every occurrence of the requested phases, in the order the series meets them. */
export function occurrences(series: Series, doseIndexes?: readonly number[]): Occurrence[] {
	const wanted = (phase: SessionPhase) => series.phases.includes(phase)
	const list: Occurrence[] = []
	if (wanted('preparation') && (!doseIndexes || doseIndexes.includes(1))) list.push(occurrence(series, 'preparation', 1)!)
	for (let i = 1; i <= series.doses.length; i++) {
		if (doseIndexes && !doseIndexes.includes(i)) continue
		if (wanted('in_session')) list.push(occurrence(series, 'in_session', i)!)
		if (wanted('integration')) list.push(occurrence(series, 'integration', i)!)
	}
	return list
}

/** The occurrence the patient's first session stands for (docs/product.md §4: the window first-session times are proposed in). */
export function firstSessionOccurrence(series: Series): { phase: SessionPhase; doseIndex: 1 } {
	return { phase: proposalWindowKind(series), doseIndex: 1 }
}

/**
 * How a matched referral's first session gets booked on the therapist's page: through the plan's
 * own "Confirm" or "Give another time" when its first session has a time to confirm, or through the
 * free-time picker when there is no plan, or its first session needs a time or was cancelled. One
 * way at a time, never both.
 */
export function firstSessionBooking(series: Series, sessions: readonly Pick<PlanRow, 'phase' | 'doseIndex' | 'status' | 'needsTime'>[]): 'plan' | 'picker' {
	const first = firstSessionOccurrence(series)
	const session = sessions.find((s) => s.phase === first.phase && s.doseIndex === 1 && (s.status === 'proposed' || s.status === 'booked'))
	return session && !session.needsTime ? 'plan' : 'picker'
}

/** The session's time when it starts at `start`. */
export function sessionRangeFor(occ: Pick<Occurrence, 'minutes'>, start: Date): Range {
	return { start, end: new Date(start.getTime() + occ.minutes * MINUTE_MS) }
}

/** Whether a session starting at `start` lies wholly inside its occurrence's window. */
export function fitsWindow(occ: Occurrence, start: Date): boolean {
	return start >= occ.window.start && start.getTime() + occ.minutes * MINUTE_MS <= occ.window.end.getTime()
}

const overlaps = (a: Range, b: Range) => a.start < b.end && b.start < a.end

export type PlannedDraft = {
	phase: SessionPhase
	doseIndex: number
	startsAt: Date
	endsAt: Date
	status: 'proposed' | 'booked'
	/** No free time was found: the time is a placeholder (the window's start) until the therapist picks one. */
	needsTime: boolean
}

/**
 * Where an occurrence goes: the earliest free start inside its window from `now` on (in-session
 * support: the dose itself, if the therapist is free all through it), or null.
 */
export function placeOccurrence(occ: Occurrence, schedule: Schedule, busy: readonly Range[], now: Date): Range | null {
	const window = { start: occ.window.start < now ? now : occ.window.start, end: occ.window.end }
	if (window.end.getTime() - window.start.getTime() < occ.minutes * MINUTE_MS) return null
	const free = subtract(buildDateRanges(schedule, window), busy)
	if (occ.phase === 'in_session') return free.some((r) => r.start <= occ.window.start && r.end >= occ.window.end) ? occ.window : null
	const start = slots(free, occ.minutes)[0]
	return start ? sessionRangeFor(occ, start) : null
}

/** A session for an occurrence that found no free time: kept, flagged, at the window's start. */
function unplaced(occ: Occurrence): PlannedDraft {
	const { start, end } = sessionRangeFor(occ, occ.window.start)
	return { phase: occ.phase, doseIndex: occ.doseIndex, startsAt: start, endsAt: end, status: 'proposed', needsTime: true }
}

/**
 * Sessions for occurrences, placed one after another: in-session support first (its time is fixed
 * by the dose), then the others in the series' order, each taking time the next cannot. `busy`
 * is everything already holding the therapist's time. Occurrences whose window has passed are left
 * out (there is nothing to plan); those with no free time are kept and flagged.
 */
export function placeAll(occs: readonly Occurrence[], schedule: Schedule, busy: readonly Range[], now: Date): PlannedDraft[] {
	const taken: Range[] = [...busy]
	const placed = new Map<Occurrence, PlannedDraft>()
	const ordered = [...occs.filter((o) => o.phase === 'in_session'), ...occs.filter((o) => o.phase !== 'in_session')]
	for (const occ of ordered) {
		if (occ.window.end <= now) continue
		const range = placeOccurrence(occ, schedule, taken, now)
		if (!range) {
			placed.set(occ, unplaced(occ))
			continue
		}
		taken.push(range)
		placed.set(occ, { phase: occ.phase, doseIndex: occ.doseIndex, startsAt: range.start, endsAt: range.end, status: 'proposed', needsTime: false })
	}
	return occs.flatMap((o) => (placed.has(o) ? [placed.get(o)!] : []))
}

export type PlanInput = {
	series: Series
	schedule: Schedule
	/** What already holds the therapist's time: other patients' sessions, their own calendar. */
	busy: readonly Range[]
	now: Date
	/** The first session booked at the patient's choice (or by the therapist), if any: it is that occurrence's session. */
	firstSessionAt: Date | null
}

/** The suggested plan for a series just matched: one session per occurrence, in the series' order. */
export function suggestPlan({ series, schedule, busy, now, firstSessionAt }: PlanInput): PlannedDraft[] {
	const all = occurrences(series)
	const first = firstSessionOccurrence(series)
	const isFirst = (o: Occurrence) => o.phase === first.phase && o.doseIndex === first.doseIndex
	const firstOcc = firstSessionAt ? all.find(isFirst) : undefined
	const booked: PlannedDraft | null = firstOcc
		? {
				phase: firstOcc.phase,
				doseIndex: 1,
				// In-session support alone: the first session is the first dose, all of it.
				...(firstOcc.phase === 'in_session' ? { startsAt: firstOcc.window.start, endsAt: firstOcc.window.end } : { startsAt: firstSessionAt!, endsAt: sessionRangeFor(firstOcc, firstSessionAt!).end }),
				status: 'booked',
				needsTime: false,
			}
		: null
	const rest = placeAll(
		all.filter((o) => o !== firstOcc),
		schedule,
		booked ? [...busy, { start: booked.startsAt, end: booked.endsAt }] : busy,
		now,
	)
	return booked ? [booked, ...rest].sort((a, b) => orderOf(all, a) - orderOf(all, b)) : rest
}

const orderOf = (all: readonly Occurrence[], s: Pick<PlannedDraft, 'phase' | 'doseIndex'>) => all.findIndex((o) => o.phase === s.phase && o.doseIndex === s.doseIndex)

export type TimeCheck = { ok: true; range: Range } | { ok: false; message: string }

/**
 * A new time for a session: ahead of now, inside its occurrence's window, and overlapping none of
 * the therapist's other sessions. `others` are their ranges (this session left out).
 */
export function checkSessionTime(occ: Occurrence, start: Date, others: readonly Range[], now: Date): TimeCheck {
	if (start <= now) return { ok: false, message: 'That time has passed. Choose a later one.' }
	if (occ.phase === 'in_session' && start.getTime() !== occ.window.start.getTime()) return { ok: false, message: 'In-session support is at the dose’s own time; only the clinic can move the dose.' }
	if (!fitsWindow(occ, start)) return { ok: false, message: `That time is outside the ${WINDOW_WORDS[occ.phase]}.` }
	const range = sessionRangeFor(occ, start)
	if (others.some((o) => overlaps(o, range))) return { ok: false, message: 'That time overlaps another of your sessions. Choose a time that is free.' }
	return { ok: true, range }
}

const WINDOW_WORDS: Record<SessionPhase, string> = {
	preparation: 'preparation window before the first dose',
	in_session: 'dose',
	integration: 'integration window after the dose',
}

/** A stored planned session, as the plan's rules read it. */
export type PlanRow = { id: string; phase: SessionPhase; doseIndex: number; startsAt: Date; endsAt: Date; status: PlannedStatus; needsTime: boolean; outsideWindow: boolean }

export type PlanUpdate = Pick<PlanRow, 'id' | 'doseIndex' | 'status' | 'startsAt' | 'endsAt' | 'needsTime' | 'outsideWindow'> & {
	/** The time or the status changed: the session's sequence goes up by one. */
	changed: boolean
}

export type FollowResult = {
	updates: PlanUpdate[]
	/** Sessions for doses the series did not have before. */
	added: PlannedDraft[]
	/** Booked sessions that no longer lie in their window: the therapist and the clinic are told. */
	flagged: string[]
}

/**
 * How the plan follows a change of the doses. `newIndexOf[k - 1]` is the new index of old dose k
 * (from 1), or null when it was dropped. A session of a dropped dose is cancelled; a booked session
 * stays booked (the therapist agreed it with the patient) but is flagged when it no longer lies in
 * its window; a proposed one moves to a free time in its new window, or is flagged as needing one;
 * new doses get proposed sessions. Held, missed and cancelled sessions are history and stay.
 */
export function followDoses(rows: readonly PlanRow[], newIndexOf: readonly (number | null)[], series: Series, schedule: Schedule, busy: readonly Range[], now: Date): FollowResult {
	const updates: PlanUpdate[] = []
	const flagged: string[] = []
	const open = rows.filter((r) => r.status === 'proposed' || r.status === 'booked')
	const kept: { row: PlanRow; occ: Occurrence }[] = []
	for (const row of open) {
		// Preparation belongs to whichever dose is first now.
		const doseIndex = row.phase === 'preparation' ? 1 : (newIndexOf[row.doseIndex - 1] ?? null)
		const occ = doseIndex === null ? null : occurrence(series, row.phase, doseIndex)
		if (!occ) {
			updates.push({ ...pick(row), status: 'cancelled', outsideWindow: false, changed: true })
			continue
		}
		kept.push({ row: { ...row, doseIndex: occ.doseIndex }, occ })
	}
	// What stays where it is holds its time first; proposed sessions that must move are placed after.
	const staying = kept.filter(({ row, occ }) => row.status === 'booked' || (!row.needsTime && fitsWindow(occ, row.startsAt) && row.startsAt > now))
	const taken: Range[] = [...busy, ...staying.map(({ row }) => ({ start: row.startsAt, end: row.endsAt }))]
	for (const { row, occ } of kept) {
		if (row.status === 'booked') {
			const outside = !fitsWindow(occ, row.startsAt) || (occ.phase === 'in_session' && row.startsAt.getTime() !== occ.window.start.getTime())
			if (outside && !row.outsideWindow) flagged.push(row.id)
			updates.push({ ...pick(row), outsideWindow: outside, changed: false })
			continue
		}
		if (staying.some((s) => s.row.id === row.id)) {
			updates.push({ ...pick(row), changed: false })
			continue
		}
		const range = occ.window.end > now ? placeOccurrence(occ, schedule, taken, now) : null
		if (range) taken.push(range)
		const next = range ?? sessionRangeFor(occ, occ.window.start)
		const moved = next.start.getTime() !== row.startsAt.getTime() || next.end.getTime() !== row.endsAt.getTime()
		updates.push({ ...pick(row), startsAt: next.start, endsAt: next.end, needsTime: !range, outsideWindow: false, changed: moved })
	}
	const before = new Set(newIndexOf)
	const newDoses = series.doses.map((_, i) => i + 1).filter((i) => !before.has(i))
	const added = placeAll(
		occurrences(series, newDoses).filter((o) => o.phase !== 'preparation'),
		schedule,
		taken,
		now,
	)
	return { updates, added, flagged }
}

const pick = (row: PlanRow) => ({ id: row.id, doseIndex: row.doseIndex, status: row.status, startsAt: row.startsAt, endsAt: row.endsAt, needsTime: row.needsTime, outsideWindow: row.outsideWindow })
