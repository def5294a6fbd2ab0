// A referral as the clinic API returns it (PRODUCT.md §8.3): the same shape it was posted in, plus
// its status (with the FHIR Task equivalent) and timeline. Times carry the clinic's offset. Pure.
import { TZDate } from '@date-fns/tz'
import { type StoredReferral } from './referral-form.ts'
import { FHIR_TASK_STATUS, type ReferralStatus } from './statuses.ts'
import { allowedActions } from './transitions.ts'

type Patient = { firstName: string; lastName: string; email: string; phone: string | null; birthDate: Date; notes: string }
type Event = { at: Date; actor: string; fromStatus: ReferralStatus | null; toStatus: ReferralStatus; reason: string | null }

export function referralResource(
	referral: StoredReferral & { id: string; status: ReferralStatus; createdAt: Date; postedAt: Date | null },
	patient: Patient | null,
	events: readonly Event[],
	timeZone: string,
) {
	const at = (d: Date) => new TZDate(d.getTime(), timeZone).toISOString()
	return {
		id: referral.id,
		status: referral.status,
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
		dosing: { firstSessionAt: at(referral.firstDosingAt), sessions: referral.dosingSessions, cadenceDays: referral.cadenceDays },
		integrationWindowHours: { from: referral.integrationFromHour, to: referral.integrationToHour },
		timingRequired: referral.timingRequired,
		radiusMiles: referral.radiusMiles,
		patient: patient
			? { firstName: patient.firstName, lastName: patient.lastName, email: patient.email, ...(patient.phone ? { phone: patient.phone } : {}), birthDate: patient.birthDate.toISOString().slice(0, 10), notes: patient.notes }
			: null,
		createdAt: at(referral.createdAt),
		postedAt: referral.postedAt ? at(referral.postedAt) : null,
		timeline: events.map((e) => ({ at: at(e.at), from: e.fromStatus, to: e.toStatus, by: e.actor.startsWith('api_key:') ? 'api_key' : e.actor.startsWith('user:') ? 'user' : 'tandem', reason: e.reason })),
	}
}
