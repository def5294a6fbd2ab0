// Account helpers for integration tests: read the last email sent to an address, take the token
// out of one of its links, and make a signed-up, confirmed user.
import { signUp, verifyEmail } from '#app/domain/accounts/accounts.server.ts'
import { db } from '#app/utils/db.server.ts'

export const TEST_PASSWORD = 'correct horse battery staple'

export function lastEmailTo(to: string) {
	return db().emailMessage.findFirstOrThrow({ where: { to }, orderBy: { createdAt: 'desc' } })
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
