import { expect, test } from 'vitest'
import { describeCoverage, describeWeeklyHours, listInWords, timeZoneName } from './profile-text.ts'

test('coverage in words: licensed states first, then each kind of authorization', () => {
	expect(
		describeCoverage([
			{ state: 'CO', basis: 'psypact_apit', inPerson: false },
			{ state: 'TX', basis: 'license', inPerson: true },
			{ state: 'UT', basis: 'psypact_apit', inPerson: false },
			{ state: 'WA', basis: 'license', inPerson: true },
		]),
	).toEqual([
		'Texas and Washington: by license, in person and by telehealth',
		'Colorado and Utah: by telehealth only, through a PSYPACT Authority to Practice Interjurisdictional Telepsychology (APIT)',
	])
	expect(describeCoverage([])).toEqual([])
})

test('lists read as English', () => {
	expect(listInWords(['Texas'])).toBe('Texas')
	expect(listInWords(['Texas', 'Utah', 'Ohio'])).toBe('Texas, Utah and Ohio')
})

test('weekly hours per day, in the therapist\'s own zone, with a 12-hour clock', () => {
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
