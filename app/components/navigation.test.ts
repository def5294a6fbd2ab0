import { expect, test } from 'vitest'
import { navigationFor } from './navigation.ts'

test('visitors see the public sections only', () => {
	expect(navigationFor('visitor').map((l) => l.to)).toEqual(['/#clinics', '/#therapists', '/#patients', '/#privacy'])
})

test('billing-like settings are for clinic admins, not coordinators', () => {
	expect(navigationFor('clinic_admin').map((l) => l.label)).toContain('Settings')
	expect(navigationFor('coordinator').map((l) => l.label)).not.toContain('Settings')
})

test('therapists never see clinic or admin areas', () => {
	for (const link of navigationFor('therapist')) expect(link.to).toMatch(/^\/therapist\//)
})
