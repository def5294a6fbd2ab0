// Calendars out (docs/product.md §4a): planned sessions as iCalendar (RFC 5545) events, written with
// ical-generator. One event per planned session: its id is the UID and its `sequence` the SEQUENCE,
// so a moved session replaces the old event and a cancelled one (STATUS:CANCELLED) removes it. The
// input holds no patient field at all: an event names the referral's reference, the phase, the dose
// and whether it is by video or in person, nothing else. Pure.
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator'
import { referralReference } from '#app/domain/notifications/lifecycle-notices.ts'
import { type PlannedStatus, type SessionPhase } from '#app/domain/series/plan.ts'
import { SESSION_CALENDAR } from '#app/i18n/calendar.ts'
import { type PatientLanguage } from '#app/i18n/languages.ts'
import { translator } from '#app/i18n/translator.ts'

/** UIDs are `<session id>@` this, whatever the app's address is, so that they never change. */
export const UID_DOMAIN = 'tandem.localhost'

/** A subscribed feed keeps sessions that ended up to this many days ago; older ones drop out. */
export const FEED_PAST_DAYS = 90

/** How often a subscribed feed asks to be read again (calendars that honour REFRESH-INTERVAL). */
export const FEED_REFRESH_MINUTES = 60

/** Where a session happens, as far as a calendar says: by video, in person (the therapist's office), or at the clinic (in-session support). */
export type SessionPlace = 'video' | 'in_person' | 'clinic'

export type CalendarSession = {
	id: string
	referralId: string
	phase: SessionPhase
	doseIndex: number
	startsAt: Date
	endsAt: Date
	status: PlannedStatus
	sequence: number
	needsTime: boolean
	updatedAt: Date
	place: SessionPlace | null
	/** A page of the app about the session, for people with an account (never a link with a token). */
	url?: string | null
}

export const EVENT_STATUS: Record<PlannedStatus, ICalEventStatus> = {
	proposed: ICalEventStatus.TENTATIVE,
	booked: ICalEventStatus.CONFIRMED,
	held: ICalEventStatus.CONFIRMED,
	// The time was kept for the patient: the event stays as it was.
	no_show: ICalEventStatus.CONFIRMED,
	cancelled: ICalEventStatus.CANCELLED,
}

/**
 * Where a session happens: in-session support at the clinic; otherwise the referral's format, and
 * for "either" the one format the therapist offers. A therapist who offers both agrees it with the
 * patient, and the calendar says nothing (as the patient's page does).
 */
export function sessionPlace(phase: SessionPhase, referralFormat: string | null, therapistFormats: readonly string[]): SessionPlace | null {
	if (phase === 'in_session') return 'clinic'
	if (referralFormat === 'telehealth') return 'video'
	if (referralFormat === 'in_person') return 'in_person'
	const video = therapistFormats.includes('telehealth')
	const inPerson = therapistFormats.includes('in_person')
	if (video !== inPerson) return video ? 'video' : 'in_person'
	return null
}

/**
 * Whether a session belongs in a calendar: one still waiting for a time is left out (the time
 * stored is only its window's start) until the therapist gives it one.
 */
export function inCalendar(session: Pick<CalendarSession, 'needsTime' | 'status'>): boolean {
	return !(session.needsTime && (session.status === 'proposed' || session.status === 'booked'))
}

/** "R-X7K2QZ · Integration". */
export function eventSummary(session: Pick<CalendarSession, 'referralId' | 'phase'>, lang: PatientLanguage = 'en'): string {
	return `${referralReference(session.referralId)} · ${translator(lang, SESSION_CALENDAR)(`phase.${session.phase}`)}`
}

export type CalendarOptions = {
	/** The events' words: the patient's language for their file, English otherwise. */
	lang: PatientLanguage
	/** When the calendar is written (DTSTAMP, with METHOD:PUBLISH). */
	now: Date
	/** A feed that calendars subscribe to asks to be read again every FEED_REFRESH_MINUTES; a file does not. */
	feed: boolean
}

/** The sessions as one iCalendar object, in time order; sessions waiting for a time are left out. */
export function sessionCalendar(sessions: readonly CalendarSession[], options: CalendarOptions): string {
	const t = translator(options.lang, SESSION_CALENDAR)
	const calendar = ical({
		name: t('name'),
		prodId: { company: 'Tandem', product: 'Sessions', language: options.lang.toUpperCase() },
		method: ICalCalendarMethod.PUBLISH,
		...(options.feed ? { ttl: FEED_REFRESH_MINUTES * 60 } : {}),
	})
	const shown = sessions.filter(inCalendar).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id))
	for (const s of shown) {
		calendar.createEvent({
			id: `${s.id}@${UID_DOMAIN}`,
			sequence: s.sequence,
			start: s.startsAt,
			end: s.endsAt,
			stamp: options.now,
			lastModified: s.updatedAt,
			status: EVENT_STATUS[s.status],
			summary: eventSummary(s, options.lang),
			description: `${t(`what.${s.phase}`, { dose: s.doseIndex })}. ${t('reference', { reference: referralReference(s.referralId) })}.`,
			location: s.place ? t(`place.${s.place}`) : null,
			url: s.url ?? null,
		})
	}
	return calendar.toString()
}
