// The therapist's home (docs/product.md §1, §4): offers waiting for an answer, soonest deadline
// first, with the urgent ones marked; the first sessions booked with them; and a line on their
// profile's health (credentials about to expire, whether they take new referrals). Offers show
// stage-1 facts only; a booked session names its patient, whom the chosen therapist may see (§5). Pure.
import { referralReference } from '#app/domain/notifications/lifecycle-notices.ts'
import { PHASES, stateName } from '#app/domain/reference/index.ts'
import { EXPIRY_NOTICE_DAYS } from '#app/domain/therapists/verification.ts'
import { formatDate } from '#app/domain/therapists/credential-presenter.ts'
import { card, plural, type HomeCard, type Tone } from './cards.ts'
import { patientName, type PatientName } from './clinic-home.ts'

/** An offer whose deadline is closer than this is marked as due soon. */
export const DUE_SOON_HOURS = 24

export type TherapistHomeRows = {
	timeZone: string
	accepting: boolean
	pendingOffers: { offerId: string; referralId: string; expiresAt: Date; clinic: string; phases: string[]; patientState: string | null; urgency: 'routine' | 'urgent' }[]
	upcomingSessions: { offerId: string; referralId: string; at: Date; clinic: string; patient: PatientName | null }[]
	/** Verified credentials that expire within EXPIRY_NOTICE_DAYS (YYYY-MM-DD). */
	expiringCredentials: { title: string; expiresOn: string }[]
	pendingCredentials: number
}

export type ProfileHealth = { tone: Tone; lines: string[]; href: string }

export type TherapistHome = { cards: HomeCard[]; health: ProfileHealth; shownReferralIds: string[] }

export function therapistHome(rows: TherapistHomeRows, now: Date): TherapistHome {
	const { timeZone } = rows
	const offers = card({
		id: 'pending-offers',
		title: 'Offers waiting for your answer',
		items: [...rows.pendingOffers]
			.sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime() || a.offerId.localeCompare(b.offerId))
			.map((o) => {
				const soon = o.expiresAt.getTime() - now.getTime() < DUE_SOON_HOURS * 3_600_000
				return {
					key: o.offerId,
					href: `/therapist/offers/${o.offerId}`,
					label: `${referralReference(o.referralId)} from ${o.clinic}`,
					detail: [o.phases.map((p) => PHASES.label(p)).join(', '), o.patientState ? `patient in ${stateName(o.patientState)}` : null, o.urgency === 'urgent' ? 'urgent' : null]
						.filter(Boolean)
						.join(' · '),
					when: { prefix: 'answer by', iso: o.expiresAt.toISOString(), timeZone },
					pill: soon ? { tone: 'danger' as const, text: `Due in under ${DUE_SOON_HOURS} h` } : null,
				}
			}),
		empty: 'No offer is waiting for you.',
		link: { href: '/therapist/offers', label: 'All offers' },
	})
	const sessions = card({
		id: 'upcoming-sessions',
		title: 'Upcoming first sessions',
		items: [...rows.upcomingSessions]
			.sort((a, b) => a.at.getTime() - b.at.getTime())
			.map((s) => ({
				key: s.offerId,
				href: `/therapist/offers/${s.offerId}`,
				label: `${referralReference(s.referralId)} · ${patientName(s.patient)}`,
				detail: `from ${s.clinic}`,
				when: { prefix: 'on', iso: s.at.toISOString(), timeZone },
				pill: null,
			})),
		empty: 'No first session is booked with you.',
		link: null,
	})
	return {
		cards: [offers, sessions],
		health: profileHealth(rows),
		shownReferralIds: [...new Set(rows.upcomingSessions.filter((s) => sessions.items.some((i) => i.key === s.offerId)).map((s) => s.referralId))],
	}
}

export function profileHealth(rows: Pick<TherapistHomeRows, 'accepting' | 'expiringCredentials' | 'pendingCredentials'>): ProfileHealth {
	const lines = [rows.accepting ? 'You are accepting new referrals.' : 'You are not accepting new referrals: no new offers will come.']
	const expiring = [...rows.expiringCredentials].sort((a, b) => a.expiresOn.localeCompare(b.expiresOn))
	if (expiring.length) {
		const first = expiring[0]!
		lines.push(
			`${plural(expiring.length, 'credential')} ${expiring.length === 1 ? 'expires' : 'expire'} within ${EXPIRY_NOTICE_DAYS} days${expiring.length > 1 ? ', the first' : ''}: ${first.title}, on ${formatDate(first.expiresOn)}.`,
		)
	} else lines.push(`No credential expires within ${EXPIRY_NOTICE_DAYS} days.`)
	if (rows.pendingCredentials) lines.push(`${plural(rows.pendingCredentials, 'credential')} waiting for review.`)
	const tone: Tone = expiring.length ? 'warning' : rows.accepting ? 'success' : 'neutral'
	return { tone, lines, href: '/therapist/profile' }
}
