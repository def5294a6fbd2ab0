// Reminders of booked sessions (docs/product.md §4a Reminders), 24 hours before each: asked for in the
// transaction that books, moves or follows a session (`scheduleSessionReminders`, under a dedupe key
// naming the session, its sequence and its start, so asking again adds nothing), and sent by the
// worker (`remindOfSession`) only if the session is still as it was asked for. The patient gets an
// email in their language and a text where their clinic gave a number; the therapist an email
// (unless they turned optional emails off) and a text where they gave a number. Texts respect every
// opt-out (sms.server.ts). Nothing carries PHI beyond the recipient's own first name.
import { sessionPlace } from '#app/domain/calendar/session-events.ts'
import { sessionReminderMessage, therapistSessionReminderMessage } from '#app/domain/notifications/emails.ts'
import { referralReference } from '#app/domain/notifications/lifecycle-notices.ts'
import { enqueueSms } from '#app/domain/notifications/sms.server.ts'
import { sessionReminderSms, therapistSessionReminderSms } from '#app/domain/notifications/sms.ts'
import { enqueue, type JobPayloads } from '#app/domain/outbox/outbox.server.ts'
import { scheduleReminders } from '#app/domain/outbox/reminders.server.ts'
import { patientTimeZone } from '#app/domain/reference/index.ts'
import { formatPatientTime, zoneLabel } from '#app/domain/referrals/patient-cards.ts'
import { patientRecipient } from '#app/domain/referrals/patient-links.server.ts'
import { formatRange } from '#app/domain/time-format.ts'
import { type Prisma } from '#app/generated/prisma/client.ts'
import { patientLanguage } from '#app/i18n/languages.ts'
import { db } from '#app/utils/db.server.ts'
import { appUrl, sendEmail } from '#app/utils/email.server.ts'
import { sessionTitle } from './plan-view.ts'
import { reminderStands, SESSION_REMINDER_HOURS } from './session-reminders.ts'

type Tx = Prisma.TransactionClient

/** Asks for the reminders of the referral's booked sessions still ahead; returns how many were asked for (asking again for an unchanged session adds nothing). */
export async function scheduleSessionReminders(tx: Tx, referralId: string, now: Date): Promise<number> {
	const booked = await tx.plannedSession.findMany({ where: { referralId, status: 'booked', startsAt: { gt: now } }, select: { id: true, sequence: true, startsAt: true } })
	let asked = 0
	for (const s of booked) {
		asked += await scheduleReminders(
			tx,
			{
				kind: 'session_reminder',
				key: `session:${s.id}:${s.sequence}`,
				deadline: s.startsAt,
				leadHours: SESSION_REMINDER_HOURS,
				payload: (hours) => ({ sessionId: s.id, sequence: s.sequence, startsAt: s.startsAt.toISOString(), hours }),
			},
			now,
		)
	}
	return asked
}

const reminded = (sessionId: string) =>
	db().plannedSession.findUnique({
		where: { id: sessionId },
		select: {
			id: true,
			referralId: true,
			therapistId: true,
			phase: true,
			doseIndex: true,
			status: true,
			sequence: true,
			startsAt: true,
			endsAt: true,
			referral: {
				select: {
					status: true,
					format: true,
					languages: true,
					patientState: true,
					clinic: { select: { state: true, timeZone: true } },
					patient: { select: { firstName: true, email: true, phone: true, language: true } },
				},
			},
			therapist: { select: { email: true, timeZone: true, formats: true, user: { select: { id: true, name: true, email: true, phone: true, optionalEmails: true } } } },
		},
	})

/** The worker's reminder of one session, `hours` before it: sent to the patient and the therapist, or nothing if the session has changed since it was asked for. */
export async function remindOfSession(payload: JobPayloads['session_reminder'], now: Date, finish: (tx: Tx) => Promise<void>): Promise<'sent' | 'not_needed'> {
	const s = await reminded(payload.sessionId)
	if (!s || !reminderStands(payload, { status: s.status, sequence: s.sequence, startsAt: s.startsAt, referralStatus: s.referral.status }, now)) return 'not_needed'
	const reference = referralReference(s.referralId)
	const place = sessionPlace(s.phase, s.referral.format, s.therapist.formats)
	const patient = s.referral.patient
	const lang = patientLanguage(patient?.language, s.referral.languages)
	const zone = s.referral.patientState ? patientTimeZone(s.referral.patientState, s.referral.clinic) : s.referral.clinic.timeZone
	const patientTime = `${formatPatientTime(s.startsAt, zone, lang)} (${zoneLabel(zone, lang)})`
	// The patient's email goes first, outside any transaction (a mail server is no database); a worker
	// that dies after it sends it again when the job is claimed again, as every email job does.
	if (patient?.email) await sendEmail(patient.email, sessionReminderMessage(patient.firstName ?? '', patientTime, place, reference, lang), { retry: true, logAs: patientRecipient(s.referralId) })

	const offer = await db().offer.findFirst({ where: { referralId: s.referralId, therapistId: s.therapistId }, select: { id: true } })
	const what = sessionTitle(s)
	const therapistTime = formatRange(s.startsAt, s.endsAt, s.therapist.timeZone, { audience: 'email', now })
	const user = s.therapist.user
	const key = `session-reminder:${s.id}:${s.sequence}:${payload.hours}h`
	await db().$transaction(async (tx) => {
		// A reminder asks nothing of the therapist: an optional email. A therapist imported without an account still hears by email.
		if (user?.optionalEmails ?? true) {
			const url = appUrl(offer ? `/therapist/offers/${offer.id}` : '/therapist/offers')
			await enqueue(
				tx,
				'email',
				{ to: user?.email ?? s.therapist.email, ...therapistSessionReminderMessage(user?.name ?? '', what, therapistTime, place, reference, url) },
				{ runAt: now, dedupeKey: `email:${key}:therapist` },
			)
		}
		if (patient?.phone)
			await enqueueSms(tx, {
				to: patient.phone,
				patientOf: s.referralId,
				template: 'session_reminder',
				body: sessionReminderSms(patient.firstName ?? '', patientTime, reference, lang),
				runAt: now,
				dedupeKey: `sms:${key}:patient`,
			})
		if (user?.phone)
			await enqueueSms(tx, {
				to: user.phone,
				userId: user.id,
				template: 'session_reminder',
				body: therapistSessionReminderSms(user.name, what, therapistTime, reference),
				runAt: now,
				dedupeKey: `sms:${key}:therapist`,
			})
		await finish(tx)
	})
	return 'sent'
}
