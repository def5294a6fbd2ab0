// The audit log (docs/product.md §5): append-only, written by every feature that reads stage-2 data or
// changes something that matters. IP and user agent come from the current request when there is one.
import { randomUUID } from 'node:crypto'
import { type Prisma, type PrismaClient } from '#app/generated/prisma/client.ts'
import { db } from '#app/utils/db.server.ts'
import { currentRequestContext } from '#app/utils/request-context.server.ts'

export type AuditAction =
	| 'auth.signup'
	| 'calendar_feed.set'
	| 'calendar_feed.removed'
	| 'session_feed.created'
	| 'session_feed.replaced'
	| 'session_feed.revoked'
	| 'auth.email_verified'
	| 'auth.login'
	| 'auth.login_failed'
	| 'auth.logout'
	| 'auth.logout_everywhere'
	| 'auth.password_reset_requested'
	| 'auth.password_reset'
	| 'auth.password_changed'
	| 'auth.two_factor_verified'
	| 'auth.two_factor_failed'
	| 'auth.two_factor_locked'
	| 'auth.sign_in_code_sent'
	| 'auth.sign_in_code_failed'
	| 'auth.sign_in_code_verified'
	| 'auth.recovery_code_used'
	| 'two_factor.enabled'
	| 'two_factor.disabled'
	| 'two_factor.recovery_codes_replaced'
	| 'session.revoked'
	| 'role.granted'
	| 'role.changed'
	| 'role.revoked'
	| 'clinic.created'
	| 'clinic.referral_defaults_changed'
	| 'invitation.sent'
	| 'invitation.revoked'
	| 'invitation.accepted'
	| 'user.created'
	| 'therapists.imported'
	| 'credential.verified'
	| 'therapist.profile_updated'
	| 'therapist.credential_added'
	| 'therapist.credential_removed'
	| 'credential.rejected'
	| 'credential.suspended'
	| 'credential.revoked'
	| 'credential.reinstated'
	| 'credential.checked'
	| 'referral.created'
	| 'referral.updated'
	| 'referral.status_changed'
	| 'referral.patient_viewed'
	| 'referral.choice_recorded'
	| 'referral.doses_changed'
	| 'planned_session.changed'
	| 'referral.message_sent'
	| 'offer.status_changed'
	| 'offer.named_by_clinic'
	| 'patient_link.requested'
	| 'patient_link.sent'
	| 'patient_link.revoked'
	| 'patient_link.opened'
	| 'patient_link.language_chosen'
	| 'patient_link.texts_changed'
	| 'user.texts_changed'
	| 'api_key.created'
	| 'api_key.revoked'
	| 'api.request'
	| 'clinic.partner_added'
	| 'clinic.therapist_blocked'
	| 'clinic.therapist_standing_cleared'
	| 'clinic.therapist_note_changed'
	| 'clinic.therapist_invited'
	| 'clinic.therapist_invitation_withdrawn'
	| 'therapist.joined'
	| 'billing.checkout_started'
	| 'billing.portal_opened'
	| 'billing.subscription_changed'

export type AuditEntry = {
	actorId: string | null
	action: AuditAction
	entity: string
	entityId?: string | null
	details?: Prisma.InputJsonValue
}

type Client = Pick<PrismaClient, 'auditEvent'> | Prisma.TransactionClient

/** Who sent the request being served, for the row: IP and user agent (cut at 400 characters). */
function requestColumns(): { ip: string | null; userAgent: string | null } {
	const context = currentRequestContext()
	return { ip: context?.ip ?? null, userAgent: context?.userAgent?.slice(0, 400) ?? null }
}

export async function audit(entry: AuditEntry, client: Client = db()) {
	await client.auditEvent.create({
		data: {
			actorId: entry.actorId,
			action: entry.action,
			entity: entry.entity,
			entityId: entry.entityId ?? null,
			details: entry.details,
			...requestColumns(),
		},
	})
}

/**
 * The same row as `audit` writes, as the end of a statement on the driver that makes a change and
 * records it in one round trip (for pages opened often: docs/performance.md). `source` names a CTE
 * of the statement; a row is written for each row it returns, so none when the change found
 * nothing. Its values are numbered from `$first`. The database chains the row as any other.
 */
export function auditInsertFrom(source: string, entry: AuditEntry, at: Date, first: number): { text: string; values: unknown[] } {
	const { ip, userAgent } = requestColumns()
	// Prisma makes the ids of rows it writes; this row is written without it.
	const values = [randomUUID(), at.toISOString(), entry.actorId, entry.action, entry.entity, entry.entityId ?? null, ip, userAgent, entry.details === undefined ? null : JSON.stringify(entry.details)]
	const $ = (i: number) => `$${first + i}`
	return {
		text: `INSERT INTO "AuditEvent" ("id", "at", "actorId", "action", "entity", "entityId", "ip", "userAgent", "details")
SELECT ${$(0)}::text, (${$(1)}::timestamptz AT TIME ZONE 'UTC'), ${$(2)}::text, ${$(3)}::text, ${$(4)}::text, ${$(5)}::text, ${$(6)}::text, ${$(7)}::text, ${$(8)}::jsonb FROM ${source}`,
		values,
	}
}
