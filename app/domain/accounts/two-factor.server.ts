// Two-factor authentication with TOTP (docs/product.md §5): set up, give a code after the password,
// use a recovery code, replace recovery codes, turn off. Available to everyone, required for
// platform admins. Every outcome that matters is audited.
import { audit } from '#app/domain/audit/audit.server.ts'
import { checkTotpCode, generateRecoveryCodes, hashRecoveryCode, normalizeRecoveryCode, type TotpCheck } from '#app/domain/auth/two-factor.ts'
import { twoFactorChangedMessage } from '#app/domain/notifications/emails.ts'
import { type Prisma } from '#app/generated/prisma/client.ts'
import { db } from '#app/utils/db.server.ts'
import { appUrl, sendEmail } from '#app/utils/email.server.ts'
import { countAttempt, peekRateLimit } from '#app/utils/rate-limit.server.ts'
import { RATE_LIMITS } from '#app/domain/auth/rate-limit.ts'
import { openSecret, sealSecret } from '#app/utils/secret-box.server.ts'
import { invalidateUserSessions, markSessionTwoFactorVerified } from '#app/utils/session.server.ts'

/**
 * The clock codes are checked against: the real one, unless a browser test pinned it
 * (/e2e/totp-clock, utils/e2e-routes.server.ts) so that it need not wait for the next 30-second step.
 */
export const totpClock: { now: () => Date } = { now: () => new Date() }

export type TwoFactorStatus = { enabled: boolean; enabledAt: Date | null; recoveryCodesLeft: number; required: boolean }

export async function twoFactorStatus(userId: string): Promise<TwoFactorStatus> {
	const user = await db().user.findUniqueOrThrow({
		where: { id: userId },
		select: { totpEnabledAt: true, isPlatformAdmin: true, _count: { select: { recoveryCodes: { where: { usedAt: null } } } } },
	})
	return { enabled: user.totpEnabledAt !== null, enabledAt: user.totpEnabledAt, recoveryCodesLeft: user._count.recoveryCodes, required: user.isPlatformAdmin }
}

async function replaceRecoveryCodes(tx: Prisma.TransactionClient, userId: string): Promise<string[]> {
	const codes = generateRecoveryCodes()
	await tx.recoveryCode.deleteMany({ where: { userId } })
	await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(normalizeRecoveryCode(code)!) })) })
	return codes
}

export type EnableResult = { kind: 'enabled'; recoveryCodes: string[]; sessionsEnded: number } | { kind: 'wrong_code' } | { kind: 'wrong_current_code' }

/**
 * Turns two-factor on (or moves it to a new device) once the person has shown, with a code, that
 * their app holds `key`. Moving it also needs a code from the current app (a stolen session alone
 * cannot move it) and ends every other session. This session counts as verified; the recovery
 * codes are returned once.
 */
export async function enableTwoFactor(input: { userId: string; sessionId: string; key: Uint8Array; code: string; currentCode?: string; now?: Date }): Promise<EnableResult> {
	const now = input.now ?? totpClock.now()
	const { totpEnabledAt } = await db().user.findUniqueOrThrow({ where: { id: input.userId }, select: { totpEnabledAt: true } })
	if (totpEnabledAt !== null) {
		const current = await spendTotpCode(input.userId, input.currentCode ?? '', now)
		if (!current.ok) {
			await audit({ actorId: input.userId, action: 'auth.two_factor_failed', entity: 'user', entityId: input.userId, details: { during: 'move', reason: current.reason } })
			return { kind: 'wrong_current_code' }
		}
	}
	const check = checkTotpCode(input.key, input.code, now, null)
	if (!check.ok) {
		await audit({ actorId: input.userId, action: 'auth.two_factor_failed', entity: 'user', entityId: input.userId, details: { during: 'setup' } })
		return { kind: 'wrong_code' }
	}
	const { recoveryCodes, replaced, email } = await db().$transaction(async (tx) => {
		const before = await tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: { totpEnabledAt: true, email: true } })
		await tx.user.update({ where: { id: input.userId }, data: { totpKey: sealSecret(input.key), totpEnabledAt: now, totpLastStep: check.step } })
		const recoveryCodes = await replaceRecoveryCodes(tx, input.userId)
		await audit({ actorId: input.userId, action: 'two_factor.enabled', entity: 'user', entityId: input.userId, details: { replaced: before.totpEnabledAt !== null } }, tx)
		return { recoveryCodes, replaced: before.totpEnabledAt !== null, email: before.email }
	})
	await markSessionTwoFactorVerified(input.sessionId, now)
	const sessionsEnded = replaced ? await invalidateUserSessions(input.userId, { except: input.sessionId }) : 0
	await sendEmail(email, twoFactorChangedMessage(replaced ? 'moved' : 'turned_on', appUrl('/account')))
	return { kind: 'enabled', recoveryCodes, sessionsEnded }
}

