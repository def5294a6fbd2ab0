// Property test (fast-check): random networks of therapists and random referrals written to the
// database, matched both ways — the matching statement over the search rows (candidates.server.ts,
// with its pure re-check of what it fetches) and the pure filters and ranking (rank.ts) over the
// same facts built straight from what was written — must agree on who is suggested, in what
// order and with what score, on the "why not" counts per filter, and on the first filter that
// excludes each named therapist. The statement's own verdicts (before the pure re-check) are
// compared too, so that a predicate too lenient in SQL cannot hide behind the re-check.
//
// The networks lean on the rules that are easy to get wrong: where each session happens (the
// patient's state by telehealth, an office's state in person, the clinic's for in-session support,
// all three possibly different), licences and supervised licences with and without the referral's
// consent, authorizations for telehealth only, expiry dates on either side of the end of the
// series, the timing filter's windows, load from offers, declined and blocked therapists, and
// identical twins whose scores tie. Seeded and small, so that it runs in the ordinary test run.
import fc from 'fast-check'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { overridesFromRows, type WeeklyRule } from '#app/domain/availability/ranges.ts'
import { addDaysToDate } from '#app/domain/calendar-dates.ts'
import { naiveMatch } from '#app/domain/matching/baseline.server.ts'
import { firstFetch, loadMatchReferral, matchReferral, matchStatement, whyNotTherapist } from '#app/domain/matching/candidates.server.ts'
import { FILTERS, type Filter } from '#app/domain/matching/eligibility.ts'
import { rankCandidates, whyNot } from '#app/domain/matching/rank.ts'
import { responsiveness } from '#app/domain/matching/search-facts.ts'
import { refreshTherapistSearch } from '#app/domain/matching/search-index.server.ts'
import { type MatchCandidate, type MatchContext, type MatchReferral } from '#app/domain/matching/types.ts'
import { INITIAL_COMPACTS } from '#app/domain/reference/compacts.ts'
import { ensureReferenceData } from '#app/domain/reference/reference-data.server.ts'
import { lookupZip, zipOffice } from '#app/domain/reference/zip-codes.server.ts'
import { expandDoses, validThroughDate } from '#app/domain/referrals/dosing.ts'
import { countsTowardsLoad, holdsBookedSession, type OfferStatus } from '#app/domain/referrals/offers.ts'
import { sessionRange } from '#app/domain/referrals/proposals.ts'
import { type ReferralStatus } from '#app/domain/referrals/statuses.ts'
import { wallTimeToInstant } from '#app/domain/availability/ranges.ts'
import { closeDatabase, db, driverQuery } from '#app/utils/db.server.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'

/**
 * When matching runs and the search rows were written: a fixed instant, so that a seed always
 * gives the same networks, off the half hour as a real request is (series cross the March
 * daylight-saving change).
 */
const AS_OF = new Date('2027-02-22T17:10:30Z')

// Clinics on both sides of the Columbia and one inland, offices near and far: Portland OR,
// Gresham OR (about 13 miles east), Vancouver WA (about 9 miles north), Seattle WA, Boise ID.
const CLINICS = [
	{ state: 'OR', city: 'Portland', zip: '97205', timeZone: 'America/Los_Angeles' },
	{ state: 'WA', city: 'Vancouver', zip: '98660', timeZone: 'America/Los_Angeles' },
	{ state: 'ID', city: 'Boise', zip: '83702', timeZone: 'America/Boise' },
] as const
const OFFICE_ZIPS = ['97205', '97030', '98660', '98101', '83702'] as const
// OR and CA are not PSYPACT members; AZ is in the Counseling Compact.
const STATES = ['OR', 'WA', 'ID', 'CA', 'AZ'] as const
const THERAPIST_ZONES = ['America/Los_Angeles', 'America/Boise', 'America/Phoenix', 'America/New_York'] as const
const LICENSE_TYPES = ['lpc', 'lpc', 'psychologist', 'lcsw', 'pmhnp', 'lpc_associate', 'lmsw'] as const
const CREDENTIAL_STATUSES = ['verified', 'verified', 'verified', 'pending', 'rejected', 'suspended'] as const
const PHASES = ['preparation', 'in_session', 'integration'] as const
// Days from the date the series must be covered through (validThroughDate): either side of it, and well after.
const EXPIRY_OFFSETS = [-30, -1, 0, 1, 400] as const

const subset = <T>(values: readonly T[], min = 0): fc.Arbitrary<T[]> => fc.subarray([...values], { minLength: min })
const list = (values: readonly string[]): fc.Arbitrary<string[]> => fc.constant([...values])
const weighted = <T>(...options: [T, number][]) => fc.oneof(...options.map(([value, weight]) => ({ arbitrary: fc.constant(value), weight })))

