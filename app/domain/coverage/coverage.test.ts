import { expect, test } from 'vitest'
import { describeState, legend, readCoverageFilters, shadeOf, shadeThresholds, supplyGaps } from './coverage.ts'

test('shades split the states that have anyone; nobody is always the lightest', () => {
	const counts = [0, 0, 1, 2, 3, 5, 8, 13, 40, 100]
	const thresholds = shadeThresholds(counts)
	expect(thresholds).toEqual([1, 3, 8, 40])
	expect(counts.map((c) => shadeOf(c, thresholds))).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4])
	expect(legend(thresholds).map((l) => l.label)).toEqual(['None', '1–2', '3–7', '8–39', '40 or more'])
	expect(shadeThresholds([0, 0])).toEqual([])
	expect(legend(shadeThresholds([5, 5, 5]))).toEqual([
		{ shade: 0, label: 'None' },
		{ shade: 1, label: '5 or more' },
	])
	expect(shadeOf(5, [5])).toBe(1)
})

test('a state in words, with demand for admins', () => {
	expect(describeState({ state: 'TX', name: 'Texas', therapists: 1 })).toBe('Texas: 1 therapist')
	expect(describeState({ state: 'TX', name: 'Texas', therapists: 1204, referrals: 1 })).toBe('Texas: 1,204 therapists, 1 referral posted')
})

test('supply gaps: demand with nobody first, then the most referrals per therapist; no demand, no gap', () => {
	const gaps = supplyGaps([
		{ state: 'TX', name: 'Texas', therapists: 10, referrals: 2 },
		{ state: 'VT', name: 'Vermont', therapists: 0, referrals: 1 },
		{ state: 'WY', name: 'Wyoming', therapists: 2, referrals: 3 },
		{ state: 'AK', name: 'Alaska', therapists: 0, referrals: 0 },
		{ state: 'ME', name: 'Maine', therapists: 4, referrals: 2 },
	])
	expect(gaps.map((g) => g.state)).toEqual(['VT', 'WY', 'ME'])
})

test('the map reads its own filters from the address, as the directory does, and says what was wrong', () => {
	expect(readCoverageFilters(new URLSearchParams('phase=integration&format=telehealth&modality=ifs&state=TX&page=9'))).toEqual({
		query: expect.objectContaining({ phases: ['integration'], format: 'telehealth', modalities: ['ifs'], state: null }),
		filters: { phases: ['integration'], format: 'telehealth', modalities: ['ifs'] },
		form: { phase: 'integration', format: 'telehealth', modality: 'ifs' },
		problems: [],
	})
	const bad = readCoverageFilters(new URLSearchParams('phase=nope&format=telehealth'))
	expect(bad.filters).toEqual({ phases: [], format: 'telehealth', modalities: [] })
	expect(bad.problems).toEqual([expect.stringMatching(/^Unknown phase nope/)])
})
