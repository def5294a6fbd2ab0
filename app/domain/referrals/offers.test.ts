import { expect, test } from 'vitest'
import { checkOfferTransition, expiringNoticeAt, followUp, nextRound, OFFER_STATUSES, offerExpiresAt, offerSourcesOf, type OfferStatus, reconfirmExpiresAt } from './offers.ts'

// docs/product.md §4's offer statuses, written out once more by hand so that a change to the table shows up here;
// chosen → retracted, which the referral's matched → shortlisted needs (ADR 0012); accepted → expired at the
// shortlist's deadline and released → pending for a re-confirmation (ADR 0024).
const ALLOWED = new Set([
	'pending→accepted',
	'pending→declined',
	'pending→expired',
	'pending→withdrawn',
	'accepted→chosen',
	'accepted→released',
	'accepted→retracted',
	'accepted→expired',
	'chosen→retracted',
	'released→pending',
])

const pairs = OFFER_STATUSES.flatMap((from) => OFFER_STATUSES.map((to) => [from, to] as [OfferStatus, OfferStatus]))

test.each(pairs)('offer %s → %s follows the table', (from, to) => {
	const verdict = checkOfferTransition(from, to)
	expect(verdict.ok).toBe(ALLOWED.has(`${from}→${to}`))
	if (!verdict.ok) expect(verdict.message).toMatch(/cannot become/)
})

test('the statuses an offer may leave for each target', () => {
	expect(offerSourcesOf('withdrawn')).toEqual(['pending'])
	expect(offerSourcesOf('released')).toEqual(['accepted'])
	expect(offerSourcesOf('pending')).toEqual(['released'])
	expect(offerSourcesOf('expired')).toEqual(['pending', 'accepted'])
})

test('a re-confirmation has 24 hours', () => {
	expect(reconfirmExpiresAt(new Date('2026-12-01T10:00:00Z'))).toEqual(new Date('2026-12-02T10:00:00Z'))
})

test('response window: 48 hours, 12 when urgent; the reminder 12 hours before, 4 when urgent', () => {
	const sent = new Date('2026-12-01T10:00:00Z')
	expect(offerExpiresAt(sent, 'routine')).toEqual(new Date('2026-12-03T10:00:00Z'))
	expect(offerExpiresAt(sent, 'urgent')).toEqual(new Date('2026-12-01T22:00:00Z'))
	expect(expiringNoticeAt(sent, offerExpiresAt(sent, 'routine'), 'routine')).toEqual(new Date('2026-12-02T22:00:00Z'))
	expect(expiringNoticeAt(sent, offerExpiresAt(sent, 'urgent'), 'urgent')).toEqual(new Date('2026-12-01T18:00:00Z'))
	// A window shorter than the reminder's lead gets none.
	expect(expiringNoticeAt(sent, new Date('2026-12-01T13:00:00Z'), 'urgent')).toBeNull()
})

test('after an offer changes: the first acceptance shortlists, the last one gone reopens, no answer left asks the next round', () => {
	expect(followUp('open', { accepted: 1, pending: 4 })).toBe('shortlist')
	expect(followUp('shortlisted', { accepted: 0, pending: 2, retracted: 1 })).toBe('reopen')
	expect(followUp('shortlisted', { accepted: 1 })).toBe('none')
	expect(followUp('open', { declined: 3, expired: 2 })).toBe('next_round')
	expect(followUp('open', { pending: 1, declined: 4 })).toBe('none')
	expect(followUp('matched', { chosen: 1 })).toBe('none')
	expect(followUp('cancelled', {})).toBe('none')
})

test('rounds: wait while offers are out, send the next up to the last, then unfilled', () => {
	expect(nextRound('open', 0, {})).toEqual({ kind: 'send', round: 1 })
	expect(nextRound('open', 1, { pending: 2 })).toEqual({ kind: 'wait' })
	expect(nextRound('open', 2, { expired: 5, declined: 5 })).toEqual({ kind: 'send', round: 3 })
	expect(nextRound('open', 3, { expired: 15 })).toEqual({ kind: 'unfilled' })
	expect(nextRound('shortlisted', 1, { accepted: 1 })).toEqual({ kind: 'wait' })
	expect(nextRound('cancelled', 1, {})).toEqual({ kind: 'wait' })
})
