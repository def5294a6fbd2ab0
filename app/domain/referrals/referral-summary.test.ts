import { describe, expect, test } from 'vitest'
import { type OfferStatus } from './offers.ts'
import { CONFIRMED_STEPS, latestOffer, linkText, nextSteps, offerPill, summaryFacts, type SummaryInput } from './referral-summary.ts'
import { REFERRAL_STATUSES, type ReferralStatus } from './statuses.ts'

const TZ = 'America/Chicago'
const NOW = new Date('2026-11-17T12:00:00Z')
const base: SummaryInput = { status: 'open', offers: [], firstSessionAt: null, link: null, now: NOW, timeZone: TZ }
const offer = (therapistName: string, status: OfferStatus, expiresAt = '2026-11-19T18:00:00Z') => ({ therapistName, status, expiresAt: new Date(expiresAt), proposedTimes: [] })

describe('where a referral stands', () => {
	test('pending offers with their deadlines, soonest first', () => {
		const facts = summaryFacts({ ...base, offers: [offer('Dana Lee', 'pending', '2026-11-19T20:00:00Z'), offer('Ari Cole', 'pending'), offer('Bo Park', 'declined')] })
		expect(facts).toEqual([{ label: 'Waiting for an answer', value: 'Ari Cole (by Thu, Nov 19, 12:00 PM CST); Dana Lee (by Thu, Nov 19, 2:00 PM CST)' }])
	})
	test('acceptances wait for the patient, and the link says whether it was opened', () => {
		const facts = summaryFacts({ ...base, status: 'shortlisted', offers: [offer('Ari Cole', 'accepted')], link: { expiresAt: new Date('2026-11-24T12:00:00Z'), lastOpenedAt: null } })
		expect(facts).toEqual([
			{ label: 'Accepted, waiting for the patient', value: 'Ari Cole' },
			{ label: 'The patient’s link', value: 'Not opened yet; works until Tue, Nov 24, 6:00 AM CST' },
		])
	})
	test('the chosen therapist and the booked first session', () => {
		const facts = summaryFacts({ ...base, status: 'scheduled', offers: [offer('Ari Cole', 'chosen'), offer('Bo Park', 'released')], firstSessionAt: new Date('2026-11-26T16:00:00Z') })
		expect(facts.slice(0, 2)).toEqual([
			{ label: 'Chosen therapist', value: 'Ari Cole' },
			{ label: 'First session', value: 'Thu, Nov 26, 10:00 AM CST' },
		])
		expect(facts[2]).toEqual({ label: 'The patient’s link', value: 'None in use' })
	})
	test('matched without a booked time says so', () => {
		expect(summaryFacts({ ...base, status: 'matched', offers: [offer('Ari Cole', 'chosen')] })[1]).toEqual({
			label: 'First session',
			value: 'Not booked yet: the therapist and the patient arrange it',
		})
	})
	test('an open referral with nothing out says the next round is coming', () => {
		expect(summaryFacts(base)).toEqual([{ label: 'Offers', value: 'None out right now: the next round goes out shortly' }])
		expect(summaryFacts({ ...base, status: 'draft' })).toEqual([])
	})
	test('deadlines across the end of daylight saving time keep the clock time where the clinic is', () => {
		// Central time leaves daylight saving on Sunday, November 1, 2026 at 2 AM.
		const before = summaryFacts({ ...base, offers: [offer('Ari Cole', 'pending', '2026-10-31T17:00:00Z')] })
		const after = summaryFacts({ ...base, offers: [offer('Ari Cole', 'pending', '2026-11-02T18:00:00Z')] })
		expect(before[0]!.value).toBe('Ari Cole (by Sat, Oct 31, 12:00 PM CDT)')
		expect(after[0]!.value).toBe('Ari Cole (by Mon, Nov 2, 12:00 PM CST)')
		expect(linkText({ expiresAt: new Date('2026-11-01T07:30:00Z'), lastOpenedAt: new Date('2026-11-01T06:30:00Z') }, TZ)).toBe('Opened Sun, Nov 1, 1:30 AM CDT; works until Sun, Nov 1, 1:30 AM CST')
	})
})

