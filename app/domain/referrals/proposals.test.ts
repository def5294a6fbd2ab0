import { expect, test } from 'vitest'
import { expandDoses, type Series } from './dosing.ts'
import { checkProposal, firstOverlap, proposableTimes, proposalWindowKind, proposalWindows, sessionsOverlap, slotsByDay } from './proposals.ts'

// Fixed clock; the first dosing session is on Tuesday 2026-03-03 at 9:00 in Chicago (15:00 UTC), the second a week later.
const now = new Date('2026-02-16T12:00:00Z')
const integration: Series = {
	phases: ['integration'],
	doses: expandDoses(new Date('2026-03-03T15:00:00Z'), 2, 7, 'America/Chicago'),
	doseMinutes: 120,
	integrationWindowHours: { from: 24, to: 72 },
	preparationWindowHours: { from: 336, to: 24 },
}
const preparation: Series = { ...integration, phases: ['preparation', 'integration'] }
// Wednesdays and Fridays 9:00–11:00 in Chicago.
const chicago = { timeZone: 'America/Chicago', rules: [2, 4].map((dayOfWeek) => ({ dayOfWeek, startMinute: 9 * 60, endMinute: 11 * 60 })) }

test('integration without preparation: the first dose’s integration window only, 24–72 hours after it', () => {
	expect(proposalWindows(integration, now)).toEqual([{ start: new Date('2026-03-04T15:00:00Z'), end: new Date('2026-03-06T15:00:00Z') }])
})

test('preparation requested: the preparation window, 14 days to 24 hours before the first dose, from 12 hours ahead', () => {
	expect(proposalWindows(preparation, now)).toEqual([{ start: new Date('2026-02-17T15:00:00Z'), end: new Date('2026-03-02T15:00:00Z') }])
	expect(proposalWindows(preparation, new Date('2026-02-25T00:00:00Z'))).toEqual([{ start: new Date('2026-02-25T12:00:00Z'), end: new Date('2026-03-02T15:00:00Z') }])
	// A clinic's own window: three days to two hours before.
	expect(proposalWindows({ ...preparation, preparationWindowHours: { from: 72, to: 2 } }, now)).toEqual([{ start: new Date('2026-02-28T15:00:00Z'), end: new Date('2026-03-03T13:00:00Z') }])
})

test('a preparation + integration referral proposes only times before the first dose, inside the preparation window', () => {
	const times = proposableTimes(chicago, [], proposalWindows(preparation, now), 1_000)
	expect(times.length).toBeGreaterThan(0)
	for (const t of times) {
		expect(t.getTime()).toBeGreaterThanOrEqual(new Date('2026-02-17T15:00:00Z').getTime())
		expect(t.getTime() + 3_600_000).toBeLessThanOrEqual(new Date('2026-03-02T15:00:00Z').getTime())
	}
	// Wednesday the 18th, 9:00–11:00 CST = 15:00–17:00 UTC.
	expect(times[0]!.toISOString()).toBe('2026-02-18T15:00:00.000Z')
})

test('in-session support alone: the first dose itself', () => {
	expect(proposalWindows({ ...integration, phases: ['in_session'] }, now)).toEqual([{ start: new Date('2026-03-03T15:00:00Z'), end: new Date('2026-03-03T16:00:00Z') }])
})

test('windows already past, or too short for an hour, are left out', () => {
	// 12 hours ahead of 02:00 is 14:00, an hour before the window closes: still room for a session.
	expect(proposalWindows(integration, new Date('2026-03-06T02:00:00Z'))).toEqual([{ start: new Date('2026-03-06T14:00:00Z'), end: new Date('2026-03-06T15:00:00Z') }])
	expect(proposalWindows(integration, new Date('2026-03-06T02:00:01Z'))).toEqual([])
	expect(proposalWindows(preparation, new Date('2026-03-02T12:00:00Z'))).toEqual([])
})

test('free hours inside the window, across the DST change in Chicago (8 March 2026)', () => {
	const afterChange: Series = { ...integration, doses: expandDoses(new Date('2026-03-10T14:00:00Z'), 1, 1, 'America/Chicago') }
	const times = proposableTimes(chicago, [], proposalWindows(afterChange, now)).map((t) => t.toISOString())
	// Dose Tuesday 10 March 9:00 CDT (14:00 UTC); window Wednesday 14:00 UTC to Friday 14:00 UTC.
	// Wednesday the 11th 9:00–11:00 CDT = 14:00–16:00 UTC; Friday the 13th closes at 14:00.
	expect(times).toEqual(['2026-03-11T14:00:00.000Z', '2026-03-11T14:30:00.000Z', '2026-03-11T15:00:00.000Z'])
})

