// Sends email through SMTP when SMTP_URL is set; otherwise keeps it in the outbox shown at
// /dev/outbox (development only). Every message is logged (template, recipient, subject), but its
// text only by the development outbox: links in emails carry bearer tokens, and a copy of the
// database must not be enough to use them.
// An email an outbox job sends has a Message-ID made from the job (message-id.ts), kept on its log
// row: another attempt of the job sends nothing when the row says it was sent, and sends again under
// the same Message-ID only when the worker died between the mail server taking it and the row saying
// so (the one window SMTP leaves: at least once, and a copy its receiver can recognize).
import nodemailer from 'nodemailer'
import { type Email } from '#app/domain/notifications/emails.ts'
import { jobEmailMessageId } from '#app/domain/notifications/message-id.ts'
import { db } from './db.server.ts'
import { env, type Env } from './env.server.ts'
import { currentJobId } from './job-context.server.ts'
import { logger } from './logger.server.ts'
import { metrics } from './metrics.server.ts'
import { remember } from './remember.server.ts'

const transport = () => remember('smtp-transport', () => nodemailer.createTransport(env().SMTP_URL!))

/** Only the development outbox keeps what emails say: there is nobody else to read them. */
export function keepsEmailBodies(config: Pick<Env, 'NODE_ENV' | 'SMTP_URL'>): boolean {
	return config.NODE_ENV === 'development' && !config.SMTP_URL
}

/**
 * Tests read the emails they caused here, by the id of their log row, as they would read a mail
 * server's: the database keeps no text in tests either. Filled only when NODE_ENV is "test".
 */
export const testMailbox = remember('test-mailbox', () => new Map<string, Email & { to: string }>())

export type SendOptions = {
	/** Throw when the mail server refuses (the outbox worker's emails), so the job is tried again. */
	retry?: boolean
	/** What the log says instead of the address (a patient's address is not kept outside their referral). */
	logAs?: string
}

/** Logs and sends one email. A failed send is logged on the message (and thrown with `retry`). */
export async function sendEmail(to: string, message: Email, options: SendOptions = {}) {
	const config = env()
	const keepBody = keepsEmailBodies(config)
	const loggedTo = keepBody ? to : (options.logAs ?? to)
	const jobId = currentJobId()
	const messageId = jobId ? jobEmailMessageId({ jobId, template: message.template, recipient: options.logAs ?? to, from: config.EMAIL_FROM }) : undefined
	const earlier = messageId ? await db().emailMessage.findUnique({ where: { messageId }, select: { id: true, sentAt: true, error: true, transport: true } }) : null
	// (The development outbox cannot refuse a message: kept there is done.)
	if (earlier && (earlier.sentAt || earlier.transport === 'outbox')) {
		// An earlier attempt of this job sent it, then failed or died before the job was done.
		logger().info({ email: earlier.id, messageId }, `Email "${message.subject}" was sent by an earlier attempt of its job: not sent again`)
		metrics().emails.inc({ outcome: 'skipped' })
		return
	}
	if (earlier && !earlier.error) {
		logger().warn({ email: earlier.id, messageId }, `Email "${message.subject}": an earlier attempt was cut short while sending; sent again with the same Message-ID`)
		metrics().emails.inc({ outcome: 'resent' })
	}
	const record =
		earlier ??
		(await db().emailMessage.create({
			data: {
				to: loggedTo,
				template: message.template,
				subject: message.subject,
				text: keepBody ? message.text : null,
				html: keepBody ? message.html : null,
				transport: config.SMTP_URL ? 'smtp' : 'outbox',
				messageId: messageId ?? null,
			},
			select: { id: true },
		}))
	if (!config.SMTP_URL) {
		if (config.NODE_ENV === 'test') testMailbox.set(record.id, { to, ...message })
		else logger().info({ email: record.id, to: options.logAs ?? to }, `Email "${message.subject}" kept in the outbox (see ${config.APP_URL}/dev/outbox)`)
		metrics().emails.inc({ outcome: 'outbox' })
		return
	}
	try {
		await transport().sendMail({ from: config.EMAIL_FROM, to, subject: message.subject, text: message.text, html: message.html, ...(messageId ? { messageId } : {}) })
		// The duplicate window: between the mail server's answer and this update. Nothing comes between them.
		await db().emailMessage.update({ where: { id: record.id }, data: { sentAt: new Date(), error: null } })
		metrics().emails.inc({ outcome: 'sent' })
	} catch (error) {
		// The action that sent it has happened; a failed email must not undo it. It stays logged.
		const message = error instanceof Error ? error.message : String(error)
		// Mail servers name the refused recipient; a patient's address stays out of the log.
		const reason = options.logAs ? message.split(to).join(options.logAs) : message
		logger().error({ email: record.id, reason }, 'Sending an email failed')
		metrics().emails.inc({ outcome: 'failed' })
		await db().emailMessage.update({ where: { id: record.id }, data: { error: reason.slice(0, 500) } })
		if (options.retry) throw error
	}
}

export function appUrl(path: string): string {
	return new URL(path, env().APP_URL).toString()
}
