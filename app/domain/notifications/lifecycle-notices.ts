// What each lifecycle event tells whom (docs/product.md §4, §5): the in-app line and the email, who
// receives it, and whether it needs them to act (essential emails cannot be turned off). Never PHI:
// a referral is named by its reference, state and phases, never by anything about the patient.
// Times are in the audience's zone (the clinic's, or the therapist's own), named as on that date.
import { EXPIRING_NOTICE_HOURS } from '#app/domain/referrals/offers.ts'
import { type AfterShortlist } from '#app/domain/referrals/shortlist-deadline.ts'
import { type UnfilledWhy, unfilledWords } from '#app/domain/referrals/why-not.ts'
import { formatDateTime, formatRelative } from '#app/domain/time-format.ts'
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
	'offer_reconfirm',
	'shortlist_expired',
	'shortlist_lapsed',
	'series_changed',
	'session_unfit',
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
	/** The booked first session (`session_booked`). */
	firstSessionAt?: Date | null
	/** What follows a step back or a lapsed shortlist (`chosen_stepped_back`, `shortlist_lapsed`), and how many therapists are asked to re-confirm. */
	next?: AfterShortlist | null
	reconfirming?: number | null
	/** Where each audience reads times: the clinic's zone, and the therapist's own (null without an offer). */
	clinicTimeZone: string
	therapistTimeZone: string | null
}

/** `subject` is the email's, whole: it names the referral by its reference, never by its patient. */
export type Notice = { audience: Audience; essential: boolean; subject: string; text: string; href: string }

/** A short reference for a referral that says nothing about its patient. */
export function referralReference(referralId: string): string {
	return `R-${referralId.slice(-6).toUpperCase()}`
}

const phaseWords = (phases: readonly string[]) => phases.map((p) => p.replace('_', '-')).join(', ')

