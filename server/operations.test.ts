import { expect, test } from 'vitest'
import { metricsAccess } from './operations.ts'

const TOKEN = 'a-metrics-token-0123456789'

test('development: anyone may read the metrics', () => {
	expect(metricsAccess({ production: false, token: undefined, authorization: undefined })).toBe('allowed')
})

test('production: only the bearer token; without one configured, there are no metrics', () => {
	expect(metricsAccess({ production: true, token: undefined, authorization: `Bearer ${TOKEN}` })).toBe('hidden')
	expect(metricsAccess({ production: true, token: TOKEN, authorization: `Bearer ${TOKEN}` })).toBe('allowed')
	expect(metricsAccess({ production: true, token: TOKEN, authorization: `bearer ${TOKEN}` })).toBe('allowed')
	expect(metricsAccess({ production: true, token: TOKEN, authorization: undefined })).toBe('unauthorized')
	expect(metricsAccess({ production: true, token: TOKEN, authorization: `Bearer ${TOKEN}x` })).toBe('unauthorized')
	expect(metricsAccess({ production: true, token: TOKEN, authorization: `Basic ${TOKEN}` })).toBe('unauthorized')
	expect(metricsAccess({ production: true, token: TOKEN, authorization: 'Bearer ' })).toBe('unauthorized')
})
