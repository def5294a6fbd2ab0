import { expect, test } from 'vitest'
import { addDaysToDate } from '#app/domain/calendar-dates.ts'
import { isExpiringSoon, nextCheckDue, reviewProblem } from './verification.ts'

test('the next check is a year after verification, or the expiry date when that is sooner', () => {
	expect(nextCheckDue('2026-11-23', '2028-06-30')).toBe('2027-11-23')
	expect(nextCheckDue('2026-11-23', '2027-03-31')).toBe('2027-03-31')
	expect(nextCheckDue('2024-02-29', '2030-01-01')).toBe('2025-02-28') // no 29 February next year
})

test('expiring soon: verified, not yet expired, within 30 days', () => {
	const today = '2026-11-23'
	expect(isExpiringSoon({ status: 'verified', expiresOn: '2026-12-23' }, today)).toBe(true)
	expect(isExpiringSoon({ status: 'verified', expiresOn: today }, today)).toBe(true)
	expect(isExpiringSoon({ status: 'verified', expiresOn: '2026-12-24' }, today)).toBe(false)
	expect(isExpiringSoon({ status: 'verified', expiresOn: '2026-11-22' }, today)).toBe(false)
	expect(isExpiringSoon({ status: 'pending', expiresOn: '2026-12-01' }, today)).toBe(false)
})

test('a rejection needs a note; an expired credential cannot be verified', () => {
	expect(reviewProblem('reject', '  ', '2027-01-01', '2026-11-23')).toMatch(/Say why/)
	expect(reviewProblem('reject', 'Number not found on the board', '2027-01-01', '2026-11-23')).toBeNull()
	expect(reviewProblem('verify', '', '2026-11-22', '2026-11-23')).toMatch(/expired/)
	expect(reviewProblem('verify', '', '2026-11-23', '2026-11-23')).toBeNull()
})

test('adding days crosses months and years', () => {
	expect(addDaysToDate('2026-12-25', 10)).toBe('2027-01-04')
})
