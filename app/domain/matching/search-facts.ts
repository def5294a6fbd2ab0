// The facts a search row holds (prisma/schema.prisma, TherapistSearch), worked out from a
// therapist's own tables by pure functions, so that SQL can judge a filter on one indexed row per
// state exactly as the pure filters judge it from the whole record:
// - coverage as validity dates: a state is covered on a date D exactly when one of its dates is on
//   or after D, because every condition of PRODUCT.md §3 is "verified and not expired on D";
// - free time as half-hour cells: a 60-minute session can start at an aligned half hour t inside
//   a window exactly when the two cells from t are wholly free (slots() steps by 30 minutes from
//   the epoch, and merged free ranges are maximal, so a session lies in one of them whenever it
//   lies in the free time at all).
// search-facts.test.ts checks both against coverage() and freeSlotsIn().
import { buildDateRanges, subtract, type Range, type Schedule } from '#app/domain/availability/ranges.ts'
import { isIndependentLicense } from '#app/domain/reference/credentials.ts'
import { authorizedStates, type CompactMembership, type CredentialFacts } from '#app/domain/therapists/jurisdiction.ts'

export const CELL_MS = 30 * 60_000
/** Thirteen weeks of half hours from the day before the row was written; later windows are judged from the full record. */
export const HORIZON_CELLS = 91 * 48

export type StateCoverage = {
	licensedUntil: string | null
	supervisedUntil: string | null
	authorizedUntil: string | null
}

const later = (a: string | null, b: string) => (a === null || b > a ? b : a)

/** For every state the credentials could ever cover: the last day each kind of coverage holds. */
export function coverageUntil(facts: CredentialFacts, compacts: CompactMembership): Map<string, StateCoverage> {
	const byState = new Map<string, StateCoverage>()
	const entry = (state: string) => {
		let found = byState.get(state)
		if (!found)
			byState.set(
				state,
				(found = {
					licensedUntil: null,
					supervisedUntil: null,
					authorizedUntil: null,
				}),
			)
		return found
	}
	for (const license of facts.licenses) {
		if (license.status !== 'verified') continue
		const row = entry(license.state)
		if (isIndependentLicense(license.type)) row.licensedUntil = later(row.licensedUntil, license.expiresOn)
		else row.supervisedUntil = later(row.supervisedUntil, license.expiresOn)
	}
	for (const authorization of facts.authorizations) {
		if (authorization.status !== 'verified') continue
		// An authorization holds while it and a home license it needs are current: the latest day
		// any such home license is, is the last day authorizedStates() answers anything.
		const homeExpiries = facts.licenses.filter((l) => l.state === authorization.homeState && l.status === 'verified').map((l) => l.expiresOn)
		const candidates = authorization.kind === 'state_telehealth' ? [authorization.expiresOn] : homeExpiries.map((e) => (e < authorization.expiresOn ? e : authorization.expiresOn))
		for (const until of [...new Set(candidates)].sort().reverse()) {
			// The states it covers while everything is current on `until` (a later day, if any, covers no more).
			const states = authorizedStates(authorization, facts.licenses, compacts, until)
			if (states.length === 0) continue
			for (const state of states) {
				const row = entry(state)
				row.authorizedUntil = later(row.authorizedUntil, until)
			}
			break
		}
	}
	return byState
}

export const coveredUntil = (c: StateCoverage) => [c.licensedUntil, c.supervisedUntil, c.authorizedUntil].reduce<string>((a, b) => (b !== null && b > a ? b : a), '')

/** The epoch half-hour cell a row's free time starts at: the start of the day before `now`, UTC. */
export function horizonStart(now: Date): number {
	return Math.floor(now.getTime() / 86_400_000 - 1) * 48
}

/** '1' for every half hour from `fromCell` (HORIZON_CELLS of them) lying wholly in free time. */
export function freeCells(schedule: Schedule, booked: readonly Range[], fromCell: number, count = HORIZON_CELLS): string {
	let text = ''
	for (const bit of freeCellBits(schedule, booked, fromCell, count)) text += bit ? '1' : '0'
	return text
}

/** The same cells as hexadecimal digits, four to a digit, the last padded with zeros (PostgreSQL's X'…' bit strings). */
export function freeCellsHex(schedule: Schedule, booked: readonly Range[], fromCell: number, count = HORIZON_CELLS): string {
	const cells = freeCellBits(schedule, booked, fromCell, count)
	const digits: string[] = []
	for (let i = 0; i < count; i += 4) digits.push(((cells[i]! << 3) | ((cells[i + 1] ?? 0) << 2) | ((cells[i + 2] ?? 0) << 1) | (cells[i + 3] ?? 0)).toString(16))
	return digits.join('')
}

function freeCellBits(schedule: Schedule, booked: readonly Range[], fromCell: number, count: number): Uint8Array {
	const from = fromCell * CELL_MS
	const cells = new Uint8Array(count)
	const free = subtract(
		buildDateRanges(schedule, {
			start: new Date(from),
			end: new Date(from + count * CELL_MS),
		}),
		booked,
	)
	for (const range of free) {
		const first = Math.ceil((range.start.getTime() - from) / CELL_MS)
		const last = Math.floor((range.end.getTime() - from) / CELL_MS)
		for (let i = Math.max(0, first); i < Math.min(count, last); i++) cells[i] = 1
	}
	return cells
}

/** A window's cells: a session can start at cell c when start ≤ c and c + 2 ≤ end. */
export function windowCells(window: Range): { start: number; end: number } {
	return {
		start: Math.ceil(window.start.getTime() / CELL_MS),
		end: Math.floor(window.end.getTime() / CELL_MS),
	}
}

/** Whether the cells say there is a free hour in the window; null when the window reaches outside them. */
export function cellsHaveSlot(cells: string, fromCell: number, window: Range): boolean | null {
	const { start, end } = windowCells(window)
	if (end - start < 2) return false
	if (start < fromCell || end > fromCell + cells.length) return null
	return cells.slice(start - fromCell, end - fromCell).includes('11')
}

export type AnsweredOffer = {
	status: string
	sentAt: Date
	respondedAt: Date | null
}

/** Past acceptance rate and median response time over answered offers (null with no history). */
export function responsiveness(offers: readonly AnsweredOffer[]): {
	acceptanceRate: number | null
	medianResponseHours: number | null
} {
	const answered = offers.filter((o) => o.respondedAt !== null)
	const hours = answered.map((o) => (o.respondedAt!.getTime() - o.sentAt.getTime()) / 3_600_000).sort((a, b) => a - b)
	return {
		acceptanceRate: answered.length ? answered.filter((o) => o.status !== 'declined' && o.status !== 'expired').length / answered.length : null,
		medianResponseHours: hours.length ? hours[Math.floor(hours.length / 2)]! : null,
	}
}
