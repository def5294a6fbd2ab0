import { expect, test, vi } from 'vitest'
import { originAllowed, securityHeaders } from './security.ts'

const own = ['https://tandem.example', 'http://127.0.0.1:3000']
const post = (url: string, origin: string | undefined, referer?: string) => originAllowed({ method: 'POST', url, origin, referer, ownOrigins: own })

test('a form from this site passes; from another site, or with no origin at all, it does not', () => {
	expect(post('/account', 'https://tandem.example')).toBe(true)
	expect(post('/account', 'http://127.0.0.1:3000')).toBe(true)
	expect(post('/account', 'https://evil.example')).toBe(false)
	expect(post('/account', undefined)).toBe(false)
	expect(post('/account', undefined, 'https://tandem.example/account')).toBe(true)
	expect(post('/account', undefined, 'https://evil.example/tandem.example')).toBe(false)
	expect(post('/account', 'null')).toBe(false)
})

test('safe methods pass whatever their origin', () => {
	for (const method of ['GET', 'HEAD', 'OPTIONS', 'get']) expect(originAllowed({ method, url: '/account', origin: 'https://evil.example', referer: undefined, ownOrigins: own })).toBe(true)
	for (const method of ['PUT', 'PATCH', 'DELETE']) expect(originAllowed({ method, url: '/account', origin: 'https://evil.example', referer: undefined, ownOrigins: own })).toBe(false)
})

test('an Origin naming another host than the request was sent to is refused (Remix would abort it as a 500)', () => {
	const check = (origin: string, requestHost: string) => originAllowed({ method: 'POST', url: '/forgot-password', origin, referer: undefined, ownOrigins: own, requestHost })
	expect(check('https://tandem.example', 'tandem.example')).toBe(true)
	expect(check('http://127.0.0.1:3000', '127.0.0.1:3000')).toBe(true)
	// APP_URL's origin, sent to the server's own address without a forwarded host.
	expect(check('https://tandem.example', '127.0.0.1:3000')).toBe(false)
	expect(check('null', '127.0.0.1:3000')).toBe(false)
})

test('the API and webhooks authenticate by token or signature, so their callers need no Origin', () => {
	expect(post('/api/v1/referrals', undefined)).toBe(true)
	expect(post('/API/v1/referrals', 'https://ehr.example')).toBe(true)
	expect(post('/webhooks/stripe', undefined)).toBe(true)
})

test('a path that only looks like the API is judged by where it really goes', () => {
	for (const url of [
		'/api/../account',
		'/api/%2e%2e/account',
		'/api/%2E%2e/clinics/c1/api-keys',
		'/api\\..\\account',
		'/webhooks/../account',
		'/api/v1/../../account?x=/api/',
		'//api/v1/referrals',
		'/apiary',
	]) {
		expect(post(url, 'https://evil.example'), url).toBe(false)
	}
})

test('every response forbids other sites from opening it in a window of theirs or embedding it, and keeps its CSP', () => {
	const headers = new Map<string, string>()
	const res = { locals: {} as Record<string, unknown>, setHeader: (name: string, value: string) => headers.set(name, value) }
	const next = vi.fn()
	securityHeaders({ production: true, dev: false })({} as never, res as never, next)
	expect(next).toHaveBeenCalled()
	expect(headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin')
	expect(headers.get('Cross-Origin-Resource-Policy')).toBe('same-origin')
	expect(headers.get('Content-Security-Policy')).toContain(`'nonce-${String(res.locals.cspNonce)}'`)
	expect(headers.get('Content-Security-Policy')).toContain("form-action 'self'")
})
