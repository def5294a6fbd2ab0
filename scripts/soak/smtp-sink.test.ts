import nodemailer from 'nodemailer'
import { expect, test } from 'vitest'
import { startSmtpSink } from './smtp-sink.ts'

test('the sink records each recipient of each message with its decoded subject, as the app sends them', async () => {
	const sink = await startSmtpSink(0)
	try {
		// As app/utils/email.server.ts sends: an smtp:// URL without credentials.
		const transport = nodemailer.createTransport(`smtp://127.0.0.1:${sink.port}`)
		await transport.sendMail({
			from: 'Tandem <no-reply@tandem.localhost>',
			to: 'one@example.org',
			subject: 'New referral offer R-ABC123 from Capital City Ketamine Center: please reply by Wed, Dec 9',
			text: 'x',
		})
		await transport.sendMail({ from: 'Tandem <no-reply@tandem.localhost>', to: ['two@example.org', 'three@example.org'], subject: 'Tu terapeuta te espera — elige antes del jueves', text: 'x' })
		expect(sink.received.map(({ to, subject }) => ({ to, subject }))).toEqual([
			{ to: 'one@example.org', subject: 'New referral offer R-ABC123 from Capital City Ketamine Center: please reply by Wed, Dec 9' },
			{ to: 'two@example.org', subject: 'Tu terapeuta te espera — elige antes del jueves' },
			{ to: 'three@example.org', subject: 'Tu terapeuta te espera — elige antes del jueves' },
		])
		expect(sink.received.every((m) => m.at <= Date.now())).toBe(true)
		// The Message-ID as sent: the one given (an outbox job's), or the one nodemailer made.
		await transport.sendMail({ from: 'Tandem <no-reply@tandem.localhost>', to: 'four@example.org', subject: 'Again', text: 'x', messageId: '<job.0123456789abcdef@tandem.localhost>' })
		expect(sink.received.at(-1)).toMatchObject({ to: 'four@example.org', messageId: '<job.0123456789abcdef@tandem.localhost>' })
		expect(sink.received[0]!.messageId).toMatch(/^<.+@.+>$/)
	} finally {
		await sink.close()
	}
})
