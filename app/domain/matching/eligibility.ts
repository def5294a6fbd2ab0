// The hard filters of PRODUCT.md §6, in the order the "why not" report names them: a therapist
// is eligible only if every one holds. Each returns what it found, so scoring and explanations
// reuse it instead of working it out again.
import { buildDateRanges, mergeRanges, slots, subtract, type Range } from '#app/domain/availability/ranges.ts'
import { doseRange, integrationWindow, preparationWindow, validThroughDate } from '#app/domain/referrals/dosing.ts'
import { coverage, type Coverage } from '#app/domain/therapists/jurisdiction.ts'
import { milesBetween } from './distance.ts'
import { type MatchCandidate, type MatchContext, type MatchReferral } from './types.ts'

export const FILTERS = ['jurisdiction', 'phases', 'format', 'capacity', 'language', 'payment', 'not_excluded', 'timing'] as const
export type Filter = (typeof FILTERS)[number]

export const FILTER_LABELS: Record<Filter, string> = {
	jurisdiction: 'not licensed or authorized for the patient’s state through the end of the series',
	phases: 'does not offer every requested phase',
	format: 'cannot offer the format (telehealth, or in person within the radius)',
	capacity: 'not accepting, or at weekly capacity',
	language: 'shares none of the requested languages',
	payment: 'not in network for the payer, or above the self-pay budget',
	not_excluded: 'declined this referral, or blocked by the clinic',
	timing: 'no free time for a requested phase (an hour in the preparation window or the first integration window, or the whole first dose)',
}

/** Every session in person: the format, or a dosing-session phase (which happens at the clinic). */
export const inPersonOnly = (referral: Pick<MatchReferral, 'format' | 'phases'>) => referral.format === 'in_person' || referral.phases.includes('in_session')

export const SESSION_MINUTES = 60

export type EligibilityDetail = {
	coverage: Coverage
	/** How the therapist would see the patient. */
	mode: 'telehealth' | 'in_person'
	distanceMiles: number | null
	/**
	 * Free session starts in the integration window after the first dosing session; worked out
	 * here only when timing is required (null otherwise: scoring works them out for the few it needs).
	 */
	firstWindowSlots: Date[] | null
}

export type Eligibility = { eligible: true; detail: EligibilityDetail } | { eligible: false; failed: Filter }

export function freeSlotsIn(candidate: MatchCandidate, window: Range): Date[] {
	return slots(subtract(buildDateRanges(candidate.schedule, window), candidate.booked), SESSION_MINUTES)
}

/** Availability is kept in half-hour cells (search-facts.ts): a range widened to whole cells. */
export function wholeCells(range: Range): Range {
	const cell = 30 * 60_000
	return { start: new Date(Math.floor(range.start.getTime() / cell) * cell), end: new Date(Math.ceil(range.end.getTime() / cell) * cell) }
}

/** Free for the whole of a range: every half hour it touches is free (in-session support is there for the whole dose). */
export function freeThroughout(candidate: MatchCandidate, range: Range): boolean {
	const cells = wholeCells(range)
	const free = mergeRanges(subtract(buildDateRanges(candidate.schedule, cells), candidate.booked))
	return free.length === 1 && free[0]!.start.getTime() === cells.start.getTime() && free[0]!.end.getTime() === cells.end.getTime()
}

/** The part of a window from `now` on: time already past is no time to see anyone. */
export function ahead(window: Range, now: Date): Range {
	return window.start < now ? { start: now, end: window.end } : window
}

/**
 * The windows the timing filter needs a free hour in (PRODUCT.md §4a), from `now` on: the
 * preparation window when preparation is requested, the first dose's integration window when
 * integration is; in-session support needs the whole first dose instead (`timingDose`).
 */
export function timingWindows(referral: MatchReferral, now: Date): { preparation: Range | null; integration: Range | null } {
	return {
		preparation: referral.phases.includes('preparation') ? ahead(preparationWindow(referral), now) : null,
		integration: referral.phases.includes('integration') ? ahead(integrationWindow(referral, 0), now) : null,
	}
}

