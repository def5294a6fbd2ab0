import fs from 'node:fs'
import { expect, test } from 'vitest'
import { INITIAL_COMPACTS } from '#app/domain/reference/compacts.ts'
import { formatIssue, parseNetworkCsv, type ImportContext } from './network-csv.ts'

const members = (slug: string) => new Set(INITIAL_COMPACTS.find((c) => c.slug === slug)!.members)
const context: ImportContext = {
	zipProblem: (zip) => (zip === '00000' ? 'We do not know that ZIP code.' : null),
	psypactMembers: members('psypact'),
	counselingCompactMembers: members('counseling_compact'),
}
const HEADER =
	'email,full_name,credentials,timezone,licenses,authorizations,modalities,phases,formats,languages,focus_areas,insurance,office_zip,self_pay_rate,sliding_scale,availability,weekly_capacity,accepting,kap_training_hours'
const GOOD = 'ana@example.org,Ana Díaz,LPC,America/Chicago,TX:lpc:1234:2027-01-31:verified,,ifs,integration,telehealth,en;es,ptsd,bcbs,,120,true,mon 09:00-12:00,2,true,40'

const issues = (text: string) => parseNetworkCsv(text, context).issues.map(formatIssue)

test('the sample file in docs/ parses without a single issue', () => {
	const parsed = parseNetworkCsv(fs.readFileSync('docs/sample-therapists.csv', 'utf8'), context)
	expect(parsed.issues).toEqual([])
	expect(parsed.therapists.map((t) => t.email)).toEqual([
		'maria.delgado@example.org',
		'james.okafor@example.org',
		'priya.raman@example.org',
		'daniel.cho@example.org',
		'rosa.whitehorse@example.org',
		'ethan.brooks@example.org',
	])
})

test('a good row becomes plain data: lists split, slugs and states normalised, availability in minutes', () => {
	const [therapist] = parseNetworkCsv(`${HEADER}\n${GOOD}`, context).therapists
	expect(therapist).toEqual({
		line: 2,
		email: 'ana@example.org',
		fullName: 'Ana Díaz',
		credentials: 'LPC',
		timeZone: 'America/Chicago',
		licenses: [{ state: 'TX', type: 'lpc', number: '1234', expiresOn: '2027-01-31', status: 'verified' }],
		authorizations: [],
		modalities: ['ifs'],
		phases: ['integration'],
		formats: ['telehealth'],
		languages: ['en', 'es'],
		focusAreas: ['ptsd'],
		insurancePayers: ['bcbs'],
		officeZip: null,
		selfPayRate: 120,
		slidingScale: true,
		availability: [{ dayOfWeek: 0, startMinute: 540, endMinute: 720 }],
		weeklyCapacity: 2,
		accepting: true,
		kapTrainingHours: 40,
		calendarUrl: null,
	})
})

test('a calendar address is optional; given, it is read as https (webcal too), and a bad one is named', () => {
	const withCalendar = (url: string) => `${HEADER},calendar_url\n${GOOD},${url}`
	expect(parseNetworkCsv(withCalendar('webcal://calendar.example/ana/private.ics'), context).therapists[0]!.calendarUrl).toBe('https://calendar.example/ana/private.ics')
	expect(issues(withCalendar('ftp://calendar.example/ana.ics'))).toEqual(['line 2, column calendar_url: give an address starting with https:// (or webcal://).'])
	expect(issues(withCalendar('not an address'))).toEqual(['line 2, column calendar_url: give the full address of the calendar, starting with https://.'])
})

