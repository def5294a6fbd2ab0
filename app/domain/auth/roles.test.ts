import { expect, test } from 'vitest'
import { canSeePatientDetails, needsIdleTimeout, canViewTherapistProfile, hasClinicRole, navigationRole, type Principal } from './roles.ts'

const base: Principal = { userId: 'u', isPlatformAdmin: false, memberships: [], therapistId: null }
const adminOfA: Principal = { ...base, memberships: [{ clinicId: 'A', role: 'clinic_admin' }] }
const coordinatorOfB: Principal = { ...base, memberships: [{ clinicId: 'B', role: 'coordinator' }] }

test('a clinic admin has every clinic role in their own clinic only', () => {
	expect(hasClinicRole(adminOfA, 'A', 'clinic_admin')).toBe(true)
	expect(hasClinicRole(adminOfA, 'A', 'coordinator')).toBe(true)
	expect(hasClinicRole(adminOfA, 'B')).toBe(false)
})

test('a coordinator is not a clinic admin', () => {
	expect(hasClinicRole(coordinatorOfB, 'B')).toBe(true)
	expect(hasClinicRole(coordinatorOfB, 'B', 'clinic_admin')).toBe(false)
})

test('platform admins get no clinic rights from being admins', () => {
	expect(hasClinicRole({ ...base, isPlatformAdmin: true }, 'A')).toBe(false)
})

test('clinic members and therapists can see patient details; others cannot', () => {
	expect(canSeePatientDetails(adminOfA)).toBe(true)
	expect(canSeePatientDetails({ ...base, therapistId: 't' })).toBe(true)
	expect(canSeePatientDetails({ ...base, isPlatformAdmin: true })).toBe(false)
	expect(canSeePatientDetails(base)).toBe(false)
})

test('the idle timeout applies to everyone who can see patient details, and to platform admins', () => {
	expect(needsIdleTimeout(adminOfA)).toBe(true)
	expect(needsIdleTimeout({ ...base, therapistId: 't' })).toBe(true)
	expect(needsIdleTimeout({ ...base, isPlatformAdmin: true })).toBe(true)
	expect(needsIdleTimeout(base)).toBe(false)
})

test('navigation follows the most capable role', () => {
	expect(navigationRole(null)).toBe('visitor')
	expect(navigationRole({ ...adminOfA, isPlatformAdmin: true })).toBe('platform_admin')
	expect(navigationRole(adminOfA)).toBe('clinic_admin')
	expect(navigationRole(coordinatorOfB)).toBe('coordinator')
	expect(navigationRole({ ...base, therapistId: 't' })).toBe('therapist')
	expect(navigationRole(base)).toBe('member')
})

test('therapist profiles: clinic members, platform admins and the therapist themself', () => {
	expect(canViewTherapistProfile({ ...base, memberships: [{ clinicId: 'c', role: 'coordinator' }] }, 't1')).toBe(true)
	expect(canViewTherapistProfile({ ...base, isPlatformAdmin: true }, 't1')).toBe(true)
	expect(canViewTherapistProfile({ ...base, therapistId: 't1' }, 't1')).toBe(true)
	expect(canViewTherapistProfile({ ...base, therapistId: 't2' }, 't1')).toBe(false)
	expect(canViewTherapistProfile(base, 't1')).toBe(false)
})
