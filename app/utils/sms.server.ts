// Sends a text message through Twilio's REST API when TWILIO_* is set; otherwise keeps it in the
// development outbox at /dev/outbox, like emails. Every message is logged (template, recipient),
// its body only by the development outbox. The provider's answer is classified by sms.ts.
import { type SmsOutcome, twilioOutcome } from '#app/domain/notifications/sms.ts'
import { db } from './db.server.ts'
import { env, type TwilioConfig } from './env.server.ts'
import { metrics } from './metrics.server.ts'
import { remember } from './remember.server.ts'

export const TWILIO_API = 'https://api.twilio.com/2010-04-01'
const TIMEOUT_MS = 10_000

/** Tests read the texts they caused here, by their log row's id. Filled only when NODE_ENV is "test" and Twilio is not configured. */
export const testTexts = remember('test-texts', () => new Map<string, { to: string; body: string }>())

export type TextMessage = { template: string; body: string }

/** Logs and sends one text; the answer says whether it went, and if not, whether to try again. */
export async function sendSms(to: string, message: TextMessage, options: { logAs?: string } = {}): Promise<SmsOutcome> {
	const config = env()
	const twilio = config.twilio
	const keepBody = config.NODE_ENV === 'development' && !twilio
	const record = await db().smsMessage.create({
		data: { to: keepBody ? to : (options.logAs ?? to), template: message.template, body: keepBody ? message.body : null, transport: twilio ? 'twilio' : 'outbox' },
		select: { id: true },
	})
	if (!twilio) {
		if (config.NODE_ENV === 'test') testTexts.set(record.id, { to, body: message.body })
		else console.warn(`Text to ${options.logAs ?? to} (${message.template}; see ${config.APP_URL}/dev/outbox)`)
		metrics().texts.inc({ outcome: 'outbox' })
		return { kind: 'sent', providerId: `outbox:${record.id}` }
	}
	const outcome = await postToTwilio(twilio, to, message.body)
	metrics().texts.inc({ outcome: outcome.kind })
	// The provider's error may name the number; a patient's stays out of the log.
	const logged = (error: string) => (options.logAs ? error.split(to).join(options.logAs) : error).slice(0, 500)
	await db().smsMessage.update({
		where: { id: record.id },
		data: outcome.kind === 'sent' ? { sentAt: new Date(), providerId: outcome.providerId } : { error: logged(outcome.error) },
	})
	return outcome.kind === 'sent' ? outcome : { ...outcome, error: logged(outcome.error) }
}

async function postToTwilio(config: TwilioConfig, to: string, body: string): Promise<SmsOutcome> {
	const form = new URLSearchParams({ To: to, Body: body })
	if (config.from.startsWith('MG')) form.set('MessagingServiceSid', config.from)
	else form.set('From', config.from)
	try {
		const response = await fetch(`${TWILIO_API}/Accounts/${config.accountSid}/Messages.json`, {
			method: 'POST',
			headers: {
				Authorization: `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString('base64')}`,
				'Content-Type': 'application/x-www-form-urlencoded',
				Accept: 'application/json',
			},
			body: form,
			signal: AbortSignal.timeout(TIMEOUT_MS),
		})
		const answer: unknown = await response.json().catch(() => null)
		return twilioOutcome(response.status, answer)
	} catch (error) {
		return { kind: 'retry', error: `Twilio could not be reached: ${error instanceof Error ? error.message : String(error)}` }
	}
}
