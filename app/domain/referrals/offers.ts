// Offers (docs/product.md §4): which offer status may follow which, the response window, the rounds of
// offers a referral gets, and the referral status that follows from its offers' states. Pure.
import { type ReferralStatus } from './statuses.ts'

export const OFFER_STATUSES = ['pending', 'accepted', 'declined', 'expired', 'withdrawn', 'chosen', 'released', 'retracted'] as const
export type OfferStatus = (typeof OFFER_STATUSES)[number]

export const OFFER_STATUS_LABELS: Record<OfferStatus, string> = {
	pending: 'Waiting for an answer',
	accepted: 'Accepted',
	declined: 'Declined',
	expired: 'Expired',
	withdrawn: 'Withdrawn',
	chosen: 'Chosen by the patient',
	released: 'Released: the patient did not choose this offer, or the referral closed',
	retracted: 'Retracted by the therapist',
}

const OFFER_TRANSITIONS: Record<OfferStatus, readonly OfferStatus[]> = {
	pending: ['accepted', 'declined', 'expired', 'withdrawn'],
	// `expired`: the shortlist's deadline passed without the patient's choice (docs/product.md §4).
	accepted: ['chosen', 'released', 'retracted', 'expired'],
	declined: [],
	expired: [],
	withdrawn: [],
	// Not in docs/product.md's offer list, but its `matched → shortlisted` needs it: the chosen therapist
	// stepping back before the first session (ADR 0012).
	chosen: ['retracted'],
	// A re-confirmation (docs/product.md §4): the chosen therapist stepped back, so an acceptance that
	// choice released is asked again, pending for RECONFIRM_WINDOW_HOURS (ADR 0024).
	released: ['pending'],
	retracted: [],
}

export type OfferTransitionCheck = { ok: true } | { ok: false; message: string }

export function checkOfferTransition(from: OfferStatus, to: OfferStatus): OfferTransitionCheck {
	if (OFFER_TRANSITIONS[from].includes(to)) return { ok: true }
	return { ok: false, message: `An offer that is ${OFFER_STATUS_LABELS[from].toLowerCase()} cannot become ${OFFER_STATUS_LABELS[to].toLowerCase()}.` }
}

/** Statuses an offer may leave for `to` (the conditional update's `WHERE status IN …`). */
export function offerSourcesOf(to: OfferStatus): OfferStatus[] {
	return OFFER_STATUSES.filter((from) => OFFER_TRANSITIONS[from].includes(to))
}

/**
 * A therapist's load (docs/product.md §4): their pending, accepted and chosen offers on referrals not
 * yet in care — and still going (a cancelled referral's chosen offer is no work).
 */
export const LOAD_OFFER_STATUSES = ['pending', 'accepted', 'chosen'] as const satisfies readonly OfferStatus[]
export const LOAD_REFERRAL_STATUSES = ['open', 'shortlisted', 'matched', 'scheduled'] as const satisfies readonly ReferralStatus[]

/**
 * A therapist's booked first sessions: the chosen offers of referrals scheduled or past their first
 * session (the hour stays taken once it happened); a cancelled referral frees it.
 */
export const BOOKED_REFERRAL_STATUSES = ['scheduled', 'in_care', 'completed'] as const satisfies readonly ReferralStatus[]

export function holdsBookedSession(offerStatus: OfferStatus, referralStatus: ReferralStatus): boolean {
	return offerStatus === 'chosen' && (BOOKED_REFERRAL_STATUSES as readonly ReferralStatus[]).includes(referralStatus)
}

export function countsTowardsLoad(offerStatus: OfferStatus, referralStatus: ReferralStatus): boolean {
	return (LOAD_OFFER_STATUSES as readonly OfferStatus[]).includes(offerStatus) && (LOAD_REFERRAL_STATUSES as readonly ReferralStatus[]).includes(referralStatus)
}

