import { expect, test } from 'vitest'
import { inCareTooEarly } from './care.ts'

const START = new Date('2026-11-25T15:00:00Z')

test('the first session took place: refused before its booked start, allowed from the start on', () => {
	expect(inCareTooEarly(START, new Date('2026-11-22T15:00:00Z'), 'America/Chicago')).toBe(
		'The first session is booked for Wednesday, November 25, 9:00 AM CST. You can say it took place once it has started.',
	)
	expect(inCareTooEarly(START, new Date(START.getTime() - 1), 'America/Chicago')).toMatch(/^The first session is booked for/)
	expect(inCareTooEarly(START, START, 'America/Chicago')).toBeNull()
	expect(inCareTooEarly(START, new Date('2026-11-25T16:30:00Z'), 'America/Chicago')).toBeNull()
})

test('without a booked first session there is nothing to have taken place', () => {
	expect(inCareTooEarly(null, START, 'America/New_York')).toBe('No first session is booked yet: book it first.')
})