type Credential = { state: string; type: string; status: (typeof CREDENTIAL_STATUSES)[number]; expiry: number }
type Authorization = { kind: string; homeState: string; states: string[]; status: (typeof CREDENTIAL_STATUSES)[number]; expiry: number }
type TherapistModel = {
	timeZone: string
	phases: string[]
	formats: string[]
	languages: string[]
	modalities: string[]
	focusAreas: string[]
	insurancePayers: string[]
	selfPayRate: number | null
	slidingScale: boolean
	officeZip: string | null
	accepting: boolean
	weeklyCapacity: number
	kapTrainingHours: number
	licenses: Credential[]
	authorizations: Authorization[]
	rules: WeeklyRule[]
	/** Days from the first dose's date, and that day's hours (null: a day off). */
	overrides: { day: number; hours: [number, number] | null }[]
	standing: 'partner' | 'blocked' | null
	declined: boolean
	/** A copy of the therapist before (offers aside): two equal scores. */
	twin: boolean
}
type OfferModel = { therapist: number; status: OfferStatus; sentHoursAgo: number; answeredAfterHours: number }

const referralArb = fc
	.record({
		id: fc.integer({ min: 0, max: 1_000_000 }).map((n) => `ref${n}`),
		clinic: fc.constantFrom(...CLINICS),
		patientState: fc.constantFrom<string>(...STATES),
		samePatientState: fc.boolean(),
		phases: fc.oneof({ arbitrary: list(['integration']), weight: 1 }, { arbitrary: subset<string>(PHASES, 1), weight: 3 }),
		format: fc.constantFrom('telehealth', 'in_person', 'either') as fc.Arbitrary<'telehealth' | 'in_person' | 'either'>,
		languages: fc.oneof(list([]), list(['en']), list(['es']), subset(['en', 'es', 'vi'], 1)),
		modalities: subset(['ifs', 'somatic', 'cbt']),
		focusAreas: subset(['ptsd', 'depression']),
		payment: fc.oneof(
			fc.record({ type: fc.constant('insurance' as const), payer: fc.constantFrom('bcbs', 'aetna') }),
			fc.record({
				type: fc.constant('self_pay' as const),
				maxRate: fc.option(
					fc.integer({ min: 4, max: 10 }).map((n) => n * 20),
					{ nil: null },
				),
			}),
		),
		// Mostly within the search rows' thirteen weeks of free time; now and then past them (judged from the full record).
		firstDoseDay: weighted<number>([1, 2], [3, 2], [10, 3], [20, 2], [100, 1]),
		// The first dose's clock time where the clinic is, on the quarter hour (cells are half hours).
		firstDoseMinute: fc.integer({ min: 7 * 4, max: 17 * 4 }).map((q) => q * 15),
		doses: fc.oneof(
			fc.record({ sessions: fc.integer({ min: 1, max: 6 }), cadenceDays: fc.integer({ min: 1, max: 4 }) }),
			fc.array(fc.constantFrom(12, 13.5, 24, 50), { minLength: 0, maxLength: 5 }).map((gaps) => ({ gaps })),
		),
		doseMinutes: fc.constantFrom(60, 120, 240),
		integration: fc.constantFrom({ from: 24, to: 72 }, { from: 0, to: 6 }, { from: 2, to: 26 }, { from: 48, to: 49 }),
		preparation: fc.constantFrom({ from: 336, to: 24 }, { from: 100, to: 2 }, { from: 30, to: 29 }, { from: 48, to: 1 }),
		timingRequired: fc.boolean(),
		acceptSupervised: fc.boolean(),
		radiusMiles: fc.constantFrom(5, 15, 25, 400),
		status: fc.constantFrom<ReferralStatus>('open', 'draft'),
	})
	.map((r) => ({ ...r, patientState: r.samePatientState ? r.clinic.state : r.patientState }))
type ReferralModel = typeof referralArb extends fc.Arbitrary<infer T> ? T : never

function dosesOf(r: ReferralModel): Date[] {
	const date = addDaysToDate(AS_OF.toISOString().slice(0, 10), r.firstDoseDay)
	const first = wallTimeToInstant(date, r.firstDoseMinute, r.clinic.timeZone)
	if ('sessions' in r.doses) return expandDoses(first, r.doses.sessions, r.doses.cadenceDays, r.clinic.timeZone)
	const doses = [first]
	for (const gap of r.doses.gaps) doses.push(new Date(doses.at(-1)!.getTime() + gap * 3_600_000))
	return doses
}

