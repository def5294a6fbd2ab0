// The database side of login-policy.ts: counting wrong passwords per account and address, known
// addresses, and the emailed sign-in code a session may owe. Codes are stored as HMACs keyed with
// SESSION_SECRET on the session that owes them (a copy of the database alone cannot try the million
// codes), work once, for 15 minutes, and only in that session.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { audit } from '#app/domain/audit/audit.server.ts'
import { KNOWN_ADDRESS_DAYS, normalizeSignInCode, SIGN_IN_CODE_LIFETIME_MS, signInCodeFrom } from '#app/domain/auth/login-policy.ts'
import { sessionAccess, type SessionAccess } from '#app/domain/auth/two-factor.ts'
import { signInCodeMessage } from '#app/domain/notifications/emails.ts'
import { db } from '#app/utils/db.server.ts'
import { appUrl, sendEmail } from '#app/utils/email.server.ts'
import { env } from '#app/utils/env.server.ts'
import { countAttempt, peekRateLimit } from '#app/utils/rate-limit.server.ts'

const perAddress = (email: string, ip: string | null) => `${email}|${ip ?? 'unknown'}`

/** Whether this address may try a password for this account now (wrong ones from it are under the limit). */
export async function passwordTriesLeft(email: string, ip: string | null, now = new Date()) {
	return peekRateLimit('loginFailuresPerAccountIp', perAddress(email, ip), now)
}

/** A wrong password: counted for the account from this address, and for the account from anywhere. */
export async function recordWrongPassword(email: string, ip: string | null, now = new Date()) {
	await countAttempt('loginFailuresPerAccountIp', perAddress(email, ip), now)
	await countAttempt('loginFailuresPerAccount', email, now)
}

/** Past the account's limit of wrong passwords from anywhere: new addresses need a second step. */
export async function accountUnderAttack(email: string, now = new Date()) {
	return !(await peekRateLimit('loginFailuresPerAccount', email, now)).allowed
}

export async function isKnownAddress(userId: string, ip: string | null, now = new Date()) {
	if (!ip) return false
	const found = await db().signInAddress.findUnique({ where: { userId_ip: { userId, ip } }, select: { lastSignedInAt: true } })
	return Boolean(found && found.lastSignedInAt.getTime() > now.getTime() - KNOWN_ADDRESS_DAYS * 86_400_000)
}

/** Someone finished signing in (every step given) from this address. */
export async function rememberAddress(userId: string, ip: string | null, now = new Date()) {
	if (!ip) return
	await db().signInAddress.upsert({ where: { userId_ip: { userId, ip } }, create: { userId, ip, lastSignedInAt: now }, update: { lastSignedInAt: now } })
}

/** What the session stores for a code: with only a million codes, a plain hash would be reversed at once. */
export function signInCodeHash(code: string, secret = env().SESSION_SECRET): string {
	return createHmac('sha256', secret).update(`sign-in-code:${code}`).digest('hex')
}

export type SendSignInCodeResult = { kind: 'sent'; hash: string; expiresAt: Date } | { kind: 'limited'; retryAfterSeconds: number }

/**
 * A new code for a session to owe: its hash and expiry go on the session, the code to the person's
 * email address. Past the account's sending limit nothing is sent, whether from logging in or from
 * asking again, so a guessed password cannot flood the owner's inbox.
 */
export async function sendSignInCode(userId: string, email: string, now = new Date()): Promise<SendSignInCodeResult> {
	const { decision } = await countAttempt('signInCodeSendsPerAccount', userId, now)
	if (!decision.allowed) return { kind: 'limited', retryAfterSeconds: decision.retryAfterSeconds }
	const code = signInCodeFrom(crypto.getRandomValues(new Uint32Array(1)))
	await audit({ actorId: userId, action: 'auth.sign_in_code_sent', entity: 'user', entityId: userId })
	await sendEmail(email, signInCodeMessage(code, SIGN_IN_CODE_LIFETIME_MS / 60_000, appUrl('/forgot-password')))
	return { kind: 'sent', hash: signInCodeHash(code), expiresAt: new Date(now.getTime() + SIGN_IN_CODE_LIFETIME_MS) }
}

/** A fresh code for a session that owes one (the last was lost or expired); refused past the sending limit or while wrong codes lock the step. */
export async function resendSignInCode(input: { userId: string; sessionId: string; email: string; now?: Date }): Promise<{ kind: 'sent' } | { kind: 'locked' | 'limited'; retryAfterSeconds: number }> {
	const now = input.now ?? new Date()
	const locked = await peekRateLimit('signInCodeFailuresPerAccount', input.userId, now)
	if (!locked.allowed) return { kind: 'locked', retryAfterSeconds: locked.retryAfterSeconds }
	const code = await sendSignInCode(input.userId, input.email, now)
	if (code.kind === 'limited') return code
	await db().session.updateMany({ where: { id: input.sessionId, signInCodeHash: { not: null } }, data: { signInCodeHash: code.hash, signInCodeExpiresAt: code.expiresAt } })
	return { kind: 'sent' }
}

export type SignInCodeResult = { kind: 'verified'; access: SessionAccess } | { kind: 'wrong_code' } | { kind: 'expired' } | { kind: 'locked'; retryAfterSeconds: number }

/**
 * The code a session owes. Right: the session gets on (to two-factor, if the account has it) and
 * the address becomes known. Wrong too often: the step locks for as long as a code lives, so a
 * code cannot be guessed; then a new one can be sent.
 */
export async function verifySignInCode(input: { userId: string; sessionId: string; ip: string | null; typed: string; now?: Date }): Promise<SignInCodeResult> {
	const now = input.now ?? new Date()
	const session = await db().session.findUnique({ where: { id: input.sessionId }, select: { signInCodeHash: true, signInCodeExpiresAt: true } })
	if (!session?.signInCodeHash) return { kind: 'verified', access: await accessAfterCode(input.userId) }
	const locked = await peekRateLimit('signInCodeFailuresPerAccount', input.userId, now)
	if (!locked.allowed) return { kind: 'locked', retryAfterSeconds: locked.retryAfterSeconds }
	if (!session.signInCodeExpiresAt || session.signInCodeExpiresAt <= now) return { kind: 'expired' }
	const code = normalizeSignInCode(input.typed)
	if (code === null || !timingSafeEqual(Buffer.from(signInCodeHash(code)), Buffer.from(session.signInCodeHash))) {
		await countAttempt('signInCodeFailuresPerAccount', input.userId, now)
		await audit({ actorId: input.userId, action: 'auth.sign_in_code_failed', entity: 'session', entityId: input.sessionId })
		return { kind: 'wrong_code' }
	}
	// Of two racing requests with the right code, one clears it; the other finds nothing owed.
	await db().session.updateMany({ where: { id: input.sessionId, signInCodeHash: session.signInCodeHash }, data: { signInCodeHash: null, signInCodeExpiresAt: null } })
	await audit({ actorId: input.userId, action: 'auth.sign_in_code_verified', entity: 'session', entityId: input.sessionId })
	await rememberAddress(input.userId, input.ip, now)
	return { kind: 'verified', access: await accessAfterCode(input.userId) }
}

/** What the session may do once the code is given: the two-factor step still comes after it. */
async function accessAfterCode(userId: string): Promise<SessionAccess> {
	const user = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { totpEnabledAt: true, isPlatformAdmin: true } })
	return sessionAccess({ twoFactorEnabled: user.totpEnabledAt !== null, sessionVerified: false, isPlatformAdmin: user.isPlatformAdmin })
}
