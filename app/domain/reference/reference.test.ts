import { describe, expect, test } from 'vitest'
import { AuthorizationKind, LicenseType, OfferStatus, ReferralStatus } from '#app/generated/prisma/enums.ts'
import {
	AGE_BANDS,
	AUTHORIZATION_KINDS,
	FOCUS_AREAS,
	FORMATS,
	INITIAL_COMPACTS,
	LANGUAGES,
	LICENSE_TYPES,
	MODALITIES,
	PAYERS,
	PHASES,
	STATES,
	getState,
	isIndependentLicense,
	isLanguageCode,
	languageLabel,
} from './index.ts'

describe('states', () => {
	test('all 50 states and DC, each once', () => {
		expect(STATES).toHaveLength(51)
		expect(new Set(STATES.map((s) => s.code)).size).toBe(51)
		expect(getState('DC')?.name).toBe('District of Columbia')
	})

	test('every time zone is a real IANA zone', () => {
		for (const state of STATES) {
			for (const zone of [state.timeZone, ...('otherTimeZones' in state ? state.otherTimeZones : [])]) {
				expect(() => new Intl.DateTimeFormat('en-US', { timeZone: zone }), `${state.code}: ${zone}`).not.toThrow()
			}
		}
	})
})

describe('vocabulary matches docs/product.md §9 exactly', () => {
	// In this order too: the modalities' and focus areas' order is the matching search rows' bit order (search-facts.ts slugBits).
	test.each([
		['phases', PHASES.slugs, ['preparation', 'in_session', 'integration']],
		['formats', FORMATS.slugs, ['telehealth', 'in_person']],
		[
			'modalities',
			MODALITIES.slugs,
			['cbt', 'dbt', 'act', 'emdr', 'ifs', 'somatic', 'psychodynamic', 'humanistic', 'trauma_informed', 'mindfulness', 'family_systems', 'motivational_interviewing', 'existential'],
		],
		[
			'focus areas',
			FOCUS_AREAS.slugs,
			[
				'depression',
				'treatment_resistant_depression',
				'anxiety',
				'ptsd',
				'ocd',
				'bipolar_stable',
				'chronic_pain',
				'substance_use_history',
				'grief',
				'existential_distress',
				'life_transitions',
				'eating_disorders',
			],
		],
		['payers', PAYERS.slugs, ['aetna', 'bcbs', 'cigna', 'united', 'optum', 'kaiser', 'medicare', 'medicaid', 'tricare']],
		['age bands', AGE_BANDS.slugs, ['18-24', '25-34', '35-44', '45-54', '55-64', '65-89', '90+']],
	])('%s', (_name, actual, expected) => {
		expect([...actual]).toEqual(expected)
	})

	test('every entry has a label a person can read', () => {
		for (const list of [PHASES, FORMATS, MODALITIES, FOCUS_AREAS, PAYERS, AGE_BANDS]) {
			for (const entry of list.entries) expect(entry.label.length).toBeGreaterThan(1)
		}
	})
})

describe('licenses', () => {
	test('only the independent types make a therapist eligible on their own', () => {
		const independent = LICENSE_TYPES.filter((t) => isIndependentLicense(t.slug)).map((t) => t.slug)
		expect(independent).toEqual(['lpc', 'lmhc', 'lcpc', 'lcmhc', 'lcsw', 'licsw', 'lisw', 'lmft', 'psychologist', 'pmhnp'])
		expect(isIndependentLicense('lpc_associate')).toBe(false)
		expect(isIndependentLicense('lmsw')).toBe(false)
		expect(isIndependentLicense('not-a-type')).toBe(false)
	})

	test('the database enums say the same as the reference data', () => {
		expect(Object.values(LicenseType)).toEqual(LICENSE_TYPES.map((t) => t.slug))
		expect(Object.values(AuthorizationKind)).toEqual(AUTHORIZATION_KINDS.map((k) => k.slug))
	})

	test('referral and offer statuses are those of docs/product.md §4', () => {
		expect(Object.values(ReferralStatus)).toEqual(['draft', 'open', 'shortlisted', 'matched', 'scheduled', 'in_care', 'completed', 'cancelled', 'unfilled'])
		expect(Object.values(OfferStatus)).toEqual(['pending', 'accepted', 'declined', 'expired', 'withdrawn', 'chosen', 'released', 'retracted'])
	})
})

describe('compacts', () => {
	const psypact = INITIAL_COMPACTS.find((c) => c.slug === 'psypact')!

	test('PSYPACT has the 42 members of 2026 and none of the listed non-members', () => {
		expect(psypact.members).toHaveLength(42)
		for (const outside of ['AK', 'CA', 'HI', 'IA', 'LA', 'MA', 'NM', 'NY', 'OR']) expect(psypact.members).not.toContain(outside)
		for (const code of psypact.members) expect(getState(code), code).toBeDefined()
	})

	test('every compact says as of when and from where', () => {
		for (const compact of INITIAL_COMPACTS) {
			expect(compact.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/)
			expect(compact.source).not.toBe('')
		}
	})

	test('the Social Work Compact is modelled but issues nothing yet', () => {
		expect(INITIAL_COMPACTS.find((c) => c.slug === 'social_work_compact')).toMatchObject({ issuing: false, members: [] })
	})
})

test('languages are ISO 639-1 codes with English names', () => {
	expect(isLanguageCode('es')).toBe(true)
	expect(isLanguageCode('spa')).toBe(false)
	expect(languageLabel('es')).toBe('Spanish')
	for (const { code, label } of LANGUAGES) {
		expect(code).toMatch(/^[a-z]{2}$/)
		expect(label).not.toBe(code)
	}
})