const credentialArb = (states: fc.Arbitrary<string>) =>
	fc.record({ state: states, type: fc.constantFrom<string>(...LICENSE_TYPES), status: fc.constantFrom(...CREDENTIAL_STATUSES), expiry: fc.constantFrom(...EXPIRY_OFFSETS) })
const authorizationArb = fc.record({
	kind: fc.constantFrom('psypact_apit', 'counseling_privilege', 'state_telehealth'),
	homeState: fc.constantFrom<string>(...STATES),
	states: subset<string>(STATES),
	status: fc.constantFrom(...CREDENTIAL_STATUSES),
	expiry: fc.constantFrom(...EXPIRY_OFFSETS),
})
/**
 * A telehealth authorization with the home licence it rests on (PSYPACT: a psychologist's;
 * a Counseling Compact privilege: a counsellor's), now and then of the wrong profession, each
 * with its own expiry, covering the patient's state or a few others.
 */
const remoteArb = (patientState: string) =>
	fc
		.record({
			kind: fc.constantFrom('psypact_apit', 'counseling_privilege', 'state_telehealth'),
			homeState: fc.constantFrom<string>(...STATES),
			states: fc.oneof({ arbitrary: list([patientState]), weight: 2 }, { arbitrary: list([]), weight: 1 }, { arbitrary: subset<string>(STATES), weight: 1 }),
			status: weighted<Credential['status']>(['verified', 4], ['pending', 1], ['suspended', 1]),
			expiry: weighted<number>([400, 3], [0, 1], [-1, 1], [1, 1]),
			homeExpiry: weighted<number>([400, 3], [0, 1], [-1, 1], [1, 1]),
			homeProfession: weighted([true, 4], [false, 1]),
		})
		.map(({ homeExpiry, homeProfession, ...a }) => {
			const type = a.kind === 'psypact_apit' ? (homeProfession ? 'psychologist' : 'lpc') : homeProfession ? 'lpc' : 'lcsw'
			return { authorization: a satisfies Authorization, license: { state: a.homeState, type, status: 'verified', expiry: homeExpiry } satisfies Credential }
		})

const ruleArb = fc
	.record({ dayOfWeek: fc.integer({ min: 0, max: 6 }), start: fc.integer({ min: 24, max: 84 }), quarters: fc.integer({ min: 2, max: 40 }) })
	.map(({ dayOfWeek, start, quarters }) => ({ dayOfWeek, startMinute: start * 15, endMinute: Math.min(1440, (start + quarters) * 15) }))