test('booked sessions are not offered again', () => {
	const booked = [{ start: new Date('2026-03-04T15:00:00Z'), end: new Date('2026-03-04T16:00:00Z') }]
	const times = proposableTimes(chicago, booked, proposalWindows(integration, now)).map((t) => t.toISOString())
	expect(times).toEqual(['2026-03-04T16:00:00.000Z'])
})

test('a proposal: one to three of the times offered, sorted, never overlapping; anything else is refused with a reason', () => {
	const offered = proposableTimes(chicago, [], proposalWindows(preparation, now))
	const iso = offered.map((t) => t.toISOString())
	// 15:00, 15:30 and 16:00 on the 18th, then the 20th.
	expect(iso.slice(0, 4)).toEqual(['2026-02-18T15:00:00.000Z', '2026-02-18T15:30:00.000Z', '2026-02-18T16:00:00.000Z', '2026-02-20T15:00:00.000Z'])
	expect(checkProposal([iso[3]!, iso[0]!], offered, 'America/Chicago')).toEqual({ ok: true, times: [offered[0], offered[3]] })
	expect(checkProposal([iso[2]!, iso[0]!], offered, 'America/Chicago')).toEqual({ ok: true, times: [offered[0], offered[2]] })
	expect(checkProposal([iso[0]!, iso[0]!], offered, 'America/Chicago')).toEqual({ ok: true, times: [offered[0]] })
	expect(checkProposal([iso[0]!, iso[1]!], offered, 'America/Chicago')).toMatchObject({ ok: false, message: expect.stringMatching(/overlap/) })
	expect(checkProposal([iso[3]!, iso[1]!, iso[2]!], offered, 'America/Chicago')).toMatchObject({ ok: false, message: expect.stringMatching(/overlap/) })
	expect(checkProposal([], offered, 'America/Chicago')).toMatchObject({ ok: false, message: expect.stringMatching(/at least one/) })
	expect(checkProposal(iso.slice(0, 4), offered, 'America/Chicago')).toMatchObject({ ok: false, message: expect.stringMatching(/at most 3/) })
	expect(checkProposal(['2026-03-05T03:00:00.000Z'], offered, 'America/Chicago')).toMatchObject({ ok: false, message: expect.stringMatching(/no longer free/) })
	expect(checkProposal(['not a date'], offered, 'America/Chicago')).toMatchObject({ ok: false })
})

test('the window’s kind: preparation when requested, else integration, else the dose itself', () => {
	expect(proposalWindowKind(preparation)).toBe('preparation')
	expect(proposalWindowKind(integration)).toBe('integration')
	expect(proposalWindowKind({ phases: ['in_session'] })).toBe('in_session')
})

test('two sessions overlap when their hours intersect; back to back they do not', () => {
	const nine = new Date('2026-12-03T15:00:00Z')
	expect(sessionsOverlap(nine, new Date('2026-12-03T15:30:00Z'))).toBe(true)
	expect(sessionsOverlap(new Date('2026-12-03T14:30:00Z'), nine)).toBe(true)
	expect(sessionsOverlap(nine, new Date('2026-12-03T15:59:59Z'))).toBe(true)
	expect(sessionsOverlap(nine, new Date('2026-12-03T16:00:00Z'))).toBe(false)
	expect(sessionsOverlap(nine, new Date('2026-12-03T14:00:00Z'))).toBe(false)
	expect(sessionsOverlap(nine, nine)).toBe(true)
	// A longer session: ninety minutes reach 10:29.
	expect(sessionsOverlap(nine, new Date('2026-12-03T16:00:00Z'), 90)).toBe(true)
	expect(firstOverlap([new Date('2026-12-04T15:00:00Z'), new Date('2026-12-03T16:30:00Z'), new Date('2026-12-03T16:00:00Z')])).toEqual([
		new Date('2026-12-03T16:00:00Z'),
		new Date('2026-12-03T16:30:00Z'),
	])
	expect(firstOverlap([nine, new Date('2026-12-03T16:00:00Z'), new Date('2026-12-03T17:00:00Z')])).toBeNull()
	expect(firstOverlap([])).toBeNull()
})

