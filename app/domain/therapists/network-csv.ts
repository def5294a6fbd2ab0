// The therapist network CSV (docs/product.md §8.1): parsing with csv-parse (RFC 4180) and checking
// every cell, so an import reports every problem as "line N, column C: what is wrong" and changes
// nothing until the whole file is good. Pure: ZIP codes and compact membership come in as data.
import { feedAddress } from '#app/domain/calendar/feed-address.ts'
import { parse } from 'csv-parse/sync'
import { FOCUS_AREAS, FORMATS, isAuthorizationKind, isLanguageCode, isLicenseType, isStateCode, licenseProfession, MODALITIES, PAYERS, PHASES, US_TIME_ZONES } from '#app/domain/reference/index.ts'
import { type WeeklyRule } from '#app/domain/availability/ranges.ts'
import { isIsoDate } from '#app/domain/calendar-dates.ts'

export const COLUMNS = [
	'email',
	'full_name',
	'credentials',
	'timezone',
	'licenses',
	'authorizations',
	'modalities',
	'phases',
	'formats',
	'languages',
	'focus_areas',
	'insurance',
	'office_zip',
	'self_pay_rate',
	'sliding_scale',
	'availability',
	'weekly_capacity',
	'accepting',
	'kap_training_hours',
	'calendar_url',
] as const
export type Column = (typeof COLUMNS)[number]
const REQUIRED_COLUMNS: readonly Column[] = ['email', 'full_name', 'timezone', 'licenses', 'phases', 'formats', 'weekly_capacity']

export type ImportIssue = { line: number; column: Column | null; message: string }

export type ImportedLicense = { state: string; type: string; number: string; expiresOn: string; status: 'verified' | 'pending' | 'rejected' }
export type ImportedAuthorization = { kind: 'psypact_apit' | 'counseling_privilege' | 'state_telehealth'; homeState: string; states: string[]; expiresOn: string }

export type ImportedTherapist = {
	line: number
	email: string
	fullName: string
	credentials: string
	timeZone: string
	licenses: ImportedLicense[]
	authorizations: ImportedAuthorization[]
	modalities: string[]
	phases: string[]
	formats: string[]
	languages: string[]
	focusAreas: string[]
	insurancePayers: string[]
	officeZip: string | null
	selfPayRate: number | null
	slidingScale: boolean
	availability: WeeklyRule[]
	weeklyCapacity: number
	accepting: boolean
	kapTrainingHours: number
	/** The therapist's own calendar (§4a), read by the periodic refresh; an empty cell leaves any calendar they gave alone. */
	calendarUrl: string | null
}

export type ImportContext = {
	/** Why a ZIP code cannot be used (unknown, outside the states), or null when it can. */
	zipProblem: (zip: string) => string | null
	psypactMembers: ReadonlySet<string>
	counselingCompactMembers: ReadonlySet<string>
}

export type ParsedNetwork = { therapists: ImportedTherapist[]; issues: ImportIssue[] }

export function formatIssue(issue: ImportIssue): string {
	return issue.column ? `line ${issue.line}, column ${issue.column}: ${issue.message}` : `line ${issue.line}: ${issue.message}`
}

const US_ZONES = new Set(US_TIME_ZONES)
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
const MAX_ROWS = 20_000