// Networks lean towards the referral's places, so that each filter decides often: licences
// where the patient and the clinic are and on both sides of the river, offices near the clinic.
const therapistArb = (r: ReferralModel) => {
	const state = fc.oneof(fc.constant(r.patientState), fc.constant(r.clinic.state), fc.constantFrom<string>(...STATES))
	const near = r.clinic.state === 'ID' ? ['83702'] : ['97205', '97030', '98660']
	// Verified licences, most independent, some supervised (counting only with the referral's
	// consent); most good well after the series, some expiring on the day it ends or either side of
	// it: most therapists hold one or two of these.
	const soundExpiry = weighted<number>([400, 3], [0, 2], [-1, 1], [1, 1])
	const soundType = weighted<string>(['lpc', 4], ['psychologist', 1], ['lcsw', 1], ['lpc_associate', 1], ['lmsw', 1])
	const sound = (state: string) => fc.record({ state: fc.constant(state), type: soundType, status: fc.constant('verified' as const), expiry: soundExpiry })
	const licenses = fc
		.tuple(
			subset([...new Set([r.patientState, r.clinic.state, 'OR', 'WA'])]).chain((states) => fc.tuple(...states.map(sound))),
			fc.array(credentialArb(state), { maxLength: 2 }),
		)
		.map(([a, b]): Credential[] => [...a, ...b])
	return fc
		.record({
			timeZone: fc.constantFrom(...THERAPIST_ZONES),
			phases: fc.oneof({ arbitrary: list(PHASES), weight: 2 }, { arbitrary: subset<string>(PHASES, 1), weight: 1 }),
			formats: fc.oneof({ arbitrary: list(['telehealth', 'in_person']), weight: 2 }, { arbitrary: subset(['telehealth', 'in_person'], 1), weight: 1 }),
			languages: fc.oneof({ arbitrary: list(['en']), weight: 2 }, { arbitrary: subset(['en', 'es', 'vi'], 1), weight: 1 }),
			modalities: subset(['ifs', 'somatic', 'cbt', 'act']),
			focusAreas: subset(['ptsd', 'depression', 'anxiety']),
			insurancePayers: subset(['bcbs', 'aetna', 'cigna']),
			selfPayRate: fc.option(
				fc.integer({ min: 4, max: 10 }).map((n) => n * 20),
				{ nil: null },
			),
			slidingScale: fc.boolean(),
			officeZip: fc.oneof({ arbitrary: fc.constantFrom<string | null>(...near), weight: 3 }, { arbitrary: fc.constantFrom<string | null>(...OFFICE_ZIPS, null), weight: 2 }),
			accepting: weighted([true, 4], [false, 1]),
			weeklyCapacity: fc.constantFrom(0, 1, 2, 3, 3),
			kapTrainingHours: fc.constantFrom(0, 40, 120, 200),
			licenses,
			authorizations: fc.array(authorizationArb, { maxLength: 2 }),
			rules: fc.array(ruleArb, { maxLength: 8 }),
			overrides: fc.uniqueArray(
				fc.record({
					day: fc.integer({ min: -3, max: 4 }),
					hours: fc.option(
						fc.tuple(fc.integer({ min: 24, max: 72 }), fc.integer({ min: 2, max: 24 })).map(([s, q]): [number, number] => [s * 15, (s + q) * 15]),
						{ nil: null },
					),
				}),
				{ maxLength: 2, selector: (o) => o.day },
			),
			standing: weighted<'partner' | 'blocked' | null>([null, 4], ['partner', 1], ['blocked', 1]),
			declined: weighted([false, 6], [true, 1]),
			twin: weighted([false, 2], [true, 1]),
			// Most therapists are made to fit the referral in every way but where their office is, their
			// free time and their load, so that rankings are long enough to order; the others are left as drawn.
			remote: fc.option(remoteArb(r.patientState), { freq: 2 }),
			fits: weighted<Misfit | 'drawn' | 'all'>(['all', 3], ['drawn', 3], ['phases', 1], ['format', 1], ['capacity', 1], ['language', 1], ['payment', 1], ['not_excluded', 1]),
			fitExpiry: soundExpiry,
			fitType: soundType,
		})
		.map(({ fits, fitExpiry, fitType, remote, ...drawn }): TherapistModel => {
			// With an authorization, no licence where the patient is: the authorization decides alone.
			const t = remote ? { ...drawn, licenses: [...drawn.licenses.filter((l) => l.state !== r.patientState), remote.license], authorizations: [...drawn.authorizations, remote.authorization] } : drawn
			return fits === 'drawn' ? t : fitted(t, r, { expiry: fitExpiry, type: fitType }, fits === 'all' ? null : fits)
		})
}

type Misfit = 'phases' | 'format' | 'capacity' | 'language' | 'payment' | 'not_excluded'

/** The therapist made to fit the referral, but for where their office is, their free time, their load, and the one filter named. */
function fitted(t: TherapistModel, r: ReferralModel, licence: { expiry: number; type: string }, misfit: Misfit | null): TherapistModel {
	const officeState = t.officeZip ? zipOffice(t.officeZip)!.state : null
	const licensed = new Set(t.licenses.filter((l) => l.status === 'verified' && ['lpc', 'psychologist', 'lcsw'].includes(l.type) && l.expiry >= 0).map((l) => l.state))
	// Where an authorization may cover the patient's state, it is left to decide alone.
	const authorized = t.authorizations.some((a) => a.states.length === 0 || a.states.includes(r.patientState))
	const needed = [...(authorized ? [] : [r.patientState]), r.clinic.state, ...(officeState ? [officeState] : [])].filter((s) => !licensed.has(s))
	const maxRate = r.payment.type === 'self_pay' ? r.payment.maxRate : null
	return {
		...t,
		phases: misfit === 'phases' ? PHASES.filter((p) => p !== r.phases[0]) : [...PHASES],
		formats: misfit === 'format' ? [r.format === 'telehealth' && !r.phases.includes('in_session') ? 'in_person' : 'telehealth'] : ['telehealth', 'in_person'],
		languages: misfit === 'language' ? ['vi'] : [...new Set([...t.languages, ...r.languages.slice(0, 1)])],
		insurancePayers: r.payment.type === 'insurance' ? (misfit === 'payment' ? [] : [...new Set([...t.insurancePayers, r.payment.payer])]) : t.insurancePayers,
		slidingScale: maxRate !== null ? misfit !== 'payment' : t.slidingScale,
		selfPayRate: maxRate !== null && misfit === 'payment' ? maxRate + 20 : t.selfPayRate,
		accepting: misfit !== 'capacity',
		weeklyCapacity: Math.max(2, t.weeklyCapacity),
		licenses: [...t.licenses, ...[...new Set(needed)].map((state): Credential => ({ state, status: 'verified', ...licence }))],
		// Declined this referral, or blocked by the clinic.
		standing: misfit === 'not_excluded' ? (t.declined ? t.standing : 'blocked') : t.standing === 'blocked' ? null : t.standing,
		declined: misfit === 'not_excluded' && t.declined,
	}
}

