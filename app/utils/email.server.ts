// Sends email through SMTP when SMTP_URL is set; otherwise keeps it in the outbox shown at
// /dev/outbox (development only). Every message is recorded either way.
import nodemailer from 'nodemailer'
import { type Email } from '#app/domain/notifications/emails.ts'
import { db } from './db.server.ts'
import { env } from './env.server.ts'
import { remember } from './remember.server.ts'

const transport = () => remember('smtp-transport', () => nodemailer.createTransport(env().SMTP_URL!))

/**
 * Records and sends one email. A failed send is recorded on the message; with `retry` (the
 * outbox worker's emails) it is also thrown, so the job is tried again later.
 */
export async function sendEmail(to: string, message: Email, options: { retry?: boolean } = {}) {
	const config = env()
	const record = await db().emailMessage.create({
		data: { to, ...message, transport: config.SMTP_URL ? 'smtp' : 'outbox' },
		select: { id: true },
	})
	if (!config.SMTP_URL) {
		// Standard error: scripts read standard output (the admin CLI's result and --json).
		if (config.NODE_ENV !== 'test') console.warn(`Email to ${to}: "${message.subject}" (see ${config.APP_URL}/dev/outbox)`)
		return
	}
	try {
		await transport().sendMail({ from: config.EMAIL_FROM, to, ...message })
		await db().emailMessage.update({ where: { id: record.id }, data: { sentAt: new Date() } })
	} catch (error) {
		// The action that sent it has happened; a failed email must not undo it. It stays recorded.
		const reason = error instanceof Error ? error.message : String(error)
		console.error(`Sending email ${record.id} failed: ${reason}`)
		await db().emailMessage.update({ where: { id: record.id }, data: { error: reason.slice(0, 500) } })
		if (options.retry) throw error
	}
}

export function appUrl(path: string): string {
	return new URL(path, env().APP_URL).toString()
}
