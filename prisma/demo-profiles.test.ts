import { Faker, en } from '@faker-js/faker'
import { describe, expect, test } from 'vitest'
import { MODALITIES, languageLabel, stateName } from '#app/domain/reference/index.ts'
import { PLACES } from '#tests/factories/places.ts'
import { buildTherapist } from '#tests/factories/therapists.ts'
import { CLINIC_NAME_MAX, KAP_PROGRAMS, composeBio, demoClinicName, demoKapProgram, demoPracticeName } from './demo-profiles.ts'
import { buildDemoData } from './seed.ts'

const anchor = new Date('2026-11-16T00:00:00Z')
const { clinics, therapists } = buildDemoData(anchor)

// A phrase each modality's fragments share, to find which approaches a bio names.
const MODALITY_MARKERS: Record<string, RegExp> = {
	cbt: /\bCBT\b/,
	dbt: /\bDBT\b/,
	act: /\bACT\b|acceptance and commitment/i,
	emdr: /\bEMDR\b/,
	ifs: /\bIFS\b|Internal Family Systems/,
	somatic: /somatic/i,
	psychodynamic: /psychodynamic/i,
	humanistic: /humanistic/i,
	trauma_informed: /trauma-informed/i,
	mindfulness: /mindfulness/i,
	family_systems: /family members in|[Ff]amily systems work/,
	motivational_interviewing: /motivational interviewing/i,
	existential: /existential (therapy|work)/i,
}

describe('demo clinic names', () => {
	test('name a real place near the clinic and say what it is, each once', () => {
		expect(new Set(clinics.map((c) => c.name)).size).toBe(clinics.length)
		for (const clinic of clinics) {
			expect(clinic.name).toMatch(/ (Ketamine|Infusion|Infusions)\b/)
			// Notices quote it in email subjects, cut at 90 characters: the news must stay in.
			expect(clinic.name.length).toBeLessThanOrEqual(CLINIC_NAME_MAX)
		}
		expect(clinics.find((c) => c.city === 'Seattle')!.name).toMatch(/^(Puget Sound|Elliott Bay|Cascade|Salish Sea) /)
		expect(clinics.find((c) => c.city === 'Austin')!.name).toMatch(/^(Hill Country|Barton Springs|Lady Bird Lake|Capital City) /)
	})

	test('a name already taken is drawn again', () => {
		const faker = new Faker({ locale: [en] })
		faker.seed(1)
		const taken = new Set<string>()
		const austin = PLACES.find((p) => p.city === 'Austin')!
		const names = Array.from({ length: 20 }, () => demoClinicName(faker, austin, taken))
		expect(new Set(names).size).toBe(20)
	})
})

describe('demo therapist bios', () => {
	test('no two therapists share a bio, and every bio fits the profile’s 1,200 characters', () => {
		const bios = therapists.map((t) => t.therapist.bio as string)
		expect(new Set(bios).size).toBe(therapists.length)
		for (const bio of bios) expect(bio.length).toBeLessThanOrEqual(1200)
	})

	test('name only approaches, languages, phases and formats the profile has', () => {
		for (const { therapist: t } of therapists) {
			const bio = t.bio as string
			for (const slug of MODALITIES.slugs) if (MODALITY_MARKERS[slug]!.test(bio)) expect(t.modalities, `${t.fullName}: ${slug}`).toContain(slug)
			for (const code of ['es', 'zh', 'vi', 'ko', 'ru', 'fr', 'pt', 'tl', 'ar'])
				if (bio.includes(`sessions in ${languageLabel(code)}`) || bio.includes(` and ${languageLabel(code)}.`)) expect(t.languages).toContain(code)
			for (const code of t.languages as string[]) if (code !== 'en') expect(bio).toContain(languageLabel(code))
			if (/during dosing sessions/.test(bio)) expect(t.phases).toContain('in_session')
			if ((t.phases as string[]).includes('in_session')) expect(bio).toMatch(/during dosing sessions/)
			if (/before their first|Preparation and integration|preparation before/.test(bio)) expect(t.phases).toContain('preparation')
			if (/telehealth/.test(bio)) expect(t.formats).toContain('telehealth')
			if (/in person/.test(bio)) expect(t.formats).toContain('in_person')
		}
	})

	test('the training named is the profile’s, and a bio without training says so', () => {
		for (const { therapist: t } of therapists) {
			const bio = t.bio as string
			if ((t.kapTrainingHours ?? 0) > 0) {
				expect(KAP_PROGRAMS).toContain(t.kapProgram)
				expect(bio).toContain(`${t.kapProgram}`)
				expect(bio).toContain(String(t.kapYear))
			} else {
				expect(t.kapProgram).toBeNull()
				expect(bio).toMatch(/newer to psychedelic-assisted work|early in my training/)
			}
			for (const program of KAP_PROGRAMS) if (program !== t.kapProgram) expect(bio).not.toContain(program)
		}
	})

	test('a supervised licence is said to be supervised, and telehealth states are the covered ones', () => {
		for (const { therapist: t, licenses, authorizations } of therapists) {
			const bio = t.bio as string
			const supervised = ['lpc_associate', 'lmsw', 'lmft_associate'].includes(licenses[0]!.type)
			expect(/under clinical supervision/.test(bio)).toBe(supervised)
			const telehealthIn = /by telehealth in ([^.]+)\./.exec(bio)?.[1]
			if (!telehealthIn) continue
			const covered = new Set([
				...licenses.filter((l) => l.status === 'verified').map((l) => l.state),
				...authorizations.filter((a) => a.status === 'verified' && a.kind !== 'psypact_apit').flatMap((a) => a.states as string[]),
			])
			for (const code of covered) expect(telehealthIn).toContain(stateName(code))
			if (/interstate practice/.test(telehealthIn)) expect(authorizations.some((a) => a.kind === 'psypact_apit' && a.status === 'verified')).toBe(true)
		}
	})

	test('patients read bios: no compact’s or authorization’s name', () => {
		for (const { therapist: t } of therapists) for (const term of ['PSYPACT', 'APIT', 'Counseling Compact', 'telehealth registration', 'Telepsychology']) expect(t.bio).not.toContain(term)
	})

	test('composing is deterministic for a seeded Faker', () => {
		const compose = () => {
			const faker = new Faker({ locale: [en] })
			faker.seed(7)
			const place = PLACES.find((p) => p.city === 'Denver')!
			const build = buildTherapist(faker, place, { today: anchor, index: 1 })
			build.therapist.kapProgram = demoKapProgram(faker, build.therapist.kapTrainingHours ?? 0)
			const practice = demoPracticeName(faker, { lastName: 'Rivera', state: 'CO', licenseType: build.licenses[0]!.type as 'lpc' }, new Set())
			return composeBio(faker, build, { place, practice })
		}
		expect(compose()).toBe(compose())
		expect(compose()).toMatch(/Denver/)
	})
})
