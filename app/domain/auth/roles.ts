// Who someone is in Tandem, derived from their account: platform admin, member of clinics (as
// clinic_admin or coordinator), owner of a therapist profile. Pure: the permission helpers in
// utils/permissions.server.ts load the data and throw the responses.

export type ClinicRole = 'clinic_admin' | 'coordinator'
export type Membership = { clinicId: string; role: ClinicRole }
export type Principal = {
	userId: string
	isPlatformAdmin: boolean
	memberships: Membership[]
	therapistId: string | null
}

/** `member`: signed in, with no clinic, no therapist profile and no admin right yet. */
export type NavigationRole = 'visitor' | 'member' | ClinicRole | 'therapist' | 'platform_admin'

/** A clinic admin can do everything a coordinator can. */
export function hasClinicRole(principal: Principal, clinicId: string, role: ClinicRole = 'coordinator'): boolean {
	const membership = principal.memberships.find((m) => m.clinicId === clinicId)
	if (!membership) return false
	return role === 'coordinator' || membership.role === 'clinic_admin'
}

/** People who may see stage-2 data (identity, clinical notes). */
export function canSeePatientDetails(principal: Principal): boolean {
	return principal.memberships.length > 0 || principal.therapistId !== null
}

/** The 30-minute idle timeout: for everyone who may see stage-2 data, and for platform admins, the most privileged of all. */
export function needsIdleTimeout(principal: Principal): boolean {
	return principal.isPlatformAdmin || canSeePatientDetails(principal)
}

export function navigationRole(principal: Principal | null): NavigationRole {
	if (!principal) return 'visitor'
	if (principal.isPlatformAdmin) return 'platform_admin'
	if (principal.memberships.some((m) => m.role === 'clinic_admin')) return 'clinic_admin'
	if (principal.memberships.length > 0) return 'coordinator'
	if (principal.therapistId) return 'therapist'
	return 'member'
}

/** Therapist profiles are for clinics choosing partners, platform admins, and the therapist themself. */
export function canViewTherapistProfile(principal: Principal, therapistId: string): boolean {
	return principal.isPlatformAdmin || principal.memberships.length > 0 || principal.therapistId === therapistId
}
