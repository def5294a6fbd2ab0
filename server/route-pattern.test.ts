import { type ServerBuild } from '@remix-run/node'
import { expect, test } from 'vitest'
import { routePattern } from './route-pattern.ts'

const route = (id: string, fields: { parentId?: string; path?: string; index?: boolean }) => ({ id, module: {}, ...fields })
const routes = {
	root: route('root', { path: '' }),
	'routes/_index': route('routes/_index', { parentId: 'root', index: true }),
	'routes/choose.$token': route('routes/choose.$token', { parentId: 'root', path: 'choose/:token' }),
	'routes/clinics.$clinicId': route('routes/clinics.$clinicId', { parentId: 'root', path: 'clinics/:clinicId' }),
	'routes/clinics.$clinicId.referrals': route('routes/clinics.$clinicId.referrals', { parentId: 'routes/clinics.$clinicId', path: 'referrals' }),
	'routes/api.v1.$': route('routes/api.v1.$', { parentId: 'root', path: 'api/v1/*' }),
} as unknown as ServerBuild['routes']

test('a request is labelled by the pattern it matched, never by its path', () => {
	expect(routePattern(routes, '/choose/abcdefghijklmnopqrstuvwxyz234567')).toBe('/choose/:token')
	expect(routePattern(routes, '/clinics/c123/referrals')).toBe('/clinics/:clinicId/referrals')
	expect(routePattern(routes, '/')).toBe('/')
	expect(routePattern(routes, '/api/v1/referrals/r1')).toBe('/api/v1/*')
})

test('a path no route matches has no pattern', () => {
	expect(routePattern(routes, '/nowhere/at/all')).toBeNull()
})
