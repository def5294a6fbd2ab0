// Delivering lifecycle notices (lifecycle-notices.ts), run by the worker: an in-app notification
// for everyone with an account, and an email job each — unless the notice is optional and the
// person turned optional emails off. Written in one transaction with the job's completion, so a
// notice is delivered once however often the job is tried.
import { enqueue, type NotifyPayload } from '#app/domain/outbox/outbox.server.ts'
import { type Prisma } from '#app/generated/prisma/client.ts'
import { db } from '#app/utils/db.server.ts'
import { appUrl } from '#app/utils/email.server.ts'
import { noticeEmail, noticesFor, type Audience, type Notice } from './lifecycle-notices.ts'

type Recipient = { userId: string | null; email: string; optionalEmails: boolean }

/** Events about an offer that only matter while it is still in the state they were sent for. */
const ONLY_WHILE: Partial<Record<NotifyPayload['event'], string>> = { offer_expiring: 'pending' }

export async function deliverNotice(payload: NotifyPayload, jobId: string, now: Date, finish: (tx: Prisma.TransactionClient) => Promise<void>): Promise<number> {
	const referral = await db().referral.findUnique({ where: { id: payload.referralId }, select: { id: true, clinicId: true, patientState: true, phases: true, urgency: true, clinic: { select: { name: true } } } })
	if (!referral) return 0
	// The therapist a notice is for: the offer's, or for a notice about the referral itself (its
	// first session booked, say), the chosen therapist's, if there is one.
	const offerSelect = { id: true, status: true, expiresAt: true, therapist: { select: { email: true, user: { select: { id: true, email: true, optionalEmails: true } } } } } as const
	const offer = payload.offerId
		? await db().offer.findUnique({ where: { id: payload.offerId }, select: offerSelect })
		: await db().offer.findFirst({ where: { referralId: referral.id, status: 'chosen' }, select: offerSelect })
	const onlyWhile = ONLY_WHILE[payload.event]
	if (onlyWhile && offer?.status !== onlyWhile) return 0

	const notices = noticesFor(payload.event, {
		referralId: referral.id,
		clinicId: referral.clinicId,
		clinicName: referral.clinic.name,
		patientState: referral.patientState,
		phases: referral.phases,
		offerId: offer?.id ?? null,
		expiresAt: offer?.expiresAt ?? null,
		urgency: referral.urgency,
		unfilled: payload.unfilled ?? null,
	})
	const audiences: Record<Audience, () => Promise<Recipient[]>> = {
		clinic: async () =>
			(await db().clinicMember.findMany({ where: { clinicId: referral.clinicId }, select: { user: { select: { id: true, email: true, optionalEmails: true } } }, orderBy: { userId: 'asc' } })).map(({ user }) => ({
				userId: user.id,
				email: user.email,
				optionalEmails: user.optionalEmails,
			})),
		therapist: async () => {
			if (!offer) return []
			const user = offer.therapist.user
			// A therapist imported without an account yet still hears by email.
			return [user ? { userId: user.id, email: user.email, optionalEmails: user.optionalEmails } : { userId: null, email: offer.therapist.email, optionalEmails: true }]
		},
	}
	const deliveries: { notice: Notice; recipient: Recipient }[] = []
	for (const notice of notices) for (const recipient of await audiences[notice.audience]()) deliveries.push({ notice, recipient })

	await db().$transaction(async (tx) => {
		for (const { notice, recipient } of deliveries) {
			if (recipient.userId) await tx.notification.create({ data: { userId: recipient.userId, kind: payload.event, text: notice.text, href: notice.href, referralId: referral.id, createdAt: now } })
			if (notice.essential || recipient.optionalEmails) await enqueue(tx, 'email', { to: recipient.email, ...noticeEmail(notice, appUrl(notice.href)) }, { runAt: now, dedupeKey: `email:${jobId}:${recipient.email}` })
		}
		await finish(tx)
	})
	return deliveries.length
}

export async function unreadNotificationCount(userId: string): Promise<number> {
	return db().notification.count({ where: { userId, readAt: null } })
}

export async function recentNotifications(userId: string, take = 50) {
	return db().notification.findMany({ where: { userId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take, select: { id: true, text: true, href: true, createdAt: true, readAt: true } })
}

export async function markNotificationsRead(userId: string, now = new Date()): Promise<number> {
	const { count } = await db().notification.updateMany({ where: { userId, readAt: null }, data: { readAt: now } })
	return count
}

export async function setOptionalEmails(userId: string, on: boolean): Promise<void> {
	await db().user.update({ where: { id: userId }, data: { optionalEmails: on } })
}

export async function optionalEmailsOn(userId: string): Promise<boolean> {
	return (await db().user.findUniqueOrThrow({ where: { id: userId }, select: { optionalEmails: true } })).optionalEmails
}
