// Where a therapist may see patients (PRODUCT.md §3), judged on one date: the state the patient is
// in must be covered by an active, verified, unexpired independent license (telehealth and in
// person), or, for telehealth only, by a stored authorization. The one derivation that profiles,
// the directory and matching all use. Pure: compact membership comes in as data.
import { isIndependentLicense, licenseProfession } from '#app/domain/reference/credentials.ts'

export type CredentialStatus = 'pending' | 'verified' | 'rejected' | 'suspended' | 'revoked'
/** Dates are local calendar dates, YYYY-MM-DD: a credential is good through its expiry date. */
export type LicenseFacts = { state: string; type: string; status: CredentialStatus; expiresOn: string }
export type AuthorizationFacts = { kind: string; homeState: string; states: readonly string[]; status: CredentialStatus; expiresOn: string }
export type CredentialFacts = { licenses: readonly LicenseFacts[]; authorizations: readonly AuthorizationFacts[] }

/** Member states of each compact, from the Compact tables (admins keep them current). */
export type CompactMembership = { psypact: ReadonlySet<string>; counseling_compact: ReadonlySet<string> }

export type Basis = 'license' | 'psypact_apit' | 'counseling_privilege' | 'state_telehealth'

/** How a therapist may see patients in one state: in person only by license. */
export type Coverage = { state: string; basis: Basis; inPerson: boolean }

export type JurisdictionOptions = {
	/** A clinic may opt in to supervised (associate) licenses (PRODUCT.md §2). */
	allowSupervised?: boolean
}

/** Verified and not expired on `onDate`. Pending and rejected credentials never count. */
export function isCurrent(credential: { status: CredentialStatus; expiresOn: string }, onDate: string): boolean {
	return credential.status === 'verified' && credential.expiresOn >= onDate
}

function currentLicenses(facts: CredentialFacts, onDate: string, options: JurisdictionOptions) {
	return facts.licenses.filter((l) => isCurrent(l, onDate) && (isIndependentLicense(l.type) || options.allowSupervised === true))
}

/** The states an authorization lets its holder serve by telehealth on `onDate`, with why. */
export function authorizedStates(
	authorization: AuthorizationFacts,
	licenses: readonly LicenseFacts[],
	compacts: CompactMembership,
	onDate: string,
): string[] {
	if (!isCurrent(authorization, onDate)) return []
	const homeLicensed = (profession: string) =>
		licenses.some((l) => l.state === authorization.homeState && isCurrent(l, onDate) && isIndependentLicense(l.type) && licenseProfession(l.type) === profession)
	switch (authorization.kind) {
		case 'psypact_apit': {
			// A psychologist licensed at home, with home and patient state both members; an empty list means every member.
			if (!homeLicensed('psychologist') || !compacts.psypact.has(authorization.homeState)) return []
			const covered = authorization.states.length === 0 ? [...compacts.psypact] : authorization.states
			return covered.filter((s) => s !== authorization.homeState && compacts.psypact.has(s))
		}
		case 'counseling_privilege':
			// One privilege per remote state, held on an active home-state counselling license.
			return homeLicensed('counselor') ? authorization.states.filter((s) => s !== authorization.homeState) : []
		case 'state_telehealth':
			return [...authorization.states]
		default:
			return []
	}
}

/** Every state the therapist may see patients in on `onDate`, sorted, licenses first when both apply. */
export function coverage(facts: CredentialFacts, compacts: CompactMembership, onDate: string, options: JurisdictionOptions = {}): Coverage[] {
	const byState = new Map<string, Coverage>()
	for (const license of currentLicenses(facts, onDate, options)) byState.set(license.state, { state: license.state, basis: 'license', inPerson: true })
	for (const authorization of facts.authorizations) {
		for (const state of authorizedStates(authorization, facts.licenses, compacts, onDate)) {
			if (!byState.has(state)) byState.set(state, { state, basis: authorization.kind as Basis, inPerson: false })
		}
	}
	return [...byState.values()].sort((a, b) => a.state.localeCompare(b.state))
}

/** Whether the therapist may see a patient in `state` on `onDate`, by telehealth or in person. */
export function canSeePatientIn(
	facts: CredentialFacts,
	compacts: CompactMembership,
	state: string,
	onDate: string,
	format: 'telehealth' | 'in_person',
	options: JurisdictionOptions = {},
): Coverage | null {
	const found = coverage(facts, compacts, onDate, options).find((c) => c.state === state)
	if (!found) return null
	return format === 'in_person' && !found.inPerson ? null : found
}
