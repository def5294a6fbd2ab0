// The clinic's home (docs/product.md §1, §4): what needs a coordinator now, one card each — offers
// about to expire, shortlists waiting for the patient, patient links not opened, unfilled
// referrals, unread messages from the chosen therapist and this week's first sessions. Each item is
// a referral: its reference and the patient's name (stage 2, for the clinic's own members). Pure.
import { addDaysToDate } from '#app/domain/calendar-dates.ts'
import { localDate, wallTimeToInstant } from '#app/domain/availability/ranges.ts'
import { referralReference } from '#app/domain/notifications/lifecycle-notices.ts'
import { card, plural, type HomeCard, type HomeItem } from './cards.ts'

/** Pending offers whose deadline falls within this many hours are "about to expire". */
export const EXPIRING_WITHIN_HOURS = 24
export const WEEK_DAYS = 7

export type PatientName = { firstName: string | null; lastName: string | null }

export type ClinicHomeRows = {
	clinicId: string
	timeZone: string
	now: Date
	/** Per referral: its pending offers that expire within EXPIRING_WITHIN_HOURS, and the first deadline. */
	expiringOffers: { referralId: string; offers: number; firstExpiresAt: Date }[]
	/** Shortlisted referrals, with the deadline of the patient's link when one is live. */
	shortlists: { referralId: string; choiceDueAt: Date | null }[]
	/** Live patient links (not expired, not revoked) never opened. */
	unopenedLinks: { referralId: string; sentAt: Date; expiresAt: Date }[]
	/** Unfilled referrals, newest first (perhaps only the first few), with how many there are. */
	unfilled: { referralId: string; since: Date | null }[]
	unfilledCount: number
	/** The viewer's unread notifications of a message from the chosen therapist, per referral. */
	unreadMessages: { referralId: string; messages: number; lastAt: Date }[]
	/** Booked first sessions this week (weekWindow), with the chosen therapist. */
	firstSessions: { referralId: string; at: Date; therapist: string | null }[]
	/** The patients' names of the referrals above that belong to this clinic. */
	patients: Map<string, PatientName | null>
}

/** Today and the six days after it, from midnight to midnight in the clinic's zone. */
export function weekWindow(now: Date, timeZone: string): { from: Date; to: Date } {
	const today = localDate(now, timeZone)
	return { from: wallTimeToInstant(today, 0, timeZone), to: wallTimeToInstant(addDaysToDate(today, WEEK_DAYS), 0, timeZone) }
}

export function patientName(name: PatientName | null | undefined): string {
	const full = [name?.firstName, name?.lastName].filter(Boolean).join(' ').trim()
	return full || 'Patient not named yet'
}

/** How long until a deadline, in whole hours ("in 5 h"), or "in under 1 h". */
export function timeLeft(deadline: Date, now: Date): string {
	const hours = Math.floor((deadline.getTime() - now.getTime()) / 3_600_000)
	return hours < 1 ? 'in under 1 h' : `in ${hours} h`
}

export type ClinicHome = { cards: HomeCard[]; shownReferralIds: string[] }

export function clinicHome(rows: ClinicHomeRows): ClinicHome {
	const { clinicId, timeZone, patients } = rows
	const referrals = `/clinics/${clinicId}/referrals`
	// A row whose referral is not the clinic's (a notification kept after a move, say) is left out.
	const ours = <T extends { referralId: string }>(list: T[]) => list.filter((r) => patients.has(r.referralId))
	const item = (referralId: string, fields: Partial<HomeItem> = {}): HomeItem => ({
		key: referralId,
		href: `${referrals}/${referralId}`,
		label: `${referralReference(referralId)} · ${patientName(patients.get(referralId))}`,
		detail: null,
		when: null,
		pill: null,
		...fields,
	})
	const at = (prefix: string, date: Date) => ({ prefix, iso: date.toISOString(), timeZone })

	const cards = [
		card({
			id: 'expiring-offers',
			title: 'Offers about to expire',
			items: ours(rows.expiringOffers)
				.sort((a, b) => a.firstExpiresAt.getTime() - b.firstExpiresAt.getTime())
				.map((r) =>
					item(r.referralId, { detail: `${plural(r.offers, 'pending offer')}`, when: at('first expires', r.firstExpiresAt), pill: { tone: 'warning', text: timeLeft(r.firstExpiresAt, rows.now) } }),
				),
			empty: `No offer expires in the next ${EXPIRING_WITHIN_HOURS} hours.`,
			link: null,
		}),
		card({
			id: 'shortlists',
			title: 'Shortlists waiting for the patient',
			items: ours(rows.shortlists)
				.sort((a, b) => (a.choiceDueAt?.getTime() ?? Infinity) - (b.choiceDueAt?.getTime() ?? Infinity))
				.map((r) => item(r.referralId, r.choiceDueAt ? { when: at('choice due by', r.choiceDueAt) } : { detail: 'No live link: send the patient a new one' })),
			empty: 'No patient has a shortlist to choose from.',
			link: { href: `${referrals}?status=shortlisted`, label: 'All shortlisted referrals' },
		}),
		card({
			id: 'unopened-links',
			title: 'Patient links not opened',
			items: ours(rows.unopenedLinks)
				.sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime())
				.map((r) => item(r.referralId, { when: at('sent', r.sentAt) })),
			empty: 'Every live patient link has been opened.',
			link: null,
		}),
		card({
			id: 'unfilled',
			title: 'Unfilled referrals',
			count: rows.unfilledCount,
			items: ours(rows.unfilled).map((r) => item(r.referralId, r.since ? { when: at('unfilled since', r.since) } : {})),
			empty: 'No referral is unfilled.',
			link: { href: `${referrals}?status=unfilled`, label: 'All unfilled referrals' },
		}),
		card({
			id: 'messages',
			title: 'Unread messages',
			items: ours(rows.unreadMessages)
				.sort((a, b) => b.lastAt.getTime() - a.lastAt.getTime())
				.map((r) => item(r.referralId, { detail: plural(r.messages, 'new message'), when: at('last', r.lastAt) })),
			empty: 'No unread message from a therapist.',
			link: { href: '/notifications', label: 'All notifications' },
		}),
		card({
			id: 'first-sessions',
			title: 'First sessions this week',
			items: ours(rows.firstSessions)
				.sort((a, b) => a.at.getTime() - b.at.getTime())
				.map((r) => item(r.referralId, { detail: r.therapist ? `with ${r.therapist}` : null, when: at('on', r.at) })),
			empty: 'No first session in the next 7 days.',
			link: null,
		}),
	]
	return { cards, shownReferralIds: [...new Set(cards.flatMap((c) => c.items.map((i) => i.key)))] }
}
