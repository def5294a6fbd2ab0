// A translation function over one namespace's resources, built with i18next for one language.
// Synchronous (the resources are bundled), so the server and the browser render the same text.
import i18next from 'i18next'
import { type PatientLanguage } from './languages.ts'

/** "a.b.c" for every string in a nested resource object. */
// Plural forms ("x_one", "x_other") are asked for by their base key with a `count`.
export type KeyOf<T> = { [K in keyof T & string]: T[K] extends string ? (K extends `${infer B}_${'one' | 'other'}` ? B : K) : `${K}.${KeyOf<T[K]>}` }[keyof T & string]

export type Resource = { [key: string]: string | Resource }
export type Translate<R> = (key: KeyOf<R>, values?: Record<string, string | number>) => string

// One i18next instance per namespace and language, made on first use: making one costs far more
// than translating with it, and a page asks for one on every request (docs/performance.md). An
// instance is never changed after it is made (no language switch, no added resources).
const made = new WeakMap<object, Map<PatientLanguage, (key: string, values?: Record<string, string | number>) => string>>()

export function translator<R extends Resource>(lang: PatientLanguage, resources: Record<PatientLanguage, R>): Translate<R> {
	let byLanguage = made.get(resources)
	if (!byLanguage) made.set(resources, (byLanguage = new Map()))
	let translate = byLanguage.get(lang)
	if (!translate) {
		const instance = i18next.createInstance()
		// React and the email builder escape what they print: i18next must not escape it twice.
		void instance.init({ lng: lang, fallbackLng: false, resources: { [lang]: { translation: resources[lang] } }, initAsync: false, interpolation: { escapeValue: false }, returnNull: false })
		translate = (key, values) => instance.t(key, values ?? {}) as string
		byLanguage.set(lang, translate)
	}
	return translate
}
