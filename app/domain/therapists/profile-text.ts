// Profile facts in words people read: where sessions with a therapist may happen, and their weekly
// hours in their own time zone. Pure.
import { authorizationKindLabel, stateName } from '#app/domain/reference/index.ts'
import { type WeeklyRule } from '#app/domain/availability/ranges.ts'
import { zoneName } from '#app/domain/time-format.ts'
import { type PracticePlaces } from './jurisdiction.ts'

const DAY_NAMES = ['Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays', 'Sundays']

/**
 * Where sessions with the therapist may happen, one line each (docs/product.md §3): by telehealth where
 * the patient is (by licence first, then each kind of authorization), in person at their office
 * (only with a licence in its state), in-session support at clinics where they are licensed.
 */
export function describePlaces(places: PracticePlaces, practice: { formats: readonly string[]; office: { city: string; state: string } | null }): string[] {
	const byBasis = new Map<string, string[]>()
	for (const c of places.telehealth) byBasis.set(c.basis, [...(byBasis.get(c.basis) ?? []), stateName(c.state)])
	const lines: string[] = []
	const licensed = byBasis.get('license')
	if (licensed) lines.push(`By telehealth, patients in ${listInWords(licensed)} (licensed there)`)
	for (const [basis, states] of byBasis) {
		if (basis === 'license') continue
		lines.push(`By telehealth, patients in ${listInWords(states)}, through a ${authorizationKindLabel(basis)}`)
	}
	if (practice.formats.includes('in_person')) {
		const office = practice.office ? `${practice.office.city}, ${stateName(practice.office.state)}` : null
		if (places.inPerson && office) lines.push(`In person at their office in ${office}, wherever the patient lives (licensed in ${stateName(places.inPerson.state)})`)
		else if (office) lines.push(`Not in person for now: their office is in ${office}, and they hold no current licence in ${stateName(practice.office!.state)}`)
		else lines.push('Not in person for now: no office address yet')
	}
	if (places.inSessionSupport.length) lines.push(`In-session support at clinics in ${listInWords(places.inSessionSupport.map(stateName))}`)
	return lines
}

export function listInWords(items: readonly string[]): string {
	if (items.length <= 1) return items.join('')
	return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}

function clock(minute: number): string {
	if (minute === 24 * 60) return 'midnight'
	const h = Math.floor(minute / 60)
	const m = minute % 60
	const suffix = h < 12 ? 'am' : 'pm'
	const hour12 = h % 12 === 0 ? 12 : h % 12
	return m === 0 ? `${hour12} ${suffix}` : `${hour12}:${String(m).padStart(2, '0')} ${suffix}`
}

/** "Mondays: 9 am–12 pm, 1 pm–5 pm (Central Time)", one line per working day. */
export function describeWeeklyHours(rules: readonly WeeklyRule[], timeZone: string): string[] {
	const zone = timeZoneName(timeZone)
	return DAY_NAMES.flatMap((name, day) => {
		const ranges = rules.filter((r) => r.dayOfWeek === day).sort((a, b) => a.startMinute - b.startMinute)
		return ranges.length ? [`${name}: ${ranges.map((r) => `${clock(r.startMinute)}–${clock(r.endMinute)}`).join(', ')} (${zone})`] : []
	})
}

/**
 * "Central Time" for America/Chicago: the generic name, right in summer and winter alike, as the
 * zone is on the date given (America/Menominee has been Central since 1973).
 */
export function timeZoneName(timeZone: string, at: Date = new Date()): string {
	return zoneName(timeZone, at, 'generic')
}
