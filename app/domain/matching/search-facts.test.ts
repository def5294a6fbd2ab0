// The search rows' facts against the functions they stand in for: coverage dates against
// coverage() on every date, the half-hour cells where a session can start against freeSlotsIn() on
// random windows, across time zones, daylight-saving changes, date overrides and booked time, and
// approaches and focus areas as bits against the slugs.
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { type Range } from '#app/domain/availability/ranges.ts'
import { coverage, type CompactMembership, type CredentialFacts } from '#app/domain/therapists/jurisdiction.ts'
import { freeSlotsIn } from './eligibility.ts'
import { candidate } from './fixtures.ts'
import { FOCUS_AREAS, MODALITIES } from '#app/domain/reference/index.ts'
import { CELL_MS, cellsHaveSlot, coverageUntil, coveredUntil, horizonStart, responsiveness, slugBits, startCells, startCellsHex } from './search-facts.ts'

const STATES = ['TX', 'CO', 'CA', 'AZ', 'WA'] as const
const compacts: CompactMembership = {
	psypact: new Set(['TX', 'CO', 'AZ']),
	counseling_compact: new Set(['CO', 'WA', 'AZ']),
}
const DATES = ['2026-11-30', '2026-12-05', '2026-12-06', '2026-12-07', '2027-01-15', '2027-06-30', '2027-07-01'] as const

const credentialsArb: fc.Arbitrary<CredentialFacts> = fc.record({
	licenses: fc.array(
		fc.record({
			state: fc.constantFrom(...STATES),
			type: fc.constantFrom('lpc', 'psychologist', 'lcsw', 'lpc_associate', 'lmsw'),
			status: fc.constantFrom('verified', 'verified', 'pending', 'rejected') as fc.Arbitrary<'verified' | 'pending' | 'rejected'>,
			expiresOn: fc.constantFrom(...DATES),
		}),
		{ maxLength: 4 },
	),
	authorizations: fc.array(
		fc.record({
			kind: fc.constantFrom('psypact_apit', 'counseling_privilege', 'state_telehealth'),
			homeState: fc.constantFrom(...STATES),
			states: fc.subarray([...STATES]),
			status: fc.constantFrom('verified', 'verified', 'pending') as fc.Arbitrary<'verified' | 'pending'>,
			expiresOn: fc.constantFrom(...DATES),
		}),
		{ maxLength: 3 },
	),
})

test('a state is covered on a date exactly when one of its coverage dates is on or after it', () => {
	fc.assert(
		fc.property(credentialsArb, fc.constantFrom(...DATES, '2026-01-01', '2028-01-01'), fc.boolean(), (facts, onDate, allowSupervised) => {
			const until = coverageUntil(facts, compacts)
			for (const state of STATES) {
				const expected = coverage(facts, compacts, onDate, {
					allowSupervised,
				}).find((c) => c.state === state)
				const row = until.get(state)
				const holds = (d: string | null | undefined) => d != null && d >= onDate
				const licensed = holds(row?.licensedUntil) || (allowSupervised && holds(row?.supervisedUntil))
				expect(licensed || holds(row?.authorizedUntil), `${state} on ${onDate}`).toBe(expected !== undefined)
				// In person only by license.
				expect(licensed, `${state} in person on ${onDate}`).toBe(expected?.inPerson === true)
				if (row) expect(coveredUntil(row) >= (row.licensedUntil ?? '')).toBe(true)
			}
		}),
		{ numRuns: 500 },
	)
})

const ZONES = ['America/Chicago', 'America/Phoenix', 'America/New_York', 'America/Los_Angeles', 'Pacific/Honolulu'] as const
// Around the November 2026 and March 2027 changes.
const FROM = horizonStart(new Date('2026-10-25T00:00:00Z'))
const HORIZON = 200 * 48

const minuteArb = fc.integer({ min: 0, max: 96 }).map((q) => q * 15)
const hoursArb = fc
	.tuple(
		minuteArb,
		fc.integer({ min: 1, max: 40 }).map((q) => q * 15),
	)
	.map(([start, length]) => ({
		startMinute: start,
		endMinute: Math.min(1440, start + length),
	}))
const scheduleArb = fc.record({
	timeZone: fc.constantFrom(...ZONES),
	rules: fc.array(
		fc.tuple(fc.integer({ min: 0, max: 6 }), hoursArb).map(([dayOfWeek, h]) => ({ dayOfWeek, ...h })),
		{ maxLength: 6 },
	),
	overrides: fc.array(
		fc.record({
			date: fc.integer({ min: 0, max: 180 }).map((d) => new Date(Date.UTC(2026, 9, 26 + d)).toISOString().slice(0, 10)),
			ranges: fc.array(hoursArb, { maxLength: 2 }),
		}),
		{ maxLength: 3 },
	),
})
const instantArb = (fromDay: number, toDay: number) => fc.integer({ min: fromDay * 24 * 60, max: toDay * 24 * 60 }).map((m) => new Date(FROM * CELL_MS + m * 60_000))
const bookedArb = fc.array(
	fc.tuple(instantArb(0, 180), fc.integer({ min: 15, max: 180 })).map(([start, minutes]): Range => ({
		start,
		end: new Date(start.getTime() + minutes * 60_000),
	})),
	{ maxLength: 3 },
)

