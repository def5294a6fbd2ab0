// Therapist test data: a believable profile with licences, authorizations and weekly
// availability in the therapist's own time zone. Used by tests and by the demo seed.
import { type Faker } from '@faker-js/faker'
import { type Prisma } from '#app/generated/prisma/client.ts'
import { FOCUS_AREAS, MODALITIES, PAYERS, type LicenseTypeSlug } from '#app/domain/reference/index.ts'
import { type Place } from './places.ts'

const CREDENTIAL_TEXT: Record<LicenseTypeSlug, string> = {
	lpc: 'LPC',
	lmhc: 'LMHC',
	lcpc: 'LCPC',
	lcmhc: 'LCMHC',
	lcsw: 'LCSW',
	licsw: 'LICSW',
	lisw: 'LISW',
	lmft: 'LMFT',
	psychologist: 'PhD, Licensed Psychologist',
	pmhnp: 'PMHNP-BC',
	lpc_associate: 'LPC Associate',
	lmsw: 'LMSW',
	lmft_associate: 'LMFT Associate',
}

/** The licence type a state actually issues for each profession, where it differs. */
const COUNSELOR_TITLE: Record<string, LicenseTypeSlug> = {
	NY: 'lmhc',
	FL: 'lmhc',
	WA: 'lmhc',
	MA: 'lmhc',
	IL: 'lcpc',
	NC: 'lcmhc',
}
const SOCIAL_WORKER_TITLE: Record<string, LicenseTypeSlug> = { WA: 'licsw', MA: 'licsw', MN: 'licsw', OH: 'lisw' }

export type LicenseInput = Omit<Prisma.LicenseCreateWithoutTherapistInput, 'therapist'>
export type AuthorizationInput = Omit<Prisma.AuthorizationCreateWithoutTherapistInput, 'therapist'>
export type AvailabilityInput = { dayOfWeek: number; startMinute: number; endMinute: number }

export type TherapistBuild = {
	therapist: Omit<Prisma.TherapistCreateInput, 'licenses' | 'authorizations' | 'availability' | 'offers'>
	licenses: LicenseInput[]
	authorizations: AuthorizationInput[]
	availability: AvailabilityInput[]
}

export function licenseTypeFor(profession: 'counselor' | 'social_worker' | 'mft' | 'psychologist' | 'pmhnp', state: string): LicenseTypeSlug {
	switch (profession) {
		case 'counselor':
			return COUNSELOR_TITLE[state] ?? 'lpc'
		case 'social_worker':
			return SOCIAL_WORKER_TITLE[state] ?? 'lcsw'
		case 'mft':
			return 'lmft'
		case 'psychologist':
			return 'psychologist'
		case 'pmhnp':
			return 'pmhnp'
	}
}

export function buildLicense(faker: Faker, state: string, type: LicenseTypeSlug, today: Date, overrides: Partial<LicenseInput> = {}): LicenseInput {
	const status = overrides.status ?? 'verified'
	return {
		state,
		type,
		number: `${type.toUpperCase().replace(/_.*/, '')}-${faker.string.numeric(6)}`,
		expiresOn: addDays(today, faker.number.int({ min: 120, max: 900 })),
		status,
		verifiedAt: status === 'verified' ? addDays(today, -faker.number.int({ min: 10, max: 400 })) : null,
		...overrides,
	}
}

/** A weekly pattern: a few working days with morning and/or afternoon blocks, some evenings. */
export function buildAvailability(faker: Faker): AvailabilityInput[] {
	const days = faker.helpers.arrayElements([0, 1, 2, 3, 4], { min: 2, max: 5 }).sort()
	const rules: AvailabilityInput[] = []
	for (const day of days) {
		const pattern = faker.helpers.weightedArrayElement([
			{
				weight: 3,
				value: [
					[9 * 60, 12 * 60],
					[13 * 60, 17 * 60],
				],
			},
			{ weight: 2, value: [[8 * 60, 12 * 60]] },
			{ weight: 2, value: [[12 * 60, 18 * 60]] },
			{ weight: 1, value: [[16 * 60, 20 * 60]] },
		])
		for (const [startMinute, endMinute] of pattern) rules.push({ dayOfWeek: day, startMinute: startMinute!, endMinute: endMinute! })
	}
	if (faker.datatype.boolean(0.15)) rules.push({ dayOfWeek: 5, startMinute: 9 * 60, endMinute: 13 * 60 })
	return rules
}

