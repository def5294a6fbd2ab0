// How an episode of support ends (`completed`, docs/product.md §4): the outcome the chosen therapist
// records, and when the first session may be said to have taken place. Slugs are stored; the
// labels are what people read.
import { formatDateTime } from '#app/domain/time-format.ts'

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

/**
 * docs/product.md §4's guard on `in_care`: the first session took place only at or after the booked
 * start. Null when it may be marked, else why not, with the start in the therapist's time zone.
 */
export function inCareTooEarly(firstSessionAt: Date | null, now: Date, timeZone: string): string | null {
	if (!firstSessionAt) return 'No first session is booked yet: book it first.'
	if (now >= firstSessionAt) return null
	return `The first session is booked for ${formatDateTime(firstSessionAt, timeZone, { audience: 'email', now })}. You can say it took place once it has started.`
}
