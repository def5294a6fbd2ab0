// The patient's choice about text messages (docs/product.md §4a Reminders), on their page: whether
// reminders may come by text to the number their clinic gave. Audited; the page shows the number's
// last four digits only.
import { audit } from '#app/domain/audit/audit.server.ts'
import { normalizePhone } from '#app/domain/notifications/sms.ts'
import { db } from '#app/utils/db.server.ts'
import { refuse, runStep, type StepResult } from './step-result.ts'

/** `lastDigits`: the number's last four digits, all the page shows of it. */
export type PatientTexts = { lastDigits: string; on: boolean } | null

/** What the page says about texts, from the patient's row (patient-page.server.ts reads it with the page). Null when the clinic gave no usable number: the page then says nothing about texts. */
export function textsFor(patient: { phone: string | null; smsOptOut: boolean } | null): PatientTexts {
	const phone = patient?.phone ? normalizePhone(patient.phone) : null
	return phone ? { lastDigits: phone.slice(-4), on: !patient!.smsOptOut } : null
}

export async function setPatientTexts(linkId: string, referralId: string, on: boolean): Promise<StepResult> {
	return runStep(async () => {
		const { count } = await db().referralPatient.updateMany({ where: { referralId, phone: { not: null } }, data: { smsOptOut: !on } })
		if (count === 0) throw refuse('conflict', 'Your clinic gave no phone number for texts.')
		await audit({ actorId: null, action: 'patient_link.texts_changed', entity: 'referral', entityId: referralId, details: { patientLinkId: linkId, texts: on ? 'on' : 'off' } })
	})
}
