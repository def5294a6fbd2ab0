// The calendar builder, read back with a second, independent parser (ical.js): every session an
// event with its UID, SEQUENCE, exact times and status; words in the patient's language; nothing
// but the reference, phase, dose and place.
import { describe, expect, it } from 'vitest'
import { readIcs } from '#tests/factories/ics.ts'
import { type CalendarSession, eventSummary, inCalendar, sessionCalendar, sessionPlace, UID_DOMAIN } from './session-events.ts'

const NOW = new Date('2026-10-19T12:00:00Z')
const REFERRAL = 'cmreferral00000000x7k2qz'

const session = (over: Partial<CalendarSession> = {}): CalendarSession => ({
	id: 'cmsession0000000000001',
	referralId: REFERRAL,
	phase: 'integration',
	doseIndex: 2,
	startsAt: new Date('2026-10-28T15:00:00Z'),
	endsAt: new Date('2026-10-28T16:00:00Z'),
	status: 'booked',
	sequence: 3,
	needsTime: false,
	updatedAt: new Date('2026-10-20T09:30:00Z'),
	place: 'video',
	...over,
})

describe('sessions as iCalendar', () => {
	it('writes one event per session: UID the session id at a fixed domain, SEQUENCE its sequence, exact UTC times, DTSTAMP now, in time order', () => {
		const later = session({ id: 'cmsession0000000000002', phase: 'preparation', doseIndex: 1, startsAt: new Date('2026-10-30T19:00:00Z'), endsAt: new Date('2026-10-30T20:00:00Z'), sequence: 0 })
		const { calendar, events: parsed } = readIcs(sessionCalendar([later, session()], { lang: 'en', now: NOW, feed: false }))
		expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH')
		expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Tandem sessions')
		expect(parsed).toEqual([
			{
				uid: `cmsession0000000000001@${UID_DOMAIN}`,
				sequence: 3,
				start: '2026-10-28T15:00:00.000Z',
				end: '2026-10-28T16:00:00.000Z',
				status: 'CONFIRMED',
				summary: 'R-X7K2QZ · Integration',
				location: 'Video',
				description: 'Integration after dose 2. Referral R-X7K2QZ.',
				url: null,
				stamp: NOW.toISOString(),
			},
			expect.objectContaining({
				uid: `cmsession0000000000002@${UID_DOMAIN}`,
				sequence: 0,
				start: '2026-10-30T19:00:00.000Z',
				summary: 'R-X7K2QZ · Preparation',
				description: 'Preparation before the first dose. Referral R-X7K2QZ.',
			}),
		])
	})

	it('says TENTATIVE for a proposed session, CONFIRMED for booked, held and missed ones, CANCELLED for a cancelled one', () => {
		const statuses = ['proposed', 'booked', 'held', 'no_show', 'cancelled'] as const
		const ics = sessionCalendar(
			statuses.map((status, i) => session({ id: `cmsession${i}`, status, startsAt: new Date(Date.UTC(2026, 9, 28 + i, 15)), endsAt: new Date(Date.UTC(2026, 9, 28 + i, 16)) })),
			{ lang: 'en', now: NOW, feed: true },
		)
		expect(readIcs(ics).events.map((e) => e.status)).toEqual(['TENTATIVE', 'CONFIRMED', 'CONFIRMED', 'CONFIRMED', 'CANCELLED'])
	})

	it('a moved session keeps its UID with a higher SEQUENCE', () => {
		const before = readIcs(sessionCalendar([session({ sequence: 1 })], { lang: 'en', now: NOW, feed: true })).events[0]!
		const after = readIcs(sessionCalendar([session({ sequence: 2, startsAt: new Date('2026-10-29T18:00:00Z'), endsAt: new Date('2026-10-29T19:00:00Z') })], { lang: 'en', now: NOW, feed: true }))
			.events[0]!
		expect(after.uid).toBe(before.uid)
		expect(after.sequence).toBeGreaterThan(before.sequence)
		expect(after.start).toBe('2026-10-29T18:00:00.000Z')
	})

	it('writes the patient’s file in Spanish when their page is in Spanish', () => {
		const { calendar, events: parsed } = readIcs(sessionCalendar([session({ phase: 'in_session', doseIndex: 3, place: 'clinic' })], { lang: 'es', now: NOW, feed: false }))
		expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Sesiones de Tandem')
		expect(parsed[0]).toMatchObject({ summary: 'R-X7K2QZ · Apoyo durante la sesión', location: 'En persona, en la clínica', description: 'Apoyo durante la dosis 3. Referencia R-X7K2QZ.' })
	})

	it('asks subscribers to read a feed again hourly; a file asks nothing', () => {
		expect(sessionCalendar([], { lang: 'en', now: NOW, feed: true })).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H')
		expect(sessionCalendar([], { lang: 'en', now: NOW, feed: false })).not.toContain('REFRESH-INTERVAL')
	})

	it('leaves out a session still waiting for a time, and keeps a cancelled one that once waited', () => {
		expect(inCalendar({ needsTime: true, status: 'proposed' })).toBe(false)
		expect(inCalendar({ needsTime: true, status: 'cancelled' })).toBe(true)
		const ics = sessionCalendar([session({ id: 'waiting', needsTime: true, status: 'proposed' }), session({ id: 'given' })], { lang: 'en', now: NOW, feed: true })
		expect(readIcs(ics).events.map((e) => e.uid)).toEqual([`given@${UID_DOMAIN}`])
	})

	it('carries a link to the app when given one, and no location when the place is not known', () => {
		const parsed = readIcs(sessionCalendar([session({ url: 'https://tandem.example/therapist/offers/o1', place: null })], { lang: 'en', now: NOW, feed: true })).events[0]!
		expect(parsed.url).toBe('https://tandem.example/therapist/offers/o1')
		expect(parsed.location).toBeNull()
	})
})

describe('where a session happens', () => {
	it('in-session support at the clinic; the referral’s format; for "either" the one format the therapist offers, or nothing when they offer both', () => {
		expect(sessionPlace('in_session', 'telehealth', ['telehealth'])).toBe('clinic')
		expect(sessionPlace('integration', 'telehealth', ['telehealth', 'in_person'])).toBe('video')
		expect(sessionPlace('preparation', 'in_person', ['telehealth', 'in_person'])).toBe('in_person')
		expect(sessionPlace('integration', 'either', ['telehealth'])).toBe('video')
		expect(sessionPlace('integration', 'either', ['in_person'])).toBe('in_person')
		expect(sessionPlace('integration', 'either', ['telehealth', 'in_person'])).toBeNull()
	})
})

describe('the summary', () => {
	it('is the referral’s reference and the phase', () => {
		expect(eventSummary({ referralId: REFERRAL, phase: 'preparation' })).toBe('R-X7K2QZ · Preparation')
		expect(eventSummary({ referralId: REFERRAL, phase: 'integration' }, 'es')).toBe('R-X7K2QZ · Integración')
	})
})