export function parseNetworkCsv(text: string, context: ImportContext): ParsedNetwork {
	const issues: ImportIssue[] = []
	let records: { record: Record<string, string>; info: { lines: number; raw?: string } }[]
	try {
		records = parse(text.replace(/^\uFEFF/, ''), {
			columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
			skip_empty_lines: true,
			info: true,
			raw: true,
			relax_column_count: false,
			trim: true,
			max_record_size: 100_000,
		}) as typeof records
	} catch (error) {
		const e = error as Error & { lines?: number; code?: string }
		return { therapists: [], issues: [{ line: e.lines ?? 1, column: null, message: `the file is not valid CSV (${e.message.replace(/^Invalid Record Length: /, '').replace(/\.$/, '')}).` }] }
	}
	if (records.length === 0) return { therapists: [], issues: [{ line: 1, column: null, message: 'the file has no rows under its header.' }] }
	if (records.length > MAX_ROWS) return { therapists: [], issues: [{ line: 1, column: null, message: `the file has ${records.length} rows; import at most ${MAX_ROWS} at a time.` }] }

	const header = Object.keys(records[0]!.record)
	for (const name of header) if (!(COLUMNS as readonly string[]).includes(name)) issues.push({ line: 1, column: null, message: `unknown column "${name}". The columns are: ${COLUMNS.join(', ')}.` })
	for (const name of REQUIRED_COLUMNS) if (!header.includes(name)) issues.push({ line: 1, column: null, message: `the required column "${name}" is missing.` })
	if (issues.length) return { therapists: [], issues }

	const seenEmails = new Map<string, number>()
	const therapists: ImportedTherapist[] = []
	for (const { record, info } of records) {
		// The line the record starts on: a quoted cell may span lines.
		const line = info.lines - ((info.raw ?? '').replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0)
		const row = checkRow(record as Partial<Record<Column, string>>, line, context, issues)
		// Duplicates are found even among rows with other problems, so one pass shows them all.
		const email = (record.email ?? '').toLowerCase()
		const previous = email ? seenEmails.get(email) : undefined
		if (previous !== undefined) {
			issues.push({ line, column: 'email', message: `${email} is already on line ${previous}; each therapist appears once.` })
			continue
		}
		if (email) seenEmails.set(email, line)
		if (row) therapists.push(row)
	}
	return { therapists, issues }
}

function checkRow(cells: Partial<Record<Column, string>>, line: number, context: ImportContext, issues: ImportIssue[]): ImportedTherapist | null {
	const before = issues.length
	const problem = (column: Column, message: string) => {
		issues.push({ line, column, message })
		return null
	}
	const cell = (column: Column) => cells[column] ?? ''

	const email = cell('email').toLowerCase()
	if (!email) problem('email', 'an email address is required.')
	else if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) problem('email', `"${cell('email')}" is not an email address.`)

	const fullName = cell('full_name')
	if (!fullName) problem('full_name', 'a name is required.')
	else if (fullName.length > 120) problem('full_name', 'use at most 120 characters.')
	const credentials = cell('credentials')
	if (credentials.length > 120) problem('credentials', 'use at most 120 characters.')

	const timeZone = cell('timezone')
	if (!US_ZONES.has(timeZone)) problem('timezone', `"${timeZone}" is not a US time zone; use an IANA name such as America/Chicago.`)

	const licenses = listOf(cell('licenses'), '|').map((item) => checkLicense(item, (m) => problem('licenses', m)))
	if (licenses.length === 0) problem('licenses', 'at least one license is required (STATE:TYPE:NUMBER:EXPIRES:STATUS).')
	const goodLicenses = licenses.filter((l): l is ImportedLicense => l !== null)
	// With a license unreadable, "no home license" would only repeat that problem.
	const licensesReadable = goodLicenses.length === licenses.length
	const seenLicenses = new Set<string>()
	for (const l of goodLicenses) {
		const key = `${l.state}:${l.type}:${l.number}`
		if (seenLicenses.has(key)) problem('licenses', `${key} is listed twice.`)
		seenLicenses.add(key)
	}

	const authorizations = listOf(cell('authorizations'), '|').flatMap((item) => checkAuthorization(item, licensesReadable ? goodLicenses : null, context, (m) => problem('authorizations', m)) ?? [])

	const slugs = (column: Column, has: (v: string) => boolean, what: string, required = false) => {
		const values = listOf(cell(column), ';').map((v) => v.toLowerCase())
		if (required && values.length === 0) problem(column, `at least one ${what} is required.`)
		for (const value of values) if (!has(value)) problem(column, `"${value}" is not a ${what}.`)
		return [...new Set(values)]
	}
	const modalities = slugs('modalities', MODALITIES.has, `modality (one of ${MODALITIES.slugs.join(', ')})`)
	const phases = slugs('phases', PHASES.has, `phase (${PHASES.slugs.join(', ')})`, true)
	const formats = slugs('formats', FORMATS.has, `format (${FORMATS.slugs.join(', ')})`, true)
	const languages = slugs('languages', isLanguageCode, 'language we know (use two-letter ISO 639-1 codes such as en, es)')
	const focusAreas = slugs('focus_areas', FOCUS_AREAS.has, `focus area (one of ${FOCUS_AREAS.slugs.join(', ')})`)
	const insurancePayers = slugs('insurance', PAYERS.has, `payer (one of ${PAYERS.slugs.join(', ')})`)
	if (phases.includes('in_session') && !formats.includes('in_person')) problem('phases', 'in_session support happens at the clinic, so formats must include in_person.')

	const officeZip = cell('office_zip') || null
	if (officeZip) {
		const zipProblem = /^\d{5}$/.test(officeZip) ? context.zipProblem(officeZip) : 'a ZIP code is five digits, like 78701.'
		if (zipProblem) problem('office_zip', zipProblem.charAt(0).toLowerCase() + zipProblem.slice(1))
	} else if (formats.includes('in_person')) {
		problem('office_zip', 'an office ZIP code is required when formats include in_person.')
	}

	const selfPayRate = wholeNumber(cell('self_pay_rate'), { min: 0, max: 2_000, optional: true }, (m) => problem('self_pay_rate', m))
	const slidingScale = yesNo(cell('sliding_scale'), false, (m) => problem('sliding_scale', m))
	const availability = listOf(cell('availability'), ';').map((item) => checkAvailability(item, (m) => problem('availability', m)))
	const weeklyCapacity = wholeNumber(cell('weekly_capacity'), { min: 0, max: 50 }, (m) => problem('weekly_capacity', m))
	const accepting = yesNo(cell('accepting'), true, (m) => problem('accepting', m))
	const kapTrainingHours = wholeNumber(cell('kap_training_hours'), { min: 0, max: 10_000, optional: true }, (m) => problem('kap_training_hours', m))
	const calendarAddress = cell('calendar_url') ? feedAddress(cell('calendar_url')) : null
	if (calendarAddress && !calendarAddress.ok) problem('calendar_url', calendarAddress.error.charAt(0).toLowerCase() + calendarAddress.error.slice(1))

	if (issues.length > before) return null
	return {
		line,
		email,
		fullName,
		credentials,
		timeZone,
		licenses: goodLicenses,
		authorizations,
		modalities,
		phases,
		formats,
		languages,
		focusAreas,
		insurancePayers,
		officeZip,
		selfPayRate: selfPayRate ?? null,
		slidingScale: slidingScale!,
		availability: availability.filter((a): a is WeeklyRule => a !== null),
		weeklyCapacity: weeklyCapacity!,
		accepting: accepting!,
		kapTrainingHours: kapTrainingHours ?? 0,
		calendarUrl: calendarAddress?.ok ? calendarAddress.url.toString() : null,
	}
}

