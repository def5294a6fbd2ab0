// Calendars out (docs/product.md §4a): each person's private feed of planned sessions — a therapist's
// own, a clinic member's clinics' — at an address with a random token of which only the SHA-256 is
// kept (shown once; replaced or turned off from settings, after which the old address is 404); the
// patient's file of booked sessions through their link; and a referral's sessions for the clinic's
// API key. The events come from session-events.ts and carry no patient detail.
import { audit } from '#app/domain/audit/audit.server.ts'
import { generateToken, hashToken, looksLikeToken } from '#app/domain/auth/tokens.ts'
import { referralReference } from '#app/domain/notifications/lifecycle-notices.ts'
import { resolvePatientLink } from '#app/domain/referrals/patient-links.server.ts'
import { patientSessions } from '#app/domain/series/plan-view.ts'
import { SESSION_COLUMNS } from '#app/domain/series/plan.server.ts'
import { type Prisma } from '#app/generated/prisma/client.ts'
import { patientLanguage } from '#app/i18n/languages.ts'
import { db } from '#app/utils/db.server.ts'
import { appUrl } from '#app/utils/email.server.ts'
import { type SessionFeedIntent } from './session-feed-view.ts'
import { type CalendarSession, FEED_PAST_DAYS, sessionCalendar, sessionPlace } from './session-events.ts'

const DAY_MS = 86_400_000
/** A feed's last read is written at most this often: calendars poll, and each poll need not write. */
const READ_NOTE_MS = 3_600_000

/** The feed's address for a token (the token appears nowhere else). */
export function sessionFeedUrl(token: string): string {
	return appUrl(`/calendar/${token}/sessions.ics`)
}

export type SessionFeedState = { createdAt: Date; lastReadAt: Date | null } | null

export async function sessionFeedState(userId: string): Promise<SessionFeedState> {
	return db().sessionFeed.findUnique({ where: { userId }, select: { createdAt: true, lastReadAt: true } })
}

/** Makes the person's feed address, replacing the one before (which stops working at once); returns the address, to be shown once. */
export async function issueSessionFeed(userId: string, now = new Date()): Promise<string> {
	const token = generateToken()
	await db().$transaction(async (tx) => {
		const before = await tx.sessionFeed.findUnique({ where: { userId }, select: { userId: true } })
		await tx.sessionFeed.upsert({ where: { userId }, create: { userId, tokenHash: hashToken(token), createdAt: now }, update: { tokenHash: hashToken(token), createdAt: now, lastReadAt: null } })
		await audit({ actorId: userId, action: before ? 'session_feed.replaced' : 'session_feed.created', entity: 'user', entityId: userId, details: {} }, tx)
	})
	return sessionFeedUrl(token)
}

/** Turns the feed off: its address answers 404 from now on. False when there was none. */
export async function revokeSessionFeed(userId: string): Promise<boolean> {
	return db().$transaction(async (tx) => {
		const { count } = await tx.sessionFeed.deleteMany({ where: { userId } })
		if (count) await audit({ actorId: userId, action: 'session_feed.revoked', entity: 'user', entityId: userId, details: {} }, tx)
		return count > 0
	})
}

const SESSION_SELECT = {
	...SESSION_COLUMNS,
	referralId: true,
	therapistId: true,
	updatedAt: true,
	referral: { select: { format: true, clinicId: true } },
	therapist: { select: { formats: true } },
} as const satisfies Prisma.PlannedSessionSelect

type Row = Prisma.PlannedSessionGetPayload<{ select: typeof SESSION_SELECT }>

function calendarSession(row: Row, url: string | null): CalendarSession {
	return {
		id: row.id,
		referralId: row.referralId,
		phase: row.phase,
		doseIndex: row.doseIndex,
		startsAt: row.startsAt,
		endsAt: row.endsAt,
		status: row.status,
		sequence: row.sequence,
		needsTime: row.needsTime,
		updatedAt: row.updatedAt,
		place: sessionPlace(row.phase, row.referral.format, row.therapist.formats),
		url,
	}
}

/**
 * The sessions a person's feed holds: a therapist's own (each linking to their offer's page), and
 * the planned sessions of every clinic they are a member of (each linking to the referral's page),
 * from FEED_PAST_DAYS ago on.
 */
