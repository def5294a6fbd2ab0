// The notification settings form (docs/product.md §4a): optional emails on or off, and the mobile
// number with whether reminders may come by text. Shared by the browser (Conform) and the server.
import { z } from 'zod'
import { normalizePhone } from './sms.ts'

export const PHONE_MAX_LENGTH = 40

const onOff = (message: string) => z.enum(['on', 'off'], { errorMap: () => ({ message }) })

/** A mobile number as E.164, or null when left empty (no number, so no texts). */
export const PhoneSchema = z
	.string({ invalid_type_error: 'Give a mobile number, or leave it empty.' })
	.max(PHONE_MAX_LENGTH, `A mobile number is at most ${PHONE_MAX_LENGTH} characters.`)
	.optional()
	.transform((v, ctx) => {
		if (!v?.trim()) return null
		const phone = normalizePhone(v)
		if (!phone) ctx.addIssue({ code: 'custom', message: 'Give a mobile number such as (512) 555-0123, or one with its country code such as +44 20 7946 0958.' })
		return phone
	})

export const NotificationSettingsSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('read_all') }),
	z.object({ intent: z.literal('emails'), optionalEmails: onOff('Choose whether to get optional emails.') }),
	z.object({ intent: z.literal('texts'), phone: PhoneSchema, texts: onOff('Choose whether to get text messages.') }),
	// Clinic members' private calendar address of their clinics' planned sessions.
	z.object({ intent: z.literal('feed-create') }),
	z.object({ intent: z.literal('feed-revoke') }),
])
