// Accounts: sign-up, email verification, log-in, password reset and change. Answers never reveal
// whether an email address has an account (docs/product.md §5); every outcome that matters is audited.
import { hash, verify } from '@node-rs/argon2'
import { audit } from '#app/domain/audit/audit.server.ts'
import { checkPassword, type PasswordProblem } from '#app/domain/auth/passwords.ts'
import { generateToken, hashToken, looksLikeToken } from '#app/domain/auth/tokens.ts'
import { sessionAccess, type SessionAccess } from '#app/domain/auth/two-factor.ts'
import { accountCreatedMessage, existingAccountSignupMessage, passwordChangedMessage, passwordResetMessage, verifyEmailMessage } from '#app/domain/notifications/emails.ts'
import { enqueue, wakeWorker } from '#app/domain/outbox/outbox.server.ts'
import { type Prisma, type TokenPurpose } from '#app/generated/prisma/client.ts'
import { db } from '#app/utils/db.server.ts'
import { appUrl, sendEmail } from '#app/utils/email.server.ts'
import { invalidateUserSessions } from '#app/utils/session.server.ts'

const HOUR = 60 * 60 * 1000
export const TOKEN_LIFETIME: Record<TokenPurpose, number> = {
	email_verification: 24 * HOUR,
	password_reset: 1 * HOUR,
	invitation: 7 * 24 * HOUR,
	therapist_invitation: 14 * 24 * HOUR,
}

export function hashPassword(password: string) {
	return hash(password)
}

let dummyHash: Promise<string> | undefined
/** Checks a password; with no account, spends the same time on a dummy hash. */
async function passwordMatches(storedHash: string | null, password: string) {
	dummyHash ??= hash('tandem-dummy-password-for-timing')
	try {
		return await verify(storedHash ?? (await dummyHash), password)
	} catch {
		return false
	}
}

export async function issueToken(
	data: { purpose: TokenPurpose; email: string; userId?: string | null; clinicId?: string | null; role?: 'clinic_admin' | 'coordinator' | null; invitedById?: string | null },
	options: { lifetimeMs?: number; now?: Date; client?: Pick<Prisma.TransactionClient, 'userToken'> } = {},
) {
	const token = generateToken()
	const now = options.now ?? new Date()
	await (options.client ?? db()).userToken.create({
		data: { id: hashToken(token), ...data, expiresAt: new Date(now.getTime() + (options.lifetimeMs ?? TOKEN_LIFETIME[data.purpose])) },
	})
	return token
}

/**
 * Makes someone a platform admin (docs/product.md §8.2 create-admin). A new account gets an unusable
 * password and an email with a single-use link, valid 24 hours, to choose one.
 */
export async function createPlatformAdmin(email: string, name: string) {
	const existing = await db().user.findUnique({ where: { email }, select: { id: true, isPlatformAdmin: true } })
	if (existing) {
		if (!existing.isPlatformAdmin) {
			await db().user.update({ where: { id: existing.id }, data: { isPlatformAdmin: true } })
			await audit({ actorId: null, action: 'role.granted', entity: 'user', entityId: existing.id, details: { role: 'platform_admin', via: 'cli' } })
		}
		return { id: existing.id, created: false, alreadyAdmin: existing.isPlatformAdmin }
	}
	const unusable = await hashPassword(generateToken() + generateToken())
	const user = await db().user.create({ data: { email, name, passwordHash: unusable, isPlatformAdmin: true }, select: { id: true } })
	await audit({ actorId: null, action: 'user.created', entity: 'user', entityId: user.id, details: { role: 'platform_admin', via: 'cli' } })
	const token = await issueToken({ purpose: 'password_reset', email, userId: user.id }, { lifetimeMs: 24 * HOUR })
	await sendEmail(email, accountCreatedMessage(appUrl(`/reset-password?token=${token}`), 'a platform admin'))
	return { id: user.id, created: true, alreadyAdmin: false }
}

/** Uses a token once: of two racing requests, exactly one wins. */
async function consumeToken(token: string, purpose: TokenPurpose, now = new Date()) {
	if (!looksLikeToken(token)) return null
	const id = hashToken(token)
	const { count } = await db().userToken.updateMany({ where: { id, purpose, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } })
	if (count !== 1) return null
	return db().userToken.findUnique({ where: { id } })
}

export async function signUp(input: { name: string; email: string; password: string }) {
	const passwordHash = await hashPassword(input.password) // also when the account exists: same timing
	const existing = await db().user.findUnique({ where: { email: input.email }, select: { id: true } })
	if (existing) {
		await sendEmail(input.email, existingAccountSignupMessage(appUrl('/login'), appUrl('/forgot-password')))
		return { kind: 'exists' as const }
	}
	const user = await db().user.create({ data: { name: input.name, email: input.email, passwordHash }, select: { id: true } })
	await audit({ actorId: user.id, action: 'auth.signup', entity: 'user', entityId: user.id })
	await sendVerificationEmail(user.id, input.email)
	return { kind: 'created' as const, userId: user.id }
}

async function sendVerificationEmail(userId: string, email: string) {
	const token = await issueToken({ purpose: 'email_verification', email, userId })
	await sendEmail(email, verifyEmailMessage(appUrl(`/verify-email?token=${token}`)))
}

export async function resendVerification(email: string) {
	const user = await db().user.findUnique({ where: { email }, select: { id: true, emailVerifiedAt: true } })
	if (user && !user.emailVerifiedAt) await sendVerificationEmail(user.id, email)
}