const offerArb = (n: number) =>
	fc.record({
		therapist: fc.integer({ min: 0, max: Math.max(0, n - 1) }),
		status: fc.constantFrom<OfferStatus>('pending', 'accepted', 'declined', 'expired', 'chosen', 'released'),
		sentHoursAgo: fc.integer({ min: 1, max: 400 }),
		answeredAfterHours: fc.integer({ min: 1, max: 60 }),
	})
// Other referrals: their live offers make up the therapists' load, their answered ones the
// responsiveness, and a chosen offer on a scheduled one a booked first session near this series.
const otherArb = (n: number) =>
	fc.record({
		status: fc.constantFrom<ReferralStatus>('open', 'shortlisted', 'matched', 'scheduled', 'in_care', 'cancelled'),
		// Quarter hours around the first dose: booked hours need not start on a half hour.
		firstSessionHours: fc.integer({ min: -480, max: 720 }).map((q) => q / 4),
		offers: n === 0 ? fc.constant<OfferModel[]>([]) : fc.uniqueArray(offerArb(n), { maxLength: n, selector: (o) => o.therapist }),
	})

const scenarioArb = referralArb.chain((referral) =>
	// Sizes drawn evenly (fast-check would favour tiny networks); shrinking removes therapists.
	fc
		.array(therapistArb(referral), { minLength: 1, maxLength: 8, size: 'max' })
		.chain((therapists) => fc.record({ referral: fc.constant(referral), therapists: fc.constant(therapists), others: fc.array(otherArb(therapists.length), { maxLength: 3 }) })),
)
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never

const compacts = Object.fromEntries(['psypact', 'counseling_compact'].map((slug) => [slug, new Set(INITIAL_COMPACTS.find((c) => c.slug === slug)!.members)]))
const context = { compacts } as unknown as MatchContext

/** The scenario as plain facts: the therapists (twins resolved), with ids, and the referral as matching reads it. */
function facts(s: Scenario) {
	const r = s.referral
	const patientState = r.patientState
	const doses = dosesOf(r)
	const series = { phases: r.phases, doses, doseMinutes: r.doseMinutes, integrationWindowHours: r.integration, preparationWindowHours: r.preparation }
	const validThrough = validThroughDate(series, r.clinic.timeZone)
	const firstDoseDate = doses[0]!.toISOString().slice(0, 10)
	const therapists: (TherapistModel & { id: string })[] = []
	// Each twin's original (itself when it is none): twins get their original's offers too.
	const original: number[] = []
	for (const [i, t] of s.therapists.entries()) {
		const twin = t.twin && i > 0
		therapists.push({ ...(twin ? therapists[i - 1]! : t), id: `t${i}` })
		original.push(twin ? original[i - 1]! : i)
	}
	const clinicPlace = lookupZip(r.clinic.zip)
	if (!clinicPlace.ok) throw new Error(`unknown clinic ZIP ${r.clinic.zip}`)
	const referral: MatchReferral = {
		id: r.id,
		patientState,
		format: r.format,
		modalities: r.modalities,
		focusAreas: r.focusAreas,
		languages: r.languages,
		payment: r.payment.type === 'insurance' ? { type: 'insurance', payer: r.payment.payer, maxRate: null } : { type: 'self_pay', payer: null, maxRate: r.payment.maxRate },
		...series,
		timingRequired: r.timingRequired,
		allowSupervised: r.acceptSupervised,
		asOf: AS_OF,
		radiusMiles: r.radiusMiles,
		clinic: { location: { latitude: clinicPlace.place.latitude, longitude: clinicPlace.place.longitude }, timeZone: r.clinic.timeZone, state: r.clinic.state },
		excludedTherapistIds: new Set(therapists.filter((t) => t.declined || t.standing === 'blocked').map((t) => t.id)),
		preferredTherapistIds: new Set(therapists.filter((t) => t.standing === 'partner').map((t) => t.id)),
	}
	// At most one chosen offer per referral (a unique index): later ones become accepted.
	const others = s.others.map((o, i) => {
		let chosen = false
		const mirrored = o.offers
			.filter((offer) => original[offer.therapist] === offer.therapist)
			.flatMap((offer) => original.flatMap((root, j) => (root === offer.therapist ? [{ ...offer, therapist: j }] : [])))
		const offers = mirrored.map((offer) => {
			if (offer.status !== 'chosen') return offer
			if (chosen) return { ...offer, status: 'accepted' as const }
			chosen = true
			return offer
		})
		return { ...o, id: `other${i}`, firstSessionAt: new Date(doses[0]!.getTime() + o.firstSessionHours * 3_600_000), offers }
	})
	const offerTimes = (offer: OfferModel) => {
		const sentAt = new Date(AS_OF.getTime() - offer.sentHoursAgo * 3_600_000)
		const answered = !['pending', 'expired', 'withdrawn'].includes(offer.status)
		return { sentAt, respondedAt: answered ? new Date(sentAt.getTime() + offer.answeredAfterHours * 3_600_000) : null }
	}
	return { referral, therapists, others, validThrough, firstDoseDate, offerTimes, clinic: r.clinic, status: r.status }
}
type Facts = ReturnType<typeof facts>

