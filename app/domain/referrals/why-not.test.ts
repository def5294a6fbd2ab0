import { expect, test } from 'vitest'
import { FILTER_LABELS } from '#app/domain/matching/eligibility.ts'
import { unfilledWords, whyNotLines } from './why-not.ts'

test('the counts in words, one per filter that left someone out, in the filters’ order', () => {
	expect(whyNotLines({ capacity: 3, jurisdiction: 12, phases: 0, timing: 1 })).toEqual([`12 ${FILTER_LABELS.jurisdiction}`, `3 ${FILTER_LABELS.capacity}`, `1 ${FILTER_LABELS.timing}`])
	expect(whyNotLines({})).toEqual([])
	// A filter this code does not know yet still counts, by its name.
	expect(whyNotLines({ supervision: 2 })).toEqual(['2 supervision'])
})

test('an unfilled referral is explained by the last matching’s counts, or by the patient’s answer', () => {
	expect(unfilledWords({ kind: 'matching', rounds: 3, excluded: { jurisdiction: 12, capacity: 3 } })).toBe(
		`no therapist accepted after 3 rounds of offers. Left out by the criteria at the last matching: 12 ${FILTER_LABELS.jurisdiction}; 3 ${FILTER_LABELS.capacity}. Review it and post it again with relaxed criteria.`,
	)
	expect(unfilledWords({ kind: 'matching', rounds: null, excluded: { jurisdiction: 200 } })).toMatch(
		/^no eligible therapist was left to ask\. Left out by the criteria at the last matching: 200 not licensed/,
	)
	expect(unfilledWords({ kind: 'matching', rounds: 3, excluded: {} })).toMatch(/The criteria left nobody out at the last matching\./)
	expect(unfilledWords({ kind: 'patient_declined' })).toMatch(/^the patient said none of the therapists fit\./)
	expect(unfilledWords(null)).toBe('no therapist could take it. Review it and post it again with relaxed criteria.')
})

test('a referral unfilled after a lapsed shortlist or a step back says so, with the counts', () => {
	expect(unfilledWords({ kind: 'matching', rounds: 3, excluded: { capacity: 2 }, after: 'shortlist_lapsed' })).toBe(
		`the patient did not choose before the shortlist’s deadline, and all 3 rounds of offers have been sent. Left out by the criteria at the last matching: 2 ${FILTER_LABELS.capacity}. Review it and post it again with relaxed criteria.`,
	)
	expect(unfilledWords({ kind: 'matching', rounds: 3, excluded: {}, after: 'stepped_back' })).toMatch(/^the chosen therapist stepped back, nobody re-confirmed, and all 3 rounds/)
	// With nobody eligible left, that is the reason, whatever came before.
	expect(unfilledWords({ kind: 'matching', rounds: null, excluded: {}, after: 'shortlist_lapsed' })).toMatch(/^no eligible therapist was left to ask\./)
})
