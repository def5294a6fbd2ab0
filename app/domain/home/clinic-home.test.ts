import { describe, expect, test } from 'vitest'
import { clinicHome, patientName, timeLeft, weekWindow, type ClinicHomeRows } from './clinic-home.ts'

const NOW = new Date('2026-11-17T18:00:00Z')
const h = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000)

function rows(overrides: Partial<ClinicHomeRows> = {}): ClinicHomeRows {
	return {
		clinicId: 'c1',
		timeZone: 'America/Chicago',
		now: NOW,
		expiringOffers: [],
		shortlists: [],
		unopenedLinks: [],
		unfilled: [],
		unfilledCount: 0,
		unreadMessages: [],
		firstSessions: [],
		patients: new Map(),
		...overrides,
	}
}

const byId = (home: ReturnType<typeof clinicHome>, id: string) => home.cards.find((c) => c.id === id)!

describe('the clinic home', () => {
	test('every card is empty, with a count of 0 and a short line saying so', () => {
		const home = clinicHome(rows())
		expect(home.cards.map((c) => c.id)).toEqual(['expiring-offers', 'shortlists', 'unopened-links', 'unfilled', 'messages', 'first-sessions'])
		for (const c of home.cards) {
			expect(c.count).toBe(0)
			expect(c.items).toEqual([])
			expect(c.empty.length).toBeGreaterThan(5)
		}
		expect(home.shownReferralIds).toEqual([])
	})

	test('an item names the referral by its reference and its patient, and leads to its page', () => {
		const home = clinicHome(rows({ shortlists: [{ referralId: 'cmabc123xyz789', choiceDueAt: h(30) }], patients: new Map([['cmabc123xyz789', { firstName: 'Pat', lastName: 'Example' }]]) }))
		const [item] = byId(home, 'shortlists').items
		expect(item).toMatchObject({
			label: 'R-XYZ789 · Pat Example',
			href: '/clinics/c1/referrals/cmabc123xyz789',
			when: { prefix: 'choice due by', iso: h(30).toISOString(), timeZone: 'America/Chicago' },
		})
		expect(home.shownReferralIds).toEqual(['cmabc123xyz789'])
	})

	test('offers about to expire: soonest first, with how many offers each referral has pending', () => {
		const home = clinicHome(
			rows({
				expiringOffers: [
					{ referralId: 'late', offers: 1, firstExpiresAt: h(20) },
					{ referralId: 'soon', offers: 3, firstExpiresAt: h(2) },
				],
				patients: new Map([
					['late', null],
					['soon', { firstName: 'Ana', lastName: null }],
				]),
			}),
		)
		const c = byId(home, 'expiring-offers')
		expect(c.count).toBe(2)
		expect(c.items.map((i) => [i.key, i.detail])).toEqual([
			['soon', '3 pending offers'],
			['late', '1 pending offer'],
		])
		expect(c.items[1]!.label).toBe('R-LATE · Patient not named yet')
		expect(c.items.map((i) => i.pill)).toEqual([
			{ tone: 'warning', text: 'in 2 h' },
			{ tone: 'warning', text: 'in 20 h' },
		])
	})

	test("rows of referrals that are not the clinic's are left out of items and counts", () => {
		const home = clinicHome(
			rows({
				unreadMessages: [
					{ referralId: 'other', messages: 2, lastAt: h(-1) },
					{ referralId: 'mine', messages: 1, lastAt: h(-2) },
				],
				patients: new Map([['mine', null]]),
			}),
		)
		expect(byId(home, 'messages')).toMatchObject({ count: 1, items: [{ key: 'mine', detail: '1 new message' }] })
	})

	test('a card shows its first five items and says how many more there are; the count is the whole', () => {
		const ids = Array.from({ length: 7 }, (_, i) => `r${i}`)
		const home = clinicHome(rows({ unfilled: ids.slice(0, 5).map((id) => ({ referralId: id, since: null })), unfilledCount: 7, patients: new Map(ids.map((id) => [id, null])) }))
		expect(byId(home, 'unfilled')).toMatchObject({ count: 7, more: 2, link: { href: '/clinics/c1/referrals?status=unfilled' } })
		expect(byId(home, 'unfilled').items).toHaveLength(5)
	})

	test('a shortlist without a live link says so; first sessions name the therapist', () => {
		const home = clinicHome(
			rows({
				shortlists: [{ referralId: 'a', choiceDueAt: null }],
				firstSessions: [
					{ referralId: 'b', at: h(48), therapist: 'Dana Reyes' },
					{ referralId: 'c', at: h(5), therapist: null },
				],
				patients: new Map([
					['a', null],
					['b', null],
					['c', null],
				]),
			}),
		)
		expect(byId(home, 'shortlists').items[0]!.detail).toMatch(/No live link/)
		expect(byId(home, 'first-sessions').items.map((i) => [i.key, i.detail])).toEqual([
			['c', null],
			['b', 'with Dana Reyes'],
		])
	})
})

describe('the week of first sessions', () => {
	test("runs from midnight today to midnight seven days on, in the clinic's zone", () => {
		expect(weekWindow(NOW, 'America/Chicago')).toEqual({ from: new Date('2026-11-17T06:00:00Z'), to: new Date('2026-11-24T06:00:00Z') })
		// Late evening in Chicago is already tomorrow in UTC: the day is the clinic's.
		expect(weekWindow(new Date('2026-11-18T03:00:00Z'), 'America/Chicago').from).toEqual(new Date('2026-11-17T06:00:00Z'))
	})

	test('keeps local midnight across a daylight-saving change', () => {
		expect(weekWindow(new Date('2026-10-30T12:00:00Z'), 'America/Chicago')).toEqual({ from: new Date('2026-10-30T05:00:00Z'), to: new Date('2026-11-06T06:00:00Z') })
	})
})

test('the time left before a deadline, in whole hours', () => {
	expect(timeLeft(h(0.5), NOW)).toBe('in under 1 h')
	expect(timeLeft(h(1), NOW)).toBe('in 1 h')
	expect(timeLeft(h(23.9), NOW)).toBe('in 23 h')
})

test("a patient's name is first and last, or says it is not given yet", () => {
	expect(patientName({ firstName: 'Pat', lastName: 'Example' })).toBe('Pat Example')
	expect(patientName({ firstName: null, lastName: 'Example' })).toBe('Example')
	expect(patientName(null)).toBe('Patient not named yet')
})
