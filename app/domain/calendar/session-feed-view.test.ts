import { describe, expect, it } from 'vitest'
import { presentSessionFeed } from './session-feed-view.ts'

const NOW = new Date('2026-11-17T18:00:00Z')

describe('the session feed in settings', () => {
	it('says there is none', () => {
		expect(presentSessionFeed(null, 'America/Chicago', NOW)).toEqual({ state: 'none' })
	})

	it('says when it was made and last read, in the reader’s zone', () => {
		expect(presentSessionFeed({ createdAt: new Date('2026-11-16T15:00:00Z'), lastReadAt: new Date('2026-11-17T17:00:00Z') }, 'America/Chicago', NOW)).toEqual({
			state: 'on',
			made: 'Made Mon, Nov 16, 9:00 AM CST.',
			read: 'A calendar last read it Tue, Nov 17, 11:00 AM CST.',
		})
	})

	it('says when no calendar has read it yet', () => {
		expect(presentSessionFeed({ createdAt: NOW, lastReadAt: null }, 'America/Chicago', NOW)).toMatchObject({ read: 'No calendar has read it yet.' })
	})
})
