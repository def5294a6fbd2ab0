// Where a therapist may see patients (docs/product.md §3), judged on one date. A state is covered by an
// active, verified, unexpired independent license there (any session), or, for telehealth only, by
// a stored authorization; which state a session needs depends on where it happens (practicePlaces,
// and matching's eligibility.ts). The one derivation that profiles, the directory and matching all
// use. Pure: compact membership comes in as data.
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
	/** A clinic may opt in to supervised (associate) licenses (docs/product.md §2). */
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
export function authorizedStates(authorization: AuthorizationFacts, licenses: readonly LicenseFacts[], compacts: CompactMembership, onDate: string): string[] {
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

/** Where sessions with a therapist may happen, by the place of each kind of session (docs/product.md §3). */
export type PracticePlaces = {
	/** By telehealth: the states a patient may be in (a licence, or a covering authorisation); none without telehealth. */
	telehealth: Coverage[]
	/** In person at their office: its state, when they see patients in person and are licensed there. */
	inPerson: Coverage | null
	/** In-session support at a clinic: the states they are licensed in, when they offer it (it is given in person). */
	inSessionSupport: string[]
	/** Every state a telehealth or in-person session with them may happen in, sorted: what "can see patients in" a state means. */
	states: string[]
}

/**
 * Where a therapist may see patients, from their coverage on one date and how they practise: a
 * telehealth session happens where the patient is, an in-person one at the office (a licence in
 * the office's state, wherever the patient lives), in-session support at the clinic (a licence in
 * the clinic's state). The profile, the directory's results and the API's `canSeeStates` read it.
 */
export function practicePlaces(covered: readonly Coverage[], practice: { formats: readonly string[]; phases: readonly string[]; officeState: string | null }): PracticePlaces {
	const telehealth = practice.formats.includes('telehealth') ? [...covered] : []
	const inPerson = practice.formats.includes('in_person') ? (covered.find((c) => c.inPerson && c.state === practice.officeState) ?? null) : null
	const inSessionSupport = practice.formats.includes('in_person') && practice.phases.includes('in_session') ? covered.filter((c) => c.inPerson).map((c) => c.state) : []
	const states = [...new Set([...telehealth.map((c) => c.state), ...(inPerson ? [inPerson.state] : [])])].sort()
	return { telehealth, inPerson, inSessionSupport, states }
}
