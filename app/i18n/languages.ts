// The languages of the patient's page and of the emails a patient receives: English and Spanish.
// The patient picks one on their page; until then the referral's languages decide. Pure.
export const PATIENT_LANGUAGES = ['en', 'es'] as const
export type PatientLanguage = (typeof PATIENT_LANGUAGES)[number]

/** The locale that dates, lists and language names use for each language (US conventions). */
export const LOCALES: Record<PatientLanguage, string> = { en: 'en-US', es: 'es-US' }

export function isPatientLanguage(value: unknown): value is PatientLanguage {
	return typeof value === 'string' && (PATIENT_LANGUAGES as readonly string[]).includes(value)
}

/**
 * The patient's language: the one they chose, else Spanish when the referral lists Spanish among
 * the patient's languages, else English. The clinic's form ticks English by default and a tick list
 * has no order, so Spanish listed at all is the signal; the page switches to English in one click.
 */
export function patientLanguage(chosen: string | null | undefined, referralLanguages: readonly string[]): PatientLanguage {
	if (isPatientLanguage(chosen)) return chosen
	return referralLanguages.includes('es') ? 'es' : 'en'
}