/** The notices an event gives, one per audience; `now` is when they are sent. */
export function noticesFor(event: NotifyEvent, facts: NoticeFacts, now: Date): Notice[] {
	const ref = referralReference(facts.referralId)
	const clinicHref = `/clinics/${facts.clinicId}/referrals/${facts.referralId}`
	const offerHref = facts.offerId ? `/therapist/offers/${facts.offerId}` : '/therapist/offers'
	const what = `${phaseWords(facts.phases) || 'therapy'} support for a patient${facts.patientState ? ` in ${facts.patientState}` : ''}`
	const when = (at: Date, audience: Audience) => formatDateTime(at, audience === 'clinic' ? facts.clinicTimeZone : (facts.therapistTimeZone ?? facts.clinicTimeZone), { audience: 'email', now })
	const clinic = (subject: string, text: string, essential = false): Notice => ({ audience: 'clinic', essential, subject, text, href: clinicHref })
	const therapist = (subject: string, text: string, essential = false): Notice => ({ audience: 'therapist', essential, subject, text, href: offerHref })
	switch (event) {
		case 'offer_received': {
			const by = facts.expiresAt ? when(facts.expiresAt, 'therapist') : null
			return [
				therapist(
					`New referral offer ${ref} from ${facts.clinicName}${by ? `: please reply by ${by}` : ''}`,
					`New referral offer ${ref} from ${facts.clinicName}: ${what}. Please accept or decline${by ? ` by ${by}` : ''}.`,
					true,
				),
			]
		}
		case 'offer_expiring': {
			const left = facts.expiresAt ? formatRelative(facts.expiresAt, now) : `in ${EXPIRING_NOTICE_HOURS[facts.urgency]} hours`
			const at = facts.expiresAt ? ` (${when(facts.expiresAt, 'therapist')})` : ''
			return [therapist(`Referral offer ${ref} from ${facts.clinicName} expires ${left}`, `The referral offer from ${facts.clinicName} (${ref}) expires ${left}${at}.`)]
		}
		case 'offer_accepted':
			return [clinic(`Referral ${ref}: a therapist accepted`, `A therapist accepted referral ${ref}. The patient has been sent their link to choose.`)]
		case 'offer_released':
			return [therapist(`Referral ${ref}: the patient chose another therapist`, `The patient of referral ${ref} chose another therapist; your acceptance is released.`)]
		// The patient turned down the whole shortlist: nobody was chosen, and the therapist hears exactly that.
		case 'none_fit':
			return [
				therapist(
					`Referral ${ref}: the patient chose none of the therapists offered`,
					`The patient of referral ${ref} said that none of the therapists offered to them fit, so nobody was chosen. Your acceptance is released; thank you for offering.`,
				),
			]
		case 'offer_retracted':
			return [clinic(`Referral ${ref}: a therapist withdrew their acceptance`, `A therapist withdrew their acceptance of referral ${ref}.`)]
		case 'patient_chose':
			return [
				clinic(`Referral ${ref}: the patient chose a therapist`, `The patient chose a therapist for referral ${ref}.`),
				therapist(`Referral ${ref}: the patient chose you`, `The patient of referral ${ref} from ${facts.clinicName} chose you. Their details are ready in Tandem.`, true),
			]
		case 'session_booked': {
			const booked = (audience: Audience) => `The first session for referral ${ref} is booked${facts.firstSessionAt ? ` for ${when(facts.firstSessionAt, audience)}` : ''}.`
			const subject = `Referral ${ref}: the first session is booked`
			return [clinic(subject, booked('clinic')), therapist(subject, booked('therapist'))]
		}
		case 'referral_unfilled':
			return [clinic(`Referral ${ref} is unfilled`, `Referral ${ref} is unfilled: ${unfilledWords(facts.unfilled ?? null)}`, true)]
		case 'referral_cancelled':
			return [therapist(`${facts.clinicName} cancelled referral ${ref}`, `${facts.clinicName} cancelled referral ${ref}.`)]
		case 'in_care':
			return [clinic(`Referral ${ref}: the patient is in care`, `The patient of referral ${ref} had their first session and is in care.`)]
		// What follows is said as it will happen: never "offered to others" when no round is left.
		case 'chosen_stepped_back':
			return [clinic(`Referral ${ref}: the chosen therapist stepped back`, `The therapist chosen for referral ${ref} stepped back before the first session. ${whatFollows(facts)}`, true)]
		case 'offer_reconfirm': {
			const by = facts.expiresAt ? when(facts.expiresAt, 'therapist') : null
			return [
				therapist(
					`Referral ${ref}: are you still available?${by ? ` Please reply by ${by}` : ''}`,
					`The patient’s chosen therapist stepped back from referral ${ref} (${facts.clinicName}); are you still available? Re-confirm${by ? ` by ${by}` : ' within 24 hours'} and the patient can choose you again.`,
					true,
				),
			]
		}
		case 'shortlist_expired':
			return [
				therapist(
					`Referral ${ref}: the patient did not choose in time`,
					`The patient of referral ${ref} did not choose a therapist before the shortlist’s deadline, so your acceptance has expired and frees its place in your capacity. Thank you for offering.`,
				),
			]
		case 'shortlist_lapsed':
			return [
				clinic(
					`Referral ${ref}: the patient did not choose before the deadline`,
					`The patient of referral ${ref} did not choose before the shortlist’s deadline; the acceptances have expired. ${whatFollows(facts)}`,
					true,
				),
			]
		case 'series_changed':
			return [
				therapist(
					`${facts.clinicName} changed the dosing sessions of referral ${ref}`,
					`${facts.clinicName} changed the dosing sessions of referral ${ref}. Your plan of sessions follows; look it over in Tandem.`,
					true,
				),
			]
		// A booked session is outside its window now: the therapist reschedules it, the clinic knows it is pending.
		case 'session_unfit':
			return [
				therapist(
					`Referral ${ref}: a booked session no longer fits the dosing sessions`,
					`After ${facts.clinicName} changed the dosing sessions of referral ${ref}, a session you booked is no longer in its window. Give it another time in Tandem.`,
					true,
				),
				clinic(
					`Referral ${ref}: a booked session no longer fits the dosing sessions`,
					`After the change to the dosing sessions of referral ${ref}, a session the therapist booked is no longer in its window. The therapist has been asked to move it.`,
					true,
				),
			]
		// What the message says stays in Tandem: it may carry patient details.
		case 'message_to_therapist':
			return [therapist(`New message from ${facts.clinicName} on referral ${ref}`, `New message from ${facts.clinicName} on referral ${ref}.`, true)]
		case 'message_to_clinic':
			return [clinic(`New message from the therapist on referral ${ref}`, `New message from the therapist on referral ${ref}.`, true)]
	}
}

function whatFollows(facts: NoticeFacts): string {
	switch (facts.next) {
		case 'reconfirm': {
			const n = facts.reconfirming ?? 0
			return `Tandem is asking the ${n === 1 ? 'therapist' : `${n} therapists`} the patient could also have chosen whether they are still available (24 hours); the patient gets a new link as soon as one re-confirms, and otherwise the next round of offers goes out.`
		}
		case 'unfilled':
			return 'Every round of offers has been sent, so the referral is unfilled; a notice with what left therapists out follows.'
		case 'next_round':
			return 'Tandem is sending the next round of offers; the patient gets a new link when a therapist accepts, and you are told if nobody eligible is left.'
		default:
			return 'Tandem is looking for therapists again.'
	}
}

/** The email for a notice: its whole subject, the same line and a link to the app, nothing more. */
export function noticeEmail(notice: Notice, url: string): Email {
	return email('notice', notice.subject, [notice.text, ...(notice.essential ? [] : ['You can turn off emails like this one on your notifications page.'])], { label: 'Open Tandem', url })
}
