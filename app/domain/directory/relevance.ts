// How the partner directory orders therapists when sorted by relevance, with the weights in one
// place. There is no patient yet, so nothing of a referral's fit enters: the clinic's preferred
// partners first, then those accepting new referrals, then KAP training depth (score.ts's scale).
// Equal scores are ordered by a hash of (clinic id, therapist id), as matching breaks its ties:
// neither sign-up date nor name decides who is seen first. Payment never enters.
import { TRAINING_FULL_MARKS_HOURS } from '#app/domain/matching/score.ts'

/** Points out of 100 for each part; each part is a fraction from 0 to 1. */
export const DIRECTORY_WEIGHTS = {
	/** One of the clinic's preferred partners (never a filter unless the clinic asks for partners only). */
	partner: 40,
	/** Accepting new referrals. */
	accepting: 30,
	/** KAP training hours, full marks from TRAINING_FULL_MARKS_HOURS. */
	training: 30,
} as const

/**
 * The relevance in hundredths of a point, an integer, so that SQL (directory.server.ts) orders
 * exactly as this does: training's part is 3000 × min(hours, 120) / 120 = 25 × min(hours, 120).
 */
export function relevanceHundredths(t: { partner: boolean; accepting: boolean; kapTrainingHours: number }): number {
	const trainingUnit = (DIRECTORY_WEIGHTS.training * 100) / TRAINING_FULL_MARKS_HOURS
	return (t.partner ? DIRECTORY_WEIGHTS.partner * 100 : 0) + (t.accepting ? DIRECTORY_WEIGHTS.accepting * 100 : 0) + trainingUnit * Math.min(Math.max(0, t.kapTrainingHours), TRAINING_FULL_MARKS_HOURS)
}

/** The SQL form of relevanceHundredths over a row with `partner`, `accepting` and `"kapTrainingHours"`. */
export function relevanceSql(row: string, partner: string): string {
	const trainingUnit = (DIRECTORY_WEIGHTS.training * 100) / TRAINING_FULL_MARKS_HOURS
	return `((CASE WHEN ${partner} THEN ${DIRECTORY_WEIGHTS.partner * 100} ELSE 0 END) + (CASE WHEN ${row}.accepting THEN ${DIRECTORY_WEIGHTS.accepting * 100} ELSE 0 END) + ${trainingUnit} * least(greatest(${row}."kapTrainingHours", 0), ${TRAINING_FULL_MARKS_HOURS}))`
}
