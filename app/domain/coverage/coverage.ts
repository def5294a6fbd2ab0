// What the coverage map says about each state: how many accepting, eligible integration
// therapists can see patients there, shaded in a few steps, and — for platform admins — how that
// supply compares with demand (referrals posted for patients in the state). Pure.
import { parseDirectoryQuery } from '#app/domain/directory/directory-query.ts'

/** Demand is the referrals posted over this many days. */
export const DEMAND_DAYS = 90

export type StateCoverage = { state: string; name: string; therapists: number; referrals?: number }

/** Shades from none to many: step 0 is nobody; the others split the states that have someone. */
export const SHADES = 5

/**
 * The lower bound of each shade above zero (ascending), from the counts of the states that have
 * anyone, so the map has contrast whether the network is ten therapists or a hundred thousand.
 */
export function shadeThresholds(counts: readonly number[]): number[] {
	const positive = counts.filter((c) => c > 0).sort((a, b) => a - b)
	if (positive.length === 0) return []
	const thresholds: number[] = []
	for (let i = 0; i < SHADES - 1; i++) {
		const value = positive[Math.floor((i * positive.length) / (SHADES - 1))]!
		if (!thresholds.includes(value)) thresholds.push(value)
	}
	return thresholds
}

/** The shade of a count: 0 for nobody, otherwise 1 + the highest threshold it reaches. */
export function shadeOf(count: number, thresholds: readonly number[]): number {
	if (count <= 0) return 0
	let shade = 1
	thresholds.forEach((t, i) => {
		if (count >= t) shade = i + 1
	})
	return shade
}

/** The legend's ranges, as people read them ("3–9"). */
export function legend(thresholds: readonly number[]): { shade: number; label: string }[] {
	const entries = [{ shade: 0, label: 'None' }]
	thresholds.forEach((t, i) => {
		const next = thresholds[i + 1]
		entries.push({
			shade: i + 1,
			label: next === undefined ? `${t.toLocaleString('en-US')} or more` : next - 1 === t ? t.toLocaleString('en-US') : `${t.toLocaleString('en-US')}–${(next - 1).toLocaleString('en-US')}`,
		})
	})
	return entries
}

const people = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'therapist' : 'therapists'}`

/** One state in words, for the map's focus details and its links. */
export function describeState(c: StateCoverage): string {
	const supply = `${c.name}: ${people(c.therapists)}`
	if (c.referrals === undefined) return supply
	return `${supply}, ${c.referrals.toLocaleString('en-US')} ${c.referrals === 1 ? 'referral' : 'referrals'} posted`
}

/**
 * Where supply is missing against demand, worst first: states with referrals and nobody to see
 * them, then those with the most referrals per therapist (at least one for every two therapists). States without demand are left out.
 */
export function supplyGaps(states: readonly StateCoverage[], minReferralsPerTherapist = 0.5): StateCoverage[] {
	const ratio = (c: StateCoverage) => (c.therapists === 0 ? Infinity : (c.referrals ?? 0) / c.therapists)
	return states
		.filter((c) => (c.referrals ?? 0) > 0 && ratio(c) >= minReferralsPerTherapist)
		.sort((a, b) => ratio(b) - ratio(a) || (b.referrals ?? 0) - (a.referrals ?? 0) || a.name.localeCompare(b.name))
}

/**
 * The map's own filters from a page's address (phase, format, approach; anything else is
 * ignored), read as the directory reads them, with what was wrong with them.
 */
export function readCoverageFilters(searchParams: URLSearchParams) {
	const own = new URLSearchParams([...searchParams].filter(([k]) => k === 'phase' || k === 'format' || k === 'modality'))
	const parsed = parseDirectoryQuery(own)
	const { query } = parsed
	return {
		query,
		filters: { phases: query.phases, format: query.format, modalities: query.modalities },
		form: { phase: query.phases[0] ?? null, format: query.format, modality: query.modalities[0] ?? null },
		problems: parsed.ok ? [] : parsed.problems.map((p) => p.message),
	}
}
