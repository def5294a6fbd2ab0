// The patient's private link (docs/product.md §5): one referral each, 160 random bits, only the SHA-256
// stored, valid 7 days, revocable by the clinic. A new link replaces the one before it: sending
// one (when the referral is first shortlisted, or when the clinic resends) revokes the others.
import { audit } from '#app/domain/audit/audit.server.ts'
import { generateToken, hashToken, looksLikeToken } from '#app/domain/auth/tokens.ts'
import { patientLinkMessage, shortlistReminderMessage } from '#app/domain/notifications/emails.ts'
import { enqueueSms } from '#app/domain/notifications/sms.server.ts'
import { shortlistReminderSms } from '#app/domain/notifications/sms.ts'
import { referralReference } from '#app/domain/notifications/lifecycle-notices.ts'
import { enqueue, wakingWorker } from '#app/domain/outbox/outbox.server.ts'
import { patientTimeZone } from '#app/domain/reference/index.ts'
import { formatDateTime } from '#app/domain/time-format.ts'
import { type Prisma } from '#app/generated/prisma/client.ts'
import { LOCALES, patientLanguage } from '#app/i18n/languages.ts'
import { db } from '#app/utils/db.server.ts'
import { appUrl, sendEmail } from '#app/utils/email.server.ts'
import { type Actor, actorDetails, auditActor } from './lifecycle.server.ts'
import { scheduleShortlistDeadline, shortlistDeadline } from './shortlist-deadline.server.ts'
import { refuse, runStep, type StepResult } from './step-result.ts'
import { posted } from './posted.ts'
import { canSendPatientLink } from './statuses.ts'
import { dateTimeFormat } from '#app/utils/intl.ts'

export const PATIENT_LINK_DAYS = 7
const DAY_MS = 86_400_000

/**
 * Makes the patient's new link and emails it, in the worker: the token exists only in this
 * function and in the email (never in a job's payload or a stored email). The links before it stop
 * working once it is sent; a link whose email the mail server refused is removed, and the job is
 * tried again with a fresh one. A worker that dies after sending sends another link when the job
 * is claimed again (the newest works). A shortlisted referral's link sets the shortlist's deadline.
 */
export async function sendPatientLink(referralId: string, now: Date, finish: (tx: Prisma.TransactionClient) => Promise<void>): Promise<'sent' | 'not_needed'> {
	const referral = await linkReferral(referralId)
	if (!referral?.patient || !canSendPatientLink(referral.status)) return 'not_needed'
	const expiresAt = new Date(now.getTime() + PATIENT_LINK_DAYS * DAY_MS)
	return emailNewLink(referralId, { ...referral, patient: referral.patient }, expiresAt, now, finish, { kind: 'link' })
}

/**
 * The patient's reminder of the shortlist's deadline (docs/product.md §4), `hours` before it: an
 * email with a fresh link to the same shortlist, expiring at the same deadline (the one before it
 * stops working, so one link is in use at a time), and a text when the patient gave a phone number
 * and has not opted out. Nothing when the patient has chosen, the referral is no longer waiting for
 * them, the clinic withdrew the link, or a newer link moved the deadline.
 */
export async function remindPatientOfDeadline(referralId: string, deadline: Date, hours: number, now: Date, finish: (tx: Prisma.TransactionClient) => Promise<void>): Promise<'sent' | 'not_needed'> {
	const referral = await linkReferral(referralId)
	if (!referral?.patient || referral.status !== 'shortlisted' || deadline <= now) return 'not_needed'
	const current = await shortlistDeadline(db(), referralId)
	if (!current || current.revoked || current.deadline.getTime() !== deadline.getTime()) return 'not_needed'
	return emailNewLink(referralId, { ...referral, patient: referral.patient }, deadline, now, finish, { kind: 'reminder', hours })
}

const linkReferral = (referralId: string) =>
	db().referral.findUnique({
		where: { id: referralId },
		select: {
			status: true,
			languages: true,
			patientState: true,
			clinic: { select: { state: true, timeZone: true } },
			patient: { select: { email: true, language: true, firstName: true, phone: true } },
		},
	})
type LinkReferral = NonNullable<Awaited<ReturnType<typeof linkReferral>>> & { patient: NonNullable<NonNullable<Awaited<ReturnType<typeof linkReferral>>>['patient']> }

/**
 * A new link to the referral's page, and its token, which exists only in what this returns. The
 * links before it still work: sending it is what revokes them (emailNewLink). The page benchmark
 * (scripts/bench-pages.ts) makes several links to one shortlist here, to open it more often than one link's rate limit allows.
 */
export async function createPatientLink(referralId: string, expiresAt: Date, now: Date): Promise<{ token: string; link: { id: string } }> {
	const token = generateToken()
	const link = await db().patientLink.create({ data: { referralId, tokenHash: hashToken(token), createdAt: now, expiresAt }, select: { id: true } })
	return { token, link }
}

