// A moment shown where each reader is: the first zone in full, the others after it in brackets
// ("Wed, Nov 25, 9:00 AM Central Time (10:00 AM Eastern Time at the clinic)").
import { timeZoneName } from '#app/domain/therapists/profile-text.ts'

export type ZoneLabel = { timeZone: string; where?: string }

export function formatInZones(iso: string, [first, ...others]: [ZoneLabel, ...ZoneLabel[]]): string {
	const at = new Date(iso)
	const full = new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: first.timeZone }).format(at)
	const rest = others
		.filter((z) => z.timeZone !== first.timeZone)
		.map((z) => `${new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone: z.timeZone }).format(at)} ${timeZoneName(z.timeZone)}${z.where ? ` ${z.where}` : ''}`)
	return `${full} ${timeZoneName(first.timeZone)}${rest.length ? ` (${rest.join('; ')})` : ''}`
}

export function TimeInZones({ iso, zones }: { iso: string; zones: [ZoneLabel, ...ZoneLabel[]] }) {
	return <time dateTime={iso}>{formatInZones(iso, zones)}</time>
}
