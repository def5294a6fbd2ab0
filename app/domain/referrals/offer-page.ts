// What a therapist's page for one offer shows (docs/product.md §4, §5). Facts from after the patient's
// choice — the booked first session, the outcome, how far care went — reach the chosen therapist
// only: anyone else sees at most that the referral was matched. Pure.
import { type Range } from '#app/domain/availability/ranges.ts'
import { referralReference } from '#app/domain/notifications/lifecycle-notices.ts'
import { URGENCIES } from '#app/domain/reference/index.ts'
import { timeZoneName } from '#app/domain/therapists/profile-text.ts'
import { careOutcomeLabel } from './care.ts'
import { dueIn } from './offer-deadline.ts'
import { stageOneFacts, type StageOneReferral } from './offer-facts.ts'
import { DECLINE_REASONS, MAX_PROPOSED_TIMES, OFFER_STATUS_LABELS, type OfferStatus } from './offers.ts'
import { dayHeading, type ProposalWindowKind, SESSION_MINUTES, slotsByDay } from './proposals.ts'
import { REFERRAL_STATUS_LABELS, type ReferralStatus } from './statuses.ts'

/** Statuses a referral reaches only after the choice: what they say is the chosen therapist's business. */
const AFTER_THE_CHOICE: readonly ReferralStatus[] = ['scheduled', 'in_care', 'completed']

/** The referral's status as this offer's therapist may know it. */
export function referralStatusSeenBy(offerStatus: OfferStatus, referralStatus: ReferralStatus): ReferralStatus {
	return offerStatus !== 'chosen' && AFTER_THE_CHOICE.includes(referralStatus) ? 'matched' : referralStatus
}

/** What a therapist asked to re-confirm reads, on the offer's page and in the inbox (docs/product.md §4). */
export const RECONFIRMATION_QUESTION = 'The patient’s chosen therapist stepped back; are you still available?'

/** A pending offer asked again after the chosen therapist stepped back. */
export function isReconfirmation(offer: { status: OfferStatus; reconfirmAskedAt?: Date | null }): boolean {
	return offer.status === 'pending' && Boolean(offer.reconfirmAskedAt)
}

export type OfferPageSource = {
	id: string
	status: OfferStatus
	/** Set when the offer was asked again after the chosen therapist stepped back. */
	reconfirmAskedAt?: Date | null
	expiresAt: Date
	proposedTimes: readonly Date[]
	declineReason: string | null
	referral: StageOneReferral & {
		id: string
		status: ReferralStatus
		firstSessionAt: Date | null
		outcome: string | null
		clinic: { name: string; city: string; state: string; timeZone: string }
	}
	therapist: { timeZone: string }
}

/** Whether the page offers free hours: to propose on a live pending offer, or to book once chosen. */
export function offersFreeHours(offer: Pick<OfferPageSource, 'status' | 'expiresAt'> & { referral: { status: ReferralStatus } }, now: Date): boolean {
	const { status } = offer.referral
	if (offer.status === 'pending') return offer.expiresAt > now && (status === 'open' || status === 'shortlisted')
	return offer.status === 'chosen' && status === 'matched'
}

/** The page's data, without the patient's details and the thread (stage 2: read only for the chosen therapist). */
export function offerPage(offer: OfferPageSource, now: Date, officeMiles: number | null) {
	const { referral } = offer
	const chosen = offer.status === 'chosen'
	const status = referralStatusSeenBy(offer.status, referral.status)
	return {
		offer: {
			id: offer.id,
			status: offer.status,
			statusLabel: OFFER_STATUS_LABELS[offer.status],
			expiresAt: offer.expiresAt.toISOString(),
			expired: offer.expiresAt <= now,
			due: offer.status === 'pending' && offer.expiresAt > now ? dueIn(offer.expiresAt, now) : null,
			proposedTimes: offer.proposedTimes.map((t) => t.toISOString()),
			declineReason: offer.declineReason ? (DECLINE_REASONS[offer.declineReason as keyof typeof DECLINE_REASONS] ?? offer.declineReason) : null,
			reconfirmation: isReconfirmation(offer) ? RECONFIRMATION_QUESTION : null,
		},
		referral: {
			reference: referralReference(referral.id),
			urgency: { label: URGENCIES.label(referral.urgency), urgent: referral.urgency === 'urgent' },
			status,
			statusLabel: REFERRAL_STATUS_LABELS[status],
			firstSessionAt: chosen ? (referral.firstSessionAt?.toISOString() ?? null) : null,
			outcome: chosen ? careOutcomeLabel(referral.outcome) : null,
			integration: referral.phases.includes('integration'),
			facts: stageOneFacts(referral, referral.clinic.timeZone, officeMiles),
		},
		clinic: { name: referral.clinic.name, place: `${referral.clinic.city}, ${referral.clinic.state}` },
	}
}

const WINDOW_NAMES: Record<ProposalWindowKind, string> = {
	preparation: 'the preparation window, before the first dosing session',
	integration: 'the integration window after the first dosing session',
	in_session: 'the first dosing session',
}

/**
 * What the time picker shows: the window the first session must fall in, and the free times in it
 * grouped by day, all in the therapist's zone, which is named.
 */
export function proposalPicker(kind: ProposalWindowKind, windows: readonly Range[], times: readonly Date[], timeZone: string) {
	const first = windows[0]
	const last = windows.at(-1)
	const from = first ? dayHeading(first.start, timeZone) : null
	const to = last ? dayHeading(new Date(last.end.getTime() - 1), timeZone) : null
	return {
		zone: timeZoneName(timeZone),
		window: from && to ? `Times in ${WINDOW_NAMES[kind]}: ${from === to ? from : `${from} to ${to}`}.` : `There is no time left in ${WINDOW_NAMES[kind]}.`,
		days: slotsByDay(times, timeZone),
		max: MAX_PROPOSED_TIMES,
		sessionMinutes: SESSION_MINUTES,
	}
}
