// Text messages as outbox jobs (docs/product.md §4a Reminders): `enqueueSms` queues one in the
// caller's transaction, refusing numbers that opted out; the worker sends it (`sendQueuedSms`),
// checking the opt-outs again, and tries again with backoff when the provider or the network fails.
// A recipient who replied STOP (Twilio error 21610) is opted out for good. Opting out is by number
// (`SmsOptOut`: whoever it belongs to) and by person (a user's setting, a patient's choice on their
// page). Generic: shortlist reminders use it, and so can any reminder that needs a text.
import { audit } from '#app/domain/audit/audit.server.ts'
import { carriesSecretLink } from '#app/domain/auth/secret-urls.ts'
import { enqueue } from '#app/domain/outbox/outbox.server.ts'
import { type Prisma } from '#app/generated/prisma/client.ts'
import { db } from '#app/utils/db.server.ts'
import { sendSms } from '#app/utils/sms.server.ts'
import { normalizePhone, SMS_MAX_LENGTH } from './sms.ts'

type Client = Prisma.TransactionClient | ReturnType<typeof db>

/** Whose number it is: a user's (their setting counts), or the patient of a referral (their choice counts). */
export type SmsOwner = { userId?: string; patientOf?: string }

export type SmsRequest = SmsOwner & {
	to: string
	/** Names the message in the log, as emails' templates do: `shortlist_reminder`, `session_reminder`. */
	template: string
	/** No PHI beyond the recipient's own first name, and no link with a token. */
	body: string
	runAt: Date
	dedupeKey?: string
}

export type SmsJob = SmsOwner & { to: string; template: string; body: string }

/** Whether the number may be texted now: not opted out by STOP, by its user's setting or by the patient. */
export async function mayText(client: Client, phone: string, owner: SmsOwner): Promise<boolean> {
	if (await client.smsOptOut.findUnique({ where: { phone }, select: { phone: true } })) return false
	if (owner.userId && (await client.user.findUnique({ where: { id: owner.userId }, select: { smsOptOut: true } }))?.smsOptOut !== false) return false
	if (owner.patientOf && (await client.referralPatient.findUnique({ where: { referralId: owner.patientOf }, select: { smsOptOut: true } }))?.smsOptOut !== false) return false
	return true
}

/** Queues a text in the caller's transaction: 'queued', or why not. */
export async function enqueueSms(tx: Prisma.TransactionClient, request: SmsRequest): Promise<'queued' | 'no_number' | 'opted_out'> {
	if (request.body.length > SMS_MAX_LENGTH) throw new Error(`a text must be at most ${SMS_MAX_LENGTH} characters (${request.template} has ${request.body.length})`)
	if (carriesSecretLink(request.body)) throw new Error(`a text must not carry a link with a token (${request.template})`)
	const to = normalizePhone(request.to)
	if (!to) return 'no_number'
	const owner = { ...(request.userId ? { userId: request.userId } : {}), ...(request.patientOf ? { patientOf: request.patientOf } : {}) }
	if (!(await mayText(tx, to, owner))) return 'opted_out'
	await enqueue(tx, 'sms', { ...owner, to, template: request.template, body: request.body }, { runAt: request.runAt, ...(request.dedupeKey ? { dedupeKey: request.dedupeKey } : {}) })
	return 'queued'
}

/** How the log names a patient's number: by their referral (as emails do), never the number. */
export type LogName = (job: SmsJob) => string | undefined

/**
 * The worker sends a queued text. The opt-outs are read again (the person may have opted out since).
 * A STOP reply reported by the provider opts the number out; a number the provider refuses for good
 * is logged and not tried again; anything else that failed throws, and the job is tried again later.
 */
export async function sendQueuedSms(job: SmsJob, now: Date, logAs?: LogName): Promise<'sent' | 'opted_out' | 'refused'> {
	if (!(await mayText(db(), job.to, job))) return 'opted_out'
	const outcome = await sendSms(job.to, { template: job.template, body: job.body }, { logAs: logAs?.(job) })
	switch (outcome.kind) {
		case 'sent':
			return 'sent'
		case 'opted_out':
			await optOutNumber(job.to, 'stop_reply', now)
			return 'opted_out'
		case 'refused':
			console.error(`worker: text ${job.template} refused for good: ${outcome.error}`)
			return 'refused'
		case 'retry':
			throw new Error(outcome.error)
	}
}

/** The number gets no more texts from anyone (a STOP reply). */
export async function optOutNumber(phone: string, source: 'stop_reply', now: Date, client: Client = db()): Promise<void> {
	await client.smsOptOut.upsert({ where: { phone }, create: { phone, source, createdAt: now }, update: {} })
}

/** A user's text settings: their number (E.164, or none) and whether they want texts. Audited. */
export async function setUserTexts(userId: string, phone: string | null, on: boolean): Promise<void> {
	await db().$transaction(async (tx) => {
		await tx.user.update({ where: { id: userId }, data: { phone, smsOptOut: !on } })
		await audit({ actorId: userId, action: 'user.texts_changed', entity: 'user', entityId: userId, details: { number: phone ? 'given' : 'none', texts: on ? 'on' : 'off' } }, tx)
	})
}

export async function userTexts(userId: string): Promise<{ phone: string | null; on: boolean }> {
	const user = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { phone: true, smsOptOut: true } })
	return { phone: user.phone, on: !user.smsOptOut }
}
