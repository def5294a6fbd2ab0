import { expect, test } from 'vitest'
import { PATIENT_PAGE } from '#app/i18n/patient.ts'
import { translator } from '#app/i18n/translator.ts'
import { localInputValue, patientSessionLines, patientSessions, planLines, planSummary, sessionActions, sessionTitle, type PlanSession } from './plan-view.ts'

const CHICAGO = 'America/Chicago'
const now = new Date('2026-10-30T12:00:00Z')
const session = (over: Partial<PlanSession>): PlanSession => ({
	id: 's1',
	phase: 'integration',
	doseIndex: 2,
	startsAt: new Date('2026-11-03T16:00:00Z'),
	endsAt: new Date('2026-11-03T17:00:00Z'),
	status: 'proposed',
	needsTime: false,
	outsideWindow: false,
	...over,
})

test('titles name the phase and the dose', () => {
	expect(sessionTitle({ phase: 'preparation', doseIndex: 1 })).toBe('Preparation before the first dose')
	expect(sessionTitle({ phase: 'in_session', doseIndex: 3 })).toBe('In-session support at dose 3')
	expect(sessionTitle({ phase: 'integration', doseIndex: 2 })).toBe('Integration after dose 2')
})

test('what the therapist may do: confirm or move what is ahead, mark what has started, nothing with what is done', () => {
	expect(sessionActions(session({}), now)).toEqual(['confirm', 'reschedule', 'cancel'])
	expect(sessionActions(session({ needsTime: true }), now)).toEqual(['reschedule', 'cancel'])
	expect(sessionActions(session({ phase: 'in_session' }), now)).toEqual(['confirm', 'cancel'])
	expect(sessionActions(session({ status: 'booked' }), now)).toEqual(['reschedule', 'cancel'])
	expect(sessionActions(session({ status: 'booked', phase: 'in_session' }), now)).toEqual(['cancel'])
	expect(sessionActions(session({ status: 'booked', phase: 'in_session', outsideWindow: true }), now)).toEqual(['reschedule', 'cancel'])
	expect(sessionActions(session({ status: 'booked', startsAt: new Date('2026-10-30T11:00:00Z') }), now)).toEqual(['held', 'no_show'])
	for (const status of ['held', 'no_show', 'cancelled'] as const) expect(sessionActions(session({ status }), now)).toEqual([])
})

test('lines in time order, in the viewer’s zone across the change, with flags worded for each viewer', () => {
	const sessions = [
		session({ id: 'b', status: 'booked', outsideWindow: true }),
		session({ id: 'a', phase: 'preparation', doseIndex: 1, startsAt: new Date('2026-10-26T15:00:00Z'), endsAt: new Date('2026-10-26T16:00:00Z') }),
		session({ id: 'c', needsTime: true, startsAt: new Date('2026-11-06T16:00:00Z'), endsAt: new Date('2026-11-06T17:00:00Z') }),
	]
	const therapist = planLines(sessions, { timeZone: CHICAGO, now, viewer: 'therapist' })
	expect(therapist.map((l) => [l.id, l.when, l.status, l.tone])).toEqual([
		['a', 'Mon, Oct 26, 10:00–11:00 AM CDT', 'Proposed', 'info'],
		['b', 'Tue, Nov 3, 10:00–11:00 AM CST', 'Booked', 'warning'],
		['c', 'No time yet', 'Proposed', 'warning'],
	])
	expect(therapist[1]!.flags).toEqual(['No longer in its window since the dosing sessions changed: give it another time.'])
	expect(therapist[1]!.localValue).toBe('2026-11-03T10:00')
	const clinic = planLines(sessions, { timeZone: CHICAGO, now, viewer: 'clinic' })
	expect(clinic.every((l) => l.actions.length === 0)).toBe(true)
	expect(clinic[2]!.flags).toEqual(['No free time found yet: the therapist will give it a time.'])
})

test('the summary counts what is not cancelled; the patient sees only booked sessions still ahead', () => {
	const sessions = [
		session({ id: '1', status: 'booked' }),
		session({ id: '2', status: 'booked', startsAt: new Date('2026-10-29T10:00:00Z'), endsAt: new Date('2026-10-29T11:00:00Z') }),
		session({ id: '3' }),
		session({ id: '4', status: 'cancelled' }),
		session({ id: '5', status: 'held' }),
	]
	expect(planSummary(sessions)).toBe('4 sessions: 2 booked, 1 proposed, 1 held')
	expect(planSummary([session({ status: 'cancelled' })])).toBe('No sessions planned.')
	expect(patientSessions(sessions, now).map((s) => s.id)).toEqual(['1'])
	expect(localInputValue(new Date('2026-10-26T15:00:00Z'), CHICAGO)).toBe('2026-10-26T10:00')
})

test('the patient reads their booked sessions in English or Spanish, in their zone', () => {
	const booked = [session({ id: 'b', status: 'booked' }), session({ id: 'p', phase: 'preparation', status: 'proposed' })]
	expect(patientSessionLines(booked, now, CHICAGO, 'en', translator('en', PATIENT_PAGE))).toEqual([{ id: 'b', text: 'Integration: Tuesday, November 3 at 10:00 AM' }])
	expect(patientSessionLines(booked, now, CHICAGO, 'es', translator('es', PATIENT_PAGE))).toEqual([{ id: 'b', text: 'Integración: martes, 3 de noviembre, 10:00 a.m.' }])
})