function listOf(value: string, separator: string): string[] {
	return value
		.split(separator)
		.map((v) => v.trim())
		.filter(Boolean)
}

function checkLicense(item: string, fail: (message: string) => null): ImportedLicense | null {
	const parts = item.split(':').map((p) => p.trim())
	if (parts.length !== 5) return fail(`"${item}" should be STATE:TYPE:NUMBER:EXPIRES:STATUS.`)
	const [stateRaw, typeRaw, number, expiresOn, statusRaw] = parts as [string, string, string, string, string]
	const state = stateRaw.toUpperCase()
	const type = typeRaw.toLowerCase()
	const status = statusRaw.toLowerCase()
	if (!isStateCode(state)) return fail(`"${stateRaw}" in "${item}" is not a US state code.`)
	if (!isLicenseType(type)) return fail(`"${typeRaw}" in "${item}" is not a license type (lpc, lmhc, lcsw, lmft, psychologist, …).`)
	if (!number || number.length > 40) return fail(`"${item}" needs a license number of at most 40 characters.`)
	if (!isIsoDate(expiresOn)) return fail(`"${expiresOn}" in "${item}" is not a date written YYYY-MM-DD.`)
	if (status !== 'verified' && status !== 'pending' && status !== 'rejected') return fail(`"${statusRaw}" in "${item}" is not a status (verified, pending or rejected).`)
	return { state, type, number, expiresOn, status }
}

