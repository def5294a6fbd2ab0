import { hasClinicRole, type Principal } from '#app/domain/auth/roles.ts'

/** Posting refused for the subscription: what to do, with the billing page for those who can use it. */
export type BillingRefusal = { message: string; billingHref: string | null }

export function billingRefusal(principal: Principal, clinicId: string, message: string): BillingRefusal {
	return { message, billingHref: hasClinicRole(principal, clinicId, 'clinic_admin') ? `/clinics/${clinicId}/billing` : null }
}
