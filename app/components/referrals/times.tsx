// A moment shown where each reader is: the first zone in full, the others after it in brackets
// ("Wed, Nov 25, 9:00 AM CST (10:00 AM EST at the clinic)"), each named as it is on that date.
import { formatDateTime, formatTime } from '#app/domain/time-format.ts'

export type ZoneLabel = { timeZone: string; where?: string }

export function formatInZones(iso: string, [first, ...others]: [ZoneLabel, ...ZoneLabel[]]): string {
	const at = new Date(iso)
	const rest = others.filter((z) => z.timeZone !== first.timeZone).map((z) => `${formatTime(at, z.timeZone)}${z.where ? ` ${z.where}` : ''}`)
	return `${formatDateTime(at, first.timeZone)}${rest.length ? ` (${rest.join('; ')})` : ''}`
}

export function TimeInZones({ iso, zones }: { iso: string; zones: [ZoneLabel, ...ZoneLabel[]] }) {
	return <time dateTime={iso}>{formatInZones(iso, zones)}</time>
}