const day = (date: string) => new Date(`${date}T00:00:00Z`)

async function write(f: Facts) {
	// The previous run's rows, deleted (not truncated) so that the network's tally follows, as it does in the app.
	for (const table of ['Offer', 'Referral', 'ClinicTherapist', 'Therapist', 'Clinic']) await db().$executeRawUnsafe(`DELETE FROM "${table}"`)
	const clinic = await db().clinic.create({
		data: { id: 'clinic', name: `${f.clinic.city} Ketamine`, state: f.clinic.state, city: f.clinic.city, zip: f.clinic.zip, timeZone: f.clinic.timeZone, acceptSupervisedByDefault: false },
	})
	for (const t of f.therapists) {
		await db().therapist.create({
			data: {
				id: t.id,
				email: `${t.id}@example.org`,
				fullName: t.id,
				credentials: 'LPC',
				timeZone: t.timeZone,
				phases: t.phases,
				formats: t.formats,
				modalities: t.modalities,
				focusAreas: t.focusAreas,
				languages: t.languages,
				insurancePayers: t.insurancePayers,
				selfPayRate: t.selfPayRate,
				slidingScale: t.slidingScale,
				officeZip: t.officeZip,
				weeklyCapacity: t.weeklyCapacity,
				accepting: t.accepting,
				kapTrainingHours: t.kapTrainingHours,
				licenses: {
					create: t.licenses.map((l, i) => ({ state: l.state, type: l.type as 'lpc', number: `${t.id}-${i}`, status: l.status, expiresOn: day(addDaysToDate(f.validThrough, l.expiry)) })),
				},
				authorizations: {
					create: t.authorizations.map((a) => ({
						kind: a.kind as 'state_telehealth',
						homeState: a.homeState,
						states: a.states,
						status: a.status,
						expiresOn: day(addDaysToDate(f.validThrough, a.expiry)),
					})),
				},
				availability: { create: t.rules },
				availabilityOverrides: {
					create: t.overrides.map((o) => ({ date: day(addDaysToDate(f.firstDoseDate, o.day)), startMinute: o.hours?.[0] ?? null, endMinute: o.hours?.[1] ?? null })),
				},
			},
		})
		if (t.standing) await db().clinicTherapist.create({ data: { clinicId: clinic.id, therapistId: t.id, standing: t.standing } })
	}
	const doses = f.referral.doses
	const base = { clinicId: clinic.id, ageBand: '35-44', modalities: [], focusAreas: [], languages: [], paymentType: 'self_pay' as const }
	await db().referral.create({
		data: {
			...base,
			id: f.referral.id,
			status: f.status,
			patientState: f.referral.patientState,
			phases: [...f.referral.phases],
			format: f.referral.format,
			modalities: [...f.referral.modalities],
			focusAreas: [...f.referral.focusAreas],
			languages: [...f.referral.languages],
			paymentType: f.referral.payment.type,
			payer: f.referral.payment.payer ?? null,
			maxRate: f.referral.payment.maxRate ?? null,
			firstDosingAt: doses[0]!,
			dosingSessionsAt: [...doses],
			doseMinutes: f.referral.doseMinutes,
			preparationFromHour: f.referral.preparationWindowHours.from,
			preparationToHour: f.referral.preparationWindowHours.to,
			integrationFromHour: f.referral.integrationWindowHours.from,
			integrationToHour: f.referral.integrationWindowHours.to,
			timingRequired: f.referral.timingRequired,
			acceptSupervised: f.referral.allowSupervised === true,
			radiusMiles: f.referral.radiusMiles,
		},
	})
	for (const t of f.therapists.filter((t) => t.declined)) {
		const sentAt = new Date(AS_OF.getTime() - 30 * 3_600_000)
		await db().offer.create({ data: { referralId: f.referral.id, therapistId: t.id, status: 'declined', round: 1, sentAt, expiresAt: AS_OF, respondedAt: new Date(sentAt.getTime() + 5 * 3_600_000) } })
	}
	for (const o of f.others) {
		await db().referral.create({
			data: {
				...base,
				id: o.id,
				status: o.status,
				patientState: 'OR',
				phases: ['integration'],
				format: 'telehealth',
				firstDosingAt: doses[0]!,
				dosingSessionsAt: [doses[0]!],
				firstSessionAt: o.firstSessionAt,
			},
		})
		for (const offer of o.offers) {
			await db().offer.create({ data: { referralId: o.id, therapistId: `t${offer.therapist}`, status: offer.status, round: 1, expiresAt: AS_OF, ...f.offerTimes(offer) } })
		}
	}
	await refreshTherapistSearch(
		f.therapists.map((t) => t.id),
		{ now: AS_OF },
	)
}

