// Property-based tests of matching with fast-check: random networks and referrals,
// checked against the rules of docs/product.md §3 and §6 restated here independently of the code.
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { milesBetween } from './distance.ts'
import { AUSTIN, HOUSTON, ROUND_ROCK, candidate, context, referral } from './fixtures.ts'
import { rankCandidates } from './rank.ts'
import { type MatchCandidate, type MatchReferral } from './types.ts'

const STATES = ['TX', 'CO', 'CA', 'AZ'] as const
// The fixture's series: six doses from Monday 7 December, two days apart; the last on the 17th
// (10:00 to 12:00 in Austin), its integration window closing on the 20th.
const seriesEnd = (r: MatchReferral) => (r.phases.includes('integration') ? '2026-12-20' : '2026-12-17')
const INDEPENDENT = new Set(['lpc', 'psychologist', 'lcsw'])

const subset = <T>(values: readonly T[], min = 0) => fc.subarray([...values], { minLength: min })
const expiry = fc.constantFrom('2026-12-06', '2026-12-07', '2026-12-16', '2026-12-17', '2026-12-19', '2026-12-20', '2027-06-30')

// Networks lean towards the referral's state and towards fitting, so that each filter decides often.
const licenseArb = (home: string) =>
	fc.record({
		state: fc.oneof({ arbitrary: fc.constant(home), weight: 3 }, { arbitrary: fc.constantFrom(...STATES), weight: 1 }),
		type: fc.constantFrom('lpc', 'lpc', 'psychologist', 'lcsw', 'lpc_associate'),
		status: fc.constantFrom('verified', 'verified', 'verified', 'pending', 'rejected') as fc.Arbitrary<'verified' | 'pending' | 'rejected'>,
		expiresOn: expiry,
	})
const authorizationArb = fc.record({
	kind: fc.constantFrom('psypact_apit', 'counseling_privilege', 'state_telehealth'),
	homeState: fc.constantFrom(...STATES),
	states: subset(STATES),
	status: fc.constantFrom('verified', 'pending') as fc.Arbitrary<'verified' | 'pending'>,
	expiresOn: expiry,
})

const candidateArb = (id: string, home: string = 'TX') =>
	fc
		.record({
			licenses: fc.array(licenseArb(home), { maxLength: 2 }),
			authorizations: fc.array(authorizationArb, { maxLength: 2 }),
			phases: fc.oneof({ arbitrary: fc.constant(['preparation', 'in_session', 'integration']), weight: 2 }, { arbitrary: subset(['preparation', 'in_session', 'integration'], 1), weight: 1 }),
			formats: fc.oneof({ arbitrary: fc.constant(['telehealth', 'in_person']), weight: 2 }, { arbitrary: subset(['telehealth', 'in_person'], 1), weight: 1 }),
			languages: fc.oneof({ arbitrary: fc.constant(['en']), weight: 2 }, { arbitrary: subset(['en', 'es', 'vi'], 1), weight: 1 }),
			modalities: subset(['ifs', 'somatic', 'cbt', 'act']),
			focusAreas: subset(['ptsd', 'depression', 'anxiety']),
			insurancePayers: fc.oneof({ arbitrary: fc.constant(['bcbs', 'aetna']), weight: 2 }, { arbitrary: subset(['bcbs', 'aetna', 'cigna']), weight: 1 }),
			selfPayRate: fc.option(fc.integer({ min: 60, max: 250 }), { nil: null }),
			slidingScale: fc.boolean(),
			office: fc.constantFrom(AUSTIN, ROUND_ROCK, ROUND_ROCK, HOUSTON, null),
			accepting: fc.constantFrom(true, true, true, false),
			weeklyCapacity: fc.integer({ min: 0, max: 5 }),
			load: fc.integer({ min: 0, max: 2 }),
			kapTrainingHours: fc.integer({ min: 0, max: 200 }),
			acceptanceRate: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
			medianResponseHours: fc.option(fc.integer({ min: 1, max: 96 }), { nil: null }),
			workdays: subset([0, 1, 2, 3, 4, 5, 6]),
		})
		.map((c): MatchCandidate =>
			candidate(id, {
				credentials: { licenses: c.licenses, authorizations: c.authorizations },
				phases: c.phases,
				formats: c.formats,
				languages: c.languages,
				modalities: c.modalities,
				focusAreas: c.focusAreas,
				insurancePayers: c.insurancePayers,
				selfPayRate: c.selfPayRate,
				slidingScale: c.slidingScale,
				office: c.office,
				officeState: c.office ? 'TX' : null,
				accepting: c.accepting,
				weeklyCapacity: c.weeklyCapacity,
				load: c.load,
				kapTrainingHours: c.kapTrainingHours,
				responsiveness: { acceptanceRate: c.acceptanceRate, medianResponseHours: c.medianResponseHours },
				schedule: { timeZone: 'America/Chicago', rules: c.workdays.map((dayOfWeek) => ({ dayOfWeek, startMinute: 9 * 60, endMinute: 13 * 60 })) },
			}),
		)

