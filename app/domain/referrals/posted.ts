// A posted referral has every fact posting needs: the database refuses one without them
// (Referral_posted_complete_check, and a trigger for the patient). Code that only ever reads posted
// referrals (offers, matching, the shortlist) narrows the nullable columns here, so that a broken
// invariant fails loudly where it is read instead of spreading a null.

/** A fact a posted referral always has; throws if it is missing (a draft reached code meant for posted referrals). */
export function posted<T>(value: T | null | undefined, fact: string): T {
	if (value === null || value === undefined) throw new Error(`A posted referral lacks its ${fact}: only a draft may.`)
	return value
}

/** The referral columns a draft may leave empty (the patient's are in referral-input.ts's REQUIRED_FOR_POSTING too). */
const DRAFT_NULLABLE = ['patientState', 'ageBand', 'format', 'paymentType', 'firstDosingAt'] as const
type DraftNullable = (typeof DRAFT_NULLABLE)[number]

export type Posted<R> = { [K in keyof R]: K extends DraftNullable ? NonNullable<R[K]> : R[K] }

/** A posted referral's row with its draft-nullable columns narrowed (those it has; the rest pass through). */
export function postedReferral<R extends object>(referral: R): Posted<R> {
	const row = { ...referral } as Record<string, unknown>
	for (const column of DRAFT_NULLABLE) if (column in row) row[column] = posted(row[column], column)
	return row as Posted<R>
}

const PATIENT_REQUIRED = ['firstName', 'lastName', 'email', 'birthDate'] as const
type PatientRequired = (typeof PATIENT_REQUIRED)[number]

/** A posted referral's patient, whose name, email and date of birth are present. */
export function postedPatient<P extends Record<PatientRequired, unknown>>(patient: P): { [K in keyof P]: K extends PatientRequired ? NonNullable<P[K]> : P[K] } {
	for (const field of PATIENT_REQUIRED) posted(patient[field], `patient’s ${field}`)
	return patient as { [K in keyof P]: K extends PatientRequired ? NonNullable<P[K]> : P[K] }
}
