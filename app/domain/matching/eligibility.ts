// The hard filters of PRODUCT.md §6, in the order the "why not" report names them: a therapist
// is eligible only if every one holds. Each returns what it found, so scoring and explanations
// reuse it instead of working it out again.
import { buildDateRanges, localDate, slots, subtract, type Range } from '#app/domain/availability/ranges.ts'
import { coverage, type Coverage } from '#app/domain/therapists/jurisdiction.ts'
import { milesBetween } from './distance.ts'
import { type MatchCandidate, type MatchContext, type MatchReferral } from './types.ts'

export const FILTERS = ['jurisdiction', 'phases', 'format', 'capacity', 'language', 'payment', 'not_excluded', 'timing'] as const
export type Filter = (typeof FILTERS)[number]

export const FILTER_LABELS: Record<Filter, string> = {
	jurisdiction: 'not licensed or authorized for the patient’s state on the first dosing date',
	phases: 'does not offer every requested phase',
	format: 'cannot offer the format (telehealth, or in person within the radius)',
	capacity: 'not accepting, or at weekly capacity',
	language: 'shares none of the requested languages',
	payment: 'not in network for the payer, or above the self-pay budget',
	not_excluded: 'declined this referral, or blocked by the clinic',
	timing: 'no free hour inside the integration window',
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

/** The integration window after dosing session `index` (0 = the first). */
export function integrationWindow(referral: MatchReferral, index = 0): Range {
	const dosing = referral.firstDosingAt.getTime() + index * referral.cadenceDays * 24 * 3_600_000
	return { start: new Date(dosing + referral.integrationWindowHours.from * 3_600_000), end: new Date(dosing + referral.integrationWindowHours.to * 3_600_000) }
}

export function freeSlotsIn(candidate: MatchCandidate, window: Range): Date[] {
	return slots(subtract(buildDateRanges(candidate.schedule, window), candidate.booked), SESSION_MINUTES)
}

/** The date jurisdiction is judged on: the first dosing session's date where the clinic is. */
export function jurisdictionDate(referral: MatchReferral): string {
	return localDate(referral.firstDosingAt, referral.clinic.timeZone)
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

	const firstWindowSlots = referral.timingRequired ? freeSlotsIn(candidate, integrationWindow(referral, 0)) : null
	if (firstWindowSlots !== null && firstWindowSlots.length === 0) return fail('timing')
	return { eligible: true, detail: { coverage: covered, mode, distanceMiles, firstWindowSlots } }
}

export function paymentFits(referral: MatchReferral, candidate: MatchCandidate): boolean {
	const { payment } = referral
	if (payment.type === 'insurance') return Boolean(payment.payer) && candidate.insurancePayers.includes(payment.payer!)
	if (payment.maxRate == null) return true
	return candidate.slidingScale || (candidate.selfPayRate !== null && candidate.selfPayRate <= payment.maxRate)
}
