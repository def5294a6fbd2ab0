import { expect, test } from 'vitest'
import { type Schedule } from '#app/domain/availability/ranges.ts'
import { expandDoses, type Series } from '#app/domain/referrals/dosing.ts'
import { applyDoseChange } from './dose-changes.ts'
import { checkSessionTime, firstSessionBooking, followDoses, occurrence, occurrences, suggestPlan, type PlannedDraft, type PlanRow } from './plan.ts'

const CHICAGO = 'America/Chicago'
// Four doses at 10:00 in Chicago, three days apart, across the end of daylight saving time (1 November 2026):
// 27 and 30 October at 15:00 UTC (CDT), 2 and 5 November at 16:00 UTC (CST).
const doses = expandDoses(new Date('2026-10-27T15:00:00Z'), 4, 3, CHICAGO)
const series = (phases: string[], over: Partial<Series> = {}): Series => ({
	phases,
	doses,
	doseMinutes: 120,
	integrationWindowHours: { from: 24, to: 72 },
	preparationWindowHours: { from: 336, to: 24 },
	...over,
})
/** Every day 9:00–18:00 in Chicago. */
const everyDay: Schedule = { timeZone: CHICAGO, rules: [0, 1, 2, 3, 4, 5, 6].map((dayOfWeek) => ({ dayOfWeek, startMinute: 9 * 60, endMinute: 18 * 60 })) }
const now = new Date('2026-10-20T12:00:00Z')
const plan = (drafts: PlannedDraft[]) => drafts.map((d) => `${d.phase}#${d.doseIndex} ${d.startsAt.toISOString()}–${d.endsAt.toISOString()} ${d.status}${d.needsTime ? ' needs time' : ''}`)

test('the doses keep 10:00 in Chicago across the change', () => {
	expect(doses.map((d) => d.toISOString())).toEqual(['2026-10-27T15:00:00.000Z', '2026-10-30T15:00:00.000Z', '2026-11-02T16:00:00.000Z', '2026-11-05T16:00:00.000Z'])
})

test('all three phases: preparation before the first dose, in-session at each dose, integration at the earliest free time of each window, 10:00 local on both sides of the change', () => {
	expect(plan(suggestPlan({ series: series(['preparation', 'in_session', 'integration']), schedule: everyDay, busy: [], now, firstSessionAt: null }))).toEqual([
		// From now on (7:00 CDT), the therapist's day starts at 9:00 CDT.
		'preparation#1 2026-10-20T14:00:00.000Z–2026-10-20T15:00:00.000Z proposed',
		'in_session#1 2026-10-27T15:00:00.000Z–2026-10-27T17:00:00.000Z proposed',
		'integration#1 2026-10-28T15:00:00.000Z–2026-10-28T16:00:00.000Z proposed',
		'in_session#2 2026-10-30T15:00:00.000Z–2026-10-30T17:00:00.000Z proposed',
		'integration#2 2026-10-31T15:00:00.000Z–2026-10-31T16:00:00.000Z proposed',
		'in_session#3 2026-11-02T16:00:00.000Z–2026-11-02T18:00:00.000Z proposed',
		'integration#3 2026-11-03T16:00:00.000Z–2026-11-03T17:00:00.000Z proposed',
		'in_session#4 2026-11-05T16:00:00.000Z–2026-11-05T18:00:00.000Z proposed',
		'integration#4 2026-11-06T16:00:00.000Z–2026-11-06T17:00:00.000Z proposed',
	])
})

test('each phase alone, and each pair, gives exactly its own occurrences', () => {
	const combos: [string[], string[]][] = [
		[['preparation'], ['preparation#1']],
		[['in_session'], ['in_session#1', 'in_session#2', 'in_session#3', 'in_session#4']],
		[['integration'], ['integration#1', 'integration#2', 'integration#3', 'integration#4']],
		[
			['preparation', 'integration'],
			['preparation#1', 'integration#1', 'integration#2', 'integration#3', 'integration#4'],
		],
		[
			['preparation', 'in_session'],
			['preparation#1', 'in_session#1', 'in_session#2', 'in_session#3', 'in_session#4'],
		],
		[
			['in_session', 'integration'],
			['in_session#1', 'integration#1', 'in_session#2', 'integration#2', 'in_session#3', 'integration#3', 'in_session#4', 'integration#4'],
		],
	]
	for (const [phases, expected] of combos) {
		const drafts = suggestPlan({ series: series(phases), schedule: everyDay, busy: [], now, firstSessionAt: null })
		expect(
			drafts.map((d) => `${d.phase}#${d.doseIndex}`),
			phases.join('+'),
		).toEqual(expected)
		expect(drafts.every((d) => !d.needsTime && d.status === 'proposed')).toBe(true)
	}
})

