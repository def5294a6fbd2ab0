import { expect, test } from 'vitest'
import { changeNotice, isReferralChange } from './posting-notices.ts'
import { REFERRAL_STATUSES } from './statuses.ts'

test('a posting that left the referral unfilled says so, and never that matching or offers are under way', () => {
	for (const change of ['posted', 'reposted'] as const) {
		const notice = changeNotice(change, 'unfilled')
		expect(notice.text).toMatch(/no therapist is eligible for it, so no offers went out and it is unfilled/)
		expect(notice.text).not.toMatch(/matching has started|offers go out|offers are going|goes out now/i)
		expect(notice.tone).toBe('info')
	}
})

test('a posting whose referral is open says offers are going out', () => {
	expect(changeNotice('posted', 'open')).toEqual({ tone: 'success', text: 'Referral posted. Offers go out now to the best-matched therapists.' })
	expect(changeNotice('reposted', 'open').text).toBe('Referral posted again. Offers go out now to the best-matched therapists not asked before.')
})

test('only an open referral is said to have offers going out; saving says saved', () => {
	for (const status of REFERRAL_STATUSES) {
		if (status !== 'open') expect(changeNotice('posted', status).text).not.toMatch(/offers go out/i)
	}
	expect(changeNotice('saved', 'draft').text).toBe('Draft saved.')
	expect(changeNotice('saved', 'unfilled').text).toBe('Changes saved.')
	expect(changeNotice('posted', 'cancelled').text).toBe('Referral posted. It is now cancelled.')
	expect(isReferralChange('posted')).toBe(true)
	expect(isReferralChange('nonsense')).toBe(false)
	expect(isReferralChange(null)).toBe(false)
})
