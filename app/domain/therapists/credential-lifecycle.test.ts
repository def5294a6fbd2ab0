import { expect, test } from 'vitest'
import { coverageUntil } from '#app/domain/matching/search-facts.ts'
import { INITIAL_COMPACTS } from '#app/domain/reference/compacts.ts'
import { allowedCredentialActions, CREDENTIAL_ACTIONS, CREDENTIAL_TRANSITIONS, credentialTransition, type CredentialAction, REASON_MAX_LENGTH, recordCheck } from './credential-lifecycle.ts'
import { type AuthorizationFacts, type CompactMembership, coverage, type CredentialFacts, type CredentialStatus, type LicenseFacts } from './jurisdiction.ts'

const today = '2026-12-02'
const good = { expiresOn: '2027-06-30' }
const STATUSES: CredentialStatus[] = ['pending', 'verified', 'rejected', 'suspended', 'revoked']

test('the transition table: suspend and revoke a verified credential, reinstate or revoke a suspended one; nothing else', () => {
	const table = Object.fromEntries(
		STATUSES.map((status) => [
			status,
			Object.fromEntries(
				CREDENTIAL_ACTIONS.map((action) => {
					const result = credentialTransition({ status, ...good }, action, 'Board shows a disciplinary order.', today)
					return [action, result.ok ? result.to : null]
				}),
			),
		]),
	)
	expect(table).toEqual({
		pending: { suspend: null, revoke: null, reinstate: null },
		verified: { suspend: 'suspended', revoke: 'revoked', reinstate: null },
		rejected: { suspend: null, revoke: null, reinstate: null },
		suspended: { suspend: null, revoke: 'revoked', reinstate: 'verified' },
		revoked: { suspend: null, revoke: null, reinstate: null }, // final
	})
	expect(allowedCredentialActions('verified')).toEqual(['suspend', 'revoke'])
	expect(allowedCredentialActions('suspended')).toEqual(['revoke', 'reinstate'])
	expect(allowedCredentialActions('revoked')).toEqual([])
	expect(credentialTransition({ status: 'revoked', ...good }, 'reinstate', 'Appeal won', today)).toEqual({ ok: false, reason: 'not_allowed', allowed: [] })
})

test('every action needs a reason, trimmed and bounded', () => {
	for (const action of CREDENTIAL_ACTIONS) {
		const from = CREDENTIAL_TRANSITIONS[action].from[0]!
		expect(credentialTransition({ status: from, ...good }, action, '   ', today)).toMatchObject({ ok: false, reason: 'invalid', field: 'reason', message: expect.stringMatching(/Say why/) })
		expect(credentialTransition({ status: from, ...good }, action, 'x'.repeat(REASON_MAX_LENGTH + 1), today)).toMatchObject({ ok: false, field: 'reason', message: expect.stringMatching(/under 500/) })
		expect(credentialTransition({ status: from, ...good }, action, `  ${'x'.repeat(REASON_MAX_LENGTH)}  `, today)).toMatchObject({ ok: true, reason: 'x'.repeat(REASON_MAX_LENGTH) })
	}
})

test('a suspended credential that has expired meanwhile is not reinstated (it can still be revoked)', () => {
	const expired = { status: 'suspended' as const, expiresOn: '2026-12-01' }
	expect(credentialTransition(expired, 'reinstate', 'Cleared by the board', today)).toMatchObject({ ok: false, field: 'reason', message: expect.stringMatching(/expired/) })
	expect(credentialTransition({ ...expired, expiresOn: today }, 'reinstate', 'Cleared by the board', today)).toMatchObject({ ok: true, to: 'verified' })
	expect(credentialTransition(expired, 'revoke', 'Board revoked it', today)).toMatchObject({ ok: true, to: 'revoked' })
})

test('a check of a verified, unexpired credential sets the next one a year on, or at the expiry if sooner', () => {
	expect(recordCheck({ status: 'verified', expiresOn: '2028-06-30' }, today)).toEqual({ ok: true, nextCheckDue: '2027-12-02' })
	expect(recordCheck({ status: 'verified', expiresOn: '2027-03-31' }, today)).toEqual({ ok: true, nextCheckDue: '2027-03-31' })
	for (const status of ['pending', 'rejected', 'suspended', 'revoked'] as const) expect(recordCheck({ status, expiresOn: '2028-06-30' }, today)).toEqual({ ok: false, reason: 'not_allowed' })
	expect(recordCheck({ status: 'verified', expiresOn: '2026-12-01' }, today)).toEqual({ ok: false, reason: 'not_allowed' })
})

// Jurisdiction counts only `verified` (isCurrent, coverageUntil): what the lifecycle leaves must stop counting at once.
const members = (slug: string) => new Set(INITIAL_COMPACTS.find((c) => c.slug === slug)!.members)
const compacts: CompactMembership = { psypact: members('psypact'), counseling_compact: members('counseling_compact') }
const after = (status: CredentialStatus, action: CredentialAction): CredentialStatus => {
	const result = credentialTransition({ status, ...good }, action, 'Board order', today)
	if (!result.ok) throw new Error(`${action} is not allowed from ${status}`)
	return result.to
}

test('a suspended license and a revoked authorization stop counting for coverage(); a reinstated license counts again', () => {
	const home: LicenseFacts = { state: 'TX', type: 'lpc', status: 'verified', ...good }
	const telehealth: AuthorizationFacts = { kind: 'state_telehealth', homeState: 'TX', states: ['FL'], status: 'verified', ...good }
	const covered = (facts: CredentialFacts) => coverage(facts, compacts, today).map((c) => `${c.state}:${c.basis}`)
	expect(covered({ licenses: [home], authorizations: [telehealth] })).toEqual(['FL:state_telehealth', 'TX:license'])

	const suspended = { ...home, status: after('verified', 'suspend') }
	expect(covered({ licenses: [suspended], authorizations: [telehealth] })).toEqual(['FL:state_telehealth'])
	const revoked = { ...telehealth, status: after('verified', 'revoke') }
	expect(covered({ licenses: [home], authorizations: [revoked] })).toEqual(['TX:license'])
	expect(covered({ licenses: [suspended], authorizations: [revoked] })).toEqual([])
	expect(covered({ licenses: [{ ...home, status: after('suspended', 'reinstate') }], authorizations: [] })).toEqual(['TX:license'])

	// A suspended home license also takes away the privileges that rest on it.
	const privilege: AuthorizationFacts = { kind: 'counseling_privilege', homeState: 'TX', states: ['AZ'], status: 'verified', ...good }
	expect(covered({ licenses: [home], authorizations: [privilege] })).toEqual(['AZ:counseling_privilege', 'TX:license'])
	expect(covered({ licenses: [suspended], authorizations: [privilege] })).toEqual([])
})

test('the search rows give a suspended license and a revoked authorization no coverage date', () => {
	const home: LicenseFacts = { state: 'TX', type: 'lpc', status: after('verified', 'suspend'), ...good }
	const telehealth: AuthorizationFacts = { kind: 'state_telehealth', homeState: 'TX', states: ['FL'], status: after('suspended', 'revoke'), ...good }
	const rows = coverageUntil({ licenses: [home], authorizations: [telehealth] }, compacts)
	for (const state of ['TX', 'FL'])
		expect(rows.get(state) ?? { licensedUntil: null, supervisedUntil: null, authorizedUntil: null }).toEqual({ licensedUntil: null, supervisedUntil: null, authorizedUntil: null })
})