test('the first session booked at the choice is the preparation session, or the first integration session without preparation', () => {
	const first = new Date('2026-10-22T20:00:00Z')
	const withPreparation = suggestPlan({ series: series(['preparation', 'integration']), schedule: everyDay, busy: [], now, firstSessionAt: first })
	expect(withPreparation[0]).toMatchObject({ phase: 'preparation', doseIndex: 1, startsAt: first, endsAt: new Date('2026-10-22T21:00:00Z'), status: 'booked' })
	expect(withPreparation.filter((d) => d.status === 'booked')).toHaveLength(1)

	const integrationFirst = new Date('2026-10-29T18:00:00Z')
	const withoutPreparation = suggestPlan({ series: series(['integration']), schedule: everyDay, busy: [], now, firstSessionAt: integrationFirst })
	expect(withoutPreparation[0]).toMatchObject({ phase: 'integration', doseIndex: 1, startsAt: integrationFirst, status: 'booked' })
	expect(withoutPreparation.slice(1).every((d) => d.status === 'proposed')).toBe(true)
})

test('sessions never overlap each other: an integration window that meets the next dose waits for the dose to end', () => {
	// Daily doses: the first dose's integration window opens as the second dose begins.
	const daily = series(['in_session', 'integration'], { doses: expandDoses(new Date('2026-10-27T15:00:00Z'), 2, 1, CHICAGO) })
	const drafts = suggestPlan({ series: daily, schedule: everyDay, busy: [], now, firstSessionAt: null })
	expect(plan(drafts)).toEqual([
		'in_session#1 2026-10-27T15:00:00.000Z–2026-10-27T17:00:00.000Z proposed',
		'integration#1 2026-10-28T17:00:00.000Z–2026-10-28T18:00:00.000Z proposed',
		'in_session#2 2026-10-28T15:00:00.000Z–2026-10-28T17:00:00.000Z proposed',
		'integration#2 2026-10-29T15:00:00.000Z–2026-10-29T16:00:00.000Z proposed',
	])
})

test('busy time (another patient, the therapist’s own calendar) is avoided', () => {
	const busy = [{ start: new Date('2026-10-28T14:00:00Z'), end: new Date('2026-10-28T17:00:00Z') }]
	const drafts = suggestPlan({ series: series(['integration']), schedule: everyDay, busy, now, firstSessionAt: null })
	expect(drafts[0]!.startsAt.toISOString()).toBe('2026-10-28T17:00:00.000Z')
})

test('an occurrence with no free time is kept and flagged, never dropped; in-session support needs the whole dose free', () => {
	// Wednesdays only: the windows after the doses of 30 October (Fri → Sat–Mon) and 2 November (Mon → Tue–Thu, which has a Wednesday).
	const wednesdays: Schedule = { timeZone: CHICAGO, rules: [{ dayOfWeek: 2, startMinute: 9 * 60, endMinute: 18 * 60 }] }
	const drafts = suggestPlan({ series: series(['in_session', 'integration']), schedule: wednesdays, busy: [], now, firstSessionAt: null })
	expect(drafts).toHaveLength(8)
	expect(drafts.filter((d) => d.phase === 'in_session').every((d) => d.needsTime)).toBe(true)
	expect(drafts.filter((d) => d.phase === 'integration').map((d) => d.needsTime)).toEqual([false, true, false, true])
	// A flagged session waits at its window's start.
	expect(drafts.find((d) => d.phase === 'integration' && d.doseIndex === 2)!.startsAt.toISOString()).toBe('2026-10-31T15:00:00.000Z')
})

test('occurrences whose window has passed are not planned', () => {
	const late = new Date('2026-10-29T00:00:00Z')
	const drafts = suggestPlan({ series: series(['preparation', 'integration']), schedule: everyDay, busy: [], now: late, firstSessionAt: null })
	expect(drafts.map((d) => `${d.phase}#${d.doseIndex}`)).toEqual(['integration#1', 'integration#2', 'integration#3', 'integration#4'])
	expect(drafts[0]!.startsAt.toISOString()).toBe('2026-10-29T14:00:00.000Z')
})

