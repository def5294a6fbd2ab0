// What the top of a clinic's referral page says (docs/product.md §4): where the referral stands
// (status, the chosen therapist and the booked first session, who was offered and by when they must
// answer, the patient's link), the next steps its status allows, and the offer state each
// suggested therapist carries. Built from the lifecycle's own tables (transitions.ts, offers.ts). Pure.
import { type OfferStatus } from './offers.ts'
import { type Tone } from './referral-list.ts'
import { canSendPatientLink, type ReferralStatus } from './statuses.ts'
import { allowedActions } from './transitions.ts'
import { dateTimeFormat } from '#app/utils/intl.ts'

/** A clinic may name a therapist itself while the referral is out to therapists. */
export const DIRECT_OFFER_STATUSES = ['open'] as const satisfies readonly ReferralStatus[]

export const canOfferDirectly = (status: ReferralStatus) => (DIRECT_OFFER_STATUSES as readonly ReferralStatus[]).includes(status)

/**
 * A moment in words where the clinic is: "Fri, Dec 4, 12:00 PM CST". The one place this module
 * formats a time, so a shared time module can take its place.
 */
export function momentText(at: Date, timeZone: string): string {
	return dateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' }).format(at)
}

/** "Fri, Dec 4": a day where the clinic is. */
export function dayText(at: Date, timeZone: string): string {
	return dateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', timeZone }).format(at)
}

export type SummaryOffer = { therapistName: string; status: OfferStatus; expiresAt: Date; proposedTimes: readonly Date[] }
export type SummaryInput = {
	status: ReferralStatus
	offers: readonly SummaryOffer[]
	firstSessionAt: Date | null
	link: { expiresAt: Date; lastOpenedAt: Date | null } | null
	now: Date
	timeZone: string
}
export type SummaryFact = { label: string; value: string }

/** The facts under the status pill, most decisive first; only those that apply. */
export function summaryFacts(input: SummaryInput): SummaryFact[] {
	const { offers, timeZone } = input
	const facts: SummaryFact[] = []
	const chosen = offers.find((o) => o.status === 'chosen')
	if (chosen) facts.push({ label: 'Chosen therapist', value: chosen.therapistName })
	if (input.firstSessionAt) facts.push({ label: 'First session', value: momentText(input.firstSessionAt, timeZone) })
	else if (chosen) facts.push({ label: 'First session', value: 'Not booked yet: the therapist and the patient arrange it' })
	const pending = offers.filter((o) => o.status === 'pending').sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime())
	if (pending.length) facts.push({ label: 'Waiting for an answer', value: pending.map((o) => `${o.therapistName} (by ${momentText(o.expiresAt, timeZone)})`).join('; ') })
	const accepted = offers.filter((o) => o.status === 'accepted')
	if (accepted.length) facts.push({ label: 'Accepted, waiting for the patient', value: accepted.map((o) => o.therapistName).join('; ') })
	if (canSendPatientLink(input.status) || input.link) facts.push({ label: 'The patient’s link', value: linkText(input.link, timeZone) })
	if (!facts.length && input.status === 'open') facts.push({ label: 'Offers', value: 'None out right now: the next round goes out shortly' })
	return facts
}

export function linkText(link: SummaryInput['link'], timeZone: string): string {
	if (!link) return 'None in use'
	const opened = link.lastOpenedAt ? `Opened ${momentText(link.lastOpenedAt, timeZone)}` : 'Not opened yet'
	return `${opened}; works until ${momentText(link.expiresAt, timeZone)}`
}

export type NextStep =
	| { kind: 'post' }
	| { kind: 'edit_draft' }
	| { kind: 'repost' }
	| { kind: 'relax_criteria' }
	| { kind: 'send_link'; first: boolean }
	| { kind: 'revoke_link' }
	| { kind: 'record_choice' }
	| { kind: 'offer_therapist' }
	| { kind: 'cancel' }

/** Which steps ask before they act (ConfirmAction): the destructive and the final ones. */
export const CONFIRMED_STEPS = ['cancel', 'revoke_link', 'record_choice'] as const satisfies readonly NextStep['kind'][]

/**
 * The steps the referral allows now, in the order a coordinator would take them: what moves it
 * forward first, cancelling last. The lifecycle (transitions.ts) decides post, repost and cancel.
 */
export function nextSteps(input: { status: ReferralStatus; draftComplete: boolean; hasLink: boolean; acceptedOffers: number }): NextStep[] {
	const actions = allowedActions(input.status)
	const steps: NextStep[] = []
	if (actions.includes('post')) steps.push(...(input.draftComplete ? [{ kind: 'post' as const }] : []), { kind: 'edit_draft' })
	if (actions.includes('repost')) steps.push({ kind: 'relax_criteria' }, { kind: 'repost' })
	if (input.status === 'shortlisted' && input.acceptedOffers > 0) steps.push({ kind: 'record_choice' })
	if (canSendPatientLink(input.status)) steps.push({ kind: 'send_link', first: !input.hasLink })
	if (input.hasLink) steps.push({ kind: 'revoke_link' })
	if (canOfferDirectly(input.status)) steps.push({ kind: 'offer_therapist' })
	if (actions.includes('cancel')) steps.push({ kind: 'cancel' })
	return steps
}

/** The pill a suggested therapist carries for this referral: their offer's state, or nothing when none was sent. */
export type OfferPill = { text: string; tone: Tone }

export function offerPill(offer: { status: OfferStatus; expiresAt: Date } | null, timeZone: string): OfferPill | null {
	if (!offer) return null
	switch (offer.status) {
		case 'pending':
			return { text: `Offer sent, answer due ${momentText(offer.expiresAt, timeZone)}`, tone: 'info' }
		case 'accepted':
			return { text: 'Accepted', tone: 'success' }
		case 'chosen':
			return { text: 'Chosen by the patient', tone: 'success' }
		case 'declined':
			return { text: 'Declined', tone: 'neutral' }
		case 'expired':
			return { text: 'Did not answer in time', tone: 'neutral' }
		case 'withdrawn':
			return { text: 'Offer withdrawn', tone: 'neutral' }
		case 'released':
			return { text: 'Not chosen', tone: 'neutral' }
		case 'retracted':
			return { text: 'Stepped back', tone: 'neutral' }
	}
}

/** Of a therapist's offers for one referral, the one that says where they stand: the latest. */
export function latestOffer<O extends { therapistId: string; sentAt: Date }>(offers: readonly O[]): Map<string, O> {
	const latest = new Map<string, O>()
	for (const offer of offers) {
		const known = latest.get(offer.therapistId)
		if (!known || known.sentAt < offer.sentAt) latest.set(offer.therapistId, offer)
	}
	return latest
}
