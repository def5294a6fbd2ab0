import { expect, test } from 'vitest'
import { AUTHORIZATION_KINDS, authorizationKindLabel } from '#app/domain/reference/index.ts'
import { hasTechnicalTerm, plainReason, plainReasons } from './plain-reasons.ts'

test.each(AUTHORIZATION_KINDS.map((k) => k.slug))('a telehealth reason by a %s reads as seeing patients by video', (kind) => {
	const stored = `Can see patients in Texas by telehealth (${authorizationKindLabel(kind)})`
	expect(hasTechnicalTerm(stored)).toBe(true)
	expect(plainReason(stored)).toBe('Can see patients in Texas by video')
	expect(hasTechnicalTerm(plainReason(stored))).toBe(false)
})

test('short forms of the credentials read plainly too', () => {
	expect(plainReason('Can see patients in Texas by telehealth (PSYPACT APIT)')).toBe('Can see patients in Texas by video')
	expect(plainReason('Can see patients in New Mexico by telehealth (Counseling Compact privilege)')).toBe('Can see patients in New Mexico by video')
	expect(plainReason('Licensed in Florida (state telehealth registration)')).toBe('Licensed in Florida')
	expect(plainReason('Holds a PSYPACT APIT')).toBe('Allowed to see patients in your state')
})

test('reasons already in plain words are kept as they are, each once', () => {
	const plain = [
		'Licensed in Texas',
		'Offers integration support',
		'Meets by video',
		'Uses Acceptance and commitment therapy (ACT)',
		'120 hours of training in ketamine-assisted therapy',
		'A partner your clinic works with',
	]
	expect(plainReasons(plain)).toEqual(plain)
	expect(plainReasons(['Can see patients in Texas by telehealth (PSYPACT APIT)', 'Can see patients in Texas by telehealth (Counseling Compact privilege to practise)'])).toEqual([
		'Can see patients in Texas by video',
	])
})
