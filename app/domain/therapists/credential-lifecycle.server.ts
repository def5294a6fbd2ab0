// Verified credentials after their review: the queue of board checks that are due, suspended
// credentials, a therapist's credentials found by name or email, and the admin's actions on them
// (suspend, revoke, reinstate, checked). Each change is one conditional update (two admins cannot
// both act on the same status), the search rows and the audit entry in the same transaction, so
// matching and the directory stop counting a suspended credential at once.
import { audit } from '#app/domain/audit/audit.server.ts'
import { dateOnly } from '#app/domain/calendar-dates.ts'
import { refreshTherapistSearch } from '#app/domain/matching/search-index.server.ts'
import { credentialStatusChangedMessage } from '#app/domain/notifications/emails.ts'
import { authorizationKindLabel, licenseTypeLabel, stateName } from '#app/domain/reference/index.ts'
import { type Prisma } from '#app/generated/prisma/client.ts'
import { db } from '#app/utils/db.server.ts'
import { appUrl, sendEmail } from '#app/utils/email.server.ts'
import { allowedCredentialActions, type CredentialAction, credentialTransition, recordCheck } from './credential-lifecycle.ts'
import { type AdminCredential } from './credential-presenter.ts'
import { type CredentialStatus } from './jurisdiction.ts'
import { type CredentialKind } from './verification.server.ts'

const therapistSelect = { select: { id: true, fullName: true, email: true } } as const
const common = {
	id: true,
	status: true,
	expiresOn: true,
	verifiedAt: true,
	nextCheckDue: true,
	statusReason: true,
	statusChangedAt: true,
	therapist: therapistSelect,
} as const
const licenseSelect = { ...common, state: true, type: true, number: true } as const satisfies Prisma.LicenseSelect
const authorizationSelect = { ...common, kind: true, homeState: true, states: true } as const satisfies Prisma.AuthorizationSelect

type LicenseRow = Prisma.LicenseGetPayload<{ select: typeof licenseSelect }>
type AuthorizationRow = Prisma.AuthorizationGetPayload<{ select: typeof authorizationSelect }>

const day = (value: Date | null) => (value ? dateOnly(value) : null)

function fromLicense(l: LicenseRow): AdminCredential {
	return {
		kind: 'license',
		id: l.id,
		status: l.status,
		title: `${licenseTypeLabel(l.type)}, ${stateName(l.state)}`,
		therapist: l.therapist,
		number: l.number,
		state: l.state,
		coveredStates: [l.state],
		expiresOn: dateOnly(l.expiresOn),
		verifiedAt: day(l.verifiedAt),
		nextCheckDue: day(l.nextCheckDue),
		statusReason: l.statusReason,
		statusChangedAt: day(l.statusChangedAt),
	}
}

function fromAuthorization(a: AuthorizationRow): AdminCredential {
	return {
		kind: 'authorization',
		id: a.id,
		status: a.status,
		title: authorizationKindLabel(a.kind),
		therapist: a.therapist,
		number: null,
		state: a.homeState,
		coveredStates: a.states,
		expiresOn: dateOnly(a.expiresOn),
		verifiedAt: day(a.verifiedAt),
		nextCheckDue: day(a.nextCheckDue),
		statusReason: a.statusReason,
		statusChangedAt: day(a.statusChangedAt),
	}
}

const asDate = (date: string) => new Date(`${date}T00:00:00Z`)

/**
 * Verified, unexpired credentials whose board check is due on `today` or was due before, most
 * overdue first (one without a date first of all), then by therapist. Expired ones are left out:
 * they stop counting by themselves.
 */
export async function listDueChecks(today: string): Promise<AdminCredential[]> {
	const where = { status: 'verified' as const, expiresOn: { gte: asDate(today) }, OR: [{ nextCheckDue: null }, { nextCheckDue: { lte: asDate(today) } }] }
	const [licenses, authorizations] = await Promise.all([db().license.findMany({ where, select: licenseSelect }), db().authorization.findMany({ where, select: authorizationSelect })])
	const order = (c: AdminCredential) => c.nextCheckDue ?? ''
	return [...licenses.map(fromLicense), ...authorizations.map(fromAuthorization)].sort(
		(x, y) => order(x).localeCompare(order(y)) || x.therapist.fullName.localeCompare(y.therapist.fullName) || x.id.localeCompare(y.id),
	)
}

/** Suspended credentials, the longest suspended first: each waits to be reinstated or revoked. */
export async function listSuspendedCredentials(): Promise<AdminCredential[]> {
	const where = { status: 'suspended' as const }
	const [licenses, authorizations] = await Promise.all([db().license.findMany({ where, select: licenseSelect }), db().authorization.findMany({ where, select: authorizationSelect })])
	const at = (c: AdminCredential) => c.statusChangedAt ?? ''
	return [...licenses.map(fromLicense), ...authorizations.map(fromAuthorization)].sort((x, y) => at(x).localeCompare(at(y)) || x.id.localeCompare(y.id))
}

export const FIND_LIMIT = 20

