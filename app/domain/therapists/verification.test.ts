import { expect, test } from 'vitest'
import { addDaysToDate } from '#app/domain/calendar-dates.ts'
import { importedNextCheck, importLeavesAlone, isExpiringSoon, nextCheckDue, reviewProblem } from './verification.ts'

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

test('an import keeps a verified credential’s next check (brought forward to a sooner expiry), starts one when it verifies, and has none otherwise', () => {
	const today = '2026-12-02'
	expect(importedNextCheck(null, 'verified', '2028-06-30', today)).toBe('2027-12-02')
	expect(importedNextCheck(null, 'verified', '2027-03-31', today)).toBe('2027-03-31')
	expect(importedNextCheck({ status: 'pending', nextCheckDue: null }, 'verified', '2028-06-30', today)).toBe('2027-12-02')
	expect(importedNextCheck({ status: 'verified', nextCheckDue: '2027-05-01' }, 'verified', '2028-06-30', today)).toBe('2027-05-01')
	expect(importedNextCheck({ status: 'verified', nextCheckDue: '2027-05-01' }, 'verified', '2027-02-28', today)).toBe('2027-02-28')
	expect(importedNextCheck({ status: 'verified', nextCheckDue: null }, 'verified', '2028-06-30', today)).toBe('2027-12-02')
	expect(importedNextCheck({ status: 'verified', nextCheckDue: '2027-05-01' }, 'pending', '2028-06-30', today)).toBeNull()
	expect(importedNextCheck(null, 'rejected', '2028-06-30', today)).toBeNull()
})

test('an import leaves suspended and revoked credentials alone', () => {
	expect(['pending', 'verified', 'rejected', 'suspended', 'revoked'].filter(importLeavesAlone)).toEqual(['suspended', 'revoked'])
})
