// The hard filters of docs/product.md §6, in the order the "why not" report names them: a therapist
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
	jurisdiction:
		'not licensed where the sessions happen (the patient’s state by telehealth, an office’s state within the radius in person, the clinic’s state for in-session support) through the end of the series',
	phases: 'does not offer every requested phase',
	format: 'cannot offer the format (telehealth, or in person at an office within the radius)',
	capacity: 'not accepting, or at weekly capacity',
	language: 'shares none of the requested languages',
	payment: 'not in network for the payer, or above the self-pay budget',
	not_excluded: 'declined this referral, or blocked by the clinic',
	timing: 'no free time for a requested phase (an hour in the preparation window or the first integration window, or the whole first dose)',
}

/** Every session in person: the format, or a dosing-session phase (which happens at the clinic). */
export const inPersonOnly = (referral: Pick<MatchReferral, 'format' | 'phases'>) => referral.format === 'in_person' || referral.phases.includes('in_session')

export const SESSION_MINUTES = 60

/** Where a session happens: where the patient is (telehealth), the therapist's office, the clinic (in-session support). */
export type Place = 'patient' | 'office' | 'clinic'

export type EligibilityDetail = {
	/** What covers each place the sessions happen: the other sessions' first, then the clinic's for in-session support. */
	places: { coverage: Coverage; where: Place }[]
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
 * The windows the timing filter needs a free hour in (docs/product.md §4a), from `now` on: the
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

/** The date jurisdiction is judged through: the end of the series where the clinic is (docs/product.md §3). */
export function jurisdictionDate(referral: MatchReferral): string {
	return validThroughDate(referral, referral.clinic.timeZone)
}

/** Where the referral's sessions happen (docs/product.md §3): in-session support at the clinic, and whether there are other sessions (preparation, integration). */
export const sessionPlaces = (referral: Pick<MatchReferral, 'phases'>) => ({
	atClinic: referral.phases.includes('in_session'),
	others: referral.phases.some((p) => p !== 'in_session'),
})

/**
 * Where the therapist may see this patient, through the series (docs/product.md §3): a licence in the
 * clinic's state for in-session support; for the other sessions, by telehealth coverage in the
 * patient's state (licence or authorisation), in person a licence in the state of an office within
 * the radius. Null where a place is not covered.
 */
export function placesCovered(referral: MatchReferral, candidate: MatchCandidate, context: MatchContext) {
	const covered = coverage(candidate.credentials, context.compacts, jurisdictionDate(referral), { allowSupervised: referral.allowSupervised })
	const licensedIn = (state: string | null) => covered.find((c) => c.state === state && c.inPerson) ?? null
	const distanceMiles = candidate.office && referral.clinic.location ? milesBetween(candidate.office, referral.clinic.location) : null
	const officeNear = distanceMiles !== null && distanceMiles <= referral.radiusMiles
	return {
		distanceMiles,
		officeNear,
		clinic: licensedIn(referral.clinic.state),
		patient: covered.find((c) => c.state === referral.patientState) ?? null,
		office: officeNear ? licensedIn(candidate.officeState) : null,
	}
}

export function checkEligibility(referral: MatchReferral, candidate: MatchCandidate, context: MatchContext): Eligibility {
	const fail = (failed: Filter): Eligibility => ({ eligible: false, failed })
	const { atClinic, others } = sessionPlaces(referral)
	const places = placesCovered(referral, candidate, context)
	// Jurisdiction: every place a session would happen is covered (for `either`, one of the two ways).
	const othersCovered = referral.format === 'telehealth' ? places.patient : referral.format === 'in_person' ? places.office : (places.patient ?? places.office)
	if ((atClinic && !places.clinic) || (others && !othersCovered)) return fail('jurisdiction')
	if (!offersPhases(candidate.phases, referral.phases)) return fail('phases')

	// Format: in person at an office within the radius (in-session support too, whatever the
	// format), by telehealth where the patient is covered.
	const inPersonOk = candidate.formats.includes('in_person') && places.office !== null
	const telehealthOk = candidate.formats.includes('telehealth') && places.patient !== null
	if (atClinic && !(candidate.formats.includes('in_person') && places.officeNear)) return fail('format')
	let covering: { coverage: Coverage; where: Place }
	if (!others) covering = { coverage: places.clinic!, where: 'clinic' }
	else if (referral.format === 'telehealth') {
		if (!telehealthOk) return fail('format')
		covering = { coverage: places.patient!, where: 'patient' }
	} else if (referral.format === 'in_person') {
		if (!inPersonOk) return fail('format')
		covering = { coverage: places.office!, where: 'office' }
	} else {
		if (!inPersonOk && !telehealthOk) return fail('format')
		covering = inPersonOk ? { coverage: places.office!, where: 'office' } : { coverage: places.patient!, where: 'patient' }
	}
	const mode: 'telehealth' | 'in_person' = atClinic || covering.where !== 'patient' ? 'in_person' : 'telehealth'
	const distanceMiles = places.distanceMiles
	const coveredPlaces = [covering, ...(atClinic && others ? [{ coverage: places.clinic!, where: 'clinic' as const }] : [])]

	if (!candidate.accepting || candidate.load >= candidate.weeklyCapacity) return fail('capacity')
	if (!speaksAny(candidate.languages, referral.languages)) return fail('language')
	if (!paymentFits(referral, candidate)) return fail('payment')
	if (referral.excludedTherapistIds.has(candidate.id)) return fail('not_excluded')

	if (!referral.timingRequired) return { eligible: true, detail: { places: coveredPlaces, mode, distanceMiles, firstWindowSlots: null } }
	const timing = timingHolds(referral, candidate, referral.asOf)
	if (!timing.ok) return fail('timing')
	return { eligible: true, detail: { places: coveredPlaces, mode, distanceMiles, firstWindowSlots: timing.firstWindowSlots } }
}

/** Offers every requested phase. */
export const offersPhases = (offered: readonly string[], wanted: readonly string[]) => wanted.every((p) => offered.includes(p))

/** Shares one of the requested languages; none requested: anyone. */
export const speaksAny = (spoken: readonly string[], wanted: readonly string[]) => wanted.length === 0 || wanted.some((l) => spoken.includes(l))

export function paymentFits(referral: MatchReferral, candidate: MatchCandidate): boolean {
	const { payment } = referral
	if (payment.type === 'insurance') return Boolean(payment.payer) && candidate.insurancePayers.includes(payment.payer!)
	if (payment.maxRate == null) return true
	return candidate.slidingScale || (candidate.selfPayRate !== null && candidate.selfPayRate <= payment.maxRate)
}