test('a new time must be ahead, inside the window and free; in-session support stays at the dose', () => {
	const s = series(['preparation', 'in_session', 'integration'])
	const integration = occurrence(s, 'integration', 3)!
	const other = [{ start: new Date('2026-11-03T18:00:00Z'), end: new Date('2026-11-03T19:00:00Z') }]
	expect(checkSessionTime(integration, new Date('2026-11-03T20:00:00Z'), other, now)).toMatchObject({ ok: true })
	expect(checkSessionTime(integration, new Date('2026-11-03T18:30:00Z'), other, now)).toMatchObject({ ok: false, message: expect.stringMatching(/overlaps/) })
	// 72 hours after the dose ends the window: a session starting half an hour before would run past it.
	expect(checkSessionTime(integration, new Date('2026-11-05T15:30:00Z'), [], now)).toMatchObject({ ok: false, message: expect.stringMatching(/integration window/) })
	expect(checkSessionTime(integration, new Date('2026-11-03T15:00:00Z'), [], now)).toMatchObject({ ok: false, message: expect.stringMatching(/outside/) })
	expect(checkSessionTime(integration, new Date('2026-10-01T15:00:00Z'), [], new Date('2026-11-04T00:00:00Z'))).toMatchObject({ ok: false, message: expect.stringMatching(/passed/) })
	expect(checkSessionTime(occurrence(s, 'in_session', 2)!, new Date('2026-10-30T16:00:00Z'), [], now)).toMatchObject({ ok: false, message: expect.stringMatching(/clinic/) })
	expect(occurrence(s, 'preparation', 2)).toBeNull()
	expect(occurrences(s, [2]).map((o) => o.phase)).toEqual(['in_session', 'integration'])
})

/** The plan as stored, from suggested drafts, with ids s0, s1, … and some booked. */
const rowsOf = (drafts: PlannedDraft[], booked: number[]): PlanRow[] =>
	drafts.map((d, i) => ({
		id: `s${i}`,
		phase: d.phase,
		doseIndex: d.doseIndex,
		startsAt: d.startsAt,
		endsAt: d.endsAt,
		status: booked.includes(i) ? 'booked' : d.status,
		needsTime: d.needsTime,
		outsideWindow: false,
	}))

test('a moved dose: its booked integration session no longer fits and is flagged, a proposed one moves with it, in-session follows the dose', () => {
	const before = series(['in_session', 'integration'])
	const rows = rowsOf(suggestPlan({ series: before, schedule: everyDay, busy: [], now, firstSessionAt: null }), [3])
	// rows: s0 in_session#1, s1 integration#1, s2 in_session#2, s3 integration#2 (booked), s4 in_session#3, s5 integration#3, …
	const change = applyDoseChange(before.doses, { kind: 'move', doseIndex: 2, to: new Date('2026-11-01T17:00:00Z') }, now)
	if (!change.ok) throw new Error(change.message)
	expect(change.newIndexOf).toEqual([1, 2, 3, 4])
	const after = { ...before, doses: change.doses }
	const followed = followDoses(rows, change.newIndexOf, after, everyDay, [], now)
	expect(followed.flagged).toEqual(['s3'])
	const byId = new Map(followed.updates.map((u) => [u.id, u]))
	expect(byId.get('s3')).toMatchObject({ status: 'booked', outsideWindow: true, changed: false })
	// The dose moved to Sunday 1 November, 11:00 CST (after the change): in-session moves with it.
	expect(byId.get('s2')).toMatchObject({ status: 'proposed', startsAt: new Date('2026-11-01T17:00:00Z'), endsAt: new Date('2026-11-01T19:00:00Z'), changed: true })
	expect(byId.get('s1')).toMatchObject({ changed: false })
	expect(followed.added).toEqual([])
})

test('a dropped dose: its sessions are cancelled, later doses’ sessions take their new indexes, nothing else moves', () => {
	const before = series(['in_session', 'integration'])
	const rows = rowsOf(suggestPlan({ series: before, schedule: everyDay, busy: [], now, firstSessionAt: null }), [5])
	const change = applyDoseChange(before.doses, { kind: 'drop', doseIndex: 2 }, now)
	if (!change.ok) throw new Error(change.message)
	expect(change.newIndexOf).toEqual([1, null, 2, 3])
	const followed = followDoses(rows, change.newIndexOf, { ...before, doses: change.doses }, everyDay, [], now)
	const byId = new Map(followed.updates.map((u) => [u.id, u]))
	expect([byId.get('s2')!.status, byId.get('s3')!.status]).toEqual(['cancelled', 'cancelled'])
	expect(byId.get('s5')).toMatchObject({ doseIndex: 2, status: 'booked', outsideWindow: false, changed: false })
	expect(followed.updates.filter((u) => u.changed).map((u) => u.id)).toEqual(['s2', 's3'])
	expect(followed.flagged).toEqual([])
})

