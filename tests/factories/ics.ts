// Reading iCalendar text back with a second, independent parser (ical.js): what the unit tests of
// the events and the integration tests of the feeds check Tandem's calendars against.
import ICAL from 'ical.js'

export type ReadEvent = {
	uid: string
	sequence: number
	start: string
	end: string
	status: string
	summary: string
	location: string | null
	description: string | null
	url: string | null
	stamp: string
}

/** The calendar component and its events, each with the properties Tandem writes. */
export function readIcs(text: string): { calendar: ICAL.Component; events: ReadEvent[] } {
	const calendar = new ICAL.Component(ICAL.parse(text))
	const events = calendar.getAllSubcomponents('vevent').map((v) => {
		const e = new ICAL.Event(v)
		return {
			uid: e.uid,
			sequence: e.sequence,
			start: e.startDate.toJSDate().toISOString(),
			end: e.endDate.toJSDate().toISOString(),
			status: String(v.getFirstPropertyValue('status')),
			summary: e.summary,
			location: e.location ?? null,
			description: e.description ?? null,
			url: (v.getFirstPropertyValue('url') as string | null) ?? null,
			stamp: (v.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate().toISOString(),
		}
	})
	return { calendar, events }
}
