// What a therapist sees of a referral before the patient chooses them (docs/product.md §5, stage 1):
// patient state, age band, languages, phases, format, preferred approaches, focus areas, payment
// type, urgency, the series' shape ("6 sessions, about 2 a week, starting the week of …") and, in
// person, a distance band. Never a name, contact, exact date or free text. Pure.
import { localDate, dayOfWeek } from '#app/domain/availability/ranges.ts'
import { addDaysToDate } from '#app/domain/calendar-dates.ts'
import { AGE_BANDS, FOCUS_AREAS, languageLabel, MODALITIES, PAYERS, PHASES, REFERRAL_FORMATS, stateName, URGENCIES } from '#app/domain/reference/index.ts'
import { dateTimeFormat } from '#app/utils/intl.ts'

export type StageOneReferral = {
	patientState: string
	ageBand: string
	languages: readonly string[]
	phases: readonly string[]
	format: string
	modalities: readonly string[]
	focusAreas: readonly string[]
	paymentType: 'insurance' | 'self_pay'
	payer: string | null
	maxRate: number | null
	urgency: 'routine' | 'urgent'
	dosingSessionsAt: readonly Date[]
}

/** "6 sessions, about 2 a week, starting the week of November 23, 2026", in the clinic's time zone. */
export function seriesShape(referral: Pick<StageOneReferral, 'dosingSessionsAt'>, timeZone: string): string {
	const doses = referral.dosingSessionsAt
	const day = localDate(doses[0]!, timeZone)
	const monday = addDaysToDate(day, -dayOfWeek(day))
	const week = dateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${monday}T12:00:00Z`))
	if (doses.length <= 1) return `1 session in the week of ${week}`
	// The average spacing, in days: the rhythm, never an exact date.
	const days = (doses[doses.length - 1]!.getTime() - doses[0]!.getTime()) / 86_400_000 / (doses.length - 1)
	const perWeek = 7 / days
	const rhythm = Math.round(days) <= 1 ? 'daily' : perWeek >= 1 ? `about ${Math.round(perWeek)} a week` : `about every ${Math.round(days / 7)} ${Math.round(days / 7) === 1 ? 'week' : 'weeks'}`
	return `${doses.length} sessions, ${rhythm}, starting the week of ${week}`
}

/** The in-person distance as a band, never the exact figure. */
export function distanceBand(miles: number): string {
	if (miles < 5) return 'under 5 miles'
	if (miles < 10) return '5 to 10 miles'
	if (miles < 25) return '10 to 25 miles'
	if (miles < 50) return '25 to 50 miles'
	return 'over 50 miles'
}

export function stageOneFacts(referral: StageOneReferral, clinicTimeZone: string, officeMiles: number | null): [string, string][] {
	const inPerson = referral.format !== 'telehealth' || referral.phases.includes('in_session')
	return [
		['Patient located in', stateName(referral.patientState)],
		['Age band', AGE_BANDS.label(referral.ageBand)],
		['Support needed', referral.phases.map((p) => PHASES.label(p)).join(', ')],
		['Format', `${REFERRAL_FORMATS.label(referral.format)}${inPerson && officeMiles !== null ? ` (the clinic is ${distanceBand(officeMiles)} from your office)` : ''}`],
		['Dosing series', seriesShape(referral, clinicTimeZone)],
		['Preferred approaches', referral.modalities.map((m) => MODALITIES.label(m)).join(', ') || 'No preference'],
		['Focus areas', referral.focusAreas.map((f) => FOCUS_AREAS.label(f)).join(', ') || 'None given'],
		['Languages', referral.languages.map(languageLabel).join(', ') || 'Any'],
		['Payment', referral.paymentType === 'insurance' ? `Insurance (${PAYERS.label(referral.payer ?? '')})` : referral.maxRate !== null ? `Self-pay, up to $${referral.maxRate} a session` : 'Self-pay'],
		['Urgency', URGENCIES.label(referral.urgency)],
	]
}