async function personsSessions(userId: string, now: Date): Promise<CalendarSession[]> {
	const since = new Date(now.getTime() - FEED_PAST_DAYS * DAY_MS)
	const [therapist, memberships] = await Promise.all([
		db().therapist.findUnique({ where: { userId }, select: { id: true } }),
		db().clinicMember.findMany({ where: { userId }, select: { clinicId: true } }),
	])
	const byId = new Map<string, CalendarSession>()
	if (therapist) {
		const rows = await db().plannedSession.findMany({ where: { therapistId: therapist.id, endsAt: { gte: since } }, select: SESSION_SELECT })
		const offers = await db().offer.findMany({ where: { therapistId: therapist.id, referralId: { in: [...new Set(rows.map((r) => r.referralId))] } }, select: { id: true, referralId: true } })
		const offerOf = new Map(offers.map((o) => [o.referralId, o.id]))
		for (const row of rows) byId.set(row.id, calendarSession(row, offerOf.has(row.referralId) ? appUrl(`/therapist/offers/${offerOf.get(row.referralId)}`) : null))
	}
	if (memberships.length) {
		const rows = await db().plannedSession.findMany({ where: { referral: { clinicId: { in: memberships.map((m) => m.clinicId) } }, endsAt: { gte: since } }, select: SESSION_SELECT })
		for (const row of rows) if (!byId.has(row.id)) byId.set(row.id, calendarSession(row, appUrl(`/clinics/${row.referral.clinicId}/referrals/${row.referralId}`)))
	}
	return [...byId.values()]
}

/** The feed a token opens, as iCalendar text; null for a token that is no feed's (never issued, replaced or turned off). */
export async function sessionFeedCalendar(token: string, now = new Date()): Promise<string | null> {
	if (!looksLikeToken(token)) return null
	const feed = await db().sessionFeed.findUnique({ where: { tokenHash: hashToken(token) }, select: { userId: true, lastReadAt: true } })
	if (!feed) return null
	if (!feed.lastReadAt || now.getTime() - feed.lastReadAt.getTime() >= READ_NOTE_MS) await db().sessionFeed.updateMany({ where: { userId: feed.userId }, data: { lastReadAt: now } })
	return sessionCalendar(await personsSessions(feed.userId, now), { lang: 'en', now, feed: true })
}

/** A referral's sessions for its clinic (the API), as iCalendar text; null when the referral is not the clinic's. */
export async function referralSessionsCalendar(clinicId: string, referralId: string, now = new Date()): Promise<string | null> {
	const referral = await db().referral.findFirst({ where: { id: referralId, clinicId }, select: { id: true } })
	if (!referral) return null
	const rows = await db().plannedSession.findMany({ where: { referralId }, select: SESSION_SELECT })
	return sessionCalendar(
		rows.map((row) => calendarSession(row, appUrl(`/clinics/${clinicId}/referrals/${referralId}`))),
		{ lang: 'en', now, feed: false },
	)
}

export type PatientCalendar = { ok: true; ics: string; reference: string } | { ok: false; reason: 'unknown' | 'expired' | 'revoked' | 'not_chosen' }

/**
 * The patient's booked sessions still ahead (what their page lists), as a file in their page's
 * language, from their link. No link to the app: the patient's page needs their token, and a
 * calendar is no place for one.
 */
export async function patientSessionsCalendar(token: string, now = new Date()): Promise<PatientCalendar> {
	const link = await resolvePatientLink(token, now)
	if (!link.ok) return link
	const referral = await db().referral.findUniqueOrThrow({
		where: { id: link.referralId },
		select: { languages: true, patient: { select: { language: true } }, offers: { where: { status: 'chosen' }, select: { therapistId: true } } },
	})
	const chosen = referral.offers[0]
	if (!chosen) return { ok: false, reason: 'not_chosen' }
	const rows = await db().plannedSession.findMany({ where: { referralId: link.referralId, therapistId: chosen.therapistId, status: 'booked', endsAt: { gt: now } }, select: SESSION_SELECT })
	const sessions = patientSessions(
		rows.map((row) => calendarSession(row, null)),
		now,
	)
	return { ok: true, ics: sessionCalendar(sessions, { lang: patientLanguage(referral.patient?.language, referral.languages), now, feed: false }), reference: referralReference(link.referralId) }
}

export type SessionFeedOutcome = { notice: string; feedUrl: string | null }

/** The settings' actions on a person's feed: make (or replace) its address, shown once; or turn it off. */
export async function actOnSessionFeed(userId: string, intent: SessionFeedIntent, now = new Date()): Promise<SessionFeedOutcome> {
	if (intent === 'feed-revoke') {
		return { notice: (await revokeSessionFeed(userId)) ? 'Calendar address turned off: calendars that read it get nothing more.' : 'You had no calendar address.', feedUrl: null }
	}
	const replaced = (await sessionFeedState(userId)) !== null
	const feedUrl = await issueSessionFeed(userId, now)
	return { notice: replaced ? 'New calendar address made: the old one no longer works. Copy this one now.' : 'Calendar address made. Copy it now.', feedUrl }
}
