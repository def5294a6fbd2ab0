// How well an eligible therapist fits (docs/product.md §6), out of 100, with the weights in one place.
// Payment never enters the score: who pays, and how much, decides eligibility only (§7: nobody
// can pay, or be paid for, a better rank).
import { FOCUS_AREAS, MODALITIES, PHASES, languageLabel, stateName, authorizationKindLabel } from '#app/domain/reference/index.ts'
import { listInWords } from '#app/domain/therapists/profile-text.ts'
import { integrationWindow } from '#app/domain/referrals/dosing.ts'
import { freeSlotsIn, type EligibilityDetail } from './eligibility.ts'
import { type MatchCandidate, type MatchReferral } from './types.ts'

/** Points per component; each component is a fraction from 0 to 1. They add up to 100. */
export const WEIGHTS = {
	/** Share of the requested approaches the therapist uses. */
	modalities: 22,
	/** Share of the patient's focus areas the therapist works with. */
	focusAreas: 20,
	/** KAP training hours, full marks from 120 hours. */
	training: 14,
	/** Share of the series' integration windows (up to six) with a free hour. */
	availability: 16,
	/** In person: nearer is better within the radius. Telehealth: half marks for everyone. */
	distance: 8,
	/** Past acceptance rate and response time; half marks with no history yet. */
	responsiveness: 8,
	/** Spare weekly capacity, so referrals spread across the network. */
	load: 7,
	/** One of the clinic's preferred partners. */
	partner: 5,
} as const

export const TRAINING_FULL_MARKS_HOURS = 120
/** Responsiveness: full marks for a median answer within this many hours… */
export const RESPONSE_FULL_MARKS_HOURS = 6
/** …none from this many on, in a straight line between. */
export const RESPONSE_NO_MARKS_HOURS = 48
/** What a therapist with no history yet gets, for the acceptance rate and the response time alike. */
export const NO_HISTORY_MARKS = 0.5
/** How many integration windows the availability part looks at, at most. */
export const MAX_WINDOWS = 6

export type Components = Record<keyof typeof WEIGHTS, number>

function overlap(wanted: readonly string[], offered: readonly string[]) {
	const shared = wanted.filter((w) => offered.includes(w))
	// Nothing asked for: every therapist fits equally.
	return { fraction: wanted.length === 0 ? 1 : shared.length / wanted.length, shared }
}

/** Free session starts after the first dosing session (from the eligibility check when it has them). */
export function firstSlots(referral: MatchReferral, candidate: MatchCandidate, detail: EligibilityDetail): Date[] {
	return detail.firstWindowSlots ?? freeSlotsIn(candidate, integrationWindow(referral, 0))
}

/** In person: full marks at the clinic's door, none at the radius. */
export function distancePart(miles: number, radiusMiles: number): number {
	return Math.max(0, 1 - miles / Math.max(1, radiusMiles))
}

/** KAP training depth, full marks from TRAINING_FULL_MARKS_HOURS (rules-sql.ts has its SQL form). */
export function trainingPart(hours: number): number {
	return Math.min(hours, TRAINING_FULL_MARKS_HOURS) / TRAINING_FULL_MARKS_HOURS
}

/** Past acceptance rate and median response time, half each (rules-sql.ts has its SQL form). */
export function responsivenessPart(r: { acceptanceRate: number | null; medianResponseHours: number | null }): number {
	const speed = r.medianResponseHours === null ? NO_HISTORY_MARKS : Math.max(0, Math.min(1, (RESPONSE_NO_MARKS_HOURS - r.medianResponseHours) / (RESPONSE_NO_MARKS_HOURS - RESPONSE_FULL_MARKS_HOURS)))
	return ((r.acceptanceRate ?? NO_HISTORY_MARKS) + speed) / 2
}

