// How pressing an offer's deadline is (docs/product.md §4: 48 h to answer, 12 h when urgent), in
// words and a tone, for the inbox and the offer's page. Pure: `now` is given.
import { type OfferStatus } from './offers.ts'

export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
/** Under this much time left the deadline is shown as pressing, and under the second as nearly gone. */
export const DUE_SOON_HOURS = 24
export const DUE_VERY_SOON_HOURS = 6

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`

/** "Due in 5 hours": elapsed time, so a night when the clocks change counts its real hours. Rounded down, never flattering. */
export function dueIn(expiresAt: Date, now: Date): { text: string; tone: Tone } {
	const left = expiresAt.getTime() - now.getTime()
	if (left <= 0) return { text: 'Past its deadline', tone: 'danger' }
	const tone: Tone = left < DUE_VERY_SOON_HOURS * HOUR ? 'danger' : left < DUE_SOON_HOURS * HOUR ? 'warning' : 'neutral'
	if (left < HOUR) return { text: `Due in ${plural(Math.max(1, Math.floor(left / MINUTE)), 'minute')}`, tone }
	if (left < 48 * HOUR) return { text: `Due in ${plural(Math.floor(left / HOUR), 'hour')}`, tone }
	return { text: `Due in ${plural(Math.floor(left / (24 * HOUR)), 'day')}`, tone }
}

/** Still waiting for this therapist's answer: pending, before its deadline. */
export function awaitsAnswer(offer: { status: OfferStatus; expiresAt: Date }, now: Date): boolean {
	return offer.status === 'pending' && offer.expiresAt > now
}