test('overlapping proposals are refused with a message naming both times in the therapist’s zone', () => {
	const offered = [new Date('2026-12-03T15:00:00Z'), new Date('2026-12-03T15:30:00Z'), new Date('2026-12-04T05:30:00Z'), new Date('2026-12-04T06:00:00Z')]
	expect(checkProposal(['2026-12-03T15:30:00.000Z', '2026-12-03T15:00:00.000Z'], offered, 'America/Chicago')).toEqual({
		ok: false,
		message: '9:00 AM and 9:30 AM on Thursday, December 3 overlap: each session is 60 minutes. Choose times at least an hour apart.',
	})
	// Across midnight in Chicago: two different days are both named.
	expect(checkProposal(['2026-12-04T05:30:00.000Z', '2026-12-04T06:00:00.000Z'], offered, 'America/Chicago')).toEqual({
		ok: false,
		message: '11:30 PM on Thursday, December 3 and 12:00 AM on Friday, December 4 overlap: each session is 60 minutes. Choose times at least an hour apart.',
	})
	// The same two instants in New York: both on Friday.
	expect(checkProposal(['2026-12-04T05:30:00.000Z', '2026-12-04T06:00:00.000Z'], offered, 'America/New_York')).toMatchObject({
		message: expect.stringMatching(/^12:30 AM and 1:00 AM on Friday, December 4 overlap/),
	})
	expect(checkProposal(['2026-12-03T15:00:00.000Z', '2026-12-04T06:00:00.000Z'], offered, 'America/Chicago')).toMatchObject({ ok: true })
})

test('slots grouped by day in the therapist’s zone, not by UTC date', () => {
	const times = ['2026-12-03T15:00:00Z', '2026-12-04T05:30:00Z', '2026-12-03T15:30:00Z', '2026-12-04T15:00:00Z'].map((t) => new Date(t))
	expect(slotsByDay(times, 'America/Chicago')).toEqual([
		{
			date: '2026-12-03',
			heading: 'Thursday, December 3',
			slots: [
				{ iso: '2026-12-03T15:00:00.000Z', label: '9:00 AM' },
				{ iso: '2026-12-03T15:30:00.000Z', label: '9:30 AM' },
				{ iso: '2026-12-04T05:30:00.000Z', label: '11:30 PM' },
			],
		},
		{ date: '2026-12-04', heading: 'Friday, December 4', slots: [{ iso: '2026-12-04T15:00:00.000Z', label: '9:00 AM' }] },
	])
	expect(slotsByDay([], 'America/Chicago')).toEqual([])
})

test('the night the clocks go back in Chicago (1 November 2026): one day, and the hour that happens twice is told apart', () => {
	// 23:30 CDT on the 31st, then 00:00, 00:30, 1:00 and 1:30 CDT, 1:00 and 1:30 CST, 2:00 CST, and 23:30 CST on the 1st.
	const utc = ['2026-11-01T04:30', '2026-11-01T05:00', '2026-11-01T05:30', '2026-11-01T06:00', '2026-11-01T06:30', '2026-11-01T07:00', '2026-11-01T07:30', '2026-11-01T08:00', '2026-11-02T05:30']
	const days = slotsByDay(
		utc.map((t) => new Date(`${t}:00Z`)),
		'America/Chicago',
	)
	expect(days.map((d) => [d.date, d.heading, d.slots.length])).toEqual([
		['2026-10-31', 'Saturday, October 31', 1],
		['2026-11-01', 'Sunday, November 1', 8],
	])
	expect(days[1]!.slots.map((s) => s.label)).toEqual(['12:00 AM', '12:30 AM', '1:00 AM CDT', '1:30 AM CDT', '1:00 AM CST', '1:30 AM CST', '2:00 AM', '11:30 PM'])
	// A sixty-minute session from 1:30 CDT overlaps the one from 1:00 CST: they are thirty minutes apart.
	expect(sessionsOverlap(new Date('2026-11-01T06:30:00Z'), new Date('2026-11-01T07:00:00Z'))).toBe(true)
	expect(sessionsOverlap(new Date('2026-11-01T06:00:00Z'), new Date('2026-11-01T07:00:00Z'))).toBe(false)
})
