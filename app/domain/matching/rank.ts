// Ranking (docs/product.md §6): every candidate through the hard filters, the eligible ones scored and
// ordered, equal scores by a hash of (referral id, therapist id) so that neither sign-up date nor
// name decides; a count per failed filter for the "why not" report. Deterministic and pure.
//
// With a limit, only the best `limit` are returned, and availability (the costly component) is
// worked out only for candidates that could still make it: candidates are taken in order of the
// most they could score, and the search stops once that is below the last place already held.
// The result is exactly the first `limit` of the full ranking (rank.property.test.ts).
import { sha256 } from '@oslojs/crypto/sha2'
import { encodeHexLowerCase } from '@oslojs/encoding'
import { checkEligibility, FILTERS, type EligibilityDetail, type Filter } from './eligibility.ts'
import { availabilityComponent, firstSlots, reasons, scoreBound, scoreOf, staticComponents } from './score.ts'
import { type MatchCandidate, type MatchContext, type MatchReferral } from './types.ts'

export type Suggestion = {
	therapistId: string
	score: number
	reasons: string[]
	mode: 'telehealth' | 'in_person'
	/** The soonest free session starts after the first dosing session (at most three). */
	soonestSlots: Date[]
}

/** The suggestions (the best `limit`, or all), how many are eligible, and a count per failed filter. */
export type Ranking = { suggestions: Suggestion[]; eligible: number; excluded: Record<Filter, number> }

export function tieBreaker(referralId: string, therapistId: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(`${referralId}:${therapistId}`)))
}

type Entry = { candidate: MatchCandidate; detail: EligibilityDetail; parts: ReturnType<typeof staticComponents>; bound: number; tie: string }
type Scored = Entry & { score: number; first: Date[] }

const byTie = (a: { tie: string }, b: { tie: string }) => (a.tie < b.tie ? -1 : a.tie > b.tie ? 1 : 0)
/** Rounding to cents can lift a score above its bound by at most half a cent. */
const ROUNDING = 0.01

export type RankOptions = {
	limit?: number
	/** Known upper bounds on some candidates' scores (from SQL), tighter than the static bound. */
	ceilings?: ReadonlyMap<string, number>
}

export function rankCandidates(referral: MatchReferral, candidates: readonly MatchCandidate[], context: MatchContext, options: RankOptions = {}): Ranking {
	const excluded = Object.fromEntries(FILTERS.map((f) => [f, 0])) as Record<Filter, number>
	const pool: Entry[] = []
	for (const candidate of candidates) {
		const verdict = checkEligibility(referral, candidate, context)
		if (!verdict.eligible) {
			excluded[verdict.failed]++
			continue
		}
		const parts = staticComponents(referral, candidate, verdict.detail)
		const ceiling = options.ceilings?.get(candidate.id) ?? Infinity
		pool.push({ candidate, detail: verdict.detail, parts, bound: Math.min(scoreBound(parts), ceiling), tie: tieBreaker(referral.id, candidate.id) })
	}
	pool.sort((a, b) => b.bound - a.bound || byTie(a, b))
	const limit = options.limit ?? pool.length
	const score = (entry: Entry): Scored => {
		const first = firstSlots(referral, entry.candidate, entry.detail)
		return { ...entry, first, score: scoreOf({ ...entry.parts, availability: availabilityComponent(referral, entry.candidate, first) }) }
	}
	const ranked = (a: Scored, b: Scored) => b.score - a.score || byTie(a, b)
	let best: Scored[] = []
	if (limit >= pool.length) best = pool.map(score).sort(ranked)
	else {
		for (const entry of pool) {
			const last = best.length >= limit ? best[best.length - 1]! : null
			if (last && entry.bound + ROUNDING < last.score) break
			const scored = score(entry)
			if (last && ranked(scored, last) >= 0) continue
			// Keep `best` sorted: insert in place, drop what falls off the end.
			let at = best.length
			while (at > 0 && ranked(scored, best[at - 1]!) < 0) at--
			best.splice(at, 0, scored)
			if (best.length > limit) best.pop()
		}
	}
	return {
		suggestions: best.map((s) => ({
			therapistId: s.candidate.id,
			score: s.score,
			reasons: reasons(referral, s.candidate, s.detail, s.first),
			mode: s.detail.mode,
			soonestSlots: s.first.slice(0, 3),
		})),
		eligible: pool.length,
		excluded,
	}
}

/** For one named therapist: the first filter that excludes them, or null when they are eligible. */
export function whyNot(referral: MatchReferral, candidate: MatchCandidate, context: MatchContext): Filter | null {
	const verdict = checkEligibility(referral, candidate, context)
	return verdict.eligible ? null : verdict.failed
}
