// What each lifecycle event tells whom (docs/product.md §4, §5): the in-app line and the email, who
// receives it, and whether it needs them to act (essential emails cannot be turned off). Never PHI:
// a referral is named by its reference, state and phases, never by anything about the patient.
import { EXPIRING_NOTICE_HOURS } from '#app/domain/referrals/offers.ts'
import { type UnfilledWhy, unfilledWords } from '#app/domain/referrals/why-not.ts'
import { email, type Email } from './emails.ts'

export const NOTIFY_EVENTS = [
	'offer_received',
	'offer_expiring',
	'offer_accepted',
	'offer_released',
	'none_fit',
	'offer_retracted',
	'patient_chose',
	'session_booked',
	'referral_unfilled',
	'referral_cancelled',
	'in_care',
	'message_to_therapist',
	'message_to_clinic',
	'chosen_stepped_back',
] as const
export type NotifyEvent = (typeof NOTIFY_EVENTS)[number]

/** Who hears of an event: the clinic's members, or the therapist of the offer it is about. */
export type Audience = 'clinic' | 'therapist'

export type NoticeFacts = {
	referralId: string
	clinicId: string
	clinicName: string
	/** Null for a draft that never had one (a draft can be cancelled). */
	patientState: string | null
	phases: readonly string[]
	offerId: string | null
	/** When the offer's response window ends (offer notices). */
	expiresAt: Date | null
	urgency: 'routine' | 'urgent'
	/** Why the referral is unfilled (`referral_unfilled`), when the change said. */
	unfilled?: UnfilledWhy | null
}

export type Notice = { audience: Audience; essential: boolean; text: string; href: string }

/** A short reference for a referral that says nothing about its patient. */
export function referralReference(referralId: string): string {
	return `R-${referralId.slice(-6).toUpperCase()}`
}

const phaseWords = (phases: readonly string[]) => phases.map((p) => p.replace('_', '-')).join(', ')

/** The notices an event gives, one per audience. */
export function noticesFor(event: NotifyEvent, facts: NoticeFacts): Notice[] {
	const ref = referralReference(facts.referralId)
	const clinicHref = `/clinics/${facts.clinicId}/referrals/${facts.referralId}`
	const offerHref = facts.offerId ? `/therapist/offers/${facts.offerId}` : '/therapist/offers'
	const what = `${phaseWords(facts.phases) || 'therapy'} support for a patient${facts.patientState ? ` in ${facts.patientState}` : ''}`
	const clinic = (text: string, essential = false): Notice => ({ audience: 'clinic', essential, text, href: clinicHref })
	const therapist = (text: string, essential = false): Notice => ({ audience: 'therapist', essential, text, href: offerHref })
	switch (event) {
		case 'offer_received':
			return [
				therapist(
					`New referral offer from ${facts.clinicName}: ${what}. Please accept or decline${facts.expiresAt ? ` by ${facts.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` : ''}.`,
					true,
				),
			]
		case 'offer_expiring':
			return [therapist(`The referral offer from ${facts.clinicName} (${ref}) expires in ${EXPIRING_NOTICE_HOURS[facts.urgency]} hours.`)]
		case 'offer_accepted':
			return [clinic(`A therapist accepted referral ${ref}. The patient has been sent their link to choose.`)]
		case 'offer_released':
			return [therapist(`The patient of referral ${ref} chose another therapist; your acceptance is released.`)]
		// The patient turned down the whole shortlist: nobody was chosen, and the therapist hears exactly that.
		case 'none_fit':
			return [therapist(`The patient of referral ${ref} said that none of the therapists offered to them fit, so nobody was chosen. Your acceptance is released; thank you for offering.`)]
		case 'offer_retracted':
			return [clinic(`A therapist withdrew their acceptance of referral ${ref}.`)]
		case 'patient_chose':
			return [clinic(`The patient chose a therapist for referral ${ref}.`), therapist(`The patient of referral ${ref} from ${facts.clinicName} chose you. Their details are ready in Tandem.`, true)]
		case 'session_booked':
			return [clinic(`The first session for referral ${ref} is booked.`), therapist(`The first session for referral ${ref} is booked.`)]
		case 'referral_unfilled':
			return [clinic(`Referral ${ref} is unfilled: ${unfilledWords(facts.unfilled ?? null)}`, true)]
		case 'referral_cancelled':
			return [therapist(`${facts.clinicName} cancelled referral ${ref}.`)]
		case 'in_care':
			return [clinic(`The patient of referral ${ref} had their first session and is in care.`)]
		case 'chosen_stepped_back':
			return [
				clinic(
					`The therapist chosen for referral ${ref} stepped back before the first session. Tandem is offering it to other therapists; the patient will get a new link when someone accepts.`,
					true,
				),
			]
		// What the message says stays in Tandem: it may carry patient details.
		case 'message_to_therapist':
			return [therapist(`New message from ${facts.clinicName} on referral ${ref}.`, true)]
		case 'message_to_clinic':
			return [clinic(`New message from the therapist on referral ${ref}.`, true)]
	}
}

/** The email for a notice: the same line and a link to the app, nothing more. */
export function noticeEmail(notice: Notice, url: string): Email {
	const subject = notice.text.length > 90 ? `${notice.text.slice(0, 87)}…` : notice.text
	return email('notice', subject, [notice.text, ...(notice.essential ? [] : ['You can turn off emails like this one on your notifications page.'])], { label: 'Open Tandem', url })
}
