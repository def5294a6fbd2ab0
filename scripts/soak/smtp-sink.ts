// The soak's mail server (scripts/soak.ts): takes every message the app servers and workers send
// over SMTP and records each recipient, the decoded subject and the Message-ID, with when it arrived. It keeps no
// text. A message counts once its whole body has arrived, as a real mail server would deliver it.
import { type AddressInfo } from 'node:net'
import PostalMime from 'postal-mime'
import { SMTPServer } from 'smtp-server'

export type ReceivedEmail = { to: string; subject: string; messageId: string | null; at: number }

export type SmtpSink = { port: number; received: ReceivedEmail[]; close: () => Promise<void> }

export async function startSmtpSink(port: number): Promise<SmtpSink> {
	const received: ReceivedEmail[] = []
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onData(stream, session, callback) {
			const chunks: Buffer[] = []
			stream.on('data', (chunk: Buffer) => chunks.push(chunk))
			stream.on('end', () => {
				const at = Date.now()
				PostalMime.parse(Buffer.concat(chunks))
					.then((email) => {
						for (const rcpt of session.envelope.rcptTo) received.push({ to: rcpt.address, subject: email.subject ?? '', messageId: email.messageId ?? null, at })
						callback()
					})
					.catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))))
			})
		},
	})
	await new Promise<void>((resolve, reject) => {
		server.server.once('error', reject)
		server.listen(port, '127.0.0.1', () => resolve())
	})
	return {
		port: (server.server.address() as AddressInfo).port,
		received,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	}
}
