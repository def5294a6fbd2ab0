import { describe, expect, test } from 'vitest'
import { profileHealth, therapistHome, type TherapistHomeRows } from './therapist-home.ts'

const NOW = new Date('2026-11-17T18:00:00Z')
const h = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000)

function rows(overrides: Partial<TherapistHomeRows> = {}): TherapistHomeRows {
	return { timeZone: 'America/Chicago', accepting: true, pendingOffers: [], upcomingSessions: [], expiringCredentials: [], pendingCredentials: 0, ...overrides }
}

const offer = (offerId: string, hours: number, extra: Partial<TherapistHomeRows['pendingOffers'][number]> = {}) => ({
	offerId,
	referralId: `ref${offerId}`,
	expiresAt: h(hours),
	clinic: 'Austin Ketamine Clinic',
	phases: ['preparation', 'integration'],
	patientState: 'TX',
	urgency: 'routine' as const,
	...extra,
})

describe('the therapist home', () => {
	test('pending offers come soonest deadline first; those due in under 24 hours carry a pill', () => {
		const home = therapistHome(rows({ pendingOffers: [offer('b', 30), offer('a', 3, { urgency: 'urgent' }), offer('c', 23.9)] }), NOW)
		const [offers] = home.cards
		expect(offers!.count).toBe(3)
		expect(offers!.items.map((i) => [i.key, i.pill?.text ?? null])).toEqual([
			['a', 'Due in under 24 h'],
			['c', 'Due in under 24 h'],
			['b', null],
		])
		expect(offers!.items[0]).toMatchObject({
			label: 'R-REFA from Austin Ketamine Clinic',
			href: '/therapist/offers/a',
			detail: 'Preparation, Integration · patient in Texas · urgent',
			when: { prefix: 'answer by', timeZone: 'America/Chicago' },
		})
		expect(offers!.items[0]!.pill!.tone).toBe('danger')
	})

	test('an offer shows no patient detail beyond the stage-1 facts', () => {
		const home = therapistHome(rows({ pendingOffers: [offer('a', 5)] }), NOW)
		expect(JSON.stringify(home.cards[0])).not.toMatch(/Pat|Example/)
		expect(home.shownReferralIds).toEqual([])
	})

	test('upcoming sessions come soonest first and name the patient for the chosen therapist', () => {
		const home = therapistHome(
			rows({
				upcomingSessions: [
					{ offerId: 'o2', referralId: 'r2', at: h(72), clinic: 'Clinic', patient: { firstName: 'Pat', lastName: 'Example' } },
					{ offerId: 'o1', referralId: 'r1', at: h(24), clinic: 'Clinic', patient: null },
				],
			}),
			NOW,
		)
		const sessions = home.cards[1]!
		expect(sessions.items.map((i) => i.label)).toEqual(['R-R1 · Patient not named yet', 'R-R2 · Pat Example'])
		expect(home.shownReferralIds.sort()).toEqual(['r1', 'r2'])
	})

	test('empty cards say so', () => {
		const home = therapistHome(rows(), NOW)
		expect(home.cards.map((c) => [c.count, c.empty])).toEqual([
			[0, 'No offer is waiting for you.'],
			[0, 'No first session is booked with you.'],
		])
	})
})

describe('the profile health line', () => {
	test('says whether new referrals come and that nothing expires soon', () => {
		expect(profileHealth(rows())).toEqual({ tone: 'success', lines: ['You are accepting new referrals.', 'No credential expires within 30 days.'], href: '/therapist/profile' })
		expect(profileHealth(rows({ accepting: false })).tone).toBe('neutral')
		expect(profileHealth(rows({ accepting: false })).lines[0]).toMatch(/not accepting/)
	})

	test('names the first credential to expire and counts the rest, and those waiting for review', () => {
		const health = profileHealth(
			rows({
				expiringCredentials: [
					{ title: 'LPC, Texas', expiresOn: '2026-12-10' },
					{ title: 'PSYPACT APIT', expiresOn: '2026-12-01' },
				],
				pendingCredentials: 1,
			}),
		)
		expect(health.tone).toBe('warning')
		expect(health.lines.slice(1)).toEqual(['2 credentials expire within 30 days, the first: PSYPACT APIT, on Dec 1, 2026.', '1 credential waiting for review.'])
	})
})