/** The first dose, when in-session support is requested (the therapist is there for all of it). */
export const timingDose = (referral: MatchReferral): Range | null => (referral.phases.includes('in_session') ? doseRange(referral, 0) : null)

/**
 * Whether the therapist has the free time every requested phase needs, and the free starts in the
 * first integration window (all of them, past ones too: the score counts them as SQL does).
 */
function timingHolds(referral: MatchReferral, candidate: MatchCandidate, now: Date): { ok: boolean; firstWindowSlots: Date[] | null } {
	const windows = timingWindows(referral, now)
	const firstWindowSlots = windows.integration ? freeSlotsIn(candidate, integrationWindow(referral, 0)) : null
	// Slots start on the half hour from the epoch, so those from `now` on are the free starts of the window from now on.
	const fails =
		(firstWindowSlots !== null && !firstWindowSlots.some((slot) => slot >= now)) ||
		(windows.preparation !== null && freeSlotsIn(candidate, windows.preparation).length === 0) ||
		(timingDose(referral) !== null && !freeThroughout(candidate, timingDose(referral)!))
	return { ok: !fails, firstWindowSlots }
}

/** The date jurisdiction is judged through: the end of the series where the clinic is (PRODUCT.md §3). */
export function jurisdictionDate(referral: MatchReferral): string {
	return validThroughDate(referral, referral.clinic.timeZone)
}

export function checkEligibility(referral: MatchReferral, candidate: MatchCandidate, context: MatchContext): Eligibility {
	const fail = (failed: Filter): Eligibility => ({ eligible: false, failed })
	const covered = coverage(candidate.credentials, context.compacts, jurisdictionDate(referral), { allowSupervised: referral.allowSupervised }).find(
		(c) => c.state === referral.patientState,
	)
	if (!covered) return fail('jurisdiction')
	if (!referral.phases.every((p) => candidate.phases.includes(p))) return fail('phases')

	const distanceMiles = candidate.office && referral.clinic.location ? milesBetween(candidate.office, referral.clinic.location) : null
	// In person needs a license in the patient's state (authorizations are telehealth-only) and an office within the radius.
	const inPerson = candidate.formats.includes('in_person') && covered.inPerson && distanceMiles !== null && distanceMiles <= referral.radiusMiles
	const telehealth = candidate.formats.includes('telehealth')
	// In-session support happens at the clinic, whatever the referral's format.
	const needsInPerson = inPersonOnly(referral)
	let mode: 'telehealth' | 'in_person'
	if (needsInPerson) {
		if (!inPerson || (referral.format === 'telehealth' && !telehealth)) return fail('format')
		mode = 'in_person'
	} else if (referral.format === 'telehealth') {
		if (!telehealth) return fail('format')
		mode = 'telehealth'
	} else {
		if (!telehealth && !inPerson) return fail('format')
		mode = inPerson ? 'in_person' : 'telehealth'
	}

	if (!candidate.accepting || candidate.load >= candidate.weeklyCapacity) return fail('capacity')
	if (referral.languages.length > 0 && !referral.languages.some((l) => candidate.languages.includes(l))) return fail('language')
	if (!paymentFits(referral, candidate)) return fail('payment')
	if (referral.excludedTherapistIds.has(candidate.id)) return fail('not_excluded')

	if (!referral.timingRequired) return { eligible: true, detail: { coverage: covered, mode, distanceMiles, firstWindowSlots: null } }
	const timing = timingHolds(referral, candidate, referral.asOf)
	if (!timing.ok) return fail('timing')
	return { eligible: true, detail: { coverage: covered, mode, distanceMiles, firstWindowSlots: timing.firstWindowSlots } }
}

export function paymentFits(referral: MatchReferral, candidate: MatchCandidate): boolean {
	const { payment } = referral
	if (payment.type === 'insurance') return Boolean(payment.payer) && candidate.insurancePayers.includes(payment.payer!)
	if (payment.maxRate == null) return true
	return candidate.slidingScale || (candidate.selfPayRate !== null && candidate.selfPayRate <= payment.maxRate)
}
