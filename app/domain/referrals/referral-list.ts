// How a clinic finds its referrals: a referral's title (patient and reference), the tone of each
// status's pill, the search's address (its schema, shared by the browser and the server), reading
// the search box (a reference or a name), and paging. Pure.
import { z } from 'zod'
import { referralReference } from '#app/domain/notifications/lifecycle-notices.ts'
import { REFERRAL_STATUSES, type ReferralStatus } from './statuses.ts'

export const REFERRALS_PER_PAGE = 25

/** The tones of the design system's pill; the page maps them to its Pill. */
export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger'

const STATUS_TONES = {
	draft: 'neutral',
	open: 'info',
	shortlisted: 'warning',
	matched: 'success',
	scheduled: 'success',
	in_care: 'success',
	completed: 'neutral',
	cancelled: 'neutral',
	unfilled: 'danger',
} as const satisfies Record<ReferralStatus, Tone>

/** The tone of a status's pill: waiting on the clinic (shortlisted) warns, unfilled is a problem, the rest inform. */
export function statusTone(status: ReferralStatus): Tone {
	return STATUS_TONES[status]
}

/** Every status with its tone, in the lifecycle's order. */
export const statusTones = (): [ReferralStatus, Tone][] => REFERRAL_STATUSES.map((s) => [s, statusTone(s)])

export const UNNAMED_PATIENT = 'Unnamed patient'

/** The patient's name as the clinic sees it, or "Unnamed patient" (a draft may not have one yet). */
export function patientName(patient: { firstName: string | null; lastName: string | null } | null): string {
	const name = [patient?.firstName, patient?.lastName]
		.map((part) => part?.trim())
		.filter(Boolean)
		.join(' ')
	return name || UNNAMED_PATIENT
}

/** "Maria Gonzalez · R-XUPU78": how the clinic names one of its referrals. */
export function referralTitle(referralId: string, patient: { firstName: string | null; lastName: string | null } | null): string {
	return `${patientName(patient)} · ${referralReference(referralId)}`
}

export const REFERRAL_SEARCH_MAX_LENGTH = 100

/** The list's address: `?q=…&status=…` (the page number is read by pageWindow, which says when there is no such page). */
export const ReferralSearchSchema = z.object({
	q: z
		.string({ invalid_type_error: 'Search for one name or reference at a time.' })
		.trim()
		.max(REFERRAL_SEARCH_MAX_LENGTH, `Search with at most ${REFERRAL_SEARCH_MAX_LENGTH} characters: the patient’s name, or the reference.`)
		.optional(),
	status: z.enum(REFERRAL_STATUSES, { errorMap: () => ({ message: 'There is no such status: every referral is shown. Choose a status from the list.' }) }).optional(),
})

/**
 * What the search box asks for: `reference` is the end of a referral's id when the text could be a
 * reference ("R-XUPU78", "r-xupu78", "xupu78"), `words` the words of a name (each must be in the
 * first or the last name). Empty text asks for nothing.
 */
export type ReferralSearch = { text: string; reference: string | null; words: string[] }

export function readReferralSearch(raw: string | null | undefined): ReferralSearch | null {
	const text = (raw ?? '').trim().slice(0, 100)
	if (!text) return null
	const bare = text.replace(/^r\s*-\s*/i, '')
	const reference = /^[a-z0-9]{6}$/i.test(bare) ? bare.toLowerCase() : null
	const words = text
		.split(/\s+/)
		.map((w) => w.replace(/[%_\\]/g, ''))
		.filter(Boolean)
		.slice(0, 4)
	return { text, reference, words }
}

export type PageWindow = {
	page: number
	pages: number
	total: number
	/** First and last row shown, counting from 1 (0 and 0 when there is none). */
	from: number
	to: number
	/** The page asked for was past the last (or not a page): the last page is shown instead. */
	adjusted: boolean
	previous: number | null
	next: number | null
}

/** Which page to show of `total` rows: a page past the end shows the last, a page that is not a number the first. */
export function pageWindow(total: number, requested: string | null | undefined, perPage = REFERRALS_PER_PAGE): PageWindow {
	const pages = Math.max(1, Math.ceil(total / perPage))
	const asked = requested == null || requested === '' ? 1 : /^\d{1,6}$/.test(requested) ? Number(requested) : NaN
	const page = Number.isNaN(asked) || asked < 1 ? 1 : Math.min(asked, pages)
	const adjusted = requested != null && requested !== '' && page !== asked
	const from = total === 0 ? 0 : (page - 1) * perPage + 1
	const to = Math.min(total, page * perPage)
	return { page, pages, total, from, to, adjusted, previous: page > 1 ? page - 1 : null, next: page < pages ? page + 1 : null }
}

/** "Showing 26–50 of 132", "Showing 1 of 1", "No referrals". */
export function showingText(window: Pick<PageWindow, 'from' | 'to' | 'total'>): string {
	if (window.total === 0) return 'No referrals'
	if (window.from === window.to) return `Showing ${window.from} of ${window.total}`
	return `Showing ${window.from}–${window.to} of ${window.total}`
}