export async function verifyEmail(token: string) {
	const used = await consumeToken(token, 'email_verification')
	if (!used?.userId) return { kind: 'invalid' as const }
	await db().user.updateMany({ where: { id: used.userId, emailVerifiedAt: null }, data: { emailVerifiedAt: new Date() } })
	await audit({ actorId: used.userId, action: 'auth.email_verified', entity: 'user', entityId: used.userId })
	return { kind: 'verified' as const, userId: used.userId }
}

export type LoginResult = { kind: 'ok'; userId: string; access: SessionAccess } | { kind: 'invalid' } | { kind: 'unverified'; email: string }

/** Checks the password. `access` says what the new session may do before a second factor. */
export async function logIn(input: { email: string; password: string }): Promise<LoginResult> {
	const user = await db().user.findUnique({
		where: { email: input.email },
		select: { id: true, passwordHash: true, emailVerifiedAt: true, totpEnabledAt: true, isPlatformAdmin: true },
	})
	const ok = await passwordMatches(user?.passwordHash ?? null, input.password)
	if (!user || !ok) {
		await audit({ actorId: user?.id ?? null, action: 'auth.login_failed', entity: 'user', entityId: user?.id ?? null, details: { email: input.email } })
		return { kind: 'invalid' }
	}
	if (!user.emailVerifiedAt) return { kind: 'unverified', email: input.email }
	await audit({ actorId: user.id, action: 'auth.login', entity: 'user', entityId: user.id })
	const access = sessionAccess({ twoFactorEnabled: user.totpEnabledAt !== null, sessionVerified: false, isPlatformAdmin: user.isPlatformAdmin })
	return { kind: 'ok', userId: user.id, access }
}

/**
 * Someone asks for a reset link. The answer must not say, even by its timing, whether the address
 * has an account: every request does the same thing, one outbox job, and the worker looks the
 * address up and sends the link after the answer has gone (sendPasswordReset).
 */
export async function requestPasswordReset(email: string, now = new Date()) {
	await enqueue(db(), 'password_reset', { email }, { runAt: now })
	wakeWorker()
}

/** The worker's half of a reset request: a link (made now, so never stored) to an address with an account. */
export async function sendPasswordReset(email: string): Promise<'sent' | 'no_account'> {
	const user = await db().user.findUnique({ where: { email }, select: { id: true } })
	if (!user) return 'no_account'
	const token = await issueToken({ purpose: 'password_reset', email, userId: user.id })
	await audit({ actorId: user.id, action: 'auth.password_reset_requested', entity: 'user', entityId: user.id })
	await sendEmail(email, passwordResetMessage(appUrl(`/reset-password?token=${token}`)), { retry: true })
	return 'sent'
}

/** Whether a reset link can still be used, without using it (to show the form or explain). */
export async function isUsableToken(token: string, purpose: TokenPurpose, now = new Date()) {
	if (!looksLikeToken(token)) return false
	const found = await db().userToken.findUnique({ where: { id: hashToken(token) }, select: { purpose: true, usedAt: true, expiresAt: true } })
	return Boolean(found && found.purpose === purpose && !found.usedAt && found.expiresAt > now)
}

export type ResetResult = { kind: 'reset'; userId: string } | { kind: 'invalid' } | { kind: 'weak'; problem: PasswordProblem }

export async function resetPassword(token: string, password: string): Promise<ResetResult> {
	const tokenRow = looksLikeToken(token) ? await db().userToken.findUnique({ where: { id: hashToken(token) }, select: { email: true } }) : null
	const problem = checkPassword(password, { email: tokenRow?.email })
	if (problem) return { kind: 'weak', problem }
	const passwordHash = await hashPassword(password)
	const used = await consumeToken(token, 'password_reset')
	if (!used?.userId) return { kind: 'invalid' }
	// Following the link proves control of the address, so it also verifies it.
	await db().user.update({ where: { id: used.userId }, data: { passwordHash, emailVerifiedAt: new Date() } })
	const ended = await invalidateUserSessions(used.userId)
	await audit({ actorId: used.userId, action: 'auth.password_reset', entity: 'user', entityId: used.userId, details: { sessionsEnded: ended } })
	return { kind: 'reset', userId: used.userId }
}

export type ChangePasswordResult = { kind: 'changed'; sessionsEnded: number } | { kind: 'wrong_current' } | { kind: 'weak'; problem: PasswordProblem }

export async function changePassword(input: { userId: string; sessionId: string; currentPassword: string; newPassword: string }): Promise<ChangePasswordResult> {
	const user = await db().user.findUniqueOrThrow({ where: { id: input.userId }, select: { email: true, passwordHash: true } })
	if (!(await passwordMatches(user.passwordHash, input.currentPassword))) return { kind: 'wrong_current' }
	const problem = checkPassword(input.newPassword, { email: user.email })
	if (problem) return { kind: 'weak', problem }
	await db().user.update({ where: { id: input.userId }, data: { passwordHash: await hashPassword(input.newPassword) } })
	const sessionsEnded = await invalidateUserSessions(input.userId, { except: input.sessionId })
	await audit({ actorId: input.userId, action: 'auth.password_changed', entity: 'user', entityId: input.userId, details: { sessionsEnded } })
	await sendEmail(user.email, passwordChangedMessage(appUrl('/forgot-password')))
	return { kind: 'changed', sessionsEnded }
}
