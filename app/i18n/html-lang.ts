// `<html lang>` follows the page: a route whose loader data says `lang` (the patient's page) sets
// it; every other page is English.
import { useMatches } from '@remix-run/react'

export function useHtmlLang(): string {
	const matches = useMatches()
	for (let i = matches.length - 1; i >= 0; i--) {
		const lang = (matches[i]!.data as { lang?: unknown } | undefined)?.lang
		if (typeof lang === 'string' && /^[a-z]{2}$/.test(lang)) return lang
	}
	return 'en'
}
