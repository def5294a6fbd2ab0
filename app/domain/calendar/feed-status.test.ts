import { describe, expect, it } from 'vitest'
import { presentFeed } from './feed-status.ts'

const now = new Date('2026-12-02T16:00:00Z')
const base = { host: 'calendar.google.com', readAt: new Date('2026-12-02T15:45:00Z'), events: 12, lastError: null, triedAt: new Date('2026-12-02T15:45:00Z'), busyAhead: 1 }

describe('the profile’s line about the therapist’s own calendar', () => {
	it('says nothing is connected, what the last read gave, or why it failed and what is used meanwhile', () => {
		expect(presentFeed(null, 'America/Chicago', now)).toEqual({ state: 'none' })
		expect(presentFeed(base, 'America/Chicago', now)).toEqual({
			state: 'ok',
			host: 'calendar.google.com',
			summary: 'Last read Wed, Dec 2, 9:45 AM CST: 12 events, 1 busy time ahead kept out of your free time.',
			error: null,
		})
		expect(presentFeed({ ...base, lastError: 'The calendar’s server answered 404 (not found): check the address.', triedAt: new Date('2026-12-02T15:59:00Z') }, 'America/Chicago', now)).toMatchObject({
			state: 'failing',
			error: 'The last read failed (tried Wed, Dec 2, 9:59 AM CST): The calendar’s server answered 404 (not found): check the address. Tandem keeps using what it read last time.',
		})
		expect(presentFeed({ ...base, readAt: null, events: null, busyAhead: 0, lastError: 'The calendar’s server did not answer within 10 seconds.' }, 'America/Chicago', now)).toMatchObject({
			state: 'failing',
			summary: 'Not read yet.',
			error: expect.stringMatching(/Until it can be read, only your weekly hours count\.$/),
		})
	})

	it('names the zone as it is on the date shown', () => {
		const summer = { ...base, readAt: new Date('2026-07-01T15:45:00Z') }
		expect(presentFeed(summer, 'America/Chicago', now).state === 'ok' && presentFeed(summer, 'America/Chicago', now)).toMatchObject({ summary: expect.stringContaining('10:45 AM CDT') })
	})
})
