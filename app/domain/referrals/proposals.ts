// First-session times a therapist may propose when accepting an offer (docs/product.md §4): free hours
// of their own availability (weekly hours, date overrides, minus sessions already booked), inside
// the preparation window when preparation is requested, else inside the first dose's integration
// window (or, for in-session support alone, the first dose itself). Proposed times never overlap.
// Pure; the same list is shown (grouped by day in the therapist's zone) and checked.
import { buildDateRanges, localDate, slots, subtract, type Range, type Schedule } from '#app/domain/availability/ranges.ts'
import { doseRange, integrationWindow, preparationWindow, type Series } from './dosing.ts'
import { MAX_PROPOSED_TIMES } from './offers.ts'
import { dateTimeFormat } from '#app/utils/intl.ts'

export const SESSION_MINUTES = 60
/** A proposed time is at least this far ahead, so the patient has time to choose. */
export const PROPOSAL_LEAD_HOURS = 12
const HOUR_MS = 3_600_000
/** At most this many times are offered to pick from: about a week of full days at half-hour steps. */
export const PROPOSABLE_LIMIT = 160

/** A booked first session: the hour from its start (a chosen offer on a scheduled referral). */
export function sessionRange(start: Date): Range {
	return { start, end: new Date(start.getTime() + SESSION_MINUTES * 60_000) }
}

export type ProposalWindowKind = 'preparation' | 'integration' | 'in_session'

/** Which window the first session falls in: preparation when requested, else the first integration window, else the first dose. */
export function proposalWindowKind(series: Pick<Series, 'phases'>): ProposalWindowKind {
	return series.phases.includes('preparation') ? 'preparation' : series.phases.includes('integration') ? 'integration' : 'in_session'
}

/** Where a first session may lie, from `now` plus the lead on, and how long it is. */
export function proposalWindows(series: Series, now: Date): Range[] {
	const earliest = new Date(now.getTime() + PROPOSAL_LEAD_HOURS * HOUR_MS)
	const kind = proposalWindowKind(series)
	const window =
		kind === 'preparation'
			? preparationWindow(series)
			: kind === 'integration'
				? integrationWindow(series, 0)
				: // In-session support alone: the first session is the first dose, from its start.
					{ start: doseRange(series, 0).start, end: new Date(doseRange(series, 0).start.getTime() + SESSION_MINUTES * 60_000) }
	return [window].map((w) => ({ start: w.start < earliest ? earliest : w.start, end: w.end })).filter((w) => w.end.getTime() - w.start.getTime() >= SESSION_MINUTES * 60_000)
}

/** Free session starts in the windows, earliest first, at most `limit`. */
export function proposableTimes(schedule: Schedule, booked: readonly Range[], windows: readonly Range[], limit = PROPOSABLE_LIMIT): Date[] {
	const times: Date[] = []
	for (const window of windows) {
		for (const start of slots(subtract(buildDateRanges(schedule, window), booked), SESSION_MINUTES)) {
			if (!times.some((t) => t.getTime() === start.getTime())) times.push(start)
		}
	}
	return times.sort((a, b) => a.getTime() - b.getTime()).slice(0, limit)
}

/** Two sessions overlap when their [start, start + length) intersect. */
export function sessionsOverlap(a: Date, b: Date, minutes = SESSION_MINUTES): boolean {
	return Math.abs(a.getTime() - b.getTime()) < minutes * 60_000
}

/** The earliest two times that overlap each other, earliest first; null when none do. */
export function firstOverlap(times: readonly Date[], minutes = SESSION_MINUTES): [Date, Date] | null {
	const sorted = [...times].sort((a, b) => a.getTime() - b.getTime())
	for (let i = 1; i < sorted.length; i++) if (sessionsOverlap(sorted[i - 1]!, sorted[i]!, minutes)) return [sorted[i - 1]!, sorted[i]!]
	return null
}

/** "Thursday, December 3": a day heading in the zone. */
export function dayHeading(at: Date, timeZone: string): string {
	return dateTimeFormat('en-US', { weekday: 'long', month: 'long', day: 'numeric', timeZone }).format(at)
}

/** "9:30 AM" in the zone; with the zone's short name ("1:00 AM CST") where a clock time happens twice. */
export function clockTime(at: Date, timeZone: string, withZone = false): string {
	return dateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone, ...(withZone ? { timeZoneName: 'short' as const } : {}) }).format(at)
}

export type SlotDay = { date: string; heading: string; slots: { iso: string; label: string }[] }

/**
 * The times grouped by their calendar day in the zone, earliest first. On the night the clocks go
 * back an hour happens twice: those labels carry the zone's short name so the two differ.
 */
export function slotsByDay(times: readonly Date[], timeZone: string): SlotDay[] {
	const days = new Map<string, Date[]>()
	for (const t of [...times].sort((a, b) => a.getTime() - b.getTime())) {
		const date = localDate(t, timeZone)
		days.set(date, [...(days.get(date) ?? []), t])
	}
	return [...days].map(([date, starts]) => {
		const plain = starts.map((t) => clockTime(t, timeZone))
		const repeated = new Set(plain.filter((label, i) => plain.indexOf(label) !== i))
		return { date, heading: dayHeading(starts[0]!, timeZone), slots: starts.map((t, i) => ({ iso: t.toISOString(), label: repeated.has(plain[i]!) ? clockTime(t, timeZone, true) : plain[i]! })) }
	})
}

/** "9:00 AM on Thursday, December 3". */
function timeOnDay(at: Date, timeZone: string): string {
	return `${clockTime(at, timeZone)} on ${dayHeading(at, timeZone)}`
}

export type ProposalCheck = { ok: true; times: Date[] } | { ok: false; message: string }

/** The times a therapist picked: one to three, each one of those offered, none overlapping another, in order. Overlaps are named in `timeZone`. */
export function checkProposal(picked: readonly string[], offered: readonly Date[], timeZone: string): ProposalCheck {
	const unique = [...new Set(picked)]
	if (unique.length === 0) return { ok: false, message: 'Choose at least one time you could see the patient for a first session.' }
	if (unique.length > MAX_PROPOSED_TIMES) return { ok: false, message: `Choose at most ${MAX_PROPOSED_TIMES} times.` }
	const byIso = new Map(offered.map((t) => [t.toISOString(), t]))
	const times = unique.map((iso) => byIso.get(iso))
	if (times.some((t) => !t)) return { ok: false, message: 'One of the times is no longer free. Choose again from the times shown.' }
	const sorted = (times as Date[]).sort((a, b) => a.getTime() - b.getTime())
	const clash = firstOverlap(sorted)
	if (clash) {
		const [a, b] = clash
		const both = localDate(a, timeZone) === localDate(b, timeZone) ? `${clockTime(a, timeZone)} and ${timeOnDay(b, timeZone)}` : `${timeOnDay(a, timeZone)} and ${timeOnDay(b, timeZone)}`
		return { ok: false, message: `${both} overlap: each session is ${SESSION_MINUTES} minutes. Choose times at least an hour apart.` }
	}
	return { ok: true, times: sorted }
}