async function emailNewLink(
	referralId: string,
	referral: LinkReferral,
	expiresAt: Date,
	now: Date,
	finish: (tx: Prisma.TransactionClient) => Promise<void>,
	why: { kind: 'link' } | { kind: 'reminder'; hours: number },
): Promise<'sent'> {
	const { token, link } = await createPatientLink(referralId, expiresAt, now)
	// In the patient's language and zone, as their page shows them (app/i18n/languages.ts).
	const lang = patientLanguage(referral.patient.language, referral.languages)
	const zone = patientTimeZone(posted(referral.patientState, 'patient state'), referral.clinic)
	const expires =
		lang === 'en'
			? formatDateTime(expiresAt, zone, { audience: 'email', now })
			: dateTimeFormat(LOCALES[lang], { weekday: 'long', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: zone, timeZoneName: 'short' }).format(expiresAt)
	const reference = referralReference(referralId)
	const url = appUrl(`/choose/${token}`)
	try {
		await sendEmail(
			posted(referral.patient.email, 'patient’s email'),
			why.kind === 'link' ? patientLinkMessage(url, expires, reference, lang) : shortlistReminderMessage(url, expires, reference, lang),
			{
				retry: true,
				logAs: patientRecipient(referralId),
			},
		)
	} catch (error) {
		await db().patientLink.deleteMany({ where: { id: link.id } })
		throw error
	}
	await db().$transaction(async (tx) => {
		await tx.patientLink.updateMany({ where: { referralId, revokedAt: null, id: { not: link.id } }, data: { revokedAt: now } })
		await audit(
			{
				actorId: null,
				action: 'patient_link.sent',
				entity: 'referral',
				entityId: referralId,
				details: { patientLinkId: link.id, expiresAt: expiresAt.toISOString(), ...(why.kind === 'reminder' ? { reminderHours: why.hours } : {}) },
			},
			tx,
		)
		if (why.kind === 'link' && referral.status === 'shortlisted') await scheduleShortlistDeadline(tx, referralId, expiresAt, now)
		// The text names the patient by their first name only, and carries no link (docs/product.md §4a).
		if (why.kind === 'reminder' && referral.patient.phone)
			await enqueueSms(tx, {
				to: referral.patient.phone,
				patientOf: referralId,
				template: 'shortlist_reminder',
				body: shortlistReminderSms(referral.patient.firstName ?? '', expires, reference, lang),
				runAt: now,
				dedupeKey: `sms:shortlist-reminder:${referralId}:${expiresAt.getTime()}:${why.hours}h`,
			})
		await finish(tx)
	})
	return 'sent'
}

/** How the email log names a patient: by their referral, never by their address. */
export function patientRecipient(referralId: string): string {
	return `patient of referral ${referralReference(referralId)}`
}

/** The clinic asks for a fresh link (the old one stops working); the worker sends it. */
export async function resendPatientLink(tx: Prisma.TransactionClient, referralId: string, now: Date): Promise<void> {
	await enqueue(tx, 'patient_link', { referralId }, { runAt: now, dedupeKey: `patient-link:${referralId}:${now.getTime()}` })
}

export async function revokePatientLinks(tx: Prisma.TransactionClient, referralId: string, actor: Actor, now: Date): Promise<number> {
	const { count } = await tx.patientLink.updateMany({ where: { referralId, revokedAt: null }, data: { revokedAt: now } })
	if (count > 0) await audit({ ...auditActor(actor), action: 'patient_link.revoked', entity: 'referral', entityId: referralId, details: { links: count, ...actorDetails(actor) } }, tx)
	return count
}

export type PatientLinkState = { ok: true; linkId: string; referralId: string; expiresAt: Date } | { ok: false; reason: 'unknown' | 'expired' | 'revoked' }

/** What a token from a link opens: its referral, or why it no longer does. */
export async function resolvePatientLink(token: string, now: Date): Promise<PatientLinkState> {
	if (!looksLikeToken(token)) return { ok: false, reason: 'unknown' }
	const link = await db().patientLink.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, referralId: true, expiresAt: true, revokedAt: true } })
	if (!link) return { ok: false, reason: 'unknown' }
	if (link.revokedAt) return { ok: false, reason: 'revoked' }
	if (link.expiresAt <= now) return { ok: false, reason: 'expired' }
	return { ok: true, linkId: link.id, referralId: link.referralId, expiresAt: link.expiresAt }
}

export type LinkAction = 'resend' | 'revoke'

/** The clinic sends a fresh link (the worker sends it; the old one stops working) or withdraws the link. */
export async function clinicPatientLinkAction(clinicId: string, referralId: string, action: LinkAction, actor: Actor, now = new Date()): Promise<StepResult> {
	return wakingWorker(
		runStep(() =>
			db().$transaction(async (tx) => {
				const referral = await tx.referral.findFirst({ where: { id: referralId, clinicId }, select: { status: true } })
				if (!referral) throw refuse('not_found', 'There is no such referral.')
				if (action === 'revoke') {
					if ((await revokePatientLinks(tx, referralId, actor, now)) === 0) throw refuse('conflict', 'The patient has no link in use.')
					return
				}
				if (!canSendPatientLink(referral.status)) throw refuse('conflict', 'A link is sent once a therapist has accepted: there is nothing for the patient to see yet.')
				await resendPatientLink(tx, referralId, now)
				await audit({ ...auditActor(actor), action: 'patient_link.requested', entity: 'referral', entityId: referralId, details: actorDetails(actor) }, tx)
			}),
		),
	)
}
