// The message thread of a referral between its clinic and the therapist the patient chose
// (docs/product.md §1, §5). It may carry patient details, so stage-2 rules apply: only the clinic's
// members and the chosen therapist read or write it, and only once a therapist is chosen; every
// message is audited; the other side is notified that a message came, never what it says.
import { audit } from '#app/domain/audit/audit.server.ts'
import { enqueue, wakingWorker } from '#app/domain/outbox/outbox.server.ts'
import { db } from '#app/utils/db.server.ts'
import { checkMessageBody } from './messages.ts'
import { refuse, runStep, type StepResult } from './step-result.ts'

export type ThreadViewer = { kind: 'clinic'; userId: string; clinicId: string } | { kind: 'therapist'; userId: string; therapistId: string }

/** Referral statuses in which a therapist has been chosen, and so there is someone to write to. */
export const THREAD_STATUSES = ['matched', 'scheduled', 'in_care', 'completed'] as const

type Access = { ok: true; chosenOfferId: string } | { ok: false; reason: 'forbidden' | 'not_found' | 'conflict' }

async function threadAccess(referralId: string, viewer: ThreadViewer): Promise<Access> {
	const referral = await db().referral.findUnique({
		where: { id: referralId },
		select: { clinicId: true, status: true, offers: { where: { status: 'chosen' }, select: { id: true, therapistId: true } } },
	})
	if (!referral) return { ok: false, reason: 'not_found' }
	return threadAccessOf({ clinicId: referral.clinicId, status: referral.status, chosen: referral.offers[0] }, viewer)
}

/** Who may see and write the thread: the referral's clinic and its chosen therapist, once one is chosen. */
export function threadAccessOf(referral: { clinicId: string; status: string; chosen: { id: string; therapistId: string } | undefined }, viewer: ThreadViewer): Access {
	const chosen = referral.chosen
	if (viewer.kind === 'clinic' && referral.clinicId !== viewer.clinicId) return { ok: false, reason: 'not_found' }
	if (viewer.kind === 'therapist' && chosen?.therapistId !== viewer.therapistId) return { ok: false, reason: 'forbidden' }
	if (!chosen || !(THREAD_STATUSES as readonly string[]).includes(referral.status)) return { ok: false, reason: 'conflict' }
	return { ok: true, chosenOfferId: chosen.id }
}

export type ThreadMessage = { id: string; from: 'clinic' | 'therapist'; author: string; body: string; createdAt: Date }

/** The thread, oldest first, or null when the viewer may not see one (yet). */
export async function referralThread(referralId: string, viewer: ThreadViewer): Promise<ThreadMessage[] | null> {
	const access = await threadAccess(referralId, viewer)
	if (!access.ok) return null
	const messages = await db().referralMessage.findMany({
		where: { referralId },
		orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
		select: { id: true, from: true, body: true, createdAt: true, author: { select: { name: true, email: true } } },
	})
	return messages.map((m) => ({ id: m.id, from: m.from, author: m.author.name || m.author.email, body: m.body, createdAt: m.createdAt }))
}

export async function sendMessage(referralId: string, viewer: ThreadViewer, text: string, now = new Date()): Promise<StepResult> {
	return wakingWorker(
		runStep(async () => {
			const checked = checkMessageBody(text)
			if (!checked.ok) throw refuse('invalid', checked.message)
			const body = checked.body
			const access = await threadAccess(referralId, viewer)
			if (!access.ok) throw refuse(access.reason, access.reason === 'conflict' ? 'Messages open once the patient has chosen a therapist.' : 'You cannot write on this referral.')
			await db().$transaction(async (tx) => {
				const message = await tx.referralMessage.create({ data: { referralId, from: viewer.kind, authorId: viewer.userId, body, createdAt: now }, select: { id: true } })
				await audit({ actorId: viewer.userId, action: 'referral.message_sent', entity: 'referral', entityId: referralId, details: { messageId: message.id, from: viewer.kind } }, tx)
				await enqueue(tx, 'notify', { event: viewer.kind === 'clinic' ? 'message_to_therapist' : 'message_to_clinic', referralId, offerId: access.chosenOfferId }, { runAt: now })
			})
		}),
	)
}
