// Text messages (docs/product.md §4a Reminders): phone numbers in E.164, what a provider's answer
// means, and the texts themselves. A text carries no PHI beyond the recipient's own first name and
// never a link with a token (a text message is not a private channel). Pure.
import { type PatientLanguage } from '#app/i18n/languages.ts'
import { PATIENT_EMAILS } from '#app/i18n/patient-emails.ts'
import { translator } from '#app/i18n/translator.ts'

/** A text longer than this is refused before it is queued (Twilio's own limit is 1,600 characters). */
export const SMS_MAX_LENGTH = 640

/**
 * A phone number as E.164 (`+15125550123`), or null. US numbers may be written the usual ways
 * ((512) 555-0123, 512.555.0123, 1-512-555-0123); others need their `+` and country code.
 */
export function normalizePhone(raw: string): string | null {
	const trimmed = raw.trim()
	if (!/^\+?[\d\s().-]+$/.test(trimmed)) return null
	const digits = trimmed.replace(/\D/g, '')
	if (trimmed.startsWith('+')) return digits.length >= 8 && digits.length <= 15 && !digits.startsWith('0') ? `+${digits}` : null
	const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits
	// North American numbers: area code and exchange never start with 0 or 1.
	return /^[2-9]\d{2}[2-9]\d{6}$/.test(national) ? `+1${national}` : null
}

/** The last four digits, for pages and logs that must say which number without showing it. */
export function maskedPhone(phone: string): string {
	return `…${phone.slice(-4)}`
}

/** Twilio's error for a recipient who replied STOP: the number is opted out. */
export const TWILIO_UNSUBSCRIBED = 21610

/**
 * What an answer of the provider means: sent; the recipient opted out (never text them again);
 * worth trying again later (the provider or the network failed, or we were rate-limited); or
 * refused for good (a bad number: trying again changes nothing).
 */
export type SmsOutcome = { kind: 'sent'; providerId: string } | { kind: 'opted_out'; error: string } | { kind: 'retry'; error: string } | { kind: 'refused'; error: string }

export function twilioOutcome(status: number, body: unknown): SmsOutcome {
	const answer = (body && typeof body === 'object' ? body : {}) as { sid?: unknown; code?: unknown; message?: unknown }
	if (status >= 200 && status < 300 && typeof answer.sid === 'string') return { kind: 'sent', providerId: answer.sid }
	const error = `Twilio ${status}${typeof answer.code === 'number' ? ` (error ${answer.code})` : ''}${typeof answer.message === 'string' ? `: ${answer.message}` : ''}`
	if (answer.code === TWILIO_UNSUBSCRIBED) return { kind: 'opted_out', error }
	// A 2xx without a message id, 429, 5xx, and 401/403 (our own configuration, which an operator fixes) may work later.
	if (status < 400 || status === 401 || status === 403 || status === 429 || status >= 500) return { kind: 'retry', error }
	return { kind: 'refused', error }
}

/** The reminder of the shortlist's deadline: the patient's first name, the deadline in words, the referral's reference. */
export function shortlistReminderSms(firstName: string, deadline: string, reference: string, lang: PatientLanguage): string {
	return translator(lang, PATIENT_EMAILS)('sms.shortlistReminder', { firstName: firstName.trim().split(/\s+/)[0] ?? '', deadline, reference })
}

/** The patient's reminder of a booked session: their first name, the time in words, the referral's reference. */
export function sessionReminderSms(firstName: string, time: string, reference: string, lang: PatientLanguage): string {
	return translator(lang, PATIENT_EMAILS)('sms.sessionReminder', { firstName: firstName.trim().split(/\s+/)[0] ?? '', time, reference })
}

/** The therapist's reminder of a booked session: their first name, what and when, the referral's reference. */
export function therapistSessionReminderSms(firstName: string, what: string, time: string, reference: string): string {
	return `Hi ${firstName.trim().split(/\s+/)[0] ?? ''}, a reminder from Tandem: ${what.charAt(0).toLowerCase()}${what.slice(1)} for referral ${reference}, ${time}. Reply STOP to stop texts.`
}