/** Offers per round and rounds per posting (docs/product.md §4 defaults). */
export const OFFERS_PER_ROUND = 5
export const MATCHING_ROUNDS = 3
/**
 * How long before a pending offer expires its therapist is reminded: 12 hours, and 4 for an urgent
 * referral, whose whole window is 12 hours (a 12-hour lead would fall at the moment it is sent).
 */
export const EXPIRING_NOTICE_HOURS = { routine: 12, urgent: 4 } as const
/** Proposed first-session times a therapist gives when accepting. */
export const MAX_PROPOSED_TIMES = 3

const HOUR_MS = 3_600_000

/** How long a therapist whose acceptance was released has to re-confirm it when the chosen therapist steps back. */
export const RECONFIRM_WINDOW_HOURS = 24

export function reconfirmExpiresAt(askedAt: Date): Date {
	return new Date(askedAt.getTime() + RECONFIRM_WINDOW_HOURS * HOUR_MS)
}

/** How long therapists have to answer an offer (docs/product.md §4). */
export const RESPONSE_WINDOW_HOURS = { routine: 48, urgent: 12 } as const

export function responseWindowHours(urgency: 'routine' | 'urgent'): number {
	return RESPONSE_WINDOW_HOURS[urgency]
}

export function offerExpiresAt(sentAt: Date, urgency: 'routine' | 'urgent'): Date {
	return new Date(sentAt.getTime() + responseWindowHours(urgency) * HOUR_MS)
}

/** When to remind the therapist, or null when the whole window is shorter than the reminder. */
export function expiringNoticeAt(sentAt: Date, expiresAt: Date, urgency: 'routine' | 'urgent'): Date | null {
	const at = new Date(expiresAt.getTime() - EXPIRING_NOTICE_HOURS[urgency] * HOUR_MS)
	return at > sentAt ? at : null
}

export const DECLINE_REASONS = {
	no_capacity: 'No room for new clients right now',
	schedule: 'My hours do not fit the integration window',
	outside_expertise: 'Outside my expertise or approach',
	fee_or_insurance: 'Fee or insurance does not fit',
	location: 'Location or format does not fit',
	conflict_of_interest: 'Conflict of interest',
	other: 'Another reason',
} as const
export type DeclineReason = keyof typeof DECLINE_REASONS
export const DECLINE_REASON_CODES = Object.keys(DECLINE_REASONS) as [DeclineReason, ...DeclineReason[]]

export type OfferCounts = Partial<Record<OfferStatus, number>>

/**
 * What the referral does after an offer changed or a round's offers ran out:
 * - `shortlist`: an open referral with an acceptance becomes shortlisted;
 * - `reopen`: a shortlisted referral whose acceptances are all gone is open again;
 * - `next_round`: an open referral with no offer pending or accepted gets the next round of offers
 *   (the round job itself turns it `unfilled` after the last round);
 * - `none`: nothing to do.
 */
export type FollowUp = 'shortlist' | 'reopen' | 'next_round' | 'none'

export function followUp(status: ReferralStatus, counts: OfferCounts): FollowUp {
	const accepted = counts.accepted ?? 0
	const pending = counts.pending ?? 0
	if (status === 'open' && accepted > 0) return 'shortlist'
	if (status === 'shortlisted' && accepted === 0) return 'reopen'
	if (status === 'open' && pending === 0) return 'next_round'
	return 'none'
}

export type RoundDecision = { kind: 'send'; round: number } | { kind: 'unfilled' } | { kind: 'wait' }

/**
 * Whether an open referral gets another round: not while offers are pending or accepted, never
 * past `MATCHING_ROUNDS`; after the last one, or when nobody is left to ask, it is unfilled.
 */
export function nextRound(status: ReferralStatus, roundsDone: number, counts: OfferCounts, rounds = MATCHING_ROUNDS): RoundDecision {
	if (status !== 'open' || (counts.pending ?? 0) > 0 || (counts.accepted ?? 0) > 0) return { kind: 'wait' }
	return roundsDone >= rounds ? { kind: 'unfilled' } : { kind: 'send', round: roundsDone + 1 }
}