/** `licenses` is null when some of the row's licenses could not be read: home licenses are then not checked. */
function checkAuthorization(item: string, licenses: readonly ImportedLicense[] | null, context: ImportContext, fail: (message: string) => null): ImportedAuthorization[] | null {
	const parts = item.split(':').map((p) => p.trim())
	if (parts.length !== 4) return fail(`"${item}" should be KIND:HOME_STATE:STATES:EXPIRES.`)
	const [kindRaw, homeRaw, statesRaw, expiresOn] = parts as [string, string, string, string]
	const kind = kindRaw.toLowerCase()
	const homeState = homeRaw.toUpperCase()
	if (!isAuthorizationKind(kind)) return fail(`"${kindRaw}" in "${item}" is not an authorization kind (psypact_apit, counseling_privilege, state_telehealth).`)
	if (!isStateCode(homeState)) return fail(`"${homeRaw}" in "${item}" is not a US state code.`)
	if (!isIsoDate(expiresOn)) return fail(`"${expiresOn}" in "${item}" is not a date written YYYY-MM-DD.`)
	const members = kind === 'psypact_apit' ? context.psypactMembers : kind === 'counseling_privilege' ? context.counselingCompactMembers : null
	let states: string[]
	if (statesRaw === '*') {
		if (!members) return fail(`"*" in "${item}" means every member state, but a state telehealth registration belongs to no compact; list its states.`)
		states = kind === 'psypact_apit' ? [] : [...members].filter((s) => s !== homeState).sort()
	} else {
		states = [...new Set(listOf(statesRaw, ',').map((s) => s.toUpperCase()))]
		if (states.length === 0) return fail(`"${item}" lists no states.`)
		const bad = states.find((s) => !isStateCode(s))
		if (bad) return fail(`"${bad}" in "${item}" is not a US state code.`)
	}
	const homeLicense = (profession: string) => licenses === null || licenses.some((l) => l.state === homeState && licenseProfession(l.type) === profession)
	if (kind === 'psypact_apit') {
		if (!homeLicense('psychologist')) return fail(`a PSYPACT APIT needs a psychologist license in its home state ${homeState} on the same row.`)
		if (!context.psypactMembers.has(homeState)) return fail(`${homeState} is not a PSYPACT member, so an APIT cannot have it as home state.`)
		const outside = states.find((s) => !context.psypactMembers.has(s))
		if (outside) return fail(`${outside} is not a PSYPACT member, so an APIT cannot cover it.`)
		return [{ kind, homeState, states, expiresOn }]
	}
	if (kind === 'counseling_privilege') {
		if (!homeLicense('counselor')) return fail(`a Counseling Compact privilege needs a counseling license in its home state ${homeState} on the same row.`)
		if (states.includes(homeState)) return fail(`a privilege is for a remote state, not the home state ${homeState}.`)
		// One privilege per remote state (docs/product.md §3).
		return states.map((state) => ({ kind, homeState, states: [state], expiresOn }))
	}
	return [{ kind: 'state_telehealth', homeState, states, expiresOn }]
}

function checkAvailability(item: string, fail: (message: string) => null): WeeklyRule | null {
	const match = /^([a-z]{3})\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/i.exec(item)
	if (!match) return fail(`"${item}" should look like "mon 09:00-12:00".`)
	const [, dayRaw, sh, sm, eh, em] = match as unknown as [string, string, string, string, string, string]
	const dayOfWeek = (DAYS as readonly string[]).indexOf(dayRaw.toLowerCase())
	if (dayOfWeek < 0) return fail(`"${dayRaw}" in "${item}" is not a day (mon, tue, wed, thu, fri, sat, sun).`)
	const startMinute = Number(sh) * 60 + Number(sm)
	const endMinute = Number(eh) * 60 + Number(em)
	if (Number(sm) > 59 || Number(em) > 59 || Number(sh) > 23 || endMinute > 24 * 60) return fail(`"${item}" has a time that does not exist.`)
	if (endMinute <= startMinute) return fail(`"${item}" ends before it starts.`)
	return { dayOfWeek, startMinute, endMinute }
}

function wholeNumber(value: string, range: { min: number; max: number; optional?: boolean }, fail: (message: string) => null): number | null | undefined {
	if (value === '') return range.optional ? undefined : fail('a whole number is required.')
	if (!/^\d+$/.test(value)) return fail(`"${value}" is not a whole number.`)
	const n = Number(value)
	if (n < range.min || n > range.max) return fail(`${n} is outside ${range.min}–${range.max}.`)
	return n
}

function yesNo(value: string, fallback: boolean, fail: (message: string) => null): boolean | null {
	if (value === '') return fallback
	const lower = value.toLowerCase()
	if (lower === 'true') return true
	if (lower === 'false') return false
	return fail(`"${value}" should be true or false.`)
}
