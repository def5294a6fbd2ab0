// The facts a search row holds (prisma/schema.prisma, TherapistSearch), worked out from a
// therapist's own tables by pure functions, so that SQL can judge a filter on one indexed row per
// state exactly as the pure filters judge it from the whole record:
// - coverage as validity dates: a state is covered on a date D exactly when one of its dates is on
//   or after D, because every condition of docs/product.md §3 is "verified and not expired on D";
// - free time as half-hour cells where a session can start: a 60-minute session can start at an
//   aligned half hour t inside a window exactly when the two cells from t are wholly free
//   (slots() steps by 30 minutes from the epoch, and merged free ranges are maximal, so a session
//   lies in one of them whenever it lies in the free time at all); the row keeps one bit per cell
//   t, set when t and t + 1 are free, so that SQL asks only whether a window holds a set bit;
// - approaches and focus areas also as bits, one per slug in the vocabulary's order, for the score.
// search-facts.test.ts checks them against coverage(), freeSlotsIn() and the slugs.
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

/**
 * '1' for every half hour from `fromCell` (`count` of them) at which a 60-minute session can
 * start: that half hour and the next lie wholly in free time. The last has no next inside the
 * horizon and is '0' (a window reaching past the cells is judged from the full record).
 */
export function startCells(schedule: Schedule, booked: readonly Range[], fromCell: number, count = HORIZON_CELLS): string {
	let text = ''
	for (const bit of startCellBits(schedule, booked, fromCell, count)) text += bit ? '1' : '0'
	return text
}

/** The same cells as hexadecimal digits, four to a digit, the last padded with zeros (PostgreSQL's X'…' bit strings). */
export function startCellsHex(schedule: Schedule, booked: readonly Range[], fromCell: number, count = HORIZON_CELLS): string {
	const cells = startCellBits(schedule, booked, fromCell, count)
	const digits: string[] = []
	for (let i = 0; i < count; i += 4) digits.push(((cells[i]! << 3) | ((cells[i + 1] ?? 0) << 2) | ((cells[i + 2] ?? 0) << 1) | (cells[i + 3] ?? 0)).toString(16))
	return digits.join('')
}

function startCellBits(schedule: Schedule, booked: readonly Range[], fromCell: number, count: number): Uint8Array {
	const from = fromCell * CELL_MS
	const free = new Uint8Array(count)
	const ranges = subtract(
		buildDateRanges(schedule, {
			start: new Date(from),
			end: new Date(from + count * CELL_MS),
		}),
		booked,
	)
	for (const range of ranges) {
		const first = Math.ceil((range.start.getTime() - from) / CELL_MS)
		const last = Math.floor((range.end.getTime() - from) / CELL_MS)
		for (let i = Math.max(0, first); i < Math.min(count, last); i++) free[i] = 1
	}
	return free.map((bit, i) => (i + 1 < count ? bit & free[i + 1]! : 0))
}

/**
 * A set of slugs as bits, bit i for the vocabulary's slug i (MODALITIES, FOCUS_AREAS: at most 31,
 * so that it fits PostgreSQL's int). A slug outside the vocabulary has no bit. The search rows
 * hold these; reordering a vocabulary means rebuilding them (`npm run admin -- rebuild-search`).
 */
export function slugBits(vocabulary: readonly string[], slugs: readonly string[]): number {
	let bits = 0
	for (const slug of slugs) {
		const i = vocabulary.indexOf(slug)
		if (i >= 0) bits |= 1 << i
	}
	return bits
}

/** A window's cells: a session can start at cell c when start ≤ c and c + 2 ≤ end. */
export function windowCells(window: Range): { start: number; end: number } {
	return {
		start: Math.ceil(window.start.getTime() / CELL_MS),
		end: Math.floor(window.end.getTime() / CELL_MS),
	}
}

/** Whether the start cells say there is a free hour in the window; null when the window reaches outside them. */
export function cellsHaveSlot(cells: string, fromCell: number, window: Range): boolean | null {
	const { start, end } = windowCells(window)
	if (end - start < 2) return false
	if (start < fromCell || end > fromCell + cells.length) return null
	// A session starting at cell c ends at c + 2, which must not pass the window's end.
	return cells.slice(start - fromCell, end - 1 - fromCell).includes('1')
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
