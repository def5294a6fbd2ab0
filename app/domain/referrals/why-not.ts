// Why a referral went unfilled (docs/product.md §4, §6): the "why not" counts of matching — how many
// therapists each filter left out, counts only, never who — or the patient's own answer that none
// of the therapists fit. Carried by the `referral_unfilled` notice and said in words. Pure.
import { FILTER_LABELS, FILTERS } from '#app/domain/matching/eligibility.ts'

/** Therapists left out, by filter slug (matching's `excluded`). */
export type WhyNotCounts = Record<string, number>

/** What emptied a shortlist before the round that found the referral unfilled. */
export type RoundCause = 'shortlist_lapsed' | 'stepped_back'

export type UnfilledWhy =
	/** Matching found nobody left to ask, or nobody accepted after `rounds` rounds (null: nobody eligible was left); `after`: what emptied the shortlist first. */
	{ kind: 'matching'; rounds: number | null; excluded: WhyNotCounts; after?: RoundCause } | { kind: 'patient_declined' }

/** "12 not licensed where the sessions happen …", one per filter that left someone out, in the filters' order. */
export function whyNotLines(excluded: WhyNotCounts): string[] {
	const known: readonly string[] = FILTERS
	const order = [
		...FILTERS,
		...Object.keys(excluded)
			.filter((f) => !known.includes(f))
			.sort(),
	]
	return order.filter((f) => (excluded[f] ?? 0) > 0).map((f) => `${excluded[f]} ${(FILTER_LABELS as Record<string, string>)[f] ?? f.replace(/_/g, ' ')}`)
}

/** What the clinic is told about an unfilled referral, after its reference. */
export function unfilledWords(why: UnfilledWhy | null): string {
	if (!why) return 'no therapist could take it. Review it and post it again with relaxed criteria.'
	if (why.kind === 'patient_declined') return 'the patient said none of the therapists fit. Talk with them about what they need, then change the criteria and post it again.'
	const cause =
		why.after === 'shortlist_lapsed' && why.rounds !== null
			? `the patient did not choose before the shortlist’s deadline, and all ${why.rounds} rounds of offers have been sent`
			: why.after === 'stepped_back' && why.rounds !== null
				? `the chosen therapist stepped back, nobody re-confirmed, and all ${why.rounds} rounds of offers have been sent`
				: why.rounds === null
					? 'no eligible therapist was left to ask'
					: `no therapist accepted after ${why.rounds} rounds of offers`
	const lines = whyNotLines(why.excluded)
	const counts = lines.length ? `Left out by the criteria at the last matching: ${lines.join('; ')}.` : 'The criteria left nobody out at the last matching.'
	return `${cause}. ${counts} Review it and post it again with relaxed criteria.`
}