test('a file with broken rows reports every problem by line and column', () => {
	const rows = [
		GOOD,
		GOOD.replace('ana@', 'x@').replace('TX:lpc', 'XX:lpc'), // 3: bad state
		GOOD.replace('ana@', 'y@').replace('2027-01-31', '2027-02-30'), // 4: a date that does not exist
		GOOD.replace(',ifs,', ',reiki,').replace('ana@', 'b@'), // 5: unknown modality
		GOOD, // 6: duplicate email
		GOOD.replace('ana@', 'c@').replace(',telehealth,', ',telehealth;in_person,'), // 7: in person without an office ZIP
		GOOD.replace('ana@', 'd@').replace('mon 09:00-12:00', 'monday 9-12'), // 8: malformed availability
		GOOD.replace('ana@', 'e@').replace('America/Chicago', 'Europe/Paris'), // 9: not a US time zone
		GOOD.replace('ana@', 'f@').replace(',,ifs', ',psypact_apit:TX:*:2027-01-31,ifs'), // 10: APIT without a psychologist license
		GOOD.replace('ana@', 'g@').replace(',2,true,40', ',lots,maybe,40'), // 11: capacity and accepting
		GOOD.replace('ana@', 'h@').replace(',integration,', ',,'), // 12: no phase
		GOOD.replace('ana@', 'i@').replace('en;es', 'english'), // 13: not a language code
		GOOD.replace('ana@', 'j@').replace(',,ifs', ',state_telehealth:TX:*:2027-01-31,ifs'), // 14: * for a registration
		GOOD.replace('ana@', 'not-an-email'), // 15
		GOOD.replace('ana@', 'k@').replace('mon 09:00-12:00', 'mon 12:00-09:00'), // 16: ends before it starts
		GOOD.replace('ana@', 'l@').replace(',telehealth,', ',in_person,').replace(',120,', ',120,').replace('bcbs,,', 'bcbs,00000,'), // 17: unknown ZIP
	]
	expect(issues([HEADER, ...rows].join('\n'))).toEqual([
		'line 3, column licenses: "XX" in "XX:lpc:1234:2027-01-31:verified" is not a US state code.',
		'line 4, column licenses: "2027-02-30" in "TX:lpc:1234:2027-02-30:verified" is not a date written YYYY-MM-DD.',
		'line 5, column modalities: "reiki" is not a modality (one of cbt, dbt, act, emdr, ifs, somatic, psychodynamic, humanistic, trauma_informed, mindfulness, family_systems, motivational_interviewing, existential).',
		'line 6, column email: ana@example.org is already on line 2; each therapist appears once.',
		'line 7, column office_zip: an office ZIP code is required when formats include in_person.',
		'line 8, column availability: "monday 9-12" should look like "mon 09:00-12:00".',
		'line 9, column timezone: "Europe/Paris" is not a US time zone; use an IANA name such as America/Chicago.',
		'line 10, column authorizations: a PSYPACT APIT needs a psychologist license in its home state TX on the same row.',
		'line 11, column weekly_capacity: "lots" is not a whole number.',
		'line 11, column accepting: "maybe" should be true or false.',
		'line 12, column phases: at least one phase (preparation, in_session, integration) is required.',
		'line 13, column languages: "english" is not a language we know (use two-letter ISO 639-1 codes such as en, es).',
		'line 14, column authorizations: "*" in "state_telehealth:TX:*:2027-01-31" means every member state, but a state telehealth registration belongs to no compact; list its states.',
		'line 15, column email: "not-an-emailexample.org" is not an email address.',
		'line 16, column availability: "mon 12:00-09:00" ends before it starts.',
		'line 17, column office_zip: we do not know that ZIP code.',
	])
})

test('a Counseling Compact privilege listing several states becomes one privilege per state', () => {
	const row = GOOD.replace(',,ifs', ',"counseling_privilege:TX:AZ,MN:2027-01-31",ifs')
	const [therapist] = parseNetworkCsv(`${HEADER}\n${row}`, context).therapists
	expect(therapist!.authorizations).toEqual([
		{ kind: 'counseling_privilege', homeState: 'TX', states: ['AZ'], expiresOn: '2027-01-31' },
		{ kind: 'counseling_privilege', homeState: 'TX', states: ['MN'], expiresOn: '2027-01-31' },
	])
})

test('header problems: unknown and missing columns', () => {
	expect(issues('email,full_name,favourite_colour\nana@example.org,Ana,blue')).toEqual([
		expect.stringMatching(/^line 1: unknown column "favourite_colour"\./),
		'line 1: the required column "timezone" is missing.',
		'line 1: the required column "licenses" is missing.',
		'line 1: the required column "phases" is missing.',
		'line 1: the required column "formats" is missing.',
		'line 1: the required column "weekly_capacity" is missing.',
	])
})

test('not CSV at all, or an empty file, is one clear issue', () => {
	expect(issues(`${HEADER}\n"unterminated,quote`)).toEqual([expect.stringMatching(/^line \d+: the file is not valid CSV/)])
	expect(issues(`${HEADER}\nana@example.org,too,few`)).toEqual([expect.stringMatching(/^line 2: the file is not valid CSV/)])
	expect(issues(HEADER)).toEqual(['line 1: the file has no rows under its header.'])
	expect(issues('')).toEqual(['line 1: the file has no rows under its header.'])
})

test('a quoted cell spanning lines keeps the line numbers of the rows after it right', () => {
	const multiline = GOOD.replace('Ana Díaz', '"Ana\nDíaz"')
	expect(issues([HEADER, multiline, GOOD.replace('ana@', 'b@').replace('TX:lpc', 'XX:lpc')].join('\n'))).toEqual([
		'line 4, column licenses: "XX" in "XX:lpc:1234:2027-01-31:verified" is not a US state code.',
	])
})

test('a byte-order mark and Windows line endings are fine', () => {
	expect(parseNetworkCsv(`\uFEFF${HEADER}\r\n${GOOD}\r\n`, context).issues).toEqual([])
})
