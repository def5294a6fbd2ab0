import { expect, test } from 'vitest'
import { checkProposal, proposableTimes, proposalWindows, type ProposalReferral } from './proposals.ts'

// Fixed clock; the first dosing session is on Tuesday 2026-03-03 at 15:00 UTC.
const now = new Date('2026-02-27T12:00:00Z')
const referral: ProposalReferral = {
	phases: ['integration'],
	firstDosingAt: new Date('2026-03-03T15:00:00Z'),
	dosingSessions: 2,
	cadenceDays: 7,
	integrationFromHour: 24,
	integrationToHour: 72,
}
// Wednesdays and Fridays 9:00–11:00 in Chicago.
const chicago = { timeZone: 'America/Chicago', rules: [2, 4].map((dayOfWeek) => ({ dayOfWeek, startMinute: 9 * 60, endMinute: 11 * 60 })) }

test('integration: each dosing session’s window, 24–72 hours after it', () => {
	expect(proposalWindows(referral, now)).toEqual([
		{ start: new Date('2026-03-04T15:00:00Z'), end: new Date('2026-03-06T15:00:00Z') },
		{ start: new Date('2026-03-11T15:00:00Z'), end: new Date('2026-03-13T15:00:00Z') },
	])
})

test('no integration: the two weeks before the first dosing session, from 12 hours ahead', () => {
	expect(proposalWindows({ ...referral, phases: ['preparation'] }, now)).toEqual([{ start: new Date('2026-02-28T00:00:00Z'), end: new Date('2026-03-03T15:00:00Z') }])
})

test('windows already past, or too short for an hour, are left out', () => {
	// 12 hours ahead of 02:00 is 14:00, an hour before the first window closes: still room for a session.
	expect(proposalWindows(referral, new Date('2026-03-06T02:00:00Z'))[0]).toEqual({ start: new Date('2026-03-06T14:00:00Z'), end: new Date('2026-03-06T15:00:00Z') })
	expect(proposalWindows(referral, new Date('2026-03-06T02:00:01Z'))).toEqual([{ start: new Date('2026-03-11T15:00:00Z'), end: new Date('2026-03-13T15:00:00Z') }])
	expect(proposalWindows(referral, new Date('2026-03-14T00:00:00Z'))).toEqual([])
})

test('free hours inside the windows, across the DST change in Chicago (8 March 2026)', () => {
	const times = proposableTimes(chicago, [], proposalWindows(referral, now)).map((t) => t.toISOString())
	expect(times).toEqual([
		// Wednesday the 4th, 9:00–11:00 CST = 15:00–17:00 UTC; the window opened at 15:00.
		'2026-03-04T15:00:00.000Z',
		'2026-03-04T15:30:00.000Z',
		'2026-03-04T16:00:00.000Z',
		// Friday the 6th, 15:00–17:00 UTC: the window closed at 15:00, so nothing.
		// Wednesday the 11th, after the change: 9:00–11:00 CDT = 14:00–16:00 UTC, the window opens at 15:00.
		'2026-03-11T15:00:00.000Z',
		// Friday the 13th, 14:00–16:00 UTC, the window closes at 15:00.
		'2026-03-13T14:00:00.000Z',
	])
})

test('booked sessions are not offered again', () => {
	const booked = [{ start: new Date('2026-03-04T15:00:00Z'), end: new Date('2026-03-04T16:00:00Z') }]
	const times = proposableTimes(chicago, booked, proposalWindows(referral, now)).map((t) => t.toISOString())
	expect(times.slice(0, 2)).toEqual(['2026-03-04T16:00:00.000Z', '2026-03-11T15:00:00.000Z'])
})

test('a proposal: one to three of the times offered, sorted; anything else is refused with a reason', () => {
	const offered = proposableTimes(chicago, [], proposalWindows(referral, now))
	const iso = offered.map((t) => t.toISOString())
	expect(checkProposal([iso[3]!, iso[0]!], offered)).toEqual({ ok: true, times: [offered[0], offered[3]] })
	expect(checkProposal([iso[0]!, iso[0]!], offered)).toEqual({ ok: true, times: [offered[0]] })
	expect(checkProposal([], offered)).toMatchObject({ ok: false, message: expect.stringMatching(/at least one/) })
	expect(checkProposal(iso.slice(0, 4), offered)).toMatchObject({ ok: false, message: expect.stringMatching(/at most 3/) })
	expect(checkProposal(['2026-03-05T03:00:00.000Z'], offered)).toMatchObject({ ok: false, message: expect.stringMatching(/no longer free/) })
	expect(checkProposal(['not a date'], offered)).toMatchObject({ ok: false })
})
