import { expect, test } from 'vitest'
import { translator } from './translator.ts'

const RESOURCES = {
	en: { greeting: 'Hello, {{name}}', visits_one: '{{count}} visit', visits_other: '{{count}} visits' },
	es: { greeting: 'Hola, {{name}}', visits_one: '{{count}} visita', visits_other: '{{count}} visitas' },
}

test('made once per namespace and language, and each keeps its own language', () => {
	const en = translator('en', RESOURCES)
	const es = translator('es', RESOURCES)
	expect(translator('en', RESOURCES)).toBe(en)
	expect(translator('es', RESOURCES)).toBe(es)
	expect(es('greeting', { name: 'Ana' })).toBe('Hola, Ana')
	expect(en('greeting', { name: 'Ana' })).toBe('Hello, Ana')
	expect(es('visits', { count: 2 })).toBe('2 visitas')
	expect(en('visits', { count: 1 })).toBe('1 visit')
	// Another namespace with the same language has its own instance.
	const other = { en: { greeting: 'Hi' }, es: { greeting: 'Buenas' } }
	expect(translator('es', other)('greeting')).toBe('Buenas')
	expect(es('greeting', { name: 'Ana' })).toBe('Hola, Ana')
})

test('what is printed is not escaped (React and the email builder escape it)', () => {
	expect(translator('en', RESOURCES)('greeting', { name: 'A & <B>' })).toBe('Hello, A & <B>')
})
