// Sessions as Lucia's guide describes them: a random token in an HttpOnly, SameSite=Lax cookie
// (Secure and `__Host-` prefixed in production); the database keeps only its SHA-256. Expiry slides while the session is
// used; people who can see patient details are also signed out after 30 idle minutes.
import * as cookie from 'cookie'
import { generateToken, hashToken, looksLikeToken } from '#app/domain/auth/tokens.ts'
import { needsIdleTimeout, type Principal } from '#app/domain/auth/roles.ts'
import { judgeSession, newSessionTimes, SESSION_LIFETIME_MS } from '#app/domain/auth/session-policy.ts'
import { sessionAccess, type SessionAccess } from '#app/domain/auth/two-factor.ts'
import { redirect } from '@remix-run/node'
import { db, driverQuery } from './db.server.ts'
import { env } from './env.server.ts'
import { currentRequestContext } from './request-context.server.ts'

export const SESSION_COOKIE = 'tandem_session'
/**
 * The name in production. Browsers accept a `__Host-` cookie only from a secure origin, with
 * Path=/ and no Domain, so a sibling subdomain or a plain-HTTP page cannot plant or overwrite it.
 */
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`

export function sessionCookieName(secure: boolean): string {
	return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE
}

export type SessionUser = { id: string; email: string; name: string; emailVerifiedAt: Date | null }
export type AuthState = {
	sessionId: string
	expiresAt: Date
	user: SessionUser
	principal: Principal
	/** Whether the session may use the app, or must first give (or set up) a second factor. */
	access: SessionAccess
	/** Set when validation extended the expiry: the cookie must be sent again. */
	renewed: boolean
}

/**
 * The session, its user and what the user may do, in one statement on the driver: every signed-in
 * request reads it, and Prisma's four queries for it (session, user, memberships, therapist) cost
 * more CPU than a bare page's rendering (docs/performance.md). Timestamps are read as UTC.
 */
const SESSION_STATEMENT = `
SELECT s."expiresAt" AT TIME ZONE 'UTC' AS "expiresAt", s."lastActiveAt" AT TIME ZONE 'UTC' AS "lastActiveAt",
	s."twoFactorVerifiedAt" IS NOT NULL AS "twoFactorVerified", s."signInCodeHash" IS NOT NULL AS "signInCodeOwed",
	u.id AS "userId", u.email, u.name, u."emailVerifiedAt" AT TIME ZONE 'UTC' AS "emailVerifiedAt", u."isPlatformAdmin", u."totpEnabledAt" IS NOT NULL AS "totpEnabled",
	coalesce((SELECT json_agg(json_build_object('clinicId', m."clinicId", 'role', m.role) ORDER BY m."createdAt") FROM "ClinicMember" m WHERE m."userId" = u.id), '[]'::json) AS memberships,
	(SELECT t.id FROM "Therapist" t WHERE t."userId" = u.id) AS "therapistId"
