import { describe, expect, test } from 'vitest'
import { INITIAL_COMPACTS } from '#app/domain/reference/compacts.ts'
import { coverage, practicePlaces, type AuthorizationFacts, type CompactMembership, type LicenseFacts } from './jurisdiction.ts'

const members = (slug: string) => new Set(INITIAL_COMPACTS.find((c) => c.slug === slug)!.members)
const compacts: CompactMembership = { psypact: members('psypact'), counseling_compact: members('counseling_compact') }
const day = '2026-12-01'
const license = (over: Partial<LicenseFacts> = {}): LicenseFacts => ({ state: 'TX', type: 'lpc', status: 'verified', expiresOn: '2027-06-30', ...over })
const authorization = (over: Partial<AuthorizationFacts> = {}): AuthorizationFacts => ({
	kind: 'state_telehealth',
	homeState: 'TX',
	states: ['FL'],
	status: 'verified',
	expiresOn: '2027-06-30',
	...over,
})
const states = (licenses: LicenseFacts[], authorizations: AuthorizationFacts[] = []) => coverage({ licenses, authorizations }, compacts, day).map((c) => `${c.state}:${c.basis}`)

test('a current, verified, independent license covers its state, in person and by telehealth', () => {
	const facts = { licenses: [license()], authorizations: [] }
	expect(coverage(facts, compacts, day)).toEqual([{ state: 'TX', basis: 'license', inPerson: true }])
})

test.each([
	['pending', license({ status: 'pending' })],
	['rejected', license({ status: 'rejected' })],
	['expired the day before', license({ expiresOn: '2026-11-30' })],
	['supervised', license({ type: 'lpc_associate' })],
])('a %s license covers nothing', (_why, facts) => {
	expect(states([facts])).toEqual([])
})

test('a license is good through its expiry date', () => {
	expect(states([license({ expiresOn: day })])).toEqual(['TX:license'])
})

test('supervised licenses count when the clinic opts in', () => {
	expect(coverage({ licenses: [license({ type: 'lmft_associate' })], authorizations: [] }, compacts, day, { allowSupervised: true })).toMatchObject([{ state: 'TX' }])
})

test('a PSYPACT APIT covers every other member state, for a psychologist licensed at home, by telehealth only', () => {
	const psychologist = [license({ type: 'psychologist' })]
	const apit = authorization({ kind: 'psypact_apit', homeState: 'TX', states: [] })
	const covered = coverage({ licenses: psychologist, authorizations: [apit] }, compacts, day)
	expect(covered.find((c) => c.state === 'TX')).toEqual({ state: 'TX', basis: 'license', inPerson: true })
	expect(covered.find((c) => c.state === 'CO')).toEqual({ state: 'CO', basis: 'psypact_apit', inPerson: false })
	expect(covered.map((c) => c.state)).not.toContain('CA') // not a member
	expect(covered).toHaveLength(compacts.psypact.size) // the home state by license, the other 41 by the APIT
})

test.each([
	['without a current home license', [license({ type: 'psychologist', expiresOn: '2026-01-01' })], authorization({ kind: 'psypact_apit', states: [] })],
	['for someone who is not a psychologist', [license({ type: 'lpc' })], authorization({ kind: 'psypact_apit', states: [] })],
	['from a home state that is not a member', [license({ type: 'psychologist', state: 'CA' })], authorization({ kind: 'psypact_apit', homeState: 'CA', states: [] })],
	['that is pending', [license({ type: 'psychologist' })], authorization({ kind: 'psypact_apit', states: [], status: 'pending' })],
	['that is rejected', [license({ type: 'psychologist' })], authorization({ kind: 'psypact_apit', states: [], status: 'rejected' })],
	['that has expired', [license({ type: 'psychologist' })], authorization({ kind: 'psypact_apit', states: [], expiresOn: '2026-11-30' })],
])('an APIT %s adds nothing', (_why, licenses, apit) => {
	expect(states(licenses, [apit]).filter((s) => !s.endsWith(':license'))).toEqual([])
})

test('an APIT listing states covers only those members, never the home state twice or a non-member', () => {
	expect(states([license({ type: 'psychologist' })], [authorization({ kind: 'psypact_apit', states: ['CO', 'CA', 'TX'] })])).toEqual(['CO:psypact_apit', 'TX:license'])
})

