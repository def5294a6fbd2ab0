// The platform admin's home (docs/product.md §1): credentials waiting for review, oldest first;
// verified credentials that expire within 30 days; and the states where no accepting therapist can
// see patients today (the coverage map's counts), those with demand first. Pure.
import { type StateCoverage } from '#app/domain/coverage/coverage.ts'
import { formatDate } from '#app/domain/therapists/credential-presenter.ts'
import { EXPIRY_NOTICE_DAYS } from '#app/domain/therapists/verification.ts'
import { card, plural, type HomeCard } from './cards.ts'

export type AdminCredentialRow = { kind: 'license' | 'authorization'; id: string; title: string; therapist: string; date: string }

export type AdminHomeRows = {
	/** The oldest pending credentials (perhaps only the first few) and how many there are. */
	pending: (AdminCredentialRow & { submittedAt: Date })[]
	pendingCount: number
	/** Verified credentials expiring within EXPIRY_NOTICE_DAYS, soonest first (perhaps only the first few), and how many. */
	expiring: AdminCredentialRow[]
	expiringCount: number
	coverage: StateCoverage[]
}

/** States nobody can serve: those with referrals posted first (most first), then by name. */
export function statesWithoutSupply(coverage: readonly StateCoverage[]): StateCoverage[] {
	return coverage.filter((c) => c.therapists === 0).sort((a, b) => (b.referrals ?? 0) - (a.referrals ?? 0) || a.name.localeCompare(b.name))
}

export function adminHome(rows: AdminHomeRows): HomeCard[] {
	const credential = (c: AdminCredentialRow, href: string) => ({ key: `${c.kind}:${c.id}`, href, label: `${c.title} · ${c.therapist}`, when: null, pill: null })
	const gaps = statesWithoutSupply(rows.coverage)
	return [
		card({
			id: 'pending-credentials',
			title: 'Credentials waiting for review',
			count: rows.pendingCount,
			items: [...rows.pending].sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime()).map((c) => ({ ...credential(c, '/admin/verification'), detail: `submitted ${formatDate(c.date)}` })),
			empty: 'No credential is waiting for review.',
			link: { href: '/admin/verification', label: 'Open the verification queue' },
		}),
		card({
			id: 'expiring-credentials',
			title: `Credentials expiring within ${EXPIRY_NOTICE_DAYS} days`,
			count: rows.expiringCount,
			items: [...rows.expiring].sort((a, b) => a.date.localeCompare(b.date)).map((c) => ({ ...credential(c, '/admin/credentials'), detail: `expires ${formatDate(c.date)}` })),
			empty: `No verified credential expires within ${EXPIRY_NOTICE_DAYS} days.`,
			link: { href: '/admin/credentials', label: 'Credential checks' },
		}),
		card({
			id: 'states-without-supply',
			title: 'States without supply',
			items: gaps.map((c) => ({
				key: c.state,
				href: '/admin/coverage',
				label: c.name,
				detail: c.referrals ? `${plural(c.referrals, 'referral')} posted, no accepting therapist` : 'No accepting therapist',
				when: null,
				pill: c.referrals ? { tone: 'danger' as const, text: 'Demand' } : null,
			})),
			empty: 'Every state has at least one accepting therapist.',
			link: { href: '/admin/coverage', label: 'Supply and demand' },
		}),
	]
}