FROM "Session" s JOIN "User" u ON u.id = s."userId"
WHERE s.id = $1::text`

type SessionRow = {
	expiresAt: Date
	lastActiveAt: Date
	twoFactorVerified: boolean
	signInCodeOwed: boolean
	userId: string
	email: string
	name: string
	emailVerifiedAt: Date | null
	isPlatformAdmin: boolean
	totpEnabled: boolean
	memberships: Principal['memberships']
	therapistId: string | null
}

/** `signInCode`: the hash of an emailed code the session owes before it may do anything (login-policy.ts). */
export async function createSession(userId: string, meta: { ip: string | null; userAgent: string | null }, now = new Date(), signInCode: { hash: string; expiresAt: Date } | null = null) {
	const token = generateToken()
	const times = newSessionTimes(now)
	await db().session.create({
		data: {
			id: hashToken(token),
			userId,
			createdAt: now,
			...times,
			ip: meta.ip,
			userAgent: meta.userAgent?.slice(0, 400) ?? null,
			...(signInCode ? { signInCodeHash: signInCode.hash, signInCodeExpiresAt: signInCode.expiresAt } : {}),
		},
	})
	return { id: hashToken(token), token, expiresAt: times.expiresAt }
}

export async function validateSessionToken(token: string, now = new Date()): Promise<AuthState | null> {
	if (!looksLikeToken(token)) return null
	const sessionId = hashToken(token)
	const [session] = await driverQuery<SessionRow>({ name: 'validate_session', text: SESSION_STATEMENT, values: [sessionId] })
	if (!session) return null
	const principal: Principal = {
		userId: session.userId,
		isPlatformAdmin: session.isPlatformAdmin,
		memberships: session.memberships,
		therapistId: session.therapistId,
	}
	const verdict = judgeSession(session, now, { idleTimeout: needsIdleTimeout(principal) })
	if (!verdict.valid) {
		await db().session.deleteMany({ where: { id: sessionId } })
		return null
	}
	if (verdict.update) await db().session.updateMany({ where: { id: sessionId }, data: verdict.update })
	return {
		sessionId,
		expiresAt: verdict.update?.expiresAt ?? session.expiresAt,
		user: { id: session.userId, email: session.email, name: session.name, emailVerifiedAt: session.emailVerifiedAt },
		principal,
		access: sessionAccess({
			twoFactorEnabled: session.totpEnabled,
			sessionVerified: session.twoFactorVerified,
			isPlatformAdmin: session.isPlatformAdmin,
			signInCodeOwed: session.signInCodeOwed,
		}),
		renewed: Boolean(verdict.update?.expiresAt),
	}
}

/** The second factor was given in this session (Lucia's guide: set two_factor_verified). */
export async function markSessionTwoFactorVerified(sessionId: string, now = new Date()) {
	await db().session.updateMany({ where: { id: sessionId }, data: { twoFactorVerifiedAt: now } })
}

export async function invalidateSession(sessionId: string) {
	await db().session.deleteMany({ where: { id: sessionId } })
}

/** A person's live sessions, most recently used first, for the sessions list. */
export function listUserSessions(userId: string, now = new Date()) {
	return db().session.findMany({
		where: { userId, expiresAt: { gt: now } },
		orderBy: { lastActiveAt: 'desc' },
		select: { id: true, createdAt: true, lastActiveAt: true, userAgent: true, ip: true },
	})
}

/** Ends one of a person's own sessions; anyone else's id matches nothing. Whether one ended. */
export async function revokeUserSession(userId: string, sessionId: string) {
	const { count } = await db().session.deleteMany({ where: { id: sessionId, userId } })
	return count === 1
}

/** Ends every session of a user, or every other one. Returns how many ended. */
export async function invalidateUserSessions(userId: string, options: { except?: string } = {}) {
	const { count } = await db().session.deleteMany({ where: { userId, ...(options.except ? { id: { not: options.except } } : {}) } })
	return count
}

export function readSessionToken(request: Request): string | null {
	return readSessionTokenFromHeader(request.headers.get('Cookie'), secureCookies())
}

/** Only the name this mode sets counts: in production a cookie without the prefix is ignored. */
export function readSessionTokenFromHeader(header: string | null | undefined, secure: boolean): string | null {
	if (!header) return null
	return cookie.parse(header)[sessionCookieName(secure)] ?? null
}

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
	return cookie.serialize(sessionCookieName(secure), token, {
		httpOnly: true,
		sameSite: 'lax',
		secure,
		path: '/',
		expires: expiresAt,
		maxAge: Math.floor(Math.min(SESSION_LIFETIME_MS, expiresAt.getTime() - Date.now()) / 1000),
	})
}

export function blankSessionCookie(secure: boolean): string {
	return cookie.serialize(sessionCookieName(secure), '', { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: 0 })
}

const secureCookies = () => env().NODE_ENV === 'production'

/** A new session for this browser: the session, and the Set-Cookie header that gives it to the browser. */
export async function startSession(userId: string, signInCode: { hash: string; expiresAt: Date } | null = null) {
	const context = currentRequestContext()
	const session = await createSession(userId, { ip: context?.ip ?? null, userAgent: context?.userAgent ?? null }, new Date(), signInCode)
	return { session, setCookie: sessionCookie(session.token, session.expiresAt, secureCookies()) }
}

/** Signs the user in on this browser and sends them on. */
export async function startSessionAndRedirect(userId: string, to: string, signInCode: { hash: string; expiresAt: Date } | null = null) {
	const { setCookie } = await startSession(userId, signInCode)
	return redirect(to, { headers: { 'Set-Cookie': setCookie } })
}

/** Sends the browser on with its session cookie removed. */
export function redirectSignedOut(to: string) {
	return redirect(to, { headers: { 'Set-Cookie': blankSessionCookie(secureCookies()) } })
}
