// The shortlist's deadline and what follows a chosen therapist stepping back (docs/product.md §4).
// The deadline is the patient link's lifetime; the patient is reminded before it; when it lapses the
// acceptances expire and the referral goes back to open, or unfilled when no round is left. Pure.
import { type Reminder, remindersBefore } from '#app/domain/outbox/reminders.ts'
import { MATCHING_ROUNDS } from './offers.ts'

/** How long before the shortlist's deadline the patient is reminded. */
export const SHORTLIST_REMINDER_HOURS = [48, 12] as const
export type ShortlistReminderHours = (typeof SHORTLIST_REMINDER_HOURS)[number]

/** The reminders still ahead of `now` for a deadline, each with its lead in hours. */
export function shortlistReminders(deadline: Date, now: Date): Reminder<ShortlistReminderHours>[] {
	return remindersBefore(deadline, SHORTLIST_REMINDER_HOURS, now)
}

/** A shortlist lapses at its deadline, not a moment before, and only while the patient still has a choice to make. */
export function shortlistLapsed(referralStatus: string, deadline: Date, now: Date): boolean {
	return referralStatus === 'shortlisted' && deadline <= now
}

/**
 * What a referral does when its shortlist lapses, or when its chosen therapist steps back:
 * - `reconfirm`: ask again the therapists whose acceptances the choice released (step back only);
 * - `next_round`: the next round of offers goes out;
 * - `unfilled`: every round has been sent, so the referral is unfilled.
 */
export type AfterShortlist = 'reconfirm' | 'next_round' | 'unfilled'

export function afterShortlist(releasedByChoice: number, roundsDone: number, rounds = MATCHING_ROUNDS): AfterShortlist {
	if (releasedByChoice > 0) return 'reconfirm'
	return roundsDone >= rounds ? 'unfilled' : 'next_round'
}