test('the start cells say a window has a free hour exactly when freeSlotsIn finds one', () => {
	fc.assert(
		fc.property(scheduleArb, bookedArb, instantArb(1, 185), fc.oneof(fc.integer({ min: 0, max: 180 }), fc.integer({ min: 0, max: 72 * 60 })), (schedule, booked, start, minutes) => {
			const cells = startCells(schedule, booked, FROM, HORIZON)
			const window = {
				start,
				end: new Date(start.getTime() + minutes * 60_000),
			}
			const someone = candidate('t1', { schedule, booked })
			expect(cellsHaveSlot(cells, FROM, window)).toBe(freeSlotsIn(someone, window).length > 0)
		}),
		{ numRuns: 400 },
	)
	// 400 schedules' thirteen weeks of cells: about a second alone, several on a busy machine.
}, 30_000)

test('the hexadecimal form holds the same cells, four to a digit', () => {
	fc.assert(
		fc.property(scheduleArb, fc.integer({ min: 1, max: 48 * 9 }), (schedule, count) => {
			const bits = startCells(schedule, [], FROM, count)
			const hex = startCellsHex(schedule, [], FROM, count)
			const decoded = [...hex].map((d) => parseInt(d, 16).toString(2).padStart(4, '0')).join('')
			expect(decoded.slice(0, count)).toBe(bits)
			expect(decoded.slice(count)).toMatch(/^0*$/)
		}),
		{ numRuns: 200 },
	)
})

test('a window reaching outside the cells is left to the full computation', () => {
	const cells = startCells(
		{
			timeZone: 'America/Chicago',
			rules: [{ dayOfWeek: 0, startMinute: 540, endMinute: 720 }],
		},
		[],
		FROM,
		48 * 7,
	)
	const inside = {
		start: new Date(FROM * CELL_MS),
		end: new Date((FROM + 48 * 7) * CELL_MS),
	}
	expect(cellsHaveSlot(cells, FROM, inside)).toBe(true)
	expect(
		cellsHaveSlot(cells, FROM, {
			start: inside.start,
			end: new Date(inside.end.getTime() + CELL_MS),
		}),
	).toBeNull()
	expect(
		cellsHaveSlot(cells, FROM, {
			start: new Date(inside.start.getTime() - CELL_MS),
			end: inside.end,
		}),
	).toBeNull()
	// Shorter than an hour: no slot, whatever the cells.
	expect(
		cellsHaveSlot(cells, FROM, {
			start: inside.start,
			end: new Date(inside.start.getTime() + 59 * 60_000),
		}),
	).toBe(false)
})

test('a session starts at a cell only when it and the next are free; the last cell has no next', () => {
	// Sundays (weekday 6) 9:00–10:30 in UTC: starts at 9:00 and 9:30, not at 10:00 (the session would end at 11:00).
	const sundayNine = FROM + ((7 - new Date(FROM * CELL_MS).getUTCDay()) % 7) * 48 + 18
	const cells = startCells({ timeZone: 'UTC', rules: [{ dayOfWeek: 6, startMinute: 540, endMinute: 630 }] }, [], FROM, 48 * 7)
	expect(cells.slice(sundayNine - FROM - 1, sundayNine - FROM + 4)).toBe('01100')
	expect(cells.indexOf('1')).toBe(sundayNine - FROM)
	// A window must hold the whole session: [8:00, 9:30) holds none, [8:00, 10:00) the one at 9:00.
	const at = (cell: number) => new Date(cell * CELL_MS)
	expect(cellsHaveSlot(cells, FROM, { start: at(sundayNine - 2), end: at(sundayNine + 1) })).toBe(false)
	expect(cellsHaveSlot(cells, FROM, { start: at(sundayNine - 2), end: at(sundayNine + 2) })).toBe(true)
	expect(cellsHaveSlot(cells, FROM, { start: at(sundayNine + 1), end: at(sundayNine + 3) })).toBe(true)
	expect(cellsHaveSlot(cells, FROM, { start: at(sundayNine + 2), end: at(sundayNine + 6) })).toBe(false)
	// Free to the very end of the cells: the last half hour cannot start a session inside them.
	expect(startCells({ timeZone: 'UTC', rules: [0, 1, 2, 3, 4, 5, 6].map((dayOfWeek) => ({ dayOfWeek, startMinute: 0, endMinute: 1440 })) }, [], FROM, 6)).toBe('111110')
})

test('approaches and focus areas as bits: one per slug, in the vocabulary order, each fitting an int', () => {
	for (const vocabulary of [MODALITIES.slugs, FOCUS_AREAS.slugs]) {
		expect(vocabulary.length).toBeLessThanOrEqual(31)
		vocabulary.forEach((slug, i) => expect(slugBits(vocabulary, [slug])).toBe(2 ** i))
		expect(slugBits(vocabulary, vocabulary)).toBe(2 ** vocabulary.length - 1)
	}
	expect(slugBits(MODALITIES.slugs, ['cbt', 'emdr', 'cbt', 'not_a_slug'])).toBe(0b1001)
	expect(slugBits(MODALITIES.slugs, [])).toBe(0)
})

test('responsiveness: acceptance over answered offers, the median response time', () => {
	const sentAt = new Date('2026-11-01T00:00:00Z')
	const after = (hours: number) => new Date(sentAt.getTime() + hours * 3_600_000)
	expect(responsiveness([])).toEqual({
		acceptanceRate: null,
		medianResponseHours: null,
	})
	expect(
		responsiveness([
			{ status: 'accepted', sentAt, respondedAt: after(2) },
			{ status: 'declined', sentAt, respondedAt: after(10) },
			{ status: 'chosen', sentAt, respondedAt: after(4) },
			{ status: 'pending', sentAt, respondedAt: null },
		]),
	).toEqual({ acceptanceRate: 2 / 3, medianResponseHours: 4 })
})
