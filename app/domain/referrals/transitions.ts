// The referral lifecycle (docs/product.md §4): which status may follow which, checked by this one pure
// function before any change is written. Everything not in the table is refused with the reason.
import { REFERRAL_STATUS_LABELS, type ReferralStatus } from './statuses.ts'

const TRANSITIONS: Record<ReferralStatus, readonly ReferralStatus[]> = {
	draft: ['open', 'cancelled'],
	open: ['shortlisted', 'unfilled', 'cancelled'],
	shortlisted: ['matched', 'open', 'unfilled', 'cancelled'],
	matched: ['scheduled', 'shortlisted', 'cancelled'],
	scheduled: ['in_care', 'matched', 'cancelled'],
	in_care: ['completed'],
	completed: [],
	cancelled: [],
	unfilled: ['open'],
}

export type TransitionCheck = { ok: true } | { ok: false; message: string }

export function checkTransition(from: ReferralStatus, to: ReferralStatus): TransitionCheck {
	if (TRANSITIONS[from].includes(to)) return { ok: true }
	return { ok: false, message: `A referral that is ${REFERRAL_STATUS_LABELS[from].toLowerCase()} cannot become ${REFERRAL_STATUS_LABELS[to].toLowerCase()}.` }
}

/** What a clinic may do to its referral itself (the clinic API's `actions`, the referral page's buttons). */
export const CLINIC_ACTIONS = ['post', 'cancel', 'repost'] as const
export type ClinicAction = (typeof CLINIC_ACTIONS)[number]

const ACTION_TARGET: Record<ClinicAction, { from: readonly ReferralStatus[]; to: ReferralStatus }> = {
	post: { from: ['draft'], to: 'open' },
	cancel: { from: ['draft', 'open', 'shortlisted', 'matched', 'scheduled'], to: 'cancelled' },
	repost: { from: ['unfilled'], to: 'open' },
}

export function isClinicAction(value: unknown): value is ClinicAction {
	return typeof value === 'string' && (CLINIC_ACTIONS as readonly string[]).includes(value)
}

/** The status an action leads to from `from`, or null when the action does not apply there. */
export function actionTarget(action: ClinicAction, from: ReferralStatus): ReferralStatus | null {
	const { from: sources, to } = ACTION_TARGET[action]
	return sources.includes(from) && checkTransition(from, to).ok ? to : null
}

export function allowedActions(from: ReferralStatus): ClinicAction[] {
	return CLINIC_ACTIONS.filter((a) => actionTarget(a, from) !== null)
}

export function nextStatuses(from: ReferralStatus): readonly ReferralStatus[] {
	return TRANSITIONS[from]
}