describe('next steps', () => {
	const kinds = (status: ReferralStatus, extra: Partial<Parameters<typeof nextSteps>[0]> = {}) =>
		nextSteps({ status, draftComplete: true, hasLink: false, acceptedOffers: 0, ...extra }).map((s) => s.kind)
	test('follow the lifecycle’s allowed actions', () => {
		expect(kinds('draft')).toEqual(['post', 'edit_draft', 'cancel'])
		expect(kinds('draft', { draftComplete: false })).toEqual(['edit_draft', 'cancel'])
		expect(kinds('open')).toEqual(['offer_therapist', 'cancel'])
		expect(kinds('shortlisted', { acceptedOffers: 2, hasLink: true })).toEqual(['record_choice', 'send_link', 'revoke_link', 'cancel'])
		expect(kinds('matched')).toEqual(['send_link', 'cancel'])
		expect(kinds('unfilled')).toEqual(['relax_criteria', 'repost'])
		expect(kinds('in_care')).toEqual([])
		expect(kinds('completed')).toEqual([])
		expect(kinds('cancelled')).toEqual([])
	})
	test('the link is sent for the first time, or again', () => {
		expect(nextSteps({ status: 'matched', draftComplete: true, hasLink: false, acceptedOffers: 0 })[0]).toEqual({ kind: 'send_link', first: true })
		expect(nextSteps({ status: 'matched', draftComplete: true, hasLink: true, acceptedOffers: 0 })[0]).toEqual({ kind: 'send_link', first: false })
	})
	test('cancel is offered exactly where the lifecycle allows it, and always last', () => {
		for (const status of REFERRAL_STATUSES) {
			const steps = kinds(status)
			expect(steps.includes('cancel')).toBe(['draft', 'open', 'shortlisted', 'matched', 'scheduled'].includes(status))
			if (steps.includes('cancel')) expect(steps.at(-1)).toBe('cancel')
		}
	})
	test('the destructive and final steps ask first', () => {
		expect([...CONFIRMED_STEPS].sort()).toEqual(['cancel', 'record_choice', 'revoke_link'])
	})
})

describe('a suggested therapist’s offer pill', () => {
	test('each state in words', () => {
		expect(offerPill(null, TZ)).toBeNull()
		expect(offerPill({ status: 'pending', expiresAt: new Date('2026-12-04T18:00:00Z') }, TZ)).toEqual({ text: 'Offer sent, answer due Fri, Dec 4, 12:00 PM CST', tone: 'info' })
		expect(offerPill({ status: 'accepted', expiresAt: NOW }, TZ)).toEqual({ text: 'Accepted', tone: 'success' })
		expect(offerPill({ status: 'declined', expiresAt: NOW }, TZ)?.text).toBe('Declined')
		expect(offerPill({ status: 'expired', expiresAt: NOW }, TZ)?.text).toBe('Did not answer in time')
	})
	test('the answer is due in the clinic’s zone on either side of the clock change', () => {
		expect(offerPill({ status: 'pending', expiresAt: new Date('2026-10-31T22:00:00Z') }, TZ)?.text).toBe('Offer sent, answer due Sat, Oct 31, 5:00 PM CDT')
		expect(offerPill({ status: 'pending', expiresAt: new Date('2026-11-01T23:00:00Z') }, TZ)?.text).toBe('Offer sent, answer due Sun, Nov 1, 5:00 PM CST')
	})
	test('of several offers to one therapist, the latest says where they stand', () => {
		const map = latestOffer([
			{ therapistId: 't1', sentAt: new Date('2026-11-01T00:00:00Z'), status: 'expired' },
			{ therapistId: 't1', sentAt: new Date('2026-11-10T00:00:00Z'), status: 'pending' },
			{ therapistId: 't2', sentAt: new Date('2026-11-05T00:00:00Z'), status: 'declined' },
		])
		expect(map.get('t1')?.status).toBe('pending')
		expect(map.get('t2')?.status).toBe('declined')
	})
})
