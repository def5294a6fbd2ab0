// Account helpers for integration tests: read the last email sent to an address, take the token
// out of one of its links, and make a signed-up, confirmed user. The database keeps no email text;
// the text comes from the test mailbox, as a mail server would give it.
import { signUp, verifyEmail } from '#app/domain/accounts/accounts.server.ts'
import { type EmailMessage } from '#app/generated/prisma/client.ts'
import { db } from '#app/utils/db.server.ts'
import { testMailbox } from '#app/utils/email.server.ts'

export const TEST_PASSWORD = 'correct horse battery staple'

/** A logged email with the text it was sent with. */
export function sent(row: EmailMessage) {
	const message = testMailbox.get(row.id)
	if (!message) throw new Error(`email ${row.id} ("${row.subject}") is not in the test mailbox`)
	return { ...row, text: message.text, html: message.html }
}

/** The newest email logged for `to` (an address, or how the log names a patient), with its text. */
export async function lastEmailTo(to: string) {
	return sent(await db().emailMessage.findFirstOrThrow({ where: { to }, orderBy: { createdAt: 'desc' } }))
}

/** The token of the first `path?token=…` link in an email's text. */
export function tokenFrom(text: string, path: string) {
	const match = new RegExp(`${path}\\?token=([a-z2-7]{32})`).exec(text)
	if (!match) throw new Error(`no ${path} link in: ${text}`)
	return match[1]!
}

export async function verifiedUser(email = 'ana@example.org', name = 'Ana', password = TEST_PASSWORD) {
	const created = await signUp({ name, email, password })
	if (created.kind !== 'created') throw new Error('expected a new account')
	await verifyEmail(tokenFrom((await lastEmailTo(email)).text, '/verify-email'))
	return created.userId
}
