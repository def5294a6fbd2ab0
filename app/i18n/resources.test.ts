import { describe, expect, test } from 'vitest'
import { FOCUS_AREAS, MODALITIES, PHASES } from '#app/domain/reference/index.ts'
import { patientLanguage } from './languages.ts'
import { SESSION_CALENDAR } from './calendar.ts'
import { PATIENT_EMAILS } from './patient-emails.ts'
import { PATIENT_PAGE } from './patient.ts'
import { translator, type Resource } from './translator.ts'

function flatten(resource: Resource, prefix = ''): Map<string, string> {
	const out = new Map<string, string>()
	for (const [key, value] of Object.entries(resource)) {
		if (typeof value === 'string') out.set(prefix + key, value)
		else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v)
	}
	return out
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort()

describe.each([
	['the patient’s page', PATIENT_PAGE],
	['the patient’s emails', PATIENT_EMAILS],
	['the patient’s calendar file', SESSION_CALENDAR],
] as const)('%s in English and Spanish', (_, resources) => {
	const en = flatten(resources.en)
	const es = flatten(resources.es)

	test('have the same keys', () => {
		expect([...es.keys()].sort()).toEqual([...en.keys()].sort())
	})

	test('have no empty text', () => {
		for (const [key, value] of [...en, ...es]) expect(value.trim(), key).not.toBe('')
	})

	test('use the same placeholders in each text', () => {
		for (const [key, text] of en) expect(placeholders(es.get(key)!), key).toEqual(placeholders(text))
	})

	test('the Spanish is not the English copied', () => {
		const same = [...en].filter(([key, text]) => es.get(key) === text && !/^[A-Z]{2,}|—/.test(text))
		// Names that are the same in both languages (EMDR, "— Tandem") may repeat; sentences may not.
		expect(same.filter(([, text]) => text.includes(' ')).map(([key]) => key)).toEqual([])
	})
})

test('the page names every approach, focus area and phase in both languages', () => {
	for (const lang of ['en', 'es'] as const) {
		const page = flatten(PATIENT_PAGE[lang])
		for (const slug of MODALITIES.slugs) expect(page.has(`modality.${slug}`), slug).toBe(true)
		for (const slug of FOCUS_AREAS.slugs) expect(page.has(`focus.${slug}`), slug).toBe(true)
		for (const slug of PHASES.slugs) expect(page.has(`phase.${slug}`), slug).toBe(true)
	}
})

test('the translator fills placeholders and plural forms, without escaping', () => {
	const es = translator('es', PATIENT_PAGE)
	expect(es('done.title', { name: 'Ana O’Neil & Co' })).toBe('Ha elegido a Ana O’Neil & Co')
	expect(es('wait.message', { count: 1 })).toContain('Espere 1 minuto y')
	expect(translator('en', PATIENT_PAGE)('wait.message', { count: 5 })).toContain('Please wait 5 minutes and try again.')
})

describe('the patient’s language', () => {
	test('is the one they chose', () => {
		expect(patientLanguage('es', ['en'])).toBe('es')
		expect(patientLanguage('en', ['es', 'en'])).toBe('en')
	})
	test('else Spanish whenever the referral lists Spanish, ticked beside English or not', () => {
		expect(patientLanguage(null, ['es', 'en'])).toBe('es')
		expect(patientLanguage(null, ['vi', 'es'])).toBe('es')
		expect(patientLanguage(null, ['en', 'es'])).toBe('es')
		expect(patientLanguage(null, ['en', 'vi'])).toBe('en')
		expect(patientLanguage(null, [])).toBe('en')
		expect(patientLanguage('fr', ['fr'])).toBe('en')
	})
})
