// A referral as the clinic API returns it (docs/product.md §8.3): the same shape it was posted in, plus
// its status (with the FHIR Task equivalent, `fhirStatus`), its offers, the booked first session
// the timeline of the referral and its offers, and the series plan's sessions (docs/product.md §4a).
// Times carry the clinic's offset. What a draft
// has not been given yet is left out (never null), and a draft says what posting still needs. Pure.
import { TZDate } from '@date-fns/tz'
import { cadenceOf, withOffset } from './dosing.ts'
import { type StoredReferral } from './referral-form.ts'
import { storedMissing } from './referral-input.ts'
import { type OfferStatus } from './offers.ts'
import { FHIR_TASK_STATUS, type ReferralStatus } from './statuses.ts'
import { allowedActions } from './transitions.ts'

type Patient = { firstName: string | null; lastName: string | null; email: string | null; phone: string | null; birthDate: Date | null; notes: string }
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

/** A draft's series before it can be expanded: what was given of it. */
function incompleteDosing(referral: Pick<StoredReferral, 'firstDosingAt' | 'draftDoseCount' | 'draftCadenceDays' | 'doseMinutes'>, timeZone: string) {
	return {
		...(referral.firstDosingAt ? { firstSessionAt: withOffset(referral.firstDosingAt, timeZone) } : {}),
		...(referral.draftDoseCount !== null ? { sessions: referral.draftDoseCount } : {}),
		...(referral.draftCadenceDays !== null ? { cadenceDays: referral.draftCadenceDays } : {}),
		durationMinutes: referral.doseMinutes,
	}
}

/** The fields given, without those left out (null in the database). */
const present = <T extends Record<string, unknown>>(fields: T) => Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== undefined)) as { [K in keyof T]?: NonNullable<T[K]> }

/** The payment as given: today's shape for a complete one; a draft's holds what it has, or is left out. */
function paymentResource(referral: Pick<StoredReferral, 'paymentType' | 'payer' | 'maxRate'>) {
	if (referral.paymentType === 'insurance') return { type: 'insurance' as const, ...present({ payer: referral.payer }) }
	if (referral.paymentType === 'self_pay') return { type: 'self_pay' as const, ...present({ maxRate: referral.maxRate }) }
	return referral.payer === null && referral.maxRate === null ? undefined : present({ payer: referral.payer, maxRate: referral.maxRate })
}

const by = (actor: string) => (actor.startsWith('api_key:') ? 'api_key' : actor.startsWith('user:') ? 'user' : actor === 'patient' ? 'patient' : 'tandem')

type Session = { id: string; phase: string; doseIndex: number; startsAt: Date; endsAt: Date; status: string }

export function referralResource(
	referral: StoredReferral & { id: string; status: ReferralStatus; createdAt: Date; postedAt: Date | null; firstSessionAt: Date | null; outcome: string | null },
	patient: Patient | null,
	events: readonly Event[],
	offers: readonly Offer[],
	timeZone: string,
	sessions: readonly Session[] = [],
) {
	const at = (d: Date) => new TZDate(d.getTime(), timeZone).toISOString()
	return {
		id: referral.id,
		status: referral.status,
		fhirStatus: FHIR_TASK_STATUS[referral.status],
		/** Deprecated: the same as `fhirStatus`, kept for clients of the first release. */
		fhir: FHIR_TASK_STATUS[referral.status],
		allowedActions: allowedActions(referral.status),
		...present({ patientState: referral.patientState, ageBand: referral.ageBand }),
		phases: referral.phases,
		...present({ format: referral.format }),
		modalities: referral.modalities,
		focusAreas: referral.focusAreas,
		languages: referral.languages,
		...present({ payment: paymentResource(referral) }),
		urgency: referral.urgency,
		dosing: referral.dosingSessionsAt.length ? dosingResource(referral.dosingSessionsAt, referral.doseMinutes, timeZone) : incompleteDosing(referral, timeZone),
		preparationWindowHours: { from: referral.preparationFromHour, to: referral.preparationToHour },
		integrationWindowHours: { from: referral.integrationFromHour, to: referral.integrationToHour },
		timingRequired: referral.timingRequired,
		acceptSupervised: referral.acceptSupervised,
		radiusMiles: referral.radiusMiles,
		patient: patient
			? {
					...present({ firstName: patient.firstName, lastName: patient.lastName, email: patient.email, phone: patient.phone || null, birthDate: patient.birthDate?.toISOString().slice(0, 10) }),
					notes: patient.notes,
				}
			: null,
		...(referral.status === 'draft' ? { missingForPosting: storedMissing(referral, patient) } : {}),
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
		sessions: sessions.map((s) => ({ id: s.id, phase: s.phase, doseIndex: s.doseIndex, startsAt: at(s.startsAt), endsAt: at(s.endsAt), status: s.status })),
		offerTimeline: offers
			.flatMap((o) => o.events.map((e) => ({ offerId: o.id, at: e.at, from: e.fromStatus, to: e.toStatus, by: by(e.actor), reason: e.reason })))
			.sort((a, b) => a.at.getTime() - b.at.getTime())
			.map((e) => ({ ...e, at: at(e.at) })),
	}
}
