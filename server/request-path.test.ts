import { expect, test } from 'vitest'
import { documentPath, pathKind, routedPath } from './request-path.ts'

test('the path is resolved as the router resolves it: dot segments, encoded dots, backslashes, case', () => {
	expect(routedPath('/api/v1/referrals?x=1')).toBe('/api/v1/referrals')
	expect(routedPath('/api/../account')).toBe('/account')
	expect(routedPath('/api/%2e%2e/account')).toBe('/account')
	expect(routedPath('/api/%2E%2E/account')).toBe('/account')
	expect(routedPath('/api\\..\\account')).toBe('/account')
	expect(routedPath('/webhooks/./../clinics/x/members')).toBe('/clinics/x/members')
	expect(routedPath('/API/v1/Referrals')).toBe('/api/v1/referrals')
	// `//api/…` is a path here, not a host, as in the adapter that appends it to the origin.
	expect(routedPath('//api/v1/referrals')).toBe('//api/v1/referrals')
})

test('a target that is not a path has no routed path', () => {
	expect(routedPath('http://evil.example/api/v1/referrals')).toBeNull()
	expect(routedPath('*')).toBeNull()
	expect(routedPath('')).toBeNull()
})

test('a data request counts as its page', () => {
	expect(documentPath('/therapist/profile.data')).toBe('/therapist/profile')
	expect(documentPath('/_root.data')).toBe('/')
	expect(documentPath('/therapist/profile')).toBe('/therapist/profile')
})

test('API and webhook routes are told apart from the app', () => {
	expect(pathKind('/api/v1/referrals')).toBe('api')
	expect(pathKind('/webhooks/stripe')).toBe('webhook')
	expect(pathKind('/apiary')).toBe('app')
	expect(pathKind('//api/v1/referrals')).toBe('app')
	expect(pathKind(null)).toBe('app')
})