/** The candidates as the pure functions take them, straight from the scenario (not read back from the database). */
function candidates(f: Facts): MatchCandidate[] {
	const offers = [
		...f.therapists
			.filter((t) => t.declined)
			.map((t) => ({
				therapistId: t.id,
				status: 'declined' as OfferStatus,
				referralStatus: f.status,
				firstSessionAt: null,
				sentAt: new Date(AS_OF.getTime() - 30 * 3_600_000),
				respondedAt: new Date(AS_OF.getTime() - 25 * 3_600_000),
			})),
		...f.others.flatMap((o) =>
			o.offers.map((offer) => ({ therapistId: `t${offer.therapist}`, status: offer.status, referralStatus: o.status, firstSessionAt: o.firstSessionAt, ...f.offerTimes(offer) })),
		),
	]
	return f.therapists.map((t) => {
		const mine = offers.filter((o) => o.therapistId === t.id)
		const office = t.officeZip ? zipOffice(t.officeZip) : null
		const expiry = (offset: number) => addDaysToDate(f.validThrough, offset)
		return {
			id: t.id,
			credentials: {
				licenses: t.licenses.map((l) => ({ state: l.state, type: l.type, status: l.status, expiresOn: expiry(l.expiry) })),
				authorizations: t.authorizations.map((a) => ({ kind: a.kind, homeState: a.homeState, states: a.states, status: a.status, expiresOn: expiry(a.expiry) })),
			},
			phases: t.phases,
			formats: t.formats,
			languages: t.languages,
			modalities: t.modalities,
			focusAreas: t.focusAreas,
			insurancePayers: t.insurancePayers,
			selfPayRate: t.selfPayRate,
			slidingScale: t.slidingScale,
			office: office ? { latitude: office.latitude, longitude: office.longitude } : null,
			officeState: office?.state ?? null,
			accepting: t.accepting,
			weeklyCapacity: t.weeklyCapacity,
			load: mine.filter((o) => countsTowardsLoad(o.status, o.referralStatus)).length,
			kapTrainingHours: t.kapTrainingHours,
			responsiveness: responsiveness(mine),
			schedule: {
				timeZone: t.timeZone,
				rules: t.rules,
				overrides: overridesFromRows(t.overrides.map((o) => ({ date: addDaysToDate(f.firstDoseDate, o.day), startMinute: o.hours?.[0] ?? null, endMinute: o.hours?.[1] ?? null }))),
			},
			booked: mine.flatMap((o) => (holdsBookedSession(o.status, o.referralStatus) && o.firstSessionAt ? [sessionRange(o.firstSessionAt)] : [])),
		}
	})
}

type StatementAnswer = { network: number; counts: Partial<Record<Filter, number>>; decided: number; fetched: { id: string; decided: boolean; score: number }[] }

