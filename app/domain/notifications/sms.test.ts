import { expect, test } from 'vitest'
import { maskedPhone, normalizePhone, shortlistReminderSms, SMS_MAX_LENGTH, twilioOutcome } from './sms.ts'

test('phone numbers become E.164; US numbers may be written the usual ways', () => {
	for (const raw of ['(512) 555-0123', '512.555.0123', '512 555 0123', '1-512-555-0123', '+1 512 555 0123']) expect(normalizePhone(raw), raw).toBe('+15125550123')
	expect(normalizePhone('+44 20 7946 0958')).toBe('+442079460958')
	for (const bad of ['', '555-0123', '012 555 0123', '512 155 0123', 'call me', '+0 123 456', '+1234567890123456', '512-555-0123 ext 4']) expect(normalizePhone(bad), bad).toBeNull()
	expect(maskedPhone('+15125550123')).toBe('…0123')
})

test('what Twilio’s answer means: sent, opted out (21610), worth retrying, or refused for good', () => {
	expect(twilioOutcome(201, { sid: 'SM123', status: 'queued' })).toEqual({ kind: 'sent', providerId: 'SM123' })
	expect(twilioOutcome(400, { code: 21610, message: 'Attempt to send to unsubscribed recipient', status: 400 })).toMatchObject({ kind: 'opted_out', error: expect.stringContaining('21610') })
	expect(twilioOutcome(400, { code: 21211, message: "The 'To' number is not a valid phone number.", status: 400 })).toMatchObject({ kind: 'refused' })
	expect(twilioOutcome(429, { code: 20429, message: 'Too Many Requests' })).toMatchObject({ kind: 'retry' })
	expect(twilioOutcome(503, null)).toMatchObject({ kind: 'retry', error: 'Twilio 503' })
	expect(twilioOutcome(401, { code: 20003, message: 'Authenticate' })).toMatchObject({ kind: 'retry' })
	expect(twilioOutcome(201, {})).toMatchObject({ kind: 'retry' })
})

test('the reminder text carries the first name only, the deadline and the reference, in the patient’s language', () => {
	const en = shortlistReminderSms('Pat Q.', 'Tue, Dec 8, 9:00 AM CST', 'R-XUPU78', 'en')
	expect(en).toBe(
		'Hi Pat, a reminder from Tandem: please choose your therapist by Tue, Dec 8, 9:00 AM CST. Use the link in our email, or call your clinic (reference R-XUPU78). Reply STOP to stop texts.',
	)
	const es = shortlistReminderSms('Pat', 'martes, 8 de diciembre', 'R-XUPU78', 'es')
	expect(es).toMatch(/^Hola, Pat: .*elija a su terapeuta antes del martes, 8 de diciembre\./)
	expect(es).not.toMatch(/choose|please/i)
	for (const text of [en, es]) {
		expect(text.length).toBeLessThanOrEqual(SMS_MAX_LENGTH)
		expect(text).not.toMatch(/https?:|ketamine|therap(y|ist) for/i)
	}
})
