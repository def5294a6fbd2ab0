import { expect, test } from 'vitest'
import { PHOTO_MAX_BYTES } from '#app/domain/therapists/photo.ts'
import { NETWORK_CSV_MAX_BYTES } from '#app/domain/therapists/import-schemas.ts'
import { bodyLimitFor, DEFAULT_BODY_LIMIT } from './body-limit.ts'

test('1 MB everywhere but the two forms that take a file', () => {
	expect(DEFAULT_BODY_LIMIT.bytes).toBe(1024 * 1024)
	for (const target of ['/', '/forgot-password', '/api/v1/referrals', '/webhooks/stripe', '/clinics/c1/referrals/new.data', '/therapist/offers/o1']) {
		expect(bodyLimitFor(target), target).toBe(DEFAULT_BODY_LIMIT)
	}
})

test('the photo upload and the network import take their file and some room for the form around it', () => {
	for (const target of ['/therapist/profile', '/therapist/profile.data', '/therapist/profile?x=1', '/Therapist/Profile']) {
		expect(bodyLimitFor(target).bytes, target).toBe(PHOTO_MAX_BYTES + 256 * 1024)
	}
	for (const target of ['/admin/import', '/admin/import.data']) expect(bodyLimitFor(target).bytes, target).toBe(NETWORK_CSV_MAX_BYTES + 64 * 1024)
	expect(bodyLimitFor('/admin/import').message).toMatch(/larger than 5 MB/)
})

test('the larger allowance goes only to the route the router will really run', () => {
	expect(bodyLimitFor('/admin/import/../../forgot-password')).toBe(DEFAULT_BODY_LIMIT)
	expect(bodyLimitFor('/forgot-password?to=/admin/import')).toBe(DEFAULT_BODY_LIMIT)
	expect(bodyLimitFor('/admin/importer')).toBe(DEFAULT_BODY_LIMIT)
})