export function buildTherapist(faker: Faker, place: Place, options: { today: Date; profession?: 'counselor' | 'social_worker' | 'mft' | 'psychologist' | 'pmhnp'; index?: number }): TherapistBuild {
	const profession =
		options.profession ??
		faker.helpers.weightedArrayElement([
			{ weight: 35, value: 'counselor' as const },
			{ weight: 25, value: 'social_worker' as const },
			{ weight: 15, value: 'mft' as const },
			{ weight: 20, value: 'psychologist' as const },
			{ weight: 5, value: 'pmhnp' as const },
		])
	const sex = faker.person.sexType()
	const firstName = faker.person.firstName(sex)
	const lastName = faker.person.lastName()
	const supervised = profession !== 'psychologist' && profession !== 'pmhnp' && faker.datatype.boolean(0.07)
	const homeType: LicenseTypeSlug = supervised ? ({ counselor: 'lpc_associate', social_worker: 'lmsw', mft: 'lmft_associate' } as const)[profession] : licenseTypeFor(profession, place.state)
	const homeStatus = faker.helpers.weightedArrayElement([
		{ weight: 88, value: 'verified' as const },
		{ weight: 9, value: 'pending' as const },
		{ weight: 3, value: 'rejected' as const },
	])
	const licenses = [buildLicense(faker, place.state, homeType, options.today, { status: homeStatus })]
	if (!supervised && faker.datatype.boolean(0.2)) {
		const other = faker.helpers.arrayElement(['CO', 'OR', 'NY', 'CA', 'WA', 'TX', 'FL', 'NC'].filter((s) => s !== place.state))
		licenses.push(buildLicense(faker, other, licenseTypeFor(profession, other), options.today))
	}

	const formats = faker.datatype.boolean(0.9) ? ['telehealth'] : []
	if (formats.length === 0 || faker.datatype.boolean(0.45)) formats.push('in_person')
	const inPerson = formats.includes('in_person')
	const phases = ['integration']
	if (faker.datatype.boolean(0.7)) phases.unshift('preparation')
	if (inPerson && faker.datatype.boolean(0.45)) phases.splice(phases.length - 1, 0, 'in_session')

	const languages = ['en']
	if (faker.datatype.boolean(place.state === 'TX' || place.state === 'FL' || place.state === 'CA' ? 0.35 : 0.12)) languages.push('es')
	if (faker.datatype.boolean(0.06)) languages.push(faker.helpers.arrayElement(['zh', 'vi', 'ko', 'ru', 'fr', 'pt', 'tl', 'ar']))

	const kapTrainingHours = faker.helpers.weightedArrayElement([
		{ weight: 2, value: 0 },
		{ weight: 3, value: faker.number.int({ min: 8, max: 40 }) },
		{ weight: 4, value: faker.number.int({ min: 41, max: 150 }) },
		{ weight: 1, value: faker.number.int({ min: 151, max: 400 }) },
	])
	const modalities = faker.helpers.arrayElements(MODALITIES.slugs, { min: 2, max: 5 })
	const focusAreas = faker.helpers.arrayElements(FOCUS_AREAS.slugs, { min: 2, max: 5 })
	const insurancePayers = faker.datatype.boolean(0.5) ? faker.helpers.arrayElements(PAYERS.slugs, { min: 1, max: 4 }) : []
	const suffix = options.index === undefined ? faker.string.alphanumeric(4).toLowerCase() : String(options.index)

	return {
		therapist: {
			email: `${firstName}.${lastName}.${suffix}@example.com`.toLowerCase().replace(/[^a-z0-9.@]/g, ''),
			fullName: `${firstName} ${lastName}`,
			pronouns: faker.helpers.maybe(() => (sex === 'female' ? 'she/her' : 'he/him'), { probability: 0.6 }) ?? null,
			credentials: CREDENTIAL_TEXT[homeType],
			bio: `${faker.helpers.arrayElement([
				'I help people make sense of what opens up in ketamine sessions and carry it into daily life.',
				'My work centres on safety and trust before dosing, and steady integration afterwards.',
				'I have supported clients through psychedelic-assisted therapy for several years.',
				'I bring a warm, collaborative style and a trauma-informed lens to integration work.',
			])} Based in ${place.city}, ${place.state}.`,
			timeZone: place.timeZone,
			phases,
			formats,
			modalities,
			focusAreas,
			languages,
			insurancePayers,
			selfPayRate: faker.number.int({ min: 18, max: 50 }) * 5,
			slidingScale: faker.datatype.boolean(0.35),
			officeZip: inPerson ? place.zip : null,
			weeklyCapacity: faker.number.int({ min: 1, max: 5 }),
			accepting: faker.datatype.boolean(0.85),
			kapTrainingHours,
			kapProgram:
				kapTrainingHours > 0
					? faker.helpers.arrayElement(['Polarity Process KAP Training', 'Fluence KAP Certificate', 'CIIS Psychedelic Therapies', 'MAPS-informed KAP course', 'Integrative Psychiatry Institute'])
					: null,
			kapYear: kapTrainingHours > 0 ? faker.number.int({ min: 2018, max: options.today.getUTCFullYear() - 1 }) : null,
		},
		licenses,
		authorizations: [],
		availability: buildAvailability(faker),
	}
}

export function addDays(date: Date, days: number): Date {
	const copy = new Date(date)
	copy.setUTCDate(copy.getUTCDate() + days)
	return copy
}
