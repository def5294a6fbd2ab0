// How an episode of support ends (`completed`, PRODUCT.md §4): the outcome the chosen therapist
// records. Slugs are stored; the labels are what people read.
export const CARE_OUTCOMES = {
	goals_met: 'Finished as planned: integration goals met',
	continuing_elsewhere: 'Continuing in ongoing therapy outside this referral',
	patient_stopped: 'The patient stopped coming',
	referred_on: 'Referred on to other care',
	other: 'Another outcome',
} as const
export type CareOutcome = keyof typeof CARE_OUTCOMES
export const CARE_OUTCOME_CODES = Object.keys(CARE_OUTCOMES) as [CareOutcome, ...CareOutcome[]]

export function careOutcomeLabel(slug: string | null): string | null {
	return slug && Object.hasOwn(CARE_OUTCOMES, slug) ? CARE_OUTCOMES[slug as CareOutcome] : slug
}