/** Both paths on one scenario; throws (an expect failure) where they disagree. */
async function agree(s: Scenario) {
	const f = facts(s)
	await write(f)
	// The referral as matching reads it back is the one written.
	const referral = (await loadMatchReferral(f.referral.id, undefined, AS_OF))!
	expect(referral).toEqual(f.referral)
	const network = candidates(f)
	const pure = rankCandidates(referral, network, context)
	const label = (what: string) => `${what}: ${referral.format} ${referral.phases.join('+')}, patient ${referral.patientState}, clinic ${referral.clinic.state}`

	// The statement's own verdicts, before the pure re-check of what it fetches.
	const [answer] = (await driverQuery<StatementAnswer>(matchStatement(referral, null, firstFetch(undefined)))) as [StatementAnswer]
	expect(answer.network).toBe(network.length)
	const eligible = new Map(pure.suggestions.map((x) => [x.therapistId, x.score]))
	const decided = answer.fetched.filter((x) => x.decided)
	for (const x of decided) {
		expect(
			eligible.has(x.id),
			label(
				`the statement passes ${x.id}; the pure filters say ${whyNot(
					referral,
					network.find((c) => c.id === x.id)!,
					context,
				)}`,
			),
		).toBe(true)
		expect(x.score, label(`${x.id}'s score`)).toBe(eligible.get(x.id))
	}
	const undecided = answer.fetched.filter((x) => !x.decided).map((x) => x.id)
	const statementCounts = Object.fromEntries(FILTERS.map((filter) => [filter, answer.counts[filter] ?? 0])) as Record<Filter, number>
	statementCounts.jurisdiction += answer.network - answer.fetched.length - Object.values(answer.counts).reduce((a, b) => a + b, 0)
	if (undecided.length === 0) {
		expect(statementCounts, label('the statement’s counts')).toEqual(pure.excluded)
		expect(decided.length).toBe(pure.eligible)
	} else {
		// Rows whose free time does not reach the windows pass to the pure check of timing.
		const { timing: _s, ...sqlCounts } = statementCounts
		const { timing: _p, ...pureCounts } = pure.excluded
		expect(sqlCounts, label('the statement’s counts but timing')).toEqual(pureCounts)
	}

	// Matching as the app runs it: every suggestion, and the best few.
	const full = await matchReferral(referral)
	expect(full.suggestions, label('suggestions')).toEqual(pure.suggestions)
	expect(full.excluded, label('why not')).toEqual(pure.excluded)
	expect(full.eligible).toBe(pure.eligible)
	expect(full.network).toBe(network.length)
	for (const limit of [1, 3]) {
		const best = await matchReferral(referral, { limit })
		expect(best.suggestions, label(`the best ${limit}`)).toEqual(pure.suggestions.slice(0, limit))
		expect({ eligible: best.eligible, excluded: best.excluded }, label(`counts with limit ${limit}`)).toEqual({ eligible: pure.eligible, excluded: pure.excluded })
	}
	// The clinic's "why not" for each named therapist.
	for (const c of network) expect(await whyNotTherapist(referral, c.id), label(`why not ${c.id}`)).toBe(whyNot(referral, c, context))
	// And the baseline, which reads the same facts back from the therapists' own tables.
	const naive = await naiveMatch(referral)
	expect(naive.suggestions).toEqual(pure.suggestions)
	expect(naive.excluded).toEqual(pure.excluded)
	return {
		suggested: pure.suggestions.length,
		excluded: pure.excluded,
		tie: pure.suggestions.some((x, i) => i > 0 && pure.suggestions[i - 1]!.score === x.score),
		modes: pure.suggestions.map((x) => x.mode),
		byAuthorization: pure.suggestions.filter((x) => x.reasons.some((line) => line.startsWith('Can see patients in'))).length,
	}
}

beforeAll(async () => {
	await resetDatabase()
	await ensureReferenceData(db())
})
afterAll(closeDatabase)

const RUNS = Number(process.env.MATCHING_PROPERTY_RUNS ?? 25)

test(
	'the matching statement and the pure rules agree on random networks: who is suggested, in what order and score, and why not',
	async () => {
		const seen = { runs: 0, suggested: 0, ties: 0, byAuthorization: 0, filters: new Set<Filter>(), modes: new Set<string>() }
		await fc.assert(
			fc.asyncProperty(scenarioArb, async (s) => {
				const result = await agree(s)
				seen.runs++
				seen.suggested += result.suggested
				if (result.tie) seen.ties++
				seen.byAuthorization += result.byAuthorization
				for (const mode of result.modes) seen.modes.add(mode)
				for (const filter of FILTERS) if (result.excluded[filter] > 0) seen.filters.add(filter)
			}),
			{ seed: Number(process.env.MATCHING_PROPERTY_SEED ?? 20261202), numRuns: RUNS },
		)
		// The networks exercised every filter, and suggested someone in person and by telehealth, some
		// on an authorization alone, with ties.
		expect([...seen.filters].sort()).toEqual([...FILTERS].sort())
		expect(seen.suggested).toBeGreaterThan(seen.runs / 2)
		expect([...seen.modes].sort()).toEqual(['in_person', 'telehealth'])
		expect(seen.byAuthorization).toBeGreaterThan(0)
		expect(seen.ties).toBeGreaterThan(0)
	},
	Math.max(120_000, RUNS * 5_000),
)
