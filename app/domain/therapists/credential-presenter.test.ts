import { expect, test } from 'vitest'
import { type AdminCredential, adminCredentialCard, therapistCredentialStatus, therapistMayRemove } from './credential-presenter.ts'

test('the therapist sees a suspension or revocation with its reason, and nothing else of the decision', () => {
	const base = { reviewNote: 'Found on the TX board by J. Admin.', statusReason: 'The board lists a suspension order of 2026-11-30.' }
	expect(therapistCredentialStatus({ ...base, status: 'suspended' })).toBe('suspended by Tandem; it does not count until it is reinstated. Reason: The board lists a suspension order of 2026-11-30.')
	expect(therapistCredentialStatus({ ...base, status: 'revoked' })).toBe('revoked by Tandem; it no longer counts. Reason: The board lists a suspension order of 2026-11-30.')
	for (const status of ['suspended', 'revoked'] as const) expect(therapistCredentialStatus({ ...base, status })).not.toContain('J. Admin')
	expect(therapistCredentialStatus({ ...base, status: 'verified' })).toBe('verified')
	expect(therapistCredentialStatus({ ...base, status: 'pending' })).toBe('waiting for verification')
	expect(therapistCredentialStatus({ status: 'rejected', reviewNote: 'No such number.', statusReason: null })).toBe('not verified: No such number.')
	expect([therapistMayRemove('verified'), therapistMayRemove('pending'), therapistMayRemove('suspended'), therapistMayRemove('revoked')]).toEqual([true, true, false, false])
})

const credential = (over: Partial<AdminCredential> = {}): AdminCredential => ({
	kind: 'license',
	id: 'l1',
	status: 'verified',
	title: 'Licensed Professional Counselor, Texas',
	therapist: { id: 't1', fullName: 'Maria Delgado', email: 'maria@example.org' },
	number: 'LPC-70321',
	state: 'TX',
	coveredStates: ['TX'],
	expiresOn: '2028-08-31',
	verifiedAt: '2025-11-20',
	nextCheckDue: '2026-11-20',
	statusReason: null,
	statusChangedAt: null,
	...over,
})

test('a due credential in the admin queue: how overdue, the next check date on the button, suspend and revoke', () => {
	const card = adminCredentialCard(credential(), '2026-12-02')
	expect(card).toMatchObject({
		heading: 'Maria Delgado: Licensed Professional Counselor, Texas',
		status: 'Verified',
		due: 'Overdue by 12 days',
		checkLabel: 'Checked — next check on Dec 2, 2027',
		actions: ['suspend', 'revoke'],
	})
	expect(card.facts).toContainEqual({ label: 'Next check', value: 'Nov 20, 2026' })
	expect(adminCredentialCard(credential({ nextCheckDue: '2026-12-01' }), '2026-12-02').due).toBe('Overdue by 1 day')
	expect(adminCredentialCard(credential({ nextCheckDue: '2026-12-02' }), '2026-12-02').due).toBe('Due today')
	expect(adminCredentialCard(credential({ nextCheckDue: null }), '2026-12-02').due).toBe('Never checked: due now')
	expect(adminCredentialCard(credential({ nextCheckDue: '2027-01-01' }), '2026-12-02').due).toBeNull()
	// The expiry comes before a year is up.
	expect(adminCredentialCard(credential({ expiresOn: '2027-03-31' }), '2026-12-02').checkLabel).toBe('Checked — next check on Mar 31, 2027')
})

test('a suspended credential: its reason and date, reinstate or revoke, no check; a revoked one offers nothing', () => {
	const suspended = adminCredentialCard(credential({ status: 'suspended', statusReason: 'Board order pending', statusChangedAt: '2026-11-30' }), '2026-12-02')
	expect(suspended).toMatchObject({ status: 'Suspended', due: null, checkLabel: null, actions: ['revoke', 'reinstate'] })
	expect(suspended.facts).toContainEqual({ label: 'Suspended Nov 30, 2026', value: 'Board order pending' })
	expect(adminCredentialCard(credential({ status: 'revoked', statusReason: 'Revoked by the board' }), '2026-12-02')).toMatchObject({ checkLabel: null, actions: [] })
})
