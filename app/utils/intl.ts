// Intl formatters, one per locale and options for the life of the process (or page): building one
// costs far more than using it, and a page formats dozens of dates, lists and names
// (docs/performance.md). Pure; the server and the browser build the same ones.

const formatters = new Map<string, Intl.DateTimeFormat | Intl.ListFormat | Intl.DisplayNames>()

function cached<F extends Intl.DateTimeFormat | Intl.ListFormat | Intl.DisplayNames>(kind: string, locale: string, options: object, make: () => F): F {
	const key = `${kind}|${locale}|${JSON.stringify(options)}`
	let known = formatters.get(key) as F | undefined
	if (!known) {
		known = make()
		// Keys come from the app's own options and the zones of its clinics and patients: a few
		// dozen. The bound only keeps a mistake from growing without end.
		if (formatters.size > 500) formatters.clear()
		formatters.set(key, known)
	}
	return known
}

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	return cached('date', locale, options, () => new Intl.DateTimeFormat(locale, options))
}

export function listFormat(locale: string, options: Intl.ListFormatOptions): Intl.ListFormat {
	return cached('list', locale, options, () => new Intl.ListFormat(locale, options))
}

export function displayNames(locale: string, options: Intl.DisplayNamesOptions): Intl.DisplayNames {
	return cached('names', locale, options, () => new Intl.DisplayNames([locale], options))
}
