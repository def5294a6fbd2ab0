// Clinic test data. Plain Prisma inputs, so tests and the demo seed build clinics the same way.
import { type Faker } from '@faker-js/faker'
import { type Prisma } from '#app/generated/prisma/client.ts'
import { type Place } from './places.ts'

export function buildClinic(faker: Faker, place: Place, overrides: Partial<Prisma.ClinicCreateInput> = {}) {
	const style = faker.helpers.arrayElement(['Ketamine Clinic', 'Ketamine Wellness', 'Infusion Center', 'Mental Health Infusions'])
	const name = `${faker.helpers.arrayElement([place.city, faker.word.adjective({ length: { min: 5, max: 9 } })])} ${style}`
	return {
		name: name.charAt(0).toUpperCase() + name.slice(1),
		state: place.state,
		city: place.city,
		zip: place.zip,
		timeZone: place.timeZone,
		...overrides,
	} satisfies Prisma.ClinicCreateInput
}
