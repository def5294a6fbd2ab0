// The rules of jurisdiction.ts, eligibility.ts and score.ts as SQL over a search row
// ("TherapistSearch", search-facts.ts), for the statements that judge many therapists at once:
// matching's (candidates.server.ts), the partner directory's (directory.server.ts) and the
// coverage map's (coverage.server.ts). One place for each predicate and formula, written from the
// pure module's own constants; tests/integration/rules-sql.test.ts evaluates each against its pure
// twin on random values. Each takes the row's alias and the SQL of the values it compares with
// (a parameter such as `$2::date`, or a literal).
import { NO_HISTORY_MARKS, RESPONSE_FULL_MARKS_HOURS, RESPONSE_NO_MARKS_HOURS, TRAINING_FULL_MARKS_HOURS } from './score.ts'

type Sql = string

/** A float8 literal, so that SQL divides and adds as JavaScript does. */
const float = (n: number) => `${n}::float8`

/** An independent licence in the row's state good through `date`, or a supervised one when `supervised` (an SQL boolean) holds. */
export const licensedSql = (row: string, date: Sql, supervised: Sql = 'FALSE') => `coalesce(${row}."licensedUntil" >= ${date} OR (${supervised} AND ${row}."supervisedUntil" >= ${date}), false)`

/** The same for the state of the therapist's office (every row of the therapist carries it). */
export const officeLicensedSql = (row: string, date: Sql, supervised: Sql = 'FALSE') =>
	`coalesce(${row}."officeLicensedUntil" >= ${date} OR (${supervised} AND ${row}."officeSupervisedUntil" >= ${date}), false)`

/** A stored authorization covering the row's state through `date` (telehealth only). */
export const authorizedSql = (row: string, date: Sql) => `coalesce(${row}."authorizedUntil" >= ${date}, false)`

/** A telehealth session with a patient in the row's state: a licence there or a covering authorization. */
export const telehealthCoveredSql = (row: string, date: Sql, supervised: Sql = 'FALSE') => `(${licensedSql(row, date, supervised)} OR ${authorizedSql(row, date)})`

export const offersSql = (row: string, format: 'telehealth' | 'in_person') => `('${format}' = ANY(${row}.formats))`

/**
 * Whether a session with the therapist may happen in the row's state through `date`, as
 * practicePlaces() says (jurisdiction.ts): by telehealth with a patient there, or in person at
 * their office there (the row of the office's state, licensed). `format` narrows it to one way.
 */
export function seesPatientsInRowStateSql(row: string, date: Sql, supervised: Sql, format: 'telehealth' | 'in_person' | null): Sql {
	const telehealth = `(${offersSql(row, 'telehealth')} AND ${telehealthCoveredSql(row, date, supervised)})`
	const inPerson = `(${row}."atOffice" AND ${offersSql(row, 'in_person')} AND ${licensedSql(row, date, supervised)})`
	return format === 'telehealth' ? telehealth : format === 'in_person' ? inPerson : `(${telehealth} OR ${inPerson})`
}

/** Offers every phase of `phases` (a text[]). */
export const offersPhasesSql = (row: string, phases: Sql) => `coalesce((${row}.phases @> ${phases}), false)`

/** Shares a language with `languages` (a text[]); none asked for: anyone. */
export const speaksSql = (row: string, languages: Sql) => `coalesce((cardinality(${languages}) = 0 OR ${row}.languages && ${languages}), false)`

/** In the payer's panel (a text; '' never is). */
export const inPanelSql = (row: string, payer: Sql) => `coalesce((${payer} <> '' AND ${payer} = ANY(${row}."insurancePayers")), false)`

/** Self-pay within `maxRate` (an int), or a sliding scale. */
export const withinBudgetSql = (row: string, maxRate: Sql) => `coalesce((${row}."slidingScale" OR (${row}."selfPayRate" IS NOT NULL AND ${row}."selfPayRate" <= ${maxRate})), false)`

/** score.ts trainingPart, as float8. */
export const trainingPartSql = (row: string) => `(least(${row}."kapTrainingHours", ${TRAINING_FULL_MARKS_HOURS})::float8 / ${float(TRAINING_FULL_MARKS_HOURS)})`

/** score.ts responsivenessPart, as float8. */
export const responsivenessPartSql = (row: string) =>
	`((coalesce(${row}."acceptanceRate", ${float(NO_HISTORY_MARKS)}) + CASE WHEN ${row}."medianResponseHours" IS NULL THEN ${float(NO_HISTORY_MARKS)} ELSE greatest(0::float8, least(1::float8, (${float(RESPONSE_NO_MARKS_HOURS)} - ${row}."medianResponseHours") / ${float(RESPONSE_NO_MARKS_HOURS - RESPONSE_FULL_MARKS_HOURS)})) END) / 2::float8)`
