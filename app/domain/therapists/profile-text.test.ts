import { expect, test } from 'vitest'
import { describePlaces, describeWeeklyHours, listInWords, timeZoneName } from './profile-text.ts'

test('places in words: telehealth by licence, then each kind of authorization; the office; in-session support', () => {
	const license = (state: string) => ({ state, basis: 'license' as const, inPerson: true })
	const places = {
		telehealth: [{ state: 'CO', basis: 'psypact_apit' as const, inPerson: false }, license('TX'), { state: 'UT', basis: 'psypact_apit' as const, inPerson: false }, license('WA')],
		inPerson: license('TX'),
		inSessionSupport: ['TX', 'WA'],
		states: ['CO', 'TX', 'UT', 'WA'],
	}
	expect(describePlaces(places, { formats: ['telehealth', 'in_person'], office: { city: 'Austin', state: 'TX' } })).toEqual([
		'By telehealth, patients in Texas and Washington (licensed there)',
		'By telehealth, patients in Colorado and Utah, through a PSYPACT Authority to Practice Interjurisdictional Telepsychology (APIT)',
		'In person at their office in Austin, Texas, wherever the patient lives (licensed in Texas)',
		'In-session support at clinics in Texas and Washington',
	])
	// An office across the river from the only licence: no in-person sessions, said plainly.
	const noOffice = { telehealth: [], inPerson: null, inSessionSupport: ['WA'], states: [] }
	expect(describePlaces(noOffice, { formats: ['in_person'], office: { city: 'Portland', state: 'OR' } })).toEqual([
		'Not in person for now: their office is in Portland, Oregon, and they hold no current licence in Oregon',
		'In-session support at clinics in Washington',
	])
	expect(describePlaces({ telehealth: [], inPerson: null, inSessionSupport: [], states: [] }, { formats: ['telehealth'], office: null })).toEqual([])
})

test('lists read as English', () => {
	expect(listInWords(['Texas'])).toBe('Texas')
	expect(listInWords(['Texas', 'Utah', 'Ohio'])).toBe('Texas, Utah and Ohio')
})

test("weekly hours per day, in the therapist's own zone, with a 12-hour clock", () => {
	expect(
		describeWeeklyHours(
			[
				{ dayOfWeek: 0, startMinute: 13 * 60, endMinute: 17 * 60 },
				{ dayOfWeek: 0, startMinute: 9 * 60, endMinute: 12 * 60 },
				{ dayOfWeek: 5, startMinute: 9 * 60 + 30, endMinute: 24 * 60 },
			],
			'America/Chicago',
		),
	).toEqual(['Mondays: 9 am–12 pm, 1 pm–5 pm (Central Time)', 'Saturdays: 9:30 am–midnight (Central Time)'])
	expect(timeZoneName('America/Phoenix')).toBe('Mountain Standard Time') // Arizona keeps standard time
})
