// The patient's private link (docs/product.md §5): one referral each, 160 random bits, only the SHA-256
// stored, valid 7 days, revocable by the clinic. A new link replaces the one before it: sending
// one (when the referral is first shortlisted, or when the clinic resends) revokes the others.
import { audit } from '#app/domain/audit/audit.server.ts'
import { generateToken, hashToken, looksLikeToken } from '#app/domain/auth/tokens.ts'
import { patientLinkMessage } from '#app/domain/notifications/emails.ts'
import { referralReference } from '#app/domain/notifications/lifecycle-notices.ts'
import { enqueue, wakingWorker } from '#app/domain/outbox/outbox.server.ts'
import { patientTimeZone } from '#app/domain/reference/index.ts'
import { formatDateTime } from '#app/domain/time-format.ts'
import { type Prisma } from '#app/generated/prisma/client.ts'
import { LOCALES, patientLanguage } from '#app/i18n/languages.ts'
import { db } from '#app/utils/db.server.ts'
import { appUrl, sendEmail } from '#app/utils/email.server.ts'
import { type Actor, actorDetails, auditActor } from './lifecycle.server.ts'
import { refuse, runStep, type StepResult } from './step-result.ts'
import { posted } from './posted.ts'
import { canSendPatientLink } from './statuses.ts'

export const PATIENT_LINK_DAYS = 7
const DAY_MS = 86_400_000

/**
 * Makes the patient's new link and emails it, in the worker: the token exists only in this
 * function and in the email (never in a job's payload or a stored email). The links before it stop
 * working once it is sent; a link whose email the mail server refused is removed, and the job is
 * tried again with a fresh one. A worker that dies after sending sends another link when the job
 * is claimed again (the newest works).
 */
export async function sendPatientLink(referralId: string, now: Date, finish: (tx: Prisma.TransactionClient) => Promise<void>): Promise<'sent' | 'not_needed'> {
	const referral = await db().referral.findUnique({
		where: { id: referralId },
		select: { status: true, languages: true, patientState: true, clinic: { select: { state: true, timeZone: true } }, patient: { select: { email: true, language: true } } },
	})
	if (!referral?.patient || !canSendPatientLink(referral.status)) return 'not_needed'
	const token = generateToken()
	const expiresAt = new Date(now.getTime() + PATIENT_LINK_DAYS * DAY_MS)
	const link = await db().patientLink.create({ data: { referralId, tokenHash: hashToken(token), createdAt: now, expiresAt }, select: { id: true } })
	// In the patient's language and zone, as their page shows them (app/i18n/languages.ts).
	const lang = patientLanguage(referral.patient.language, referral.languages)
	const zone = patientTimeZone(posted(referral.patientState, 'patient state'), referral.clinic)
	const expires =
		lang === 'en'
			? formatDateTime(expiresAt, zone, { audience: 'email', now })
			: new Intl.DateTimeFormat(LOCALES[lang], { weekday: 'long', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: zone, timeZoneName: 'short' }).format(expiresAt)
	try {
		await sendEmail(posted(referral.patient.email, 'patient’s email'), patientLinkMessage(appUrl(`/choose/${token}`), expires, referralReference(referralId), lang), {
			retry: true,
			logAs: patientRecipient(referralId),
		})
	} catch (error) {
		await db().patientLink.deleteMany({ where: { id: link.id } })
		throw error
	}
	await db().$transaction(async (tx) => {
		await tx.patientLink.updateMany({ where: { referralId, revokedAt: null, id: { not: link.id } }, data: { revokedAt: now } })
		await audit({ actorId: null, action: 'patient_link.sent', entity: 'referral', entityId: referralId, details: { patientLinkId: link.id, expiresAt: expiresAt.toISOString() } }, tx)
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

export async function currentPatientLink(referralId: string, now: Date) {
	return db().patientLink.findFirst({
		where: { referralId, revokedAt: null, expiresAt: { gt: now } },
		orderBy: { createdAt: 'desc' },
		select: { id: true, createdAt: true, expiresAt: true, lastOpenedAt: true },
	})
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
