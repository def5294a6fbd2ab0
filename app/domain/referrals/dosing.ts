// The treatment series (docs/product.md §4a): dosing sessions stored as explicit instants, and the
// windows each phase of therapy is judged in. A series given as a first dose and a cadence is
// expanded in the clinic's time zone keeping the wall-clock time across daylight-saving changes
// (10:00 stays 10:00 after the November change). Pure: matching, proposals, the API and the pages
// all read the series through these functions.
import { TZDate } from '@date-fns/tz'
import { localDate, wallTimeToInstant, type Range } from '#app/domain/availability/ranges.ts'
import { addDaysToDate } from '#app/domain/calendar-dates.ts'
import { formatDateTime } from '#app/domain/time-format.ts'

/** How long a dosing session takes at the clinic, when the clinic does not say. */
export const DEFAULT_DOSE_MINUTES = 120
export const DOSE_MINUTES_LIMITS = { min: 60, max: 480 } as const
/** Hours before the first dose: from 14 days to 24 hours before. */
export const DEFAULT_PREPARATION_WINDOW = { from: 336, to: 24 } as const
export const DEFAULT_INTEGRATION_WINDOW = { from: 24, to: 72 } as const
export const MAX_DOSES = 12
export const MIN_DOSE_GAP_HOURS = 12
/** The first dose may be at most this far ahead. */
export const MAX_DAYS_AHEAD = 365

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS

/** A series as matching, proposals and the pages read it. */
export type Series = {
	phases: readonly string[]
	/** Dosing sessions' starts, increasing. */
	doses: readonly Date[]
	doseMinutes: number
	integrationWindowHours: { from: number; to: number }
	preparationWindowHours: { from: number; to: number }
}

/**
 * `sessions` doses from `first`, `cadenceDays` apart in the calendar of `timeZone`, each at the
 * first one's wall-clock time (a time skipped by a spring-forward change moves on an hour).
 */
export function expandDoses(first: Date, sessions: number, cadenceDays: number, timeZone: string): Date[] {
	const date = localDate(first, timeZone)
	const local = new TZDate(first.getTime(), timeZone)
	const minute = local.getHours() * 60 + local.getMinutes()
	const seconds = first.getTime() % 60_000
	return Array.from({ length: sessions }, (_, i) => (i === 0 ? new Date(first.getTime()) : new Date(wallTimeToInstant(addDaysToDate(date, i * cadenceDays), minute, timeZone).getTime() + seconds)))
}

/**
 * The series' shape when it is regular: every dose the same whole number of days after the one
 * before, at the same wall-clock time (cadenceDays null otherwise, and for a single dose).
 */
export function cadenceOf(doses: readonly Date[], timeZone: string): { sessions: number; cadenceDays: number | null } {
	if (doses.length < 2) return { sessions: doses.length, cadenceDays: null }
	const first = doses[0]!
	const days = Math.round((doses[1]!.getTime() - first.getTime()) / DAY_MS)
	const expected = days >= 1 ? expandDoses(first, doses.length, days, timeZone) : []
	const regular = expected.length === doses.length && expected.every((d, i) => d.getTime() === doses[i]!.getTime())
	return { sessions: doses.length, cadenceDays: regular ? days : null }
}

/** Why a list of dose instants cannot be a series, or null: 1–12 of them, increasing, at least 12 hours apart. */
export function dosesProblem(doses: readonly Date[]): string | null {
	if (doses.length === 0) return 'Give at least one dosing session.'
	if (doses.length > MAX_DOSES) return `Give at most ${MAX_DOSES} dosing sessions.`
	for (let i = 1; i < doses.length; i++) {
		const gap = doses[i]!.getTime() - doses[i - 1]!.getTime()
		if (gap <= 0) return 'List the dosing sessions in order, earliest first.'
		if (gap < MIN_DOSE_GAP_HOURS * HOUR_MS) return `Dosing sessions must be at least ${MIN_DOSE_GAP_HOURS} hours apart (sessions ${i} and ${i + 1} are not).`
	}
	return null
}

/** A referral's series as the database keeps it. */
export type StoredSeries = {
	phases: readonly string[]
	dosingSessionsAt: readonly Date[]
	doseMinutes: number
	integrationFromHour: number
	integrationToHour: number
	preparationFromHour: number
	preparationToHour: number
}

/** The columns a query selects to read a referral's series: one list for every reader. */
export const SERIES_COLUMNS = {
	phases: true,
	dosingSessionsAt: true,
	doseMinutes: true,
	preparationFromHour: true,
	preparationToHour: true,
	integrationFromHour: true,
	integrationToHour: true,
} as const satisfies Record<keyof StoredSeries, true>

export function storedSeries(row: StoredSeries): Series {
	return {
		phases: row.phases,
		doses: row.dosingSessionsAt,
		doseMinutes: row.doseMinutes,
		integrationWindowHours: { from: row.integrationFromHour, to: row.integrationToHour },
		preparationWindowHours: { from: row.preparationFromHour, to: row.preparationToHour },
	}
}

const hours = (at: Date, h: number) => new Date(at.getTime() + h * HOUR_MS)

export const firstDose = (series: Pick<Series, 'doses'>): Date => series.doses[0]!

/** Dosing session `index` at the clinic, from its start for its duration. */
export function doseRange(series: Pick<Series, 'doses' | 'doseMinutes'>, index = 0): Range {
	const start = series.doses[index]!
	return { start, end: new Date(start.getTime() + series.doseMinutes * 60_000) }
}

/** The integration window after dosing session `index` (0 = the first). */
export function integrationWindow(series: Pick<Series, 'doses' | 'integrationWindowHours'>, index = 0): Range {
	const dose = series.doses[index]!
	return { start: hours(dose, series.integrationWindowHours.from), end: hours(dose, series.integrationWindowHours.to) }
}

/** The preparation window: `from` to `to` hours before the first dose. */
export function preparationWindow(series: Pick<Series, 'doses' | 'preparationWindowHours'>): Range {
	const dose = firstDose(series)
	return { start: hours(dose, -series.preparationWindowHours.from), end: hours(dose, -series.preparationWindowHours.to) }
}

/**
 * When the series ends, for jurisdiction (docs/product.md §3): the end of the last dose's integration
 * window when integration is requested, else the end of the last dosing session.
 */
export function seriesEnd(series: Series): Date {
	const last = series.doses.length - 1
	return series.phases.includes('integration') ? integrationWindow(series, last).end : doseRange(series, last).end
}

/** The date a credential must be good through (its expiry is a calendar date where the clinic is). */
export function validThroughDate(series: Series, clinicTimeZone: string): string {
	return localDate(seriesEnd(series), clinicTimeZone)
}

/** An instant as ISO 8601 with the zone's offset on that date (`2026-11-02T10:00:00.000-06:00`). */
export function withOffset(instant: Date, timeZone: string): string {
	return new TZDate(instant.getTime(), timeZone).toISOString()
}

/** Whether the first dose is more than a year ahead of `now`. */
export function tooFarAhead(first: Date, now: Date): boolean {
	return first.getTime() > now.getTime() + MAX_DAYS_AHEAD * DAY_MS
}

/** The series in words for the clinic: how many, how long, and each dose's date and time where the clinic is. */
export function dosingInWords(series: Pick<Series, 'doses' | 'doseMinutes'>, timeZone: string): string {
	const count = `${series.doses.length} ${series.doses.length === 1 ? 'session' : 'sessions'} of ${series.doseMinutes} minutes`
	return `${count}: ${series.doses.map((d) => formatDateTime(d, timeZone)).join('; ')}`
}