/** Checks a code against the stored key and, if it is good, uses its step up (race-safe). */
async function spendTotpCode(userId: string, code: string, now: Date): Promise<TotpCheck | { ok: false; reason: 'not_enabled' }> {
	const user = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { totpKey: true, totpLastStep: true } })
	const key = user.totpKey ? openSecret(user.totpKey) : null
	if (!key) return { ok: false, reason: 'not_enabled' }
	const check = checkTotpCode(key, code, now, user.totpLastStep)
	if (!check.ok) return check
	// Of two requests racing with the same code, one moves the step on and the other finds it used.
	const { count } = await db().user.updateMany({
		where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: check.step } }] },
		data: { totpLastStep: check.step },
	})
	return count === 1 ? check : { ok: false, reason: 'reused' }
}

export type Locked = { kind: 'locked'; retryAfterSeconds: number }
export type VerifyResult = { kind: 'verified' } | { kind: 'wrong_code'; reason: 'invalid' | 'reused' | 'not_enabled' } | Locked

/** The two-factor step of logging in locks after too many wrong codes (authenticator and recovery codes alike). */
async function secondStepLocked(userId: string, now: Date): Promise<Locked | null> {
	const decision = await peekRateLimit('totpFailuresPerAccount', userId, now)
	return decision.allowed ? null : { kind: 'locked', retryAfterSeconds: decision.retryAfterSeconds }
}

/** A wrong code at the two-factor step; the one that locks it tells the person by email (someone knows their password). */
async function secondStepFailed(userId: string, details: Prisma.InputJsonObject, now: Date) {
	await audit({ actorId: userId, action: 'auth.two_factor_failed', entity: 'user', entityId: userId, details })
	const { count } = await countAttempt('totpFailuresPerAccount', userId, now)
	if (count !== RATE_LIMITS.totpFailuresPerAccount.limit) return
	await audit({ actorId: userId, action: 'auth.two_factor_locked', entity: 'user', entityId: userId })
	const { email } = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } })
	await sendEmail(email, twoFactorChangedMessage('locked', appUrl('/account')))
}

/** The code asked for after the password: on success, this session gets full access. */
export async function verifyTwoFactor(input: { userId: string; sessionId: string; code: string; now?: Date }): Promise<VerifyResult> {
	const now = input.now ?? totpClock.now()
	const locked = await secondStepLocked(input.userId, now)
	if (locked) return locked
	const check = await spendTotpCode(input.userId, input.code, now)
	if (!check.ok) {
		await secondStepFailed(input.userId, { reason: check.reason }, now)
		return { kind: 'wrong_code', reason: check.reason }
	}
	await markSessionTwoFactorVerified(input.sessionId, now)
	await audit({ actorId: input.userId, action: 'auth.two_factor_verified', entity: 'session', entityId: input.sessionId })
	return { kind: 'verified' }
}

