// Languages as ISO 639-1 codes (docs/product.md §8.1). The list is the languages most spoken in US
// homes; labels come from the runtime's CLDR data rather than a hand-kept table.

export const LANGUAGE_CODES = [
	'en',
	'es',
	'zh',
	'tl',
	'vi',
	'ar',
	'fr',
	'ko',
	'ru',
	'pt',
	'ht',
	'hi',
	'de',
	'pl',
	'it',
	'ur',
	'fa',
	'ja',
	'gu',
	'bn',
	'pa',
	'te',
	'ta',
	'hy',
	'he',
	'uk',
	'el',
	'so',
	'am',
	'yo',
] as const

export type LanguageCode = (typeof LANGUAGE_CODES)[number]

const displayNames = new Intl.DisplayNames(['en'], { type: 'language' })
const known = new Set<string>(LANGUAGE_CODES)

export function isLanguageCode(value: string): value is LanguageCode {
	return known.has(value)
}

export function languageLabel(code: string): string {
	return displayNames.of(code) ?? code
}

export const LANGUAGES = LANGUAGE_CODES.map((code) => ({ code, label: languageLabel(code) }))
