import { expect, test } from 'vitest'
import { adminHome, statesWithoutSupply, type AdminHomeRows } from './admin-home.ts'

function rows(overrides: Partial<AdminHomeRows> = {}): AdminHomeRows {
	return { pending: [], pendingCount: 0, expiring: [], expiringCount: 0, coverage: [], ...overrides }
}

test('pending credentials: the oldest first, counted in full, leading to the verification queue', () => {
	const pending = [6, 2, 4, 1, 3, 5].map((day) => ({
		kind: 'license' as const,
		id: `l${day}`,
		title: 'LPC, Texas',
		therapist: `T${day}`,
		date: `2026-11-0${day}`,
		submittedAt: new Date(`2026-11-0${day}T10:00:00Z`),
	}))
	const [card] = adminHome(rows({ pending, pendingCount: 9 }))
	expect(card).toMatchObject({ id: 'pending-credentials', count: 9, more: 4, link: { href: '/admin/verification' } })
	expect(card!.items.map((i) => i.key)).toEqual(['license:l1', 'license:l2', 'license:l3', 'license:l4', 'license:l5'])
	expect(card!.items[0]).toMatchObject({ label: 'LPC, Texas · T1', href: '/admin/verification', detail: 'submitted Nov 1, 2026' })
})

test('expiring credentials: soonest first, with the date', () => {
	const expiring = [
		{ kind: 'authorization' as const, id: 'a1', title: 'PSYPACT APIT', therapist: 'Sam', date: '2026-12-05' },
		{ kind: 'license' as const, id: 'l1', title: 'LCSW, Washington', therapist: 'Kim', date: '2026-11-20' },
	]
	const card = adminHome(rows({ expiring, expiringCount: 2 }))[1]!
	expect(card.title).toBe('Credentials expiring within 30 days')
	expect(card.items.map((i) => [i.key, i.detail])).toEqual([
		['license:l1', 'expires Nov 20, 2026'],
		['authorization:a1', 'expires Dec 5, 2026'],
	])
})

test('states without supply: only those with no accepting therapist, those with demand first', () => {
	const coverage = [
		{ state: 'AK', name: 'Alaska', therapists: 0, referrals: 0 },
		{ state: 'TX', name: 'Texas', therapists: 12, referrals: 30 },
		{ state: 'NM', name: 'New Mexico', therapists: 0, referrals: 2 },
		{ state: 'HI', name: 'Hawaii', therapists: 0, referrals: 5 },
	]
	expect(statesWithoutSupply(coverage).map((c) => c.state)).toEqual(['HI', 'NM', 'AK'])
	const card = adminHome(rows({ coverage }))[2]!
	expect(card).toMatchObject({ count: 3, link: { href: '/admin/coverage' } })
	expect(card.items[0]).toMatchObject({ label: 'Hawaii', detail: '5 referrals posted, no accepting therapist', pill: { text: 'Demand' } })
	expect(card.items[2]).toMatchObject({ label: 'Alaska', detail: 'No accepting therapist', pill: null })
})

test('empty cards say so', () => {
	expect(adminHome(rows()).map((c) => [c.count, c.empty])).toEqual([
		[0, 'No credential is waiting for review.'],
		[0, 'No verified credential expires within 30 days.'],
		[0, 'Every state has at least one accepting therapist.'],
	])
})