export type RecoveryResult = { kind: 'verified'; codesLeft: number } | { kind: 'wrong_code' } | Locked

/** A recovery code instead of a TOTP code: single use; the person is told how many are left. */
export async function redeemRecoveryCode(input: { userId: string; sessionId: string; code: string; now?: Date }): Promise<RecoveryResult> {
	const now = input.now ?? totpClock.now()
	const locked = await secondStepLocked(input.userId, now)
	if (locked) return locked
	const normalized = normalizeRecoveryCode(input.code)
	const { count } = normalized ? await db().recoveryCode.updateMany({ where: { userId: input.userId, codeHash: hashRecoveryCode(normalized), usedAt: null }, data: { usedAt: now } }) : { count: 0 }
	if (count !== 1) {
		await secondStepFailed(input.userId, { reason: 'recovery_code' }, now)
		return { kind: 'wrong_code' }
	}
	await markSessionTwoFactorVerified(input.sessionId, now)
	const codesLeft = await db().recoveryCode.count({ where: { userId: input.userId, usedAt: null } })
	await audit({ actorId: input.userId, action: 'auth.recovery_code_used', entity: 'session', entityId: input.sessionId, details: { codesLeft } })
	const { email } = await db().user.findUniqueOrThrow({ where: { id: input.userId }, select: { email: true } })
	await sendEmail(email, twoFactorChangedMessage('recovery_code_used', appUrl('/account')))
	return { kind: 'verified', codesLeft }
}

export type CodeCheckedResult<T> = ({ kind: 'done' } & T) | { kind: 'wrong_code' } | { kind: 'not_allowed' }

/** New recovery codes (the old ones stop working), after a current TOTP code. */
export async function regenerateRecoveryCodes(input: { userId: string; code: string; now?: Date }): Promise<CodeCheckedResult<{ recoveryCodes: string[] }>> {
	const check = await spendTotpCode(input.userId, input.code, input.now ?? totpClock.now())
	if (!check.ok) {
		await audit({ actorId: input.userId, action: 'auth.two_factor_failed', entity: 'user', entityId: input.userId, details: { during: 'recovery_codes' } })
		return check.reason === 'not_enabled' ? { kind: 'not_allowed' } : { kind: 'wrong_code' }
	}
	const recoveryCodes = await db().$transaction(async (tx) => {
		const codes = await replaceRecoveryCodes(tx, input.userId)
		await audit({ actorId: input.userId, action: 'two_factor.recovery_codes_replaced', entity: 'user', entityId: input.userId }, tx)
		return codes
	})
	return { kind: 'done', recoveryCodes }
}

/** Turns two-factor off after a current code. Platform admins cannot: it is required for them. */
export async function disableTwoFactor(input: { userId: string; code: string; now?: Date }): Promise<CodeCheckedResult<object>> {
	const user = await db().user.findUniqueOrThrow({ where: { id: input.userId }, select: { isPlatformAdmin: true, email: true } })
	if (user.isPlatformAdmin) return { kind: 'not_allowed' }
	const check = await spendTotpCode(input.userId, input.code, input.now ?? totpClock.now())
	if (!check.ok) {
		await audit({ actorId: input.userId, action: 'auth.two_factor_failed', entity: 'user', entityId: input.userId, details: { during: 'disable' } })
		return check.reason === 'not_enabled' ? { kind: 'not_allowed' } : { kind: 'wrong_code' }
	}
	await db().$transaction(async (tx) => {
		await tx.user.update({ where: { id: input.userId }, data: { totpKey: null, totpEnabledAt: null, totpLastStep: null } })
		await tx.recoveryCode.deleteMany({ where: { userId: input.userId } })
		await audit({ actorId: input.userId, action: 'two_factor.disabled', entity: 'user', entityId: input.userId }, tx)
	})
	await sendEmail(user.email, twoFactorChangedMessage('turned_off', appUrl('/account')))
	return { kind: 'done' }
}
