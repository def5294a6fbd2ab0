// The statuses of a referral (docs/product.md §4) and their names in the interface.
export const REFERRAL_STATUSES = ['draft', 'open', 'shortlisted', 'matched', 'scheduled', 'in_care', 'completed', 'cancelled', 'unfilled'] as const
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number]

export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = {
	draft: 'Draft',
	open: 'Open',
	shortlisted: 'Shortlisted',
	matched: 'Matched',
	scheduled: 'Scheduled',
	in_care: 'In care',
	completed: 'Completed',
	cancelled: 'Cancelled',
	unfilled: 'Unfilled',
}

/** Statuses in which the patient has something to do or see behind their link: only then is a link sent. */
export const PATIENT_LINK_STATUSES = ['shortlisted', 'matched', 'scheduled'] as const satisfies readonly ReferralStatus[]

export const canSendPatientLink = (status: string): boolean => (PATIENT_LINK_STATUSES as readonly string[]).includes(status)

export function isReferralStatus(value: string): value is ReferralStatus {
	return (REFERRAL_STATUSES as readonly string[]).includes(value)
}

/** FHIR Task.status (and businessStatus) for each status, for the API (docs/product.md §4). */
export const FHIR_TASK_STATUS: Record<ReferralStatus, { status: string; businessStatus?: string }> = {
	draft: { status: 'draft' },
	open: { status: 'requested' },
	shortlisted: { status: 'requested', businessStatus: 'awaiting-patient-choice' },
	matched: { status: 'accepted' },
	scheduled: { status: 'accepted', businessStatus: 'scheduled' },
	in_care: { status: 'in-progress' },
	completed: { status: 'completed' },
	cancelled: { status: 'cancelled' },
	unfilled: { status: 'failed' },
}
