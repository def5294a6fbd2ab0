// What pages say about a credential's standing: the therapist's own line on their profile, and
// the platform admin's card in the check queue (facts, how overdue, which actions). Pure.
import { type CredentialStatus } from './jurisdiction.ts'
import { allowedCredentialActions, type CredentialAction, recordCheck } from './credential-lifecycle.ts'

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' })

/** A YYYY-MM-DD date as the pages write it ("Jan 4, 2028"). */
export function formatDate(date: string): string {
	return dateFormat.format(new Date(`${date}T00:00:00Z`))
}

/**
 * The therapist's view of one of their credentials. It shows the reason an admin gave (meant for
 * them) and nothing else of the decision: not who took it, nor the admin's review notes.
 */
export function therapistCredentialStatus(credential: { status: CredentialStatus; reviewNote: string | null; statusReason: string | null }): string {
	switch (credential.status) {
		case 'verified':
			return 'verified'
		case 'pending':
			return 'waiting for verification'
		case 'rejected':
			return `not verified${credential.reviewNote ? `: ${credential.reviewNote}` : ''}`
		case 'suspended':
			return `suspended by Tandem; it does not count until it is reinstated${credential.statusReason ? `. Reason: ${credential.statusReason}` : ''}`
		case 'revoked':
			return `revoked by Tandem; it no longer counts${credential.statusReason ? `. Reason: ${credential.statusReason}` : ''}`
	}
}

/** Whether the therapist may remove it: a suspended or revoked credential stays on record. */
export function therapistMayRemove(status: CredentialStatus): boolean {
	return status !== 'suspended' && status !== 'revoked'
}

export type AdminCredential = {
	kind: 'license' | 'authorization'
	id: string
	status: CredentialStatus
	title: string
	therapist: { id: string; fullName: string; email: string }
	number: string | null
	state: string
	coveredStates: string[]
	expiresOn: string
	verifiedAt: string | null
	nextCheckDue: string | null
	statusReason: string | null
	statusChangedAt: string | null
}

export type AdminCredentialCard = {
	kind: 'license' | 'authorization'
	id: string
	heading: string
	/** For screen readers: which credential a button acts on. */
	name: string
	status: string
	facts: { label: string; value: string; mono?: boolean }[]
	/** "Due today", "Overdue by 3 days", or null when not due. */
	due: string | null
	/** The "checked" button's label, naming the next check date; null when it cannot be checked. */
	checkLabel: string | null
	actions: CredentialAction[]
}

const STATUS_LABELS: Record<CredentialStatus, string> = {
	pending: 'Waiting for verification',
	verified: 'Verified',
	rejected: 'Rejected',
	suspended: 'Suspended',
	revoked: 'Revoked',
}

export const ACTION_LABELS: Record<CredentialAction, string> = { suspend: 'Suspend', revoke: 'Revoke', reinstate: 'Reinstate' }

function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

/** One credential as the admin's check queue shows it on `today`. */
export function adminCredentialCard(credential: AdminCredential, today: string): AdminCredentialCard {
	const facts: AdminCredentialCard['facts'] = [{ label: 'Therapist', value: `${credential.therapist.fullName} (${credential.therapist.email})` }]
	if (credential.number) facts.push({ label: 'License number', value: credential.number, mono: true })
	facts.push({ label: credential.kind === 'license' ? 'State' : 'Home state', value: credential.state })
	if (credential.kind === 'authorization') facts.push({ label: 'Covers', value: credential.coveredStates.length ? credential.coveredStates.join(', ') : 'every member state' })
	facts.push({ label: 'Expires', value: formatDate(credential.expiresOn) + (credential.expiresOn < today ? ' (expired)' : '') })
	if (credential.verifiedAt) facts.push({ label: 'Verified', value: formatDate(credential.verifiedAt) })
	if (credential.status === 'verified') facts.push({ label: 'Next check', value: credential.nextCheckDue ? formatDate(credential.nextCheckDue) : 'not set' })
	if (credential.statusReason && (credential.status === 'suspended' || credential.status === 'revoked')) {
		facts.push({ label: `${STATUS_LABELS[credential.status]}${credential.statusChangedAt ? ` ${formatDate(credential.statusChangedAt)}` : ''}`, value: credential.statusReason })
	}

	let due: string | null = null
	if (credential.status === 'verified' && credential.expiresOn >= today) {
		if (credential.nextCheckDue === null) due = 'Never checked: due now'
		else if (credential.nextCheckDue === today) due = 'Due today'
		else if (credential.nextCheckDue < today) {
			const days = daysBetween(credential.nextCheckDue, today)
			due = `Overdue by ${days} ${days === 1 ? 'day' : 'days'}`
		}
	}
	const check = recordCheck(credential, today)
	return {
		kind: credential.kind,
		id: credential.id,
		heading: `${credential.therapist.fullName}: ${credential.title}`,
		name: `${credential.title} of ${credential.therapist.fullName}`,
		status: STATUS_LABELS[credential.status],
		facts,
		due,
		checkLabel: check.ok ? `Checked — next check on ${formatDate(check.nextCheckDue)}` : null,
		actions: allowedCredentialActions(credential.status),
	}
}
