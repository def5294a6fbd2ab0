import { describe, expect, test } from 'vitest'
import { invariantResponse, routeParam } from './invariant.ts'

const thrown = (run: () => unknown): Response => {
	try {
		run()
	} catch (error) {
		if (error instanceof Response) return error
		throw error
	}
	throw new Error('nothing was thrown')
}

describe('invariantResponse', () => {
	test('passes a truthy condition and throws a 404 Response with the message otherwise', async () => {
		expect(() => invariantResponse('x', 'unused')).not.toThrow()
		const response = thrown(() => invariantResponse(null, 'There is no such referral.'))
		expect(response.status).toBe(404)
		expect(response.headers.get('Content-Type')).toBe('text/plain; charset=utf-8')
		expect(await response.text()).toBe('There is no such referral.')
	})

	test('takes another status', () => {
		expect(thrown(() => invariantResponse(false, 'Forbidden', { status: 403 })).status).toBe(403)
	})
})

describe('routeParam', () => {
	test('returns the parameter, or a 404 when the address lacks it', () => {
		expect(routeParam({ clinicId: 'c1' }, 'clinicId')).toBe('c1')
		expect(thrown(() => routeParam({}, 'clinicId')).status).toBe(404)
		expect(thrown(() => routeParam({ clinicId: '' }, 'clinicId')).status).toBe(404)
	})
})
