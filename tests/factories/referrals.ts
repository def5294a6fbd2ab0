// Referral test data: stage-1 (de-identified) facts and stage-2 patient details kept apart, as
// the product keeps them.
import { type Faker } from '@faker-js/faker'
import { type Prisma } from '#app/generated/prisma/client.ts'
import { AGE_BANDS, FOCUS_AREAS, MODALITIES, PAYERS } from '#app/domain/reference/index.ts'
import { expandDoses } from '#app/domain/referrals/dosing.ts'
import { addDays } from './therapists.ts'

export type ReferralBuild = {
	referral: Omit<Prisma.ReferralUncheckedCreateInput, 'patient' | 'offers' | 'events'>
	patient: Omit<Prisma.ReferralPatientUncheckedCreateInput, 'referralId'>
}

export function buildReferral(
	faker: Faker,
	options: { clinicId: string; patientState: string; firstDosingAt: Date; clinicTimeZone: string },
	overrides: Partial<ReferralBuild['referral']> = {},
): ReferralBuild {
	const insurance = faker.datatype.boolean(0.45)
	const format = faker.helpers.weightedArrayElement([
		{ weight: 5, value: 'telehealth' as const },
		{ weight: 2, value: 'either' as const },
		{ weight: 2, value: 'in_person' as const },
	])
	const phases = faker.helpers.weightedArrayElement([
		{ weight: 5, value: ['preparation', 'integration'] },
		{ weight: 3, value: ['integration'] },
		{ weight: 1, value: ['preparation', 'in_session', 'integration'] },
	])
	const ageBand = faker.helpers.weightedArrayElement(AGE_BANDS.slugs.map((slug, i) => ({ weight: [2, 5, 6, 5, 3, 2, 0.1][i] ?? 1, value: slug })))
	const birthYear = options.firstDosingAt.getUTCFullYear() - ageFromBand(faker, ageBand)
	const firstName = faker.person.firstName()
	const lastName = faker.person.lastName()
	return {
		referral: {
			clinicId: options.clinicId,
			patientState: options.patientState,
			ageBand,
			phases: [...phases],
			format,
			modalities: faker.helpers.arrayElements(MODALITIES.slugs, { min: 0, max: 3 }),
			focusAreas: faker.helpers.arrayElements(FOCUS_AREAS.slugs, { min: 1, max: 3 }),
			languages: faker.datatype.boolean(0.2) ? ['es'] : ['en'],
			paymentType: insurance ? 'insurance' : 'self_pay',
			payer: insurance ? faker.helpers.arrayElement(PAYERS.slugs) : null,
			maxRate: !insurance && faker.datatype.boolean(0.6) ? faker.number.int({ min: 24, max: 40 }) * 5 : null,
			urgency: faker.datatype.boolean(0.2) ? 'urgent' : 'routine',
			firstDosingAt: options.firstDosingAt,
			dosingSessionsAt: expandDoses(options.firstDosingAt, 6, faker.helpers.arrayElement([2, 3]), options.clinicTimeZone),
			timingRequired: phases.includes('integration') && faker.datatype.boolean(0.5),
			radiusMiles: format === 'telehealth' ? 25 : faker.helpers.arrayElement([15, 25, 40]),
			...overrides,
		},
		patient: {
			firstName,
			lastName,
			email: faker.internet.email({ firstName, lastName, provider: 'example.org' }).toLowerCase(),
			phone: faker.helpers.maybe(() => faker.phone.number({ style: 'national' }), { probability: 0.8 }) ?? null,
			birthDate: addDays(new Date(Date.UTC(birthYear, 0, 1)), faker.number.int({ min: 0, max: 364 })),
			notes: '',
		},
	}
}

function ageFromBand(faker: Faker, band: string): number {
	const [from, to] = band === '90+' ? [90, 95] : band.split('-').map(Number)
	return faker.number.int({ min: from!, max: to! })
}

/** A valid clinic-API referral (docs/product.md §8.3), posted at once, for a telehealth patient in Texas two weeks out. */
/** A birth date about forty years ago, whenever the tests run: inside the 35–44 age band. */
export const BIRTH_DATE_ABOUT_40 = `${new Date().getUTCFullYear() - 40}-03-09`

export function apiReferralBody() {
	const inTwoWeeks = new Date(Date.now() + 14 * 24 * 3_600_000).toISOString().slice(0, 10)
	return {
		patientState: 'TX',
		phases: ['integration'],
		format: 'telehealth',
		modalities: ['ifs', 'act'],
		focusAreas: ['treatment_resistant_depression'],
		languages: ['en'],
		ageBand: '35-44',
		payment: { type: 'self_pay' },
		urgency: 'routine',
		dosing: { firstSessionAt: `${inTwoWeeks}T10:00:00-06:00`, sessions: 6, cadenceDays: 3 },
		patient: { firstName: 'Jordan', lastName: 'Reyes', email: 'jordan@example.org', birthDate: BIRTH_DATE_ABOUT_40 },
		post: true,
	}
}

/**
 * A plain referral row for integration tests: a Texas telehealth patient needing integration, paying
 * themselves, with three doses three days apart from `firstDose` (Chicago wall-clock). Overrides
 * change any column, or add the patient (`patient: { create: … }`).
 */
export function texasReferralData(clinicId: string, firstDose: Date, overrides: Partial<Omit<Prisma.ReferralUncheckedCreateInput, 'clinicId'>> = {}): Prisma.ReferralUncheckedCreateInput {
	return {
		clinicId,
		status: 'draft',
		patientState: 'TX',
		ageBand: '35-44',
		phases: ['integration'],
		format: 'telehealth',
		modalities: [],
		focusAreas: [],
		languages: [],
		paymentType: 'self_pay',
		firstDosingAt: firstDose,
		dosingSessionsAt: expandDoses(firstDose, 3, 3, 'America/Chicago'),
		timingRequired: false,
		...overrides,
	}
}
