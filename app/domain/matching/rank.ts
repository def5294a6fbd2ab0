// Ranking (PRODUCT.md §6): every candidate through the hard filters, the eligible ones scored and
// ordered, equal scores by a hash of (referral id, therapist id) so that neither sign-up date nor
// name decides; a count per failed filter for the "why not" report. Deterministic and pure.
import { sha256 } from '@oslojs/crypto/sha2'
import { encodeHexLowerCase } from '@oslojs/encoding'
import { checkEligibility, FILTERS, type Filter } from './eligibility.ts'
import { components, reasons, scoreOf } from './score.ts'
import { type MatchCandidate, type MatchContext, type MatchReferral } from './types.ts'

export type Suggestion = {
	therapistId: string
	score: number
	reasons: string[]
	mode: 'telehealth' | 'in_person'
	/** The soonest free session starts after the first dosing session (at most three). */
	soonestSlots: Date[]
}

export type Ranking = { suggestions: Suggestion[]; excluded: Record<Filter, number> }

export function tieBreaker(referralId: string, therapistId: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(`${referralId}:${therapistId}`)))
}

export function rankCandidates(referral: MatchReferral, candidates: readonly MatchCandidate[], context: MatchContext): Ranking {
	const excluded = Object.fromEntries(FILTERS.map((f) => [f, 0])) as Record<Filter, number>
	const ranked: (Suggestion & { tie: string })[] = []
	for (const candidate of candidates) {
		const verdict = checkEligibility(referral, candidate, context)
		if (!verdict.eligible) {
			excluded[verdict.failed]++
			continue
		}
		ranked.push({
			therapistId: candidate.id,
			score: scoreOf(components(referral, candidate, verdict.detail)),
			reasons: reasons(referral, candidate, verdict.detail),
			mode: verdict.detail.mode,
			soonestSlots: verdict.detail.firstWindowSlots.slice(0, 3),
			tie: tieBreaker(referral.id, candidate.id),
		})
	}
	ranked.sort((a, b) => b.score - a.score || (a.tie < b.tie ? -1 : a.tie > b.tie ? 1 : 0))
	return { suggestions: ranked.map(({ tie: _tie, ...s }) => s), excluded }
}

/** For one named therapist: the first filter that excludes them, or null when they are eligible. */
export function whyNot(referral: MatchReferral, candidate: MatchCandidate, context: MatchContext): Filter | null {
	const verdict = checkEligibility(referral, candidate, context)
	return verdict.eligible ? null : verdict.failed
}
