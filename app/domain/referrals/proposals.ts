// First-session times a therapist may propose when accepting an offer (docs/product.md §4): free hours
// of their own availability (weekly hours, date overrides, minus sessions already booked), inside
// the preparation window when preparation is requested, else inside the first dose's integration
// window (or, for in-session support alone, the first dose itself). Proposed times never overlap.
// Pure; the same list is shown and checked.
import { buildDateRanges, slots, subtract, type Range, type Schedule } from '#app/domain/availability/ranges.ts'
import { doseRange, integrationWindow, preparationWindow, type Series } from './dosing.ts'
import { MAX_PROPOSED_TIMES } from './offers.ts'

export const SESSION_MINUTES = 60
/** A proposed time is at least this far ahead, so the patient has time to choose. */
export const PROPOSAL_LEAD_HOURS = 12
const HOUR_MS = 3_600_000
/** At most this many times are offered to pick from. */
export const PROPOSABLE_LIMIT = 24

/** A booked first session: the hour from its start (a chosen offer on a scheduled referral). */
export function sessionRange(start: Date): Range {
	return { start, end: new Date(start.getTime() + SESSION_MINUTES * 60_000) }
}

/** Where a first session may lie, from `now` plus the lead on, and how long it is. */
export function proposalWindows(series: Series, now: Date): Range[] {
	const earliest = new Date(now.getTime() + PROPOSAL_LEAD_HOURS * HOUR_MS)
	const window = series.phases.includes('preparation')
		? preparationWindow(series)
		: series.phases.includes('integration')
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

export type ProposalCheck = { ok: true; times: Date[] } | { ok: false; message: string }

/** The times a therapist picked: one to three, each one of those offered, in order. */
export function checkProposal(picked: readonly string[], offered: readonly Date[]): ProposalCheck {
	const unique = [...new Set(picked)]
	if (unique.length === 0) return { ok: false, message: 'Choose at least one time you could see the patient for a first session.' }
	if (unique.length > MAX_PROPOSED_TIMES) return { ok: false, message: `Choose at most ${MAX_PROPOSED_TIMES} times.` }
	const byIso = new Map(offered.map((t) => [t.toISOString(), t]))
	const times = unique.map((iso) => byIso.get(iso))
	if (times.some((t) => !t)) return { ok: false, message: 'One of the times is no longer free. Choose again from the times shown.' }
	const sorted = (times as Date[]).sort((a, b) => a.getTime() - b.getTime())
	const clash = sorted.findIndex((t, i) => i > 0 && t.getTime() - sorted[i - 1]!.getTime() < SESSION_MINUTES * 60_000)
	if (clash > 0) return { ok: false, message: `Two of the times overlap (each session is ${SESSION_MINUTES} minutes): choose times at least an hour apart.` }
	return { ok: true, times: sorted }
}