const networkArb = (home: string) => fc.integer({ min: 0, max: 25 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => candidateArb(`t${i}`, home))))

const referralArb = fc
	.record({
		id: fc.string({ minLength: 1, maxLength: 8 }),
		patientState: fc.constantFrom(...STATES),
		phases: fc.oneof({ arbitrary: fc.constant(['integration']), weight: 2 }, { arbitrary: subset(['preparation', 'in_session', 'integration'], 1), weight: 1 }),
		format: fc.constantFrom('telehealth', 'in_person', 'either') as fc.Arbitrary<'telehealth' | 'in_person' | 'either'>,
		languages: fc.oneof({ arbitrary: fc.constant([]), weight: 1 }, { arbitrary: fc.constant(['en']), weight: 1 }, { arbitrary: subset(['en', 'es']), weight: 1 }),
		modalities: subset(['ifs', 'somatic', 'cbt']),
		focusAreas: subset(['ptsd', 'depression']),
		payment: fc.oneof(
			fc.record({ type: fc.constant('insurance' as const), payer: fc.constantFrom('bcbs', 'aetna') }),
			fc.record({ type: fc.constant('self_pay' as const), maxRate: fc.option(fc.integer({ min: 80, max: 200 }), { nil: null }) }),
		),
		radiusMiles: fc.constantFrom(10, 25, 200),
		excluded: subset(['t0', 't1', 't2', 't3', 't4', 't5']),
		preferred: subset(['t0', 't3', 't4']),
	})
	.map((r): MatchReferral =>
		referral({
			id: r.id,
			patientState: r.patientState,
			phases: r.phases,
			format: r.format,
			languages: r.languages,
			modalities: r.modalities,
			focusAreas: r.focusAreas,
			payment: r.payment,
			radiusMiles: r.radiusMiles,
			excludedTherapistIds: new Set(r.excluded),
			preferredTherapistIds: new Set(r.preferred),
		}),
	)

/** A referral and a network leaning towards it. */
const scenarioArb = referralArb.chain((r) => networkArb(r.patientState).map((network) => [r, network] as const))

// ---- The rules, restated plainly (docs/product.md §3 and §6) -------------------------------------

const current = (c: { status: string; expiresOn: string }, until: string) => c.status === 'verified' && c.expiresOn >= until
const licensedIn = (c: MatchCandidate, state: string, until: string) => c.credentials.licenses.some((l) => l.state === state && current(l, until) && INDEPENDENT.has(l.type))

function authorizedFor(c: MatchCandidate, state: string, until: string) {
	return c.credentials.authorizations.some((a) => {
		if (!current(a, until)) return false
		const home = (types: string[]) => c.credentials.licenses.some((l) => l.state === a.homeState && current(l, until) && types.includes(l.type))
		if (a.kind === 'psypact_apit') {
			const members = context.compacts.psypact
			const covers = a.states.length === 0 ? members.has(state) : a.states.includes(state) && members.has(state)
			return home(['psychologist']) && members.has(a.homeState) && covers && state !== a.homeState
		}
		if (a.kind === 'counseling_privilege') return home(['lpc']) && a.states.includes(state) && state !== a.homeState
		return a.states.includes(state)
	})
}