/** Every component but availability: cheap, from the candidate's facts alone. */
export function staticComponents(referral: MatchReferral, candidate: MatchCandidate, detail: EligibilityDetail): Omit<Components, 'availability'> {
	return {
		modalities: overlap(referral.modalities, candidate.modalities).fraction,
		focusAreas: overlap(referral.focusAreas, candidate.focusAreas).fraction,
		training: trainingPart(candidate.kapTrainingHours),
		distance: detail.mode === 'in_person' && detail.distanceMiles !== null ? distancePart(detail.distanceMiles, referral.radiusMiles) : 0.5,
		responsiveness: responsivenessPart(candidate.responsiveness),
		load: candidate.weeklyCapacity > 0 ? Math.max(0, 1 - candidate.load / candidate.weeklyCapacity) : 0,
		partner: referral.preferredTherapistIds.has(candidate.id) ? 1 : 0,
	}
}

/** How many integration windows the availability part looks at: one per dosing session, at least one, at most MAX_WINDOWS. */
export const windowsScored = (referral: Pick<MatchReferral, 'doses'>) => Math.min(MAX_WINDOWS, Math.max(1, referral.doses.length))

/** Share of the series' integration windows (up to six) with a free hour: the costly component. */
export function availabilityComponent(referral: MatchReferral, candidate: MatchCandidate, first: readonly Date[]): number {
	const windows = windowsScored(referral)
	let windowsWithSlot = first.length > 0 ? 1 : 0
	for (let i = 1; i < windows; i++) if (freeSlotsIn(candidate, integrationWindow(referral, i)).length > 0) windowsWithSlot++
	return windowsWithSlot / windows
}

export function components(referral: MatchReferral, candidate: MatchCandidate, detail: EligibilityDetail): Components {
	return { ...staticComponents(referral, candidate, detail), availability: availabilityComponent(referral, candidate, firstSlots(referral, candidate, detail)) }
}

/** The most a candidate can score, from the static components and full marks for availability. */
export function scoreBound(parts: Omit<Components, 'availability'>): number {
	return scoreOf({ ...parts, availability: 1 })
}

export function scoreOf(parts: Components): number {
	let total = 0
	for (const key of Object.keys(WEIGHTS) as (keyof typeof WEIGHTS)[]) total += WEIGHTS[key] * parts[key]
	return Math.round(total * 100) / 100
}

/** Why this therapist fits, in words a patient understands. */
export function reasons(referral: MatchReferral, candidate: MatchCandidate, detail: EligibilityDetail, first: readonly Date[] = firstSlots(referral, candidate, detail)): string[] {
	const lines: string[] = []
	for (const { coverage, where } of detail.places) {
		const state = stateName(coverage.state)
		if (where === 'patient') lines.push(coverage.basis === 'license' ? `Licensed in ${state}` : `Can see patients in ${state} by telehealth (${authorizationKindLabel(coverage.basis)})`)
		else lines.push(where === 'office' ? `Licensed in ${state}, where their office is` : `Licensed in ${state}, where the clinic is, for in-session support`)
	}
	lines.push(`Offers ${listInWords(referral.phases.map((p) => PHASES.label(p).toLowerCase()))}`)
	if (detail.mode === 'in_person' && detail.distanceMiles !== null) lines.push(`Office about ${Math.max(1, Math.round(detail.distanceMiles))} miles from the clinic`)
	else lines.push('Meets by video')
	const approaches = overlap(referral.modalities, candidate.modalities).shared
	if (approaches.length) lines.push(`Uses ${listInWords(approaches.map((m) => MODALITIES.label(m)))}`)
	const focus = overlap(referral.focusAreas, candidate.focusAreas).shared
	if (focus.length) lines.push(`Works with ${listInWords(focus.map((f) => FOCUS_AREAS.label(f).toLowerCase()))}`)
	if (candidate.kapTrainingHours > 0) lines.push(`${candidate.kapTrainingHours} hours of training in ketamine-assisted therapy`)
	const languages = referral.languages.filter((l) => candidate.languages.includes(l) && l !== 'en')
	if (languages.length) lines.push(`Speaks ${listInWords(languages.map(languageLabel))}`)
	if (first.length) lines.push('Has free time soon after the first dosing session')
	if (referral.payment.type === 'insurance' && referral.payment.payer) lines.push('Takes the patient’s insurance')
	else if (candidate.slidingScale) lines.push('Offers a sliding scale')
	if (referral.preferredTherapistIds.has(candidate.id)) lines.push('A partner your clinic works with')
	return lines
}
