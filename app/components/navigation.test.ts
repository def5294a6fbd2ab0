import { expect, test } from 'vitest'
import { navigationFor } from './navigation.ts'

test('visitors see the public sections', () => {
	expect(navigationFor('visitor').map((l) => l.to)).toEqual(['/#clinics', '/#therapists', '/#patients', '/#privacy'])
})

test('signed-in roles are not shown the marketing sections', () => {
	for (const role of ['member', 'clinic_admin', 'coordinator', 'therapist', 'platform_admin'] as const) {
		expect(navigationFor(role).some((link) => link.to.startsWith('/#'))).toBe(false)
	}
})

test("clinic members get their clinic's team page", () => {
	expect(navigationFor('coordinator', { clinicId: 'c1' })).toContainEqual({ to: '/clinics/c1/members', label: 'Team' })
	expect(navigationFor('coordinator', { clinicId: 'c1' })).toContainEqual({ to: '/clinics/c1/therapists', label: 'Therapists' })
	expect(navigationFor('clinic_admin', { clinicId: 'c1' })).toContainEqual({ to: '/clinics/c1/members', label: 'Team' })
	expect(navigationFor('therapist', { clinicId: 'c1' })).toEqual([
		{ to: '/home', label: 'Home' },
		{ to: '/therapist/offers', label: 'Offers' },
		{ to: '/therapist/profile', label: 'My profile' },
	])
})

test('only clinic admins get the API keys and billing pages', () => {
	expect(navigationFor('clinic_admin', { clinicId: 'c1' })).toContainEqual({ to: '/clinics/c1/api-keys', label: 'API keys' })
	expect(navigationFor('coordinator', { clinicId: 'c1' }).map((l) => l.to)).not.toContain('/clinics/c1/api-keys')
	expect(navigationFor('clinic_admin', { clinicId: 'c1' })).toContainEqual({ to: '/clinics/c1/billing', label: 'Billing' })
	expect(navigationFor('coordinator', { clinicId: 'c1' }).map((l) => l.to)).not.toContain('/clinics/c1/billing')
})

test('platform admins get the verification queue and the credential checks', () => {
	expect(navigationFor('platform_admin').slice(0, 3)).toEqual([
		{ to: '/home', label: 'Home' },
		{ to: '/admin/verification', label: 'Verification' },
		{ to: '/admin/credentials', label: 'Credential checks' },
	])
})

test('every signed-in role starts with its home; visitors have none', () => {
	for (const role of ['member', 'clinic_admin', 'coordinator', 'therapist', 'platform_admin'] as const) {
		expect(navigationFor(role, { clinicId: 'c1' })[0]).toEqual({ to: '/home', label: 'Home' })
		expect(navigationFor(role)[0]).toEqual({ to: '/home', label: 'Home' })
	}
	expect(navigationFor('visitor').map((l) => l.to)).not.toContain('/home')
})
