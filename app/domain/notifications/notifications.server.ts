// Delivering lifecycle notices (lifecycle-notices.ts), run by the worker: an in-app notification
// for everyone with an account, and an email job each — unless the notice is optional and the
// person turned optional emails off. Written in one transaction with the job's completion, so a
// notice is delivered once however often the job is tried.
import { audit } from '#app/domain/audit/audit.server.ts'
import { type Principal } from '#app/domain/auth/roles.ts'
import { enqueue, type NotifyPayload } from '#app/domain/outbox/outbox.server.ts'
import { type Prisma } from '#app/generated/prisma/client.ts'
import { db, driverQuery } from '#app/utils/db.server.ts'
import { appUrl } from '#app/utils/email.server.ts'
import { noticeEmail, noticesFor, type Audience, type Notice } from './lifecycle-notices.ts'
import { listNotifications, patientFullName, type ListedNotification } from './notification-list.ts'

type Recipient = { userId: string | null; email: string; optionalEmails: boolean }

/** Events about an offer that only matter while it is still in the state they were sent for. */
const ONLY_WHILE: Partial<Record<NotifyPayload['event'], string>> = { offer_expiring: 'pending', offer_reconfirm: 'pending' }

export async function deliverNotice(payload: NotifyPayload, jobId: string, now: Date, finish: (tx: Prisma.TransactionClient) => Promise<void>): Promise<number> {
	const referral = await db().referral.findUnique({
		where: { id: payload.referralId },
		select: { id: true, clinicId: true, patientState: true, phases: true, urgency: true, firstSessionAt: true, clinic: { select: { name: true, timeZone: true } } },
	})
	if (!referral) return 0
	// The therapist a notice is for: the offer's, or for a notice about the referral itself (its
	// first session booked, say), the chosen therapist's, if there is one.
	const offerSelect = { id: true, status: true, expiresAt: true, therapist: { select: { email: true, timeZone: true, user: { select: { id: true, email: true, optionalEmails: true } } } } } as const
	const offer = payload.offerId
		? await db().offer.findUnique({ where: { id: payload.offerId }, select: offerSelect })
		: await db().offer.findFirst({ where: { referralId: referral.id, status: 'chosen' }, select: offerSelect })
	const onlyWhile = ONLY_WHILE[payload.event]
	if (onlyWhile && offer?.status !== onlyWhile) return 0

	const notices = noticesFor(
		payload.event,
		{
			referralId: referral.id,
			clinicId: referral.clinicId,
			clinicName: referral.clinic.name,
			patientState: referral.patientState,
			phases: referral.phases,
			offerId: offer?.id ?? null,
			expiresAt: offer?.expiresAt ?? null,
			urgency: referral.urgency,
			unfilled: payload.unfilled ?? null,
			firstSessionAt: referral.firstSessionAt,
			next: payload.next ?? null,
			reconfirming: payload.reconfirming ?? null,
			clinicTimeZone: referral.clinic.timeZone,
			therapistTimeZone: offer?.therapist.timeZone ?? null,
		},
		now,
	)
	const audiences: Record<Audience, () => Promise<Recipient[]>> = {
		clinic: async () =>
			(await db().clinicMember.findMany({ where: { clinicId: referral.clinicId }, select: { user: { select: { id: true, email: true, optionalEmails: true } } }, orderBy: { userId: 'asc' } })).map(
				({ user }) => ({
					userId: user.id,
					email: user.email,
					optionalEmails: user.optionalEmails,
				}),
			),
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
			if (notice.essential || recipient.optionalEmails)
				await enqueue(tx, 'email', { to: recipient.email, ...noticeEmail(notice, appUrl(notice.href)) }, { runAt: now, dedupeKey: `email:${jobId}:${recipient.email}` })
		}
		await finish(tx)
	})
	return deliveries.length
}

/** On the driver: the layout reads it for every page a signed-in person opens (docs/performance.md). */
export async function unreadNotificationCount(userId: string): Promise<number> {
	const [row] = await driverQuery<{ unread: number }>({
		name: 'unread_notifications',
		text: 'SELECT count(*)::int AS unread FROM "Notification" WHERE "userId" = $1::text AND "readAt" IS NULL',
		values: [userId],
	})
	return row?.unread ?? 0
}

/**
 * The viewer's latest notifications as their page shows them, times in their zone. Where the
 * patient's name is shown (to the clinic's staff or the chosen therapist), the view is audited like
 * any other read of stage-2 data (docs/product.md §5).
 */
export async function recentNotifications(principal: Principal, timeZone: string, now: Date, take = 50): Promise<ListedNotification[]> {
	const rows = await db().notification.findMany({
		where: { userId: principal.userId },
		orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
		take,
		select: { id: true, text: true, href: true, referralId: true, createdAt: true, readAt: true },
	})
	const ids = [...new Set(rows.flatMap((n) => (n.referralId ? [n.referralId] : [])))]
	const referrals = ids.length
		? await db().referral.findMany({
				where: { id: { in: ids } },
				select: { id: true, clinicId: true, status: true, patient: { select: { firstName: true, lastName: true } }, offers: { where: { status: 'chosen' }, select: { therapistId: true }, take: 1 } },
			})
		: []
	const listed = listNotifications(
		rows,
		referrals.map((r) => ({ id: r.id, clinicId: r.clinicId, status: r.status, chosenTherapistId: r.offers[0]?.therapistId ?? null, patientName: patientFullName(r.patient) })),
		{ principal, timeZone },
		now,
	)
	const named = new Set(listed.flatMap((n) => (n.patientName ? [rows.find((r) => r.id === n.id)!.referralId!] : [])))
	for (const referralId of named) await audit({ actorId: principal.userId, action: 'referral.patient_viewed', entity: 'referral', entityId: referralId, details: { as: 'notifications' } })
	return listed
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
