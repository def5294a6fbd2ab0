// A referral as the clinic API returns it (PRODUCT.md §8.3): the same shape it was posted in, plus
// its status (with the FHIR Task equivalent, `fhirStatus`), its offers, the booked first session
// and the timeline of the referral and its offers. Times carry the clinic's offset. Pure.
import { TZDate } from '@date-fns/tz'
import { cadenceOf, withOffset } from './dosing.ts'
import { type StoredReferral } from './referral-form.ts'
import { type OfferStatus } from './offers.ts'
import { FHIR_TASK_STATUS, type ReferralStatus } from './statuses.ts'
import { allowedActions } from './transitions.ts'

type Patient = { firstName: string; lastName: string; email: string; phone: string | null; birthDate: Date; notes: string }
type Event = { at: Date; actor: string; fromStatus: ReferralStatus | null; toStatus: ReferralStatus; reason: string | null }
type Offer = {
	id: string
	status: OfferStatus
	round: number
	sentAt: Date
	respondedAt: Date | null
	proposedTimes: Date[]
	therapist: { id: string; fullName: string }
	events: { at: Date; actor: string; fromStatus: OfferStatus | null; toStatus: OfferStatus; reason: string | null }[]
}

/**
 * The series: every dose with the clinic's offset on its own date, how long each takes, and, as in
 * the first release, the first dose, the count and (for an evenly spaced series) the cadence.
 */
export function dosingResource(doses: readonly Date[], doseMinutes: number, timeZone: string) {
	const { sessions, cadenceDays } = cadenceOf(doses, timeZone)
	return {
		firstSessionAt: withOffset(doses[0]!, timeZone),
		sessions,
		...(cadenceDays !== null ? { cadenceDays } : {}),
		sessionsAt: doses.map((d) => withOffset(d, timeZone)),
		durationMinutes: doseMinutes,
	}
}

const by = (actor: string) => (actor.startsWith('api_key:') ? 'api_key' : actor.startsWith('user:') ? 'user' : actor === 'patient' ? 'patient' : 'tandem')

export function referralResource(
	referral: StoredReferral & { id: string; status: ReferralStatus; createdAt: Date; postedAt: Date | null; firstSessionAt: Date | null; outcome: string | null },
	patient: Patient | null,
	events: readonly Event[],
	offers: readonly Offer[],
	timeZone: string,
) {
	const at = (d: Date) => new TZDate(d.getTime(), timeZone).toISOString()
	return {
		id: referral.id,
		status: referral.status,
		fhirStatus: FHIR_TASK_STATUS[referral.status],
		/** Deprecated: the same as `fhirStatus`, kept for clients of the first release. */
		fhir: FHIR_TASK_STATUS[referral.status],
		allowedActions: allowedActions(referral.status),
		patientState: referral.patientState,
		ageBand: referral.ageBand,
		phases: referral.phases,
		format: referral.format,
		modalities: referral.modalities,
		focusAreas: referral.focusAreas,
		languages: referral.languages,
		payment: referral.paymentType === 'insurance' ? { type: 'insurance', payer: referral.payer } : { type: 'self_pay', ...(referral.maxRate !== null ? { maxRate: referral.maxRate } : {}) },
		urgency: referral.urgency,
		dosing: dosingResource(referral.dosingSessionsAt, referral.doseMinutes, timeZone),
		preparationWindowHours: { from: referral.preparationFromHour, to: referral.preparationToHour },
		integrationWindowHours: { from: referral.integrationFromHour, to: referral.integrationToHour },
		timingRequired: referral.timingRequired,
		acceptSupervised: referral.acceptSupervised,
		radiusMiles: referral.radiusMiles,
		patient: patient
			? { firstName: patient.firstName, lastName: patient.lastName, email: patient.email, ...(patient.phone ? { phone: patient.phone } : {}), birthDate: patient.birthDate.toISOString().slice(0, 10), notes: patient.notes }
			: null,
		createdAt: at(referral.createdAt),
		postedAt: referral.postedAt ? at(referral.postedAt) : null,
		firstSessionAt: referral.firstSessionAt ? at(referral.firstSessionAt) : null,
		outcome: referral.outcome,
		offers: offers.map((o) => ({
			id: o.id,
			therapist: o.therapist,
			status: o.status,
			round: o.round,
			sentAt: at(o.sentAt),
			respondedAt: o.respondedAt ? at(o.respondedAt) : null,
			proposedTimes: o.proposedTimes.map(at),
		})),
		timeline: events.map((e) => ({ at: at(e.at), from: e.fromStatus, to: e.toStatus, by: by(e.actor), reason: e.reason })),
		offerTimeline: offers
			.flatMap((o) => o.events.map((e) => ({ offerId: o.id, at: e.at, from: e.fromStatus, to: e.toStatus, by: by(e.actor), reason: e.reason })))
			.sort((a, b) => a.at.getTime() - b.at.getTime())
			.map((e) => ({ ...e, at: at(e.at) })),
	}
}