function passesEveryFilter(r: MatchReferral, c: MatchCandidate): boolean {
	// Where each session happens (§3): telehealth where the patient is, in person at the office
	// (every office here is in Texas), in-session support at the clinic (Austin, Texas).
	const S = r.patientState
	const until = seriesEnd(r)
	const near = c.office !== null && milesBetween(c.office, AUSTIN) <= r.radiusMiles
	const patientCovered = licensedIn(c, S, until) || authorizedFor(c, S, until)
	const officeLicensed = near && licensedIn(c, 'TX', until)
	const atClinic = r.phases.includes('in_session')
	const others = r.phases.some((p) => p !== 'in_session')
	const othersCovered = r.format === 'telehealth' ? patientCovered : r.format === 'in_person' ? officeLicensed : patientCovered || officeLicensed
	if ((atClinic && !licensedIn(c, 'TX', until)) || (others && !othersCovered)) return false
	if (!r.phases.every((p) => c.phases.includes(p))) return false
	const telehealth = c.formats.includes('telehealth')
	const inPerson = c.formats.includes('in_person')
	if (atClinic && !(inPerson && near)) return false
	if (others && r.format === 'telehealth' && !telehealth) return false
	if (others && r.format === 'in_person' && !inPerson) return false
	if (others && r.format === 'either' && !(telehealth && patientCovered) && !(inPerson && officeLicensed)) return false
	if (!c.accepting || c.load >= c.weeklyCapacity) return false
	if (r.languages.length && !r.languages.some((l) => c.languages.includes(l))) return false
	if (r.payment.type === 'insurance' && !c.insurancePayers.includes(r.payment.payer!)) return false
	if (r.payment.type === 'self_pay' && r.payment.maxRate != null && !c.slidingScale && !(c.selfPayRate !== null && c.selfPayRate <= r.payment.maxRate)) return false
	if (r.excludedTherapistIds.has(c.id)) return false
	return true
}

const runs = { numRuns: 200 }

test('every suggested therapist passes every hard filter, and no eligible therapist is missing', () => {
	fc.assert(
		fc.property(scenarioArb, ([r, network]) => {
			const suggested = new Set(rankCandidates(r, network, context).suggestions.map((s) => s.therapistId))
			for (const c of network) expect(suggested.has(c.id), c.id).toBe(passesEveryFilter(r, c))
		}),
		runs,
	)
})

test('the excluded counts account for every therapist not suggested', () => {
	fc.assert(
		fc.property(scenarioArb, ([r, network]) => {
			const ranking = rankCandidates(r, network, context)
			const excluded = Object.values(ranking.excluded).reduce((a, b) => a + b, 0)
			expect(excluded + ranking.suggestions.length).toBe(network.length)
		}),
		runs,
	)
})

test('with a limit, the ranking is exactly the first places of the full one (availability is worked out only where it could matter)', () => {
	fc.assert(
		fc.property(scenarioArb, fc.integer({ min: 1, max: 8 }), ([r, network], limit) => {
			const full = rankCandidates(r, network, context)
			const limited = rankCandidates(r, network, context, { limit })
			expect(limited.suggestions).toEqual(full.suggestions.slice(0, limit))
			expect(limited.eligible).toBe(full.suggestions.length)
			expect(limited.excluded).toEqual(full.excluded)
		}),
		runs,
	)
})

test('with ceilings (upper bounds on scores, as SQL supplies them) the limited ranking is still the first places of the full one', () => {
	fc.assert(
		fc.property(scenarioArb, fc.integer({ min: 1, max: 3 }), fc.double({ min: 0.5, max: 5, noNaN: true }), ([r, few], limit, step) => {
			// Three copies of the network, so that more fit than the limit.
			const network = [...few, ...few.map((c) => ({ ...c, id: `${c.id}-b` })), ...few.map((c) => ({ ...c, id: `${c.id}-c` }))]
			const full = rankCandidates(r, network, context)
			// Looser for the lower places, so the candidates come up in an order far from the final one.
			const ceilings = new Map(full.suggestions.map((s, i) => [s.therapistId, s.score + i * step]))
			const limited = rankCandidates(r, network, context, { limit, ceilings })
			expect(limited.suggestions).toEqual(full.suggestions.slice(0, limit))
		}),
		runs,
	)
})