test('a Counseling Compact privilege covers its one remote state for a counselor licensed at home', () => {
	const privilege = authorization({ kind: 'counseling_privilege', homeState: 'TX', states: ['AZ'] })
	expect(states([license({ type: 'lpc' })], [privilege])).toEqual(['AZ:counseling_privilege', 'TX:license'])
	expect(states([license({ type: 'lpc', status: 'pending' })], [privilege])).toEqual([])
	expect(states([license({ type: 'lcsw' })], [privilege])).toEqual(['TX:license']) // a social worker's license is not a counseling license
	expect(states([license({ type: 'lpc', state: 'CO' })], [privilege])).toEqual(['CO:license']) // the license is not in the privilege's home state
})

test('a state telehealth registration covers its states, by telehealth only', () => {
	const facts = { licenses: [license()], authorizations: [authorization({ kind: 'state_telehealth', states: ['FL'] })] }
	expect(states(facts.licenses, facts.authorizations)).toEqual(['FL:state_telehealth', 'TX:license'])
	expect(coverage(facts, compacts, day).find((c) => c.state === 'FL')).toEqual({ state: 'FL', basis: 'state_telehealth', inPerson: false })
	expect(states([], [authorization({ kind: 'state_telehealth', states: ['FL'], status: 'rejected' })])).toEqual([])
})

test('a license wins over an authorization for the same state, so in-person stays possible', () => {
	const facts = { licenses: [license({ state: 'FL', type: 'lmhc' })], authorizations: [authorization({ kind: 'state_telehealth', states: ['FL'] })] }
	expect(coverage(facts, compacts, day)).toEqual([{ state: 'FL', basis: 'license', inPerson: true }])
})

test('an unknown authorization kind, as from a compact not yet switched on, adds nothing', () => {
	expect(states([license()], [authorization({ kind: 'social_work_multistate', states: ['CO'] })])).toEqual(['TX:license'])
})

describe('where sessions with a therapist may happen', () => {
	// Licensed in Washington, PSYPACT into Colorado, a state telehealth registration for Oregon.
	const facts = {
		licenses: [license({ state: 'WA', type: 'psychologist' })],
		authorizations: [authorization({ kind: 'psypact_apit', homeState: 'WA', states: ['CO'] }), authorization({ kind: 'state_telehealth', homeState: 'WA', states: ['OR'] })],
	}
	const covered = coverage(facts, compacts, day)
	const both = { formats: ['telehealth', 'in_person'], phases: ['preparation', 'in_session', 'integration'] }

	test('telehealth where the patient is, in person in the office’s state, in-session support where licensed', () => {
		const places = practicePlaces(covered, { ...both, officeState: 'WA' })
		expect(places.telehealth.map((c) => `${c.state}:${c.basis}`)).toEqual(['CO:psypact_apit', 'OR:state_telehealth', 'WA:license'])
		expect(places.inPerson).toEqual({ state: 'WA', basis: 'license', inPerson: true })
		expect(places.inSessionSupport).toEqual(['WA'])
		expect(places.states).toEqual(['CO', 'OR', 'WA'])
	})

	test('an office in a state with no licence gives no in-person sessions, whatever the patient’s state', () => {
		// A Portland, Oregon office with only a Washington licence (and an Oregon telehealth registration).
		const places = practicePlaces(covered, { ...both, officeState: 'OR' })
		expect(places.inPerson).toBeNull()
		expect(places.inSessionSupport).toEqual(['WA'])
		expect(practicePlaces(covered, { formats: ['in_person'], phases: ['integration'], officeState: 'OR' })).toEqual({ telehealth: [], inPerson: null, inSessionSupport: [], states: [] })
	})

	test('without telehealth only the office’s state; without in-session support no clinic’s', () => {
		expect(practicePlaces(covered, { formats: ['in_person'], phases: ['integration'], officeState: 'WA' })).toEqual({
			telehealth: [],
			inPerson: { state: 'WA', basis: 'license', inPerson: true },
			inSessionSupport: [],
			states: ['WA'],
		})
		expect(practicePlaces(covered, { formats: ['telehealth'], phases: ['in_session', 'integration'], officeState: null }).inSessionSupport).toEqual([])
	})
})
