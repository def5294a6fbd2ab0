// Each SQL form of a rule (rules-sql.ts) against its pure twin, on random values, evaluated by the
// database itself: jurisdiction over search rows built from random credentials (coverageUntil)
// against coverage() and practicePlaces() on random dates, with and without supervised licences
// and for every format; phases, languages and payment against eligibility.ts; training and
// responsiveness against score.ts, to the last bit of the float; a planned session holding the
// therapist's time against series/plan.ts.
import fc from 'fast-check'
import { afterAll, expect, test } from 'vitest'
import { offersPhases, paymentFits, speaksAny } from '#app/domain/matching/eligibility.ts'
import {
	inPanelSql,
	licensedSql,
	officeLicensedSql,
	offersPhasesSql,
	responsivenessPartSql,
	seesPatientsInRowStateSql,
	speaksSql,
	telehealthCoveredSql,
	trainingPartSql,
	withinBudgetSql,
} from '#app/domain/matching/rules-sql.ts'
import { responsivenessPart, trainingPart } from '#app/domain/matching/score.ts'
import { coverageUntil } from '#app/domain/matching/search-facts.ts'
import { type MatchCandidate, type MatchReferral } from '#app/domain/matching/types.ts'
import { holdsTime, PLANNED_STATUSES, timeHoldingSql } from '#app/domain/series/plan.ts'
import { coverage, practicePlaces, type CompactMembership, type CredentialFacts } from '#app/domain/therapists/jurisdiction.ts'
import { closeDatabase, driverQuery } from '#app/utils/db.server.ts'

afterAll(async () => {
	await closeDatabase()
})

const STATES = ['WA', 'OR', 'TX', 'CO'] as const
const compacts: CompactMembership = { psypact: new Set(['WA', 'TX', 'CO']), counseling_compact: new Set(['CO', 'WA']) }
const DATES = ['2026-11-30', '2026-12-05', '2026-12-06', '2027-01-15', '2027-07-01'] as const

const credentialsArb: fc.Arbitrary<CredentialFacts> = fc.record({
	licenses: fc.array(
		fc.record({
			state: fc.constantFrom(...STATES),
			type: fc.constantFrom('lpc', 'psychologist', 'lcsw', 'lpc_associate', 'lmsw'),
			status: fc.constantFrom('verified', 'verified', 'pending', 'suspended') as fc.Arbitrary<'verified' | 'pending' | 'suspended'>,
			expiresOn: fc.constantFrom(...DATES),
		}),
		{ maxLength: 4 },
	),
	authorizations: fc.array(
		fc.record({
			kind: fc.constantFrom('psypact_apit', 'counseling_privilege', 'state_telehealth'),
			homeState: fc.constantFrom(...STATES),
			states: fc.subarray([...STATES]),
			status: fc.constantFrom('verified', 'verified', 'pending') as fc.Arbitrary<'verified' | 'pending'>,
			expiresOn: fc.constantFrom(...DATES),
		}),
		{ maxLength: 3 },
	),
})

type Row = {
	state: string
	atOffice: boolean
	licensedUntil: string | null
	supervisedUntil: string | null
	authorizedUntil: string | null
	officeLicensedUntil: string | null
	officeSupervisedUntil: string | null
}

/** Evaluates expressions over rows given as JSON (one object per row), in order. */
async function evaluate<T extends Record<string, unknown>>(rows: object[], columns: string, expressions: Record<keyof T, string>): Promise<T[]> {
	const select = Object.entries(expressions)
		.map(([name, sql]) => `${sql} AS "${name}"`)
		.join(', ')
	return driverQuery<T>({ text: `SELECT ${select} FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (${columns})) WITH ORDINALITY AS r ORDER BY r.ordinality`, values: [JSON.stringify(rows)] })
}

