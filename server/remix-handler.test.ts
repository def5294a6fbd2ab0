import { expect, test } from 'vitest'
import { refusedTarget } from './remix-handler.ts'

test('a refused page or form goes to the refusal route, as a page or as data', () => {
	expect(refusedTarget('/forgot-password', 'POST')).toEqual({ target: '/request-refused', documentUrl: null })
	expect(refusedTarget('/forgot-password.data', 'POST')).toEqual({ target: '/request-refused.data', documentUrl: null })
	expect(refusedTarget('/clinics/c1/therapists?name=%00', 'GET')).toEqual({ target: '/request-refused', documentUrl: null })
})

test('a refused data request for a page’s loaders is sent to load the page itself', () => {
	expect(refusedTarget('/clinics/c1/therapists.data?name=%00&_routes=routes%2Fclinics.%24clinicId.therapists._index', 'GET')).toEqual({
		target: '/request-refused.data',
		documentUrl: '/clinics/c1/therapists?name=%00',
	})
	expect(refusedTarget('/_root.data?q=%00', 'GET')).toEqual({ target: '/request-refused.data', documentUrl: '/?q=%00' })
})
