// Reminders of booked sessions (docs/product.md §4a Reminders): one 24 hours before each booked
// session, to the patient and to the therapist. A reminder is asked for with the session's
// `sequence` and start, and goes out only if the session is still booked, unchanged and ahead when
// it is due: a moved or cancelled session's reminder does nothing (the move asked for its own). Pure.
import { type PlannedStatus } from './plan.ts'

export const SESSION_REMINDER_HOURS = [24] as const

/** Referral statuses in which the plan's sessions still happen. */
const LIVE_REFERRAL_STATUSES: readonly string[] = ['matched', 'scheduled', 'in_care']

export type AskedReminder = { sequence: number; startsAt: string }
export type SessionNow = { status: PlannedStatus; sequence: number; startsAt: Date; referralStatus: string }

/** Whether a reminder asked for `asked` still stands for the session as it is `now`. */
export function reminderStands(asked: AskedReminder, session: SessionNow | null, now: Date): boolean {
	if (!session) return false
	return (
		session.status === 'booked' &&
		session.sequence === asked.sequence &&
		session.startsAt.getTime() === new Date(asked.startsAt).getTime() &&
		session.startsAt > now &&
		LIVE_REFERRAL_STATUSES.includes(session.referralStatus)
	)
}