test('the order is stable: the same input, in any order, gives the same ranking', () => {
	fc.assert(
		fc.property(scenarioArb, fc.nat(), ([r, network], seed) => {
			const shuffled = [...network].sort((a, b) => ((a.id.charCodeAt(1) * 31 + seed) % 7) - ((b.id.charCodeAt(1) * 31 + seed) % 7))
			expect(rankCandidates(r, shuffled, context)).toEqual(rankCandidates(r, network, context))
			const scores = rankCandidates(r, network, context).suggestions.map((s) => s.score)
			expect(scores).toEqual([...scores].sort((a, b) => b - a))
		}),
		runs,
	)
})

test('a therapist whose only license expires the day before the series ends is never suggested', () => {
	fc.assert(
		fc.property(referralArb, candidateArb('lapsed'), (r, c) => {
			const dayBefore = r.phases.includes('integration') ? '2026-12-19' : '2026-12-16'
			const lapsed: MatchCandidate = { ...c, credentials: { licenses: [{ state: r.patientState, type: 'lpc', status: 'verified', expiresOn: dayBefore }], authorizations: [] } }
			expect(rankCandidates(r, [lapsed], context).suggestions).toEqual([])
		}),
		runs,
	)
})

test('without a licence where the patient is: by telehealth only through a covering authorization, or in person at an office in a state where they are licensed', () => {
	fc.assert(
		fc.property(scenarioArb, ([r, network]) => {
			for (const s of rankCandidates(r, network, context).suggestions) {
				const c = network.find((n) => n.id === s.therapistId)!
				if (licensedIn(c, r.patientState, seriesEnd(r))) continue
				if (s.mode === 'telehealth') expect(authorizedFor(c, r.patientState, seriesEnd(r))).toBe(true)
				// Every office here is in Texas, and so is the clinic.
				else expect(licensedIn(c, 'TX', seriesEnd(r))).toBe(true)
			}
		}),
		runs,
	)
})

test('payment never changes the score', () => {
	fc.assert(
		fc.property(scenarioArb, ([r, network]) => {
			// Everyone fits both ways of paying here, so only the score could differ.
			const open = network.map((c) => ({ ...c, insurancePayers: ['bcbs', 'aetna'], slidingScale: true }))
			const insured = rankCandidates({ ...r, payment: { type: 'insurance', payer: 'aetna' } }, open, context).suggestions
			const selfPay = rankCandidates({ ...r, payment: { type: 'self_pay', maxRate: 90 } }, open, context).suggestions
			expect(insured.map((s) => [s.therapistId, s.score])).toEqual(selfPay.map((s) => [s.therapistId, s.score]))
		}),
		runs,
	)
})

test('a preferred partner gains score but never eligibility', () => {
	fc.assert(
		fc.property(scenarioArb, ([r, network]) => {
			const plain = rankCandidates({ ...r, preferredTherapistIds: new Set() }, network, context)
			const partners = rankCandidates({ ...r, preferredTherapistIds: new Set(network.map((c) => c.id)) }, network, context)
			expect(new Set(partners.suggestions.map((s) => s.therapistId))).toEqual(new Set(plain.suggestions.map((s) => s.therapistId)))
			for (const s of partners.suggestions) expect(s.score).toBeGreaterThan(plain.suggestions.find((p) => p.therapistId === s.therapistId)!.score)
		}),
		runs,
	)
})

test('equal scores are ordered by a hash of referral and therapist, not by id or input order', () => {
	const twins = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => candidate(id))
	const order = (id: string) => rankCandidates(referral({ id }), twins, context).suggestions.map((s) => s.therapistId)
	expect(new Set(rankCandidates(referral(), twins, context).suggestions.map((s) => s.score)).size).toBe(1)
	const orders = new Set(['r1', 'r2', 'r3', 'r4', 'r5'].map((id) => order(id).join('')))
	expect(orders.size).toBeGreaterThan(1) // different referrals order the twins differently
	expect(order('r1')).toEqual(order('r1'))
})