test('jurisdiction: a search row’s predicates say what coverage() and practicePlaces() say, for every date, format and supervised choice', async () => {
	const columns = `state text, "atOffice" boolean, "licensedUntil" date, "supervisedUntil" date, "authorizedUntil" date, "officeLicensedUntil" date, "officeSupervisedUntil" date, formats text[]`
	await fc.assert(
		fc.asyncProperty(
			credentialsArb,
			fc.constantFrom(...DATES),
			fc.boolean(),
			fc.subarray(['telehealth', 'in_person'] as const),
			fc.option(fc.constantFrom(...STATES), { nil: null }),
			async (facts, date, supervised, formats, officeState) => {
				const until = coverageUntil(facts, compacts)
				const office = officeState ? until.get(officeState) : undefined
				const rows: (Row & { formats: string[] })[] = [...until].map(([state, c]) => ({
					state,
					atOffice: state === officeState,
					...c,
					officeLicensedUntil: office?.licensedUntil ?? null,
					officeSupervisedUntil: office?.supervisedUntil ?? null,
					formats: [...formats],
				}))
				if (rows.length === 0) return
				const d = `'${date}'::date`
				const s = supervised ? 'TRUE' : 'FALSE'
				const got = await evaluate<{ licensed: boolean; office: boolean; telehealth: boolean; any: boolean; byTelehealth: boolean; inPerson: boolean }>(rows, columns, {
					licensed: licensedSql('r', d, s),
					office: officeLicensedSql('r', d, s),
					telehealth: telehealthCoveredSql('r', d, s),
					any: seesPatientsInRowStateSql('r', d, s, null),
					byTelehealth: seesPatientsInRowStateSql('r', d, s, 'telehealth'),
					inPerson: seesPatientsInRowStateSql('r', d, s, 'in_person'),
				})
				const covered = coverage(facts, compacts, date, { allowSupervised: supervised })
				const places = practicePlaces(covered, { formats, phases: ['integration'], officeState })
				const licensedIn = (state: string | null) => covered.some((c) => c.state === state && c.inPerson)
				rows.forEach((row, i) => {
					const context = JSON.stringify({ row, date, supervised, formats, officeState })
					expect(got[i], context).toEqual({
						licensed: licensedIn(row.state),
						office: licensedIn(officeState),
						telehealth: covered.some((c) => c.state === row.state),
						any: places.states.includes(row.state),
						byTelehealth: places.telehealth.some((c) => c.state === row.state),
						inPerson: places.inPerson?.state === row.state,
					})
				})
			},
		),
		{ numRuns: 150, seed: 20261202 },
	)
})

test('phases, languages and payment: the SQL filters decide as eligibility.ts does', async () => {
	const columns = `phases text[], languages text[], "insurancePayers" text[], "slidingScale" boolean, "selfPayRate" int, wanted_phases text[], wanted_languages text[], payer text, max_rate int`
	const rowArb = fc.record({
		phases: fc.subarray(['preparation', 'in_session', 'integration']),
		languages: fc.subarray(['en', 'es', 'vi']),
		insurancePayers: fc.subarray(['aetna', 'cigna', 'united']),
		slidingScale: fc.boolean(),
		selfPayRate: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
		wanted_phases: fc.subarray(['preparation', 'in_session', 'integration']),
		wanted_languages: fc.subarray(['en', 'es', 'vi']),
		payer: fc.constantFrom('', 'aetna', 'cigna', 'bcbs'),
		max_rate: fc.integer({ min: 0, max: 400 }),
	})
	await fc.assert(
		fc.asyncProperty(fc.array(rowArb, { minLength: 1, maxLength: 30 }), async (rows) => {
			const got = await evaluate<{ phases: boolean; languages: boolean; panel: boolean; budget: boolean }>(rows, columns, {
				phases: offersPhasesSql('r', 'r.wanted_phases'),
				languages: speaksSql('r', 'r.wanted_languages'),
				panel: inPanelSql('r', 'r.payer'),
				budget: withinBudgetSql('r', 'r.max_rate'),
			})
			rows.forEach((row, i) => {
				const candidate = row as unknown as MatchCandidate
				const pays = (payment: MatchReferral['payment']) => paymentFits({ payment } as MatchReferral, candidate)
				expect(got[i], JSON.stringify(row)).toEqual({
					phases: offersPhases(row.phases, row.wanted_phases),
					languages: speaksAny(row.languages, row.wanted_languages),
					panel: pays({ type: 'insurance', payer: row.payer || null, maxRate: null }),
					budget: pays({ type: 'self_pay', payer: null, maxRate: row.max_rate }),
				})
			})
		}),
		{ numRuns: 40, seed: 20261202 },
	)
})

test('a planned session holds the therapist’s time in SQL exactly when series/plan.ts says so', async () => {
	const rows = PLANNED_STATUSES.flatMap((status) => [false, true].map((needsTime) => ({ status, needsTime })))
	const got = await evaluate<{ holds: boolean }>(rows, `status text, "needsTime" boolean`, { holds: timeHoldingSql('r') })
	expect(got.map((g) => g.holds)).toEqual(rows.map(holdsTime))
	expect(got.some((g) => g.holds)).toBe(true)
})

test('training and responsiveness: the same float as score.ts, bit for bit', async () => {
	const columns = `"kapTrainingHours" int, "acceptanceRate" float8, "medianResponseHours" float8`
	const rowArb = fc.record({
		kapTrainingHours: fc.integer({ min: 0, max: 400 }),
		acceptanceRate: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
		medianResponseHours: fc.option(fc.oneof(fc.double({ min: 0, max: 200, noNaN: true }), fc.constantFrom(0, 6, 47.5, 48, 48.000001)), { nil: null }),
	})
	await fc.assert(
		fc.asyncProperty(fc.array(rowArb, { minLength: 1, maxLength: 40 }), async (rows) => {
			const got = await evaluate<{ training: number; responsiveness: number }>(rows, columns, { training: trainingPartSql('r'), responsiveness: responsivenessPartSql('r') })
			rows.forEach((row, i) => {
				expect(got[i], JSON.stringify(row)).toEqual({ training: trainingPart(row.kapTrainingHours), responsiveness: responsivenessPart(row) })
			})
		}),
		{ numRuns: 40, seed: 20261202 },
	)
})
