// What the pages show of a series plan (docs/product.md §4a): for the therapist, each session with
// what they may do with it; for the clinic, the whole plan; for the patient, their booked sessions.
// Times are in the viewer's zone. Pure.
import { TZDate } from '@date-fns/tz'
import { formatPatientTime } from '#app/domain/referrals/patient-cards.ts'
import { type Tone } from '#app/domain/referrals/referral-list.ts'
import { type PatientLanguage } from '#app/i18n/languages.ts'
import { type PatientPageResource } from '#app/i18n/patient.ts'
import { type Translate } from '#app/i18n/translator.ts'
import { formatRange } from '#app/domain/time-format.ts'
import { type PlannedStatus, type SessionPhase } from './plan.ts'

export const PHASE_LABELS: Record<SessionPhase, string> = { preparation: 'Preparation', in_session: 'In-session support', integration: 'Integration' }
export const PLANNED_STATUS_LABELS: Record<PlannedStatus, string> = { proposed: 'Proposed', booked: 'Booked', held: 'Held', no_show: 'Missed', cancelled: 'Cancelled' }
const TONES: Record<PlannedStatus, Tone> = { proposed: 'info', booked: 'success', held: 'neutral', no_show: 'warning', cancelled: 'neutral' }

export type PlanSession = { id: string; phase: SessionPhase; doseIndex: number; startsAt: Date; endsAt: Date; status: PlannedStatus; needsTime: boolean; outsideWindow: boolean }

export type SessionAction = 'confirm' | 'reschedule' | 'held' | 'no_show' | 'cancel'

export type PlanLine = {
	id: string
	/** "Integration after dose 2". */
	what: string
	when: string
	status: string
	tone: Tone
	/** Warnings a person should act on. */
	flags: string[]
	actions: SessionAction[]
	/** The time as a `datetime-local` value in the viewer's zone, to start the reschedule field from. */
	localValue: string
}

/** "Preparation before dose 1", "In-session support at dose 3", "Integration after dose 2". */
export function sessionTitle(s: Pick<PlanSession, 'phase' | 'doseIndex'>): string {
	if (s.phase === 'preparation') return 'Preparation before the first dose'
	return s.phase === 'in_session' ? `In-session support at dose ${s.doseIndex}` : `Integration after dose ${s.doseIndex}`
}

/** What the therapist may do with a session now: confirm or move what is ahead, mark what has started, cancel what is not done. */
export function sessionActions(s: PlanSession, now: Date): SessionAction[] {
	if (s.status === 'proposed') return [...(s.needsTime || s.startsAt <= now ? [] : ['confirm' as const]), ...(s.phase === 'in_session' ? [] : ['reschedule' as const]), 'cancel']
	if (s.status === 'booked') return s.startsAt <= now ? ['held', 'no_show'] : [...(s.phase === 'in_session' && !s.outsideWindow ? [] : ['reschedule' as const]), 'cancel']
	return []
}

function flagsOf(s: PlanSession, viewer: 'therapist' | 'clinic'): string[] {
	if (s.status !== 'proposed' && s.status !== 'booked') return []
	const flags: string[] = []
	if (s.needsTime) flags.push(viewer === 'therapist' ? 'No free time was found in its window: give it a time.' : 'No free time found yet: the therapist will give it a time.')
	if (s.outsideWindow)
		flags.push(
			viewer === 'therapist'
				? 'No longer in its window since the dosing sessions changed: give it another time.'
				: 'No longer in its window since the dosing sessions changed: the therapist has been asked to move it.',
		)
	return flags
}

/** `2026-11-03T10:00` in the zone. */
export function localInputValue(at: Date, timeZone: string): string {
	const local = new TZDate(at.getTime(), timeZone)
	const pad = (n: number) => String(n).padStart(2, '0')
	return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}T${pad(local.getHours())}:${pad(local.getMinutes())}`
}

/** The plan, in time order, as the therapist (with actions) or the clinic (without) reads it. */
export function planLines(sessions: readonly PlanSession[], options: { timeZone: string; now: Date; viewer: 'therapist' | 'clinic' }): PlanLine[] {
	return [...sessions]
		.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id))
		.map((s) => ({
			id: s.id,
			what: sessionTitle(s),
			when: s.needsTime && (s.status === 'proposed' || s.status === 'booked') ? 'No time yet' : formatRange(s.startsAt, s.endsAt, options.timeZone, { now: options.now }),
			status: PLANNED_STATUS_LABELS[s.status],
			tone: s.outsideWindow || s.needsTime ? 'warning' : TONES[s.status],
			flags: flagsOf(s, options.viewer),
			actions: options.viewer === 'therapist' ? sessionActions(s, options.now) : [],
			localValue: localInputValue(s.startsAt, options.timeZone),
		}))
}

/** A count line for the plan's heading: "6 sessions: 2 booked, 3 proposed, 1 held". */
export function planSummary(sessions: readonly Pick<PlanSession, 'status'>[]): string {
	const live = sessions.filter((s) => s.status !== 'cancelled')
	if (live.length === 0) return 'No sessions planned.'
	const parts = (['booked', 'proposed', 'held', 'no_show'] as const).flatMap((status) => {
		const n = live.filter((s) => s.status === status).length
		return n ? [`${n} ${PLANNED_STATUS_LABELS[status].toLowerCase()}`] : []
	})
	return `${live.length} ${live.length === 1 ? 'session' : 'sessions'}: ${parts.join(', ')}`
}

/** What the patient sees: their booked sessions still ahead, in time order (proposals are between the therapist and the clinic). */
export function patientSessions<T extends Pick<PlanSession, 'phase' | 'startsAt' | 'endsAt' | 'status' | 'doseIndex'>>(sessions: readonly T[], now: Date): T[] {
	return sessions.filter((s) => s.status === 'booked' && s.endsAt > now).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
}

/** The patient's booked sessions in their language and zone, one line each: "Integration: Tuesday, November 3, 10:00 AM". */
export function patientSessionLines(
	sessions: readonly Pick<PlanSession, 'id' | 'phase' | 'startsAt' | 'endsAt' | 'status' | 'doseIndex'>[],
	now: Date,
	timeZone: string,
	lang: PatientLanguage,
	t: Translate<PatientPageResource>,
) {
	return patientSessions(sessions, now).map((s) => ({ id: s.id, text: t(`sessions.${s.phase}`, { time: formatPatientTime(s.startsAt, timeZone, lang) }) }))
}
