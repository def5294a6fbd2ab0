// A therapist's offers inbox (docs/product.md §4): offers still waiting for an answer first, the
// soonest deadline on top, each with how long is left; then everything answered, expired or closed.
// De-identified facts only (docs/product.md §5). Pure: `now` is given.
import { referralReference } from '#app/domain/notifications/lifecycle-notices.ts'
import { PHASES, REFERRAL_FORMATS, stateName, URGENCIES } from '#app/domain/reference/index.ts'
import { awaitsAnswer, dueIn, type Tone } from './offer-deadline.ts'
import { isReconfirmation, referralStatusSeenBy } from './offer-page.ts'
import { OFFER_STATUS_LABELS, type OfferStatus } from './offers.ts'
import { REFERRAL_STATUS_LABELS, type ReferralStatus } from './statuses.ts'

export type InboxSource = {
	id: string
	status: OfferStatus
	reconfirmAskedAt?: Date | null
	sentAt: Date
	expiresAt: Date
	referral: { id: string; status: ReferralStatus; phases: readonly string[]; format: string; patientState: string; urgency: 'routine' | 'urgent'; clinic: { name: string } }
}

export type InboxRow = {
	id: string
	reference: string
	clinic: string
	phases: string
	format: string
	patientState: string
	urgency: { label: string; tone: Tone }
	expiresAt: string
	/** How long is left to answer, on offers still waiting. */
	due: { text: string; tone: Tone } | null
	status: { label: string; tone: Tone }
	/** On an offer asked again after the chosen therapist stepped back, while it waits: said beside its deadline. */
	reconfirmation: string | null
}

const RECONFIRM_LABEL = 'Re-confirm: the chosen therapist stepped back'

function statusOf(offer: InboxSource, now: Date): { label: string; tone: Tone } {
	if (offer.status === 'pending' && offer.expiresAt <= now) return { label: 'Expired', tone: 'neutral' }
	// Asked again: said so in the inbox too, before they open it (docs/product.md §4).
	if (isReconfirmation(offer)) return { label: RECONFIRM_LABEL, tone: 'warning' }
	if (offer.status === 'pending') return { label: 'Waiting for your answer', tone: 'info' }
	if (offer.status === 'chosen') {
		const seen = referralStatusSeenBy(offer.status, offer.referral.status)
		return { label: `Chosen · ${REFERRAL_STATUS_LABELS[seen]}`, tone: seen === 'cancelled' || seen === 'completed' ? 'neutral' : 'success' }
	}
	if (offer.status === 'accepted') return { label: 'Accepted: waiting for the patient', tone: 'info' }
	return { label: OFFER_STATUS_LABELS[offer.status].split(':')[0]!, tone: 'neutral' }
}

/** The answered section puts what still involves the therapist first: their patients, then acceptances the patient has not acted on. */
function answeredRank(offer: InboxSource): number {
	if (offer.status === 'chosen' && offer.referral.status !== 'cancelled' && offer.referral.status !== 'completed') return 0
	if (offer.status === 'accepted') return 1
	return 2
}

function row(offer: InboxSource, now: Date): InboxRow {
	const { referral } = offer
	return {
		id: offer.id,
		reference: referralReference(referral.id),
		clinic: referral.clinic.name,
		phases: referral.phases.map((p) => PHASES.label(p)).join(', '),
		format: REFERRAL_FORMATS.label(referral.format),
		patientState: stateName(referral.patientState),
		urgency: { label: URGENCIES.label(referral.urgency), tone: referral.urgency === 'urgent' ? 'danger' : 'neutral' },
		expiresAt: offer.expiresAt.toISOString(),
		due: awaitsAnswer(offer, now) ? dueIn(offer.expiresAt, now) : null,
		status: statusOf(offer, now),
		reconfirmation: isReconfirmation(offer) && awaitsAnswer(offer, now) ? RECONFIRM_LABEL : null,
	}
}

/** Waiting offers by deadline (soonest first; an urgent referral first on a tie); the rest after, what still involves the therapist first, newest first. */
export function offerInbox(offers: readonly InboxSource[], now: Date): { waiting: InboxRow[]; answered: InboxRow[] } {
	const waiting = offers
		.filter((o) => awaitsAnswer(o, now))
		.sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime() || Number(b.referral.urgency === 'urgent') - Number(a.referral.urgency === 'urgent') || a.id.localeCompare(b.id))
	const answered = offers.filter((o) => !awaitsAnswer(o, now)).sort((a, b) => answeredRank(a) - answeredRank(b) || b.sentAt.getTime() - a.sentAt.getTime() || a.id.localeCompare(b.id))
	return { waiting: waiting.map((o) => row(o, now)), answered: answered.map((o) => row(o, now)) }
}
