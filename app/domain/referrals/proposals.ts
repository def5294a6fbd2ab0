// First-session times a therapist may propose when accepting an offer (PRODUCT.md §4): free hours
// of their own availability (weekly hours, date overrides, minus sessions already booked), inside
// the integration windows when integration is requested, otherwise in the two weeks before the
// first dosing session (preparation). Pure; the same list is shown and checked.
import { buildDateRanges, slots, subtract, type Range, type Schedule } from '#app/domain/availability/ranges.ts'
import { MAX_PROPOSED_TIMES } from './offers.ts'

export const SESSION_MINUTES = 60
/** A proposed time is at least this far ahead, so the patient has time to choose. */
export const PROPOSAL_LEAD_HOURS = 12
const HOUR_MS = 3_600_000
const PREPARATION_DAYS = 14
/** At most this many times are offered to pick from. */
export const PROPOSABLE_LIMIT = 24

/** A booked first session: the hour from its start (a chosen offer on a scheduled referral). */
export function sessionRange(start: Date): Range {
	return { start, end: new Date(start.getTime() + SESSION_MINUTES * 60_000) }
}

export type ProposalReferral = {
	phases: readonly string[]
	firstDosingAt: Date
	dosingSessions: number
	cadenceDays: number
	integrationFromHour: number
	integrationToHour: number
}

/** Where a first session may lie: each dosing session's integration window, or preparation time. */
export function proposalWindows(referral: ProposalReferral, now: Date): Range[] {
	const earliest = new Date(now.getTime() + PROPOSAL_LEAD_HOURS * HOUR_MS)
	const first = referral.firstDosingAt.getTime()
	const windows: Range[] = referral.phases.includes('integration')
		? Array.from({ length: Math.max(1, referral.dosingSessions) }, (_, i) => {
				const dosing = first + i * referral.cadenceDays * 24 * HOUR_MS
				return { start: new Date(dosing + referral.integrationFromHour * HOUR_MS), end: new Date(dosing + referral.integrationToHour * HOUR_MS) }
			})
		: [{ start: new Date(first - PREPARATION_DAYS * 24 * HOUR_MS), end: new Date(first) }]
	return windows.map((w) => ({ start: w.start < earliest ? earliest : w.start, end: w.end })).filter((w) => w.end.getTime() - w.start.getTime() >= SESSION_MINUTES * 60_000)
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
	return { ok: true, times: (times as Date[]).sort((a, b) => a.getTime() - b.getTime()) }
}
