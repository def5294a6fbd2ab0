import { expect, test } from 'vitest'
import { REFERRAL_STATUSES, type ReferralStatus } from './statuses.ts'
import { actionTarget, allowedActions, checkTransition } from './transitions.ts'

// docs/product.md §4, written out once more by hand so that a change to the table shows up here.
const ALLOWED = new Set([
	'draft→open',
	'draft→cancelled',
	'open→shortlisted',
	'open→unfilled',
	'open→cancelled',
	'shortlisted→matched',
	'shortlisted→open',
	'shortlisted→unfilled',
	'shortlisted→cancelled',
	'matched→scheduled',
	'matched→shortlisted',
	'matched→cancelled',
	'scheduled→in_care',
	'scheduled→matched',
	'scheduled→cancelled',
	'in_care→completed',
	'unfilled→open',
])

const pairs = REFERRAL_STATUSES.flatMap((from) => REFERRAL_STATUSES.map((to) => [from, to] as [ReferralStatus, ReferralStatus]))

test.each(pairs)('%s → %s follows the table', (from, to) => {
	const verdict = checkTransition(from, to)
	expect(verdict.ok).toBe(ALLOWED.has(`${from}→${to}`))
	if (!verdict.ok) expect(verdict.message).toMatch(/cannot become/)
})

test('clinic actions: post a draft, cancel until care starts, repost an unfilled referral', () => {
	expect(allowedActions('draft')).toEqual(['post', 'cancel'])
	expect(allowedActions('open')).toEqual(['cancel'])
	expect(allowedActions('scheduled')).toEqual(['cancel'])
	expect(allowedActions('unfilled')).toEqual(['repost'])
	expect(allowedActions('in_care')).toEqual([])
	expect(allowedActions('cancelled')).toEqual([])
	expect(actionTarget('post', 'open')).toBeNull()
	expect(actionTarget('repost', 'unfilled')).toBe('open')
})
