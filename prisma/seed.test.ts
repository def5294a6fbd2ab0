import { describe, expect, test } from 'vitest'
import { INITIAL_COMPACTS, isIndependentLicense, licenseProfession } from '#app/domain/reference/index.ts'
import { buildDemoData, seedAnchor } from './seed.ts'

const anchor = new Date('2026-11-16T00:00:00Z')
const strip = (data: ReturnType<typeof buildDemoData>) => ({ clinics: data.clinics, therapists: data.therapists, portraits: data.portraits })

test('the same anchor gives the same data, names, bios and portraits included', () => {
	expect(strip(buildDemoData(anchor))).toEqual(strip(buildDemoData(anchor)))
})

test('the anchor is the Monday of the current week, so a week’s runs agree', () => {
	expect(seedAnchor(new Date('2026-11-22T23:59:00Z')).toISOString()).toBe('2026-11-16T00:00:00.000Z')
	expect(seedAnchor(new Date('2026-11-16T00:00:00Z')).toISOString()).toBe('2026-11-16T00:00:00.000Z')
})

describe('the demo network', () => {
	const { therapists, clinics } = buildDemoData(anchor)
	const psypactMembers = new Set(INITIAL_COMPACTS.find((c) => c.slug === 'psypact')!.members)

	test('about 200 therapists with unique emails, clinics in Texas and Washington', () => {
		expect(therapists).toHaveLength(200)
		expect(new Set(therapists.map((t) => t.therapist.email)).size).toBe(200)
		expect(clinics.map((c) => c.state)).toEqual(expect.arrayContaining(['TX', 'WA', 'CO', 'FL', 'NY']))
	})

	test('distinct bios; a portrait for about a third, never for the demo log-ins', () => {
		const { portraits } = buildDemoData(anchor)
		expect(new Set(therapists.map((t) => t.therapist.bio)).size).toBe(therapists.length)
		expect(portraits.length).toBeGreaterThan(50)
		expect(portraits.length).toBeLessThan(90)
		expect(new Set(portraits.map((p) => p.email)).size).toBe(portraits.length)
		for (const { email } of portraits) expect(email).not.toMatch(/@tandem\.example$/)
	})

	test('PSYPACT authorizations only for psychologists with a verified license in a member home state', () => {
		const apits = therapists.filter((t) => t.authorizations.some((a) => a.kind === 'psypact_apit'))
		expect(apits.length).toBeGreaterThan(5)
		for (const t of apits) {
			const home = t.licenses[0]!
			expect(licenseProfession(home.type)).toBe('psychologist')
			expect(home.status).toBe('verified')
			expect(psypactMembers.has(home.state)).toBe(true)
		}
	})

	test('Counseling Compact privileges name one remote state each and belong to counsellors', () => {
		const privileges = therapists.flatMap((t) => t.authorizations.filter((a) => a.kind === 'counseling_privilege').map((a) => ({ t, a })))
		expect(privileges.length).toBeGreaterThan(0)
		for (const { t, a } of privileges) {
			expect(a.states).toHaveLength(1)
			expect(licenseProfession(t.licenses[0]!.type)).toBe('counselor')
			expect(isIndependentLicense(t.licenses[0]!.type)).toBe(true)
		}
	})

	test('in-session support only from therapists who work in person, with an office ZIP', () => {
		for (const { therapist } of therapists) {
			if ((therapist.phases as string[]).includes('in_session')) expect(therapist.formats).toContain('in_person')
			if ((therapist.formats as string[]).includes('in_person')) expect(therapist.officeZip).toMatch(/^\d{5}$/)
		}
	})

	test('availability lies within the day, in whole blocks', () => {
		for (const { availability } of therapists) {
			expect(availability.length).toBeGreaterThan(0)
			for (const rule of availability) {
				expect(rule.dayOfWeek).toBeGreaterThanOrEqual(0)
				expect(rule.dayOfWeek).toBeLessThanOrEqual(6)
				expect(rule.startMinute).toBeLessThan(rule.endMinute)
				expect(rule.endMinute).toBeLessThanOrEqual(24 * 60)
			}
		}
	})
})
