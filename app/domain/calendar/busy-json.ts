// A feed's busy ranges as they are stored (CalendarFeed.busy): [[start, end], …] as ISO 8601
// instants. Anything else in the column reads as no busy time rather than failing matching.
import { type Range } from '#app/domain/availability/ranges.ts'

export function busyToJson(busy: readonly Range[]): [string, string][] {
	return busy.map((range) => [range.start.toISOString(), range.end.toISOString()])
}

export function busyFromJson(value: unknown): Range[] {
	if (!Array.isArray(value)) return []
	const ranges: Range[] = []
	for (const pair of value) {
		if (!Array.isArray(pair) || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') continue
		const start = new Date(pair[0])
		const end = new Date(pair[1])
		if (Number.isFinite(start.getTime()) && end.getTime() > start.getTime()) ranges.push({ start, end })
	}
	return ranges
}
