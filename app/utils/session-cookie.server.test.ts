import { expect, test } from 'vitest'
import { blankSessionCookie, readSessionTokenFromHeader, SECURE_SESSION_COOKIE, SESSION_COOKIE, sessionCookie } from './session.server.ts'

const inADay = new Date(Date.now() + 24 * 3_600_000)

test('in production the session cookie is a __Host- cookie: Secure, Path=/, no Domain', () => {
	const set = sessionCookie('tok', inADay, true)
	expect(SECURE_SESSION_COOKIE).toBe('__Host-tandem_session')
	expect(set.startsWith('__Host-tandem_session=tok;')).toBe(true)
	expect(set).toContain('Secure')
	expect(set).toContain('Path=/')
	expect(set).toContain('HttpOnly')
	expect(set).toContain('SameSite=Lax')
	expect(set).not.toMatch(/Domain=/i)
	expect(blankSessionCookie(true).startsWith('__Host-tandem_session=;')).toBe(true)
})

test('in production only the prefixed cookie is read, so one planted without the prefix counts for nothing', () => {
	expect(readSessionTokenFromHeader('__Host-tandem_session=good', true)).toBe('good')
	expect(readSessionTokenFromHeader('tandem_session=planted', true)).toBeNull()
	expect(readSessionTokenFromHeader('tandem_session=planted; __Host-tandem_session=good', true)).toBe('good')
})

test('over plain HTTP in development the cookie keeps its plain name (browsers refuse __Host- there)', () => {
	expect(sessionCookie('tok', inADay, false).startsWith(`${SESSION_COOKIE}=tok;`)).toBe(true)
	expect(sessionCookie('tok', inADay, false)).not.toContain('Secure')
	expect(readSessionTokenFromHeader(`${SESSION_COOKIE}=tok`, false)).toBe('tok')
	expect(readSessionTokenFromHeader('__Host-tandem_session=tok', false)).toBeNull()
})
