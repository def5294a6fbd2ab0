import { expect, test } from 'vitest'
import { afterShortlist, shortlistLapsed, shortlistReminders } from './shortlist-deadline.ts'

const deadline = new Date('2026-12-08T15:00:00Z')

test('the patient is reminded 48 and 12 hours before the deadline, only of what is still ahead', () => {
	expect(shortlistReminders(deadline, new Date('2026-12-01T15:00:00Z'))).toEqual([
		{ hours: 48, at: new Date('2026-12-06T15:00:00Z') },
		{ hours: 12, at: new Date('2026-12-08T03:00:00Z') },
	])
	expect(shortlistReminders(deadline, new Date('2026-12-07T00:00:00Z'))).toEqual([{ hours: 12, at: new Date('2026-12-08T03:00:00Z') }])
	expect(shortlistReminders(deadline, new Date('2026-12-08T03:00:00Z'))).toEqual([])
})

test('a shortlist lapses at its deadline, and only while the patient has a choice to make', () => {
	expect(shortlistLapsed('shortlisted', deadline, new Date(deadline.getTime() - 1))).toBe(false)
	expect(shortlistLapsed('shortlisted', deadline, deadline)).toBe(true)
	expect(shortlistLapsed('matched', deadline, new Date('2026-12-09T00:00:00Z'))).toBe(false)
	expect(shortlistLapsed('open', deadline, new Date('2026-12-09T00:00:00Z'))).toBe(false)
})

test('after a shortlist: the released are asked again first, else the next round, else unfilled once every round was sent', () => {
	expect(afterShortlist(2, 3)).toBe('reconfirm')
	expect(afterShortlist(0, 1)).toBe('next_round')
	expect(afterShortlist(0, 2)).toBe('next_round')
	expect(afterShortlist(0, 3)).toBe('unfilled')
	expect(afterShortlist(0, 1, 1)).toBe('unfilled')
})
