// Bearer tokens travel in some URLs: in paths (the patient's `/choose/<token>`, a session feed's
// `/calendar/<token>/sessions.ics`) and in query strings (`?token=` on reset, verification,
// invitation and join links). These pure functions say where, so that logs can mask them (maskUrl,
// for any logger) and stored text can be checked for them (carriesSecretLink).
export const MASK = '[masked]'

/** Paths whose next segment is a bearer token. */
export const SECRET_PATH_PREFIXES = ['/choose/', '/calendar/'] as const

/** Query parameters whose value is a secret, whatever the path. */
export const SECRET_QUERY_PARAMETERS = ['token', 'code', 'key', 'secret', 'password'] as const

const SECRET_PARAMETER_SET = new Set<string>(SECRET_QUERY_PARAMETERS)

/** Masks the token segment of a path: `/choose/abc.data` → `/choose/[masked].data`. */
function maskPath(path: string): string {
	let masked = path
	for (const prefix of SECRET_PATH_PREFIXES) {
		// The segment ends at the next slash, dot (Remix's `.data` requests) or the query string.
		const pattern = new RegExp(`(${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})[^/?#.]+`, 'gi')
		masked = masked.replace(pattern, `$1${MASK}`)
	}
	return masked
}

/**
 * The URL as a log may show it: token path segments and secret query values masked, and any
 * other query value that carries such a path (Remix's `/__manifest?p=/choose/<token>`) masked
 * inside. Never throws: a URL it cannot read loses its whole query string.
 */
export function maskUrl(url: string): string {
	const queryAt = url.indexOf('?')
	const hashAt = url.indexOf('#')
	const pathEnd = [queryAt, hashAt].filter((i) => i >= 0).reduce((a, b) => Math.min(a, b), url.length)
	const path = maskPath(url.slice(0, pathEnd))
	if (queryAt < 0 || (hashAt >= 0 && hashAt < queryAt)) return path
	const query = url.slice(queryAt + 1, hashAt > queryAt ? hashAt : undefined)
	try {
		const parts = query.split('&').map((pair) => {
			if (pair === '') return pair
			const eq = pair.indexOf('=')
			const rawName = eq < 0 ? pair : pair.slice(0, eq)
			const name = decodeURIComponent(rawName.replace(/\+/g, ' ')).toLowerCase()
			if (eq < 0) return pair
			if (SECRET_PARAMETER_SET.has(name)) return `${rawName}=${MASK}`
			const value = decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '))
			const maskedValue = maskPath(value)
			return maskedValue === value ? pair : `${rawName}=${encodeURIComponent(maskedValue)}`
		})
		return `${path}?${parts.join('&')}`
	} catch {
		return `${path}?${MASK}`
	}
}

/** Whether a text (an email, a job's payload) holds a link whose URL carries a bearer token. */
export function carriesSecretLink(text: string): boolean {
	for (const [url] of text.matchAll(/https?:\/\/[^\s"'<>]+/g)) {
		const afterOrigin = url.replace(/^https?:\/\/[^/?#]*/, '') || '/'
		if (maskUrl(afterOrigin) !== afterOrigin) return true
	}
	return false
}