test('an added dose gets proposed sessions of its own; an earlier first dose moves the preparation session', () => {
	const before = series(['preparation', 'integration'])
	const rows = rowsOf(suggestPlan({ series: before, schedule: everyDay, busy: [], now, firstSessionAt: null }), [])
	const added = applyDoseChange(before.doses, { kind: 'add', at: new Date('2026-11-09T16:00:00Z') }, now)
	if (!added.ok) throw new Error(added.message)
	const followed = followDoses(rows, added.newIndexOf, { ...before, doses: added.doses }, everyDay, [], now)
	expect(plan(followed.added)).toEqual(['integration#5 2026-11-10T16:00:00.000Z–2026-11-10T17:00:00.000Z proposed'])

	// Planned on 18 October around another patient's 9:00–11:00: preparation at 11:00 CDT.
	const early = new Date('2026-10-18T12:00:00Z')
	const busy = [{ start: new Date('2026-10-18T14:00:00Z'), end: new Date('2026-10-18T16:00:00Z') }]
	const planned = rowsOf(suggestPlan({ series: before, schedule: everyDay, busy, now: early, firstSessionAt: null }), [])
	expect(planned[0]).toMatchObject({ phase: 'preparation', startsAt: new Date('2026-10-18T16:00:00Z') })
	// The first dose moves to 19 October at 11:30 CDT: the preparation window now ends at 11:30 CDT on the 18th.
	const moved = applyDoseChange(before.doses, { kind: 'move', doseIndex: 1, to: new Date('2026-10-19T16:30:00Z') }, early)
	if (!moved.ok) throw new Error(moved.message)
	const after = followDoses(planned, moved.newIndexOf, { ...before, doses: moved.doses }, everyDay, [], early)
	expect(after.updates.find((u) => u.id === 's0')).toMatchObject({ doseIndex: 1, startsAt: new Date('2026-10-18T14:00:00Z'), needsTime: false, changed: true })
})

test('dose changes refused: a dose begun, a time passed, too close to another dose, the last dose', () => {
	expect(applyDoseChange(doses, { kind: 'drop', doseIndex: 1 }, new Date('2026-10-28T00:00:00Z'))).toMatchObject({ ok: false, field: 'doseIndex', message: expect.stringMatching(/already begun/) })
	expect(applyDoseChange(doses, { kind: 'move', doseIndex: 9, to: new Date('2026-11-20T16:00:00Z') }, now)).toMatchObject({ ok: false, field: 'doseIndex' })
	expect(applyDoseChange(doses, { kind: 'add', at: new Date('2026-10-01T16:00:00Z') }, now)).toMatchObject({ ok: false, field: 'at', message: expect.stringMatching(/ahead/) })
	expect(applyDoseChange(doses, { kind: 'add', at: new Date('2026-10-30T20:00:00Z') }, now)).toMatchObject({ ok: false, field: 'at', message: expect.stringMatching(/12 hours/) })
	expect(applyDoseChange([doses[0]!], { kind: 'drop', doseIndex: 1 }, now)).toMatchObject({ ok: false, message: expect.stringMatching(/at least one/) })
	// Moving a dose past the next reorders the series; each dose keeps track of where it went.
	const reordered = applyDoseChange(doses, { kind: 'move', doseIndex: 1, to: new Date('2026-10-31T15:00:00Z') }, now)
	expect(reordered).toMatchObject({ ok: true, newIndexOf: [2, 1, 3, 4] })
})

test('a matched referral’s first session is booked one way: the plan when it has a time to confirm, else the free-time picker', () => {
	const row = (over: Partial<Pick<PlanRow, 'phase' | 'doseIndex' | 'status' | 'needsTime'>>) => ({
		phase: 'preparation' as const,
		doseIndex: 1,
		status: 'proposed' as const,
		needsTime: false,
		...over,
	})
	const withPreparation = series(['preparation', 'integration'])
	expect(firstSessionBooking(withPreparation, [row({}), row({ phase: 'integration' })])).toBe('plan')
	// No plan yet, a first session without a time, or one cancelled: the picker.
	expect(firstSessionBooking(withPreparation, [])).toBe('picker')
	expect(firstSessionBooking(withPreparation, [row({ needsTime: true }), row({ phase: 'integration' })])).toBe('picker')
	expect(firstSessionBooking(withPreparation, [row({ status: 'cancelled' }), row({ phase: 'integration' })])).toBe('picker')
	// Without preparation the first session is the first integration session; a later one does not count.
	expect(firstSessionBooking(series(['integration']), [row({ phase: 'integration', doseIndex: 2 })])).toBe('picker')
	expect(firstSessionBooking(series(['integration']), [row({ phase: 'integration' })])).toBe('plan')
})
