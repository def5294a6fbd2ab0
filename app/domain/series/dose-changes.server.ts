// The clinic moves, adds or drops a dose still ahead while the referral is active (docs/product.md
// §4a), and the series plan follows in the same transaction: sessions of a dropped dose are
// cancelled, new doses get proposed sessions, and booked sessions that no longer fit their window
// are flagged — to the chosen therapist and the clinic, through the outbox.
import { audit } from '#app/domain/audit/audit.server.ts'
import { refreshTherapistSearch } from '#app/domain/matching/search-index.server.ts'
import { enqueue, wakingWorker } from '#app/domain/outbox/outbox.server.ts'
import { SERIES_COLUMNS, storedSeries } from '#app/domain/referrals/dosing.ts'
import { type Actor, actorDetails, auditActor, lockReferral } from '#app/domain/referrals/lifecycle.server.ts'
import { therapistCalendar } from '#app/domain/referrals/offer-responses.server.ts'
import { refuse, runStep, type StepResult } from '#app/domain/referrals/step-result.ts'
import { type ReferralStatus } from '#app/domain/referrals/statuses.ts'
import { db } from '#app/utils/db.server.ts'
import { applyDoseChange, type DoseChange } from './dose-changes.ts'
import { followDoses } from './plan.ts'
import { insertDrafts, SESSION_COLUMNS } from './plan.server.ts'
import { scheduleSessionReminders } from './session-reminders.server.ts'

/** While the referral is active: posted and not yet ended. */
export const DOSE_CHANGE_STATUSES = ['open', 'shortlisted', 'matched', 'scheduled', 'in_care'] as const satisfies readonly ReferralStatus[]

export type DoseChangeOutcome = StepResult<{ flagged: number }> | { ok: false; reason: 'invalid'; field: 'doseIndex' | 'at'; message: string }

export function changeDose(clinicId: string, referralId: string, change: DoseChange, actor: Extract<Actor, { kind: 'user' | 'api_key' }>, now = new Date()): Promise<DoseChangeOutcome> {
	return wakingWorker(
		runStep(() =>
			db().$transaction(async (tx) => {
				await lockReferral(tx, referralId)
				const referral = await tx.referral.findFirst({ where: { id: referralId, clinicId }, select: { ...SERIES_COLUMNS, status: true } })
				if (!referral) throw refuse('not_found', 'There is no such referral.')
				if (!(DOSE_CHANGE_STATUSES as readonly string[]).includes(referral.status)) throw refuse('conflict', 'The dosing sessions can be changed only while the referral is active.')
				const result = applyDoseChange(referral.dosingSessionsAt, change, now)
				if (!result.ok) throw new FieldRefusal(result.field, result.message)
				await tx.referral.update({ where: { id: referralId }, data: { dosingSessionsAt: result.doses, firstDosingAt: result.doses[0]! } })
				await audit({ ...auditActor(actor), action: 'referral.doses_changed', entity: 'referral', entityId: referralId, details: { change: change.kind, ...actorDetails(actor) } }, tx)

				const chosen = await tx.offer.findFirst({ where: { referralId, status: 'chosen' }, select: { therapistId: true } })
				const rows = chosen ? await tx.plannedSession.findMany({ where: { referralId }, select: SESSION_COLUMNS }) : []
				if (!chosen || rows.length === 0) return { flagged: 0 }
				const { schedule, booked } = await therapistCalendar(chosen.therapistId, tx, referralId)
				const followed = followDoses(rows, result.newIndexOf, storedSeries({ ...referral, dosingSessionsAt: result.doses }), schedule, booked, now)
				for (const { id, changed, ...update } of followed.updates) {
					await tx.plannedSession.update({ where: { id }, data: { ...update, ...(changed ? { sequence: { increment: 1 } } : {}) } })
				}
				await insertDrafts(tx, referralId, chosen.therapistId, followed.added)
				await refreshTherapistSearch([chosen.therapistId], { client: tx, now })
				// A booked session that moved with its dose is reminded at its new time.
				await scheduleSessionReminders(tx, referralId, now)
				await enqueue(tx, 'notify', { event: 'series_changed', referralId }, { runAt: now })
				if (followed.flagged.length) await enqueue(tx, 'notify', { event: 'session_unfit', referralId }, { runAt: now })
				return { flagged: followed.flagged.length }
			}),
		).catch((error: unknown) => {
			if (error instanceof FieldRefusal) return { ok: false as const, reason: 'invalid' as const, field: error.field, message: error.message }
			throw error
		}),
	)
}

/** A change refused because of one of its fields: rolled back, answered beside that field. */
class FieldRefusal extends Error {
	constructor(
		readonly field: 'doseIndex' | 'at',
		message: string,
	) {
		super(message)
	}
}
