// US states and DC with their main IANA time zone (docs/product.md §3). A state that spans two zones
// lists the other in `otherTimeZones`; an address may override the main one.

export type StateInfo = {
	code: string
	name: string
	timeZone: string
	otherTimeZones?: readonly string[]
}

export const STATES = [
	{ code: 'AL', name: 'Alabama', timeZone: 'America/Chicago' },
	{ code: 'AK', name: 'Alaska', timeZone: 'America/Anchorage', otherTimeZones: ['America/Adak'] },
	{ code: 'AZ', name: 'Arizona', timeZone: 'America/Phoenix' },
	{ code: 'AR', name: 'Arkansas', timeZone: 'America/Chicago' },
	{ code: 'CA', name: 'California', timeZone: 'America/Los_Angeles' },
	{ code: 'CO', name: 'Colorado', timeZone: 'America/Denver' },
	{ code: 'CT', name: 'Connecticut', timeZone: 'America/New_York' },
	{ code: 'DE', name: 'Delaware', timeZone: 'America/New_York' },
	{ code: 'DC', name: 'District of Columbia', timeZone: 'America/New_York' },
	{ code: 'FL', name: 'Florida', timeZone: 'America/New_York', otherTimeZones: ['America/Chicago'] },
	{ code: 'GA', name: 'Georgia', timeZone: 'America/New_York' },
	{ code: 'HI', name: 'Hawaii', timeZone: 'Pacific/Honolulu' },
	{ code: 'ID', name: 'Idaho', timeZone: 'America/Boise', otherTimeZones: ['America/Los_Angeles'] },
	{ code: 'IL', name: 'Illinois', timeZone: 'America/Chicago' },
	{ code: 'IN', name: 'Indiana', timeZone: 'America/Indiana/Indianapolis', otherTimeZones: ['America/Chicago'] },
	{ code: 'IA', name: 'Iowa', timeZone: 'America/Chicago' },
	{ code: 'KS', name: 'Kansas', timeZone: 'America/Chicago', otherTimeZones: ['America/Denver'] },
	{ code: 'KY', name: 'Kentucky', timeZone: 'America/New_York', otherTimeZones: ['America/Chicago'] },
	{ code: 'LA', name: 'Louisiana', timeZone: 'America/Chicago' },
	{ code: 'ME', name: 'Maine', timeZone: 'America/New_York' },
	{ code: 'MD', name: 'Maryland', timeZone: 'America/New_York' },
	{ code: 'MA', name: 'Massachusetts', timeZone: 'America/New_York' },
	{ code: 'MI', name: 'Michigan', timeZone: 'America/Detroit', otherTimeZones: ['America/Menominee'] },
	{ code: 'MN', name: 'Minnesota', timeZone: 'America/Chicago' },
	{ code: 'MS', name: 'Mississippi', timeZone: 'America/Chicago' },
	{ code: 'MO', name: 'Missouri', timeZone: 'America/Chicago' },
	{ code: 'MT', name: 'Montana', timeZone: 'America/Denver' },
	{ code: 'NE', name: 'Nebraska', timeZone: 'America/Chicago', otherTimeZones: ['America/Denver'] },
	{ code: 'NV', name: 'Nevada', timeZone: 'America/Los_Angeles' },
	{ code: 'NH', name: 'New Hampshire', timeZone: 'America/New_York' },
	{ code: 'NJ', name: 'New Jersey', timeZone: 'America/New_York' },
	{ code: 'NM', name: 'New Mexico', timeZone: 'America/Denver' },
	{ code: 'NY', name: 'New York', timeZone: 'America/New_York' },
	{ code: 'NC', name: 'North Carolina', timeZone: 'America/New_York' },
	{ code: 'ND', name: 'North Dakota', timeZone: 'America/Chicago', otherTimeZones: ['America/Denver'] },
	{ code: 'OH', name: 'Ohio', timeZone: 'America/New_York' },
	{ code: 'OK', name: 'Oklahoma', timeZone: 'America/Chicago' },
	{ code: 'OR', name: 'Oregon', timeZone: 'America/Los_Angeles', otherTimeZones: ['America/Boise'] },
	{ code: 'PA', name: 'Pennsylvania', timeZone: 'America/New_York' },
	{ code: 'RI', name: 'Rhode Island', timeZone: 'America/New_York' },
	{ code: 'SC', name: 'South Carolina', timeZone: 'America/New_York' },
	{ code: 'SD', name: 'South Dakota', timeZone: 'America/Chicago', otherTimeZones: ['America/Denver'] },
	{ code: 'TN', name: 'Tennessee', timeZone: 'America/Chicago', otherTimeZones: ['America/New_York'] },
	{ code: 'TX', name: 'Texas', timeZone: 'America/Chicago', otherTimeZones: ['America/Denver'] },
	{ code: 'UT', name: 'Utah', timeZone: 'America/Denver' },
	{ code: 'VT', name: 'Vermont', timeZone: 'America/New_York' },
	{ code: 'VA', name: 'Virginia', timeZone: 'America/New_York' },
	{ code: 'WA', name: 'Washington', timeZone: 'America/Los_Angeles' },
	{ code: 'WV', name: 'West Virginia', timeZone: 'America/New_York' },
	{ code: 'WI', name: 'Wisconsin', timeZone: 'America/Chicago' },
	{ code: 'WY', name: 'Wyoming', timeZone: 'America/Denver' },
] as const satisfies readonly StateInfo[]

export type StateCode = (typeof STATES)[number]['code']

export const STATE_CODES = STATES.map((s) => s.code) as readonly StateCode[]

const byCode = new Map<string, StateInfo>(STATES.map((s) => [s.code, s]))

export function isStateCode(value: string): value is StateCode {
	return byCode.has(value)
}

export function getState(code: string): StateInfo | undefined {
	return byCode.get(code)
}

export function stateName(code: string): string {
	return byCode.get(code)?.name ?? code
}

/** The patient's own time zone: the clinic's when it is in the patient's state, else the state's main one. */
export function patientTimeZone(patientState: string, clinic: { state: string; timeZone: string }): string {
	if (clinic.state === patientState) return clinic.timeZone
	return byCode.get(patientState)?.timeZone ?? clinic.timeZone
}

/** Every IANA zone a US state or DC uses, sorted: the time zones a person or address may have. */
export const US_TIME_ZONES: readonly string[] = [...new Set(STATES.flatMap((s: StateInfo) => [s.timeZone, ...(s.otherTimeZones ?? [])]))].sort()
