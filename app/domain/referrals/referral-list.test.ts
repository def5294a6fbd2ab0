import { describe, expect, test } from 'vitest'
import { pageWindow, patientName, readReferralSearch, REFERRAL_SEARCH_MAX_LENGTH, ReferralSearchSchema, referralTitle, showingText, statusTone, statusTones } from './referral-list.ts'
import { REFERRAL_STATUSES } from './statuses.ts'

describe('a referral’s title', () => {
	test('names the patient and the reference', () => {
		expect(referralTitle('cmabcdefxupu78', { firstName: 'Maria', lastName: 'Gonzalez' })).toBe('Maria Gonzalez · R-XUPU78')
	})
	test('a draft without a name says so', () => {
		expect(referralTitle('cmabcdefxupu78', null)).toBe('Unnamed patient · R-XUPU78')
		expect(patientName({ firstName: '  ', lastName: null })).toBe('Unnamed patient')
		expect(patientName({ firstName: 'Ana', lastName: null })).toBe('Ana')
	})
})

describe('status tones', () => {
	test('every status has one, from the domain’s list', () => {
		expect(statusTones().map(([s]) => s)).toEqual([...REFERRAL_STATUSES])
		expect(statusTone('unfilled')).toBe('danger')
		expect(statusTone('shortlisted')).toBe('warning')
		expect(statusTone('open')).toBe('info')
	})
})

describe('the search box', () => {
	test('a reference, with or without R-, in any case', () => {
		for (const text of ['R-XUPU78', 'r-xupu78', 'xupu78', 'R - XUPU78', ' r-XuPu78 ']) expect(readReferralSearch(text)?.reference).toBe('xupu78')
	})
	test('a name is words, never a reference', () => {
		expect(readReferralSearch('Maria Gonzalez')).toEqual({ text: 'Maria Gonzalez', reference: null, words: ['Maria', 'Gonzalez'] })
		// Six letters could be either: both are tried.
		expect(readReferralSearch('garcia')).toMatchObject({ reference: 'garcia', words: ['garcia'] })
	})
	test('empty text asks for nothing; LIKE wildcards are not wildcards', () => {
		expect(readReferralSearch('   ')).toBeNull()
		expect(readReferralSearch(null)).toBeNull()
		expect(readReferralSearch('%_ ana')?.words).toEqual(['ana'])
	})
})

describe('paging', () => {
	test('page 2 of 132', () => {
		const w = pageWindow(132, '2')
		expect(w).toMatchObject({ page: 2, pages: 6, from: 26, to: 50, previous: 1, next: 3, adjusted: false })
		expect(showingText(w)).toBe('Showing 26–50 of 132')
	})
	test('the last page is short', () => {
		expect(pageWindow(132, '6')).toMatchObject({ from: 126, to: 132, next: null, previous: 5 })
	})
	test('past the end shows the last page, and says it moved', () => {
		expect(pageWindow(132, '99')).toMatchObject({ page: 6, adjusted: true })
		expect(pageWindow(0, '3')).toMatchObject({ page: 1, pages: 1, from: 0, to: 0, adjusted: true })
		expect(showingText(pageWindow(0, null))).toBe('No referrals')
	})
	test('not a page number: the first page', () => {
		for (const raw of ['abc', '-1', '0', '1.5', '99999999999']) expect(pageWindow(132, raw)).toMatchObject({ page: 1, adjusted: true })
		expect(pageWindow(132, null)).toMatchObject({ page: 1, adjusted: false })
		expect(pageWindow(132, '')).toMatchObject({ page: 1, adjusted: false })
	})
	test('one row', () => {
		expect(showingText(pageWindow(1, '1'))).toBe('Showing 1 of 1')
	})
})

describe('the search’s address', () => {
	const issues = (input: unknown) => {
		const parsed = ReferralSearchSchema.safeParse(input)
		return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'))
	}
	test('a search of at most 100 characters and one of the statuses', () => {
		expect(ReferralSearchSchema.parse({ q: '  R-XUPU78 ', status: 'open' })).toEqual({ q: 'R-XUPU78', status: 'open' })
		expect(ReferralSearchSchema.parse({})).toEqual({})
		expect(ReferralSearchSchema.parse({ q: 'x'.repeat(REFERRAL_SEARCH_MAX_LENGTH) }).q).toHaveLength(REFERRAL_SEARCH_MAX_LENGTH)
		for (const status of REFERRAL_STATUSES) expect(ReferralSearchSchema.parse({ status }).status).toBe(status)
	})
	test('a longer search, a status that is not one, or a search given twice is named', () => {
		expect(issues({ q: 'x'.repeat(REFERRAL_SEARCH_MAX_LENGTH + 1) })).toEqual(['q'])
		expect(issues({ status: 'lost' })).toEqual(['status'])
		expect(issues({ status: 'OPEN' })).toEqual(['status'])
		expect(issues({ q: ['a', 'b'] })).toEqual(['q'])
	})
})