/** The credentials of therapists whose email is `query`, or whose name contains it (at most 20 therapists). */
export async function findCredentials(query: string): Promise<AdminCredential[]> {
	const therapists = await db().therapist.findMany({
		where: { OR: [{ email: { equals: query, mode: 'insensitive' } }, { fullName: { contains: query, mode: 'insensitive' } }] },
		orderBy: [{ fullName: 'asc' }, { id: 'asc' }],
		take: FIND_LIMIT,
		select: { id: true },
	})
	const therapistId = { in: therapists.map((t) => t.id) }
	const [licenses, authorizations] = await Promise.all([
		db().license.findMany({ where: { therapistId }, select: licenseSelect, orderBy: [{ state: 'asc' }, { id: 'asc' }] }),
		db().authorization.findMany({ where: { therapistId }, select: authorizationSelect, orderBy: [{ kind: 'asc' }, { id: 'asc' }] }),
	])
	return [...licenses.map(fromLicense), ...authorizations.map(fromAuthorization)].sort(
		(x, y) => x.therapist.fullName.localeCompare(y.therapist.fullName) || x.therapist.id.localeCompare(y.therapist.id),
	)
}

export type CredentialChangeResult =
	| { ok: true; status: CredentialStatus }
	| { ok: false; reason: 'not_found' }
	| { ok: false; reason: 'conflict'; status: CredentialStatus; allowed: CredentialAction[] }
	| { ok: false; reason: 'invalid'; field: 'reason'; message: string }

async function findCredential(kind: CredentialKind, id: string) {
	const select = { status: true, expiresOn: true, therapistId: true, therapist: { select: { email: true } } } as const
	return kind === 'license' ? db().license.findUnique({ where: { id }, select }) : db().authorization.findUnique({ where: { id }, select })
}

/** Suspends, revokes or reinstates a credential, with the reason the therapist will see. */
export async function changeCredentialStatus(input: { kind: CredentialKind; id: string; action: CredentialAction; reason: string; actorId: string; now?: Date }): Promise<CredentialChangeResult> {
	const now = input.now ?? new Date()
	const today = dateOnly(now)
	const found = await findCredential(input.kind, input.id)
	if (!found) return { ok: false, reason: 'not_found' }
	const transition = credentialTransition({ status: found.status, expiresOn: dateOnly(found.expiresOn) }, input.action, input.reason, today)
	if (!transition.ok) return transition.reason === 'not_allowed' ? { ok: false, reason: 'conflict', status: found.status, allowed: transition.allowed } : transition

	// Reinstating means the board was checked again: the next check is counted from today.
	const recheck = input.action === 'reinstate' ? recordCheck({ status: 'verified', expiresOn: dateOnly(found.expiresOn) }, today) : null
	const data = {
		status: transition.to,
		statusReason: transition.reason,
		statusChangedAt: now,
		statusChangedById: input.actorId,
		...(recheck?.ok ? { nextCheckDue: asDate(recheck.nextCheckDue) } : {}),
	}
	const where = { id: input.id, status: found.status }
	const changed = await db().$transaction(async (tx) => {
		const { count } = input.kind === 'license' ? await tx.license.updateMany({ where, data }) : await tx.authorization.updateMany({ where, data })
		if (count !== 1) return false
		await refreshTherapistSearch([found.therapistId], { client: tx, now })
		const action = ({ suspend: 'credential.suspended', revoke: 'credential.revoked', reinstate: 'credential.reinstated' } as const)[input.action]
		await audit({ actorId: input.actorId, action, entity: input.kind, entityId: input.id, details: { from: found.status, to: transition.to, reason: transition.reason } }, tx)
		return true
	})
	if (!changed) {
		// Another admin acted first: say what it is now.
		const current = await findCredential(input.kind, input.id)
		if (!current) return { ok: false, reason: 'not_found' }
		return { ok: false, reason: 'conflict', status: current.status, allowed: allowedCredentialActions(current.status) }
	}
	await sendEmail(found.therapist.email, credentialStatusChangedMessage(input.kind, input.action, appUrl('/therapist/profile')))
	return { ok: true, status: transition.to }
}

export type CheckRecordResult = { ok: true; nextCheckDue: string } | { ok: false; reason: 'not_found' } | { ok: false; reason: 'conflict'; status: CredentialStatus }

/** "Checked with the board": sets the next check date (a year on, or the expiry if sooner). */
export async function recordCredentialCheck(input: { kind: CredentialKind; id: string; actorId: string; now?: Date }): Promise<CheckRecordResult> {
	const now = input.now ?? new Date()
	const today = dateOnly(now)
	const found = await findCredential(input.kind, input.id)
	if (!found) return { ok: false, reason: 'not_found' }
	const check = recordCheck({ status: found.status, expiresOn: dateOnly(found.expiresOn) }, today)
	if (!check.ok) return { ok: false, reason: 'conflict', status: found.status }
	const where = { id: input.id, status: 'verified' as const }
	const data = { nextCheckDue: asDate(check.nextCheckDue) }
	const changed = await db().$transaction(async (tx) => {
		const { count } = input.kind === 'license' ? await tx.license.updateMany({ where, data }) : await tx.authorization.updateMany({ where, data })
		if (count !== 1) return false
		await audit({ actorId: input.actorId, action: 'credential.checked', entity: input.kind, entityId: input.id, details: { nextCheckDue: check.nextCheckDue } }, tx)
		return true
	})
	if (!changed) {
		const current = await findCredential(input.kind, input.id)
		return current ? { ok: false, reason: 'conflict', status: current.status } : { ok: false, reason: 'not_found' }
	}
	return { ok: true, nextCheckDue: check.nextCheckDue }
}
