// Text PostgreSQL cannot store, refused with a 400 naming the field before any route sees it: a
// NUL character (PostgreSQL rejects it in text, which made any route that saved or looked up
// such a value fail with a 500), bytes that are not UTF-8, and unpaired surrogates in JSON strings.
// One check for the URL (path and query) and for every form, multipart form and JSON body,
// instead of a rule on each field of each schema.
import { type RequestHandler } from 'express'
import { refuse } from './refusal.ts'
import { bytes } from './remix-handler.ts'
import { pathKind, routedPath } from './request-path.ts'

export type TextProblem = { field: string; message: string }

const NUL = 'contains a NUL character (\\0), which cannot be stored; remove it'
const NOT_UTF8 = 'is not valid UTF-8 text'
const SURROGATE = 'contains an unpaired surrogate (\\uD800–\\uDFFF), which is not text'

const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Percent-decodes like URLSearchParams (a `%` not followed by two hex digits stays as it is) but
 * refuses bytes that are not UTF-8, where URLSearchParams would quietly put U+FFFD instead.
 */
export function decodeComponent(encoded: string, plusIsSpace: boolean): string | null {
	const text = plusIsSpace ? encoded.replace(/\+/g, ' ') : encoded
	if (!text.includes('%')) return text
	const bytes: number[] = []
	for (let i = 0; i < text.length; i++) {
		const hex = text.slice(i + 1, i + 3)
		if (text[i] === '%' && /^[0-9a-f]{2}$/i.test(hex)) {
			bytes.push(parseInt(hex, 16))
			i += 2
		} else {
			const codePoint = text.codePointAt(i)!
			if (codePoint > 0xffff) i++
			bytes.push(...Buffer.from(String.fromCodePoint(codePoint), 'utf8'))
		}
	}
	try {
		return strictUtf8.decode(new Uint8Array(bytes))
	} catch {
		return null
	}
}

/** Pairs of `name=value&…` (a query string or a form body), checked one by one. */
function findInPairs(encoded: string, fallbackField: string): TextProblem | null {
	for (const pair of encoded.split('&')) {
		if (pair === '') continue
		const at = pair.indexOf('=')
		const rawName = at === -1 ? pair : pair.slice(0, at)
		const name = decodeComponent(rawName, true)
		if (name === null) return { field: fallbackField, message: NOT_UTF8 }
		if (name.includes('\0')) return { field: fallbackField, message: `has a field name that ${NUL}` }
		const value = at === -1 ? '' : decodeComponent(pair.slice(at + 1), true)
		if (value === null) return { field: name, message: NOT_UTF8 }
		if (value.includes('\0')) return { field: name, message: NUL }
	}
	return null
}

/** Pure: a problem in the request target's path or query string. */
export function findUnstorableInUrl(requestTarget: string): TextProblem | null {
	const at = requestTarget.indexOf('?')
	const path = at === -1 ? requestTarget : requestTarget.slice(0, at)
	for (const segment of path.split('/')) {
		const decoded = decodeComponent(segment, false)
		if (decoded === null) return { field: '(path)', message: NOT_UTF8 }
		if (decoded.includes('\0')) return { field: '(path)', message: NUL }
	}
	return at === -1 ? null : findInPairs(requestTarget.slice(at + 1), '(query)')
}

function asUtf8(body: Uint8Array): string | null {
	try {
		return strictUtf8.decode(body)
	} catch {
		return null
	}
}

/** Pure: a problem in an application/x-www-form-urlencoded body. */
export function findUnstorableInForm(body: Uint8Array): TextProblem | null {
	const text = asUtf8(body)
	if (text === null) return { field: '(body)', message: NOT_UTF8 }
	return findInPairs(text, '(body)')
}

const LONE_SURROGATE = /\p{Surrogate}/u

function textProblem(value: string): string | null {
	if (value.includes('\0')) return NUL
	if (LONE_SURROGATE.test(value)) return SURROGATE
	return null
}

/** Pure: a problem in a JSON body, named by its path as the API names fields (`patient.firstName`, `phases.0`). Malformed JSON is left to the route. */
export function findUnstorableInJson(body: Uint8Array): TextProblem | null {
	const text = asUtf8(body)
	if (text === null) return { field: '(body)', message: NOT_UTF8 }
	let parsed: unknown
	try {
		parsed = JSON.parse(text)
	} catch {
		return null
	}
	const visit = (value: unknown, path: string[]): TextProblem | null => {
		const field = () => path.join('.') || '(body)'
		if (typeof value === 'string') {
			const message = textProblem(value)
			return message ? { field: field(), message } : null
		}
		if (Array.isArray(value)) {
			for (const [i, item] of value.entries()) {
				const found = visit(item, [...path, String(i)])
				if (found) return found
			}
			return null
		}
		if (value !== null && typeof value === 'object') {
			for (const [key, item] of Object.entries(value)) {
				const keyProblem = textProblem(key)
				if (keyProblem) return { field: field(), message: `has a key that ${keyProblem}` }
				const found = visit(item, [...path, key])
				if (found) return found
			}
		}
		return null
	}
	return visit(parsed, [])
}

/** A problem in a multipart/form-data body's text fields (files may hold any bytes), or a body that is no multipart form at all. */
export async function findUnstorableInMultipart(body: Uint8Array, contentType: string): Promise<TextProblem | null> {
	let form: FormData
	try {
		form = await new Response(bytes(body), { headers: { 'Content-Type': contentType } }).formData()
	} catch {
		// A route would fail the same way reading it.
		return { field: '(body)', message: 'is not a readable multipart form (check its boundary and parts)' }
	}
	for (const [name, value] of form.entries()) {
		if (name.includes('\0')) return { field: '(body)', message: `has a field name that ${NUL}` }
		if (typeof value === 'string' && value.includes('\0')) return { field: name, message: NUL }
	}
	return null
}

export async function findUnstorableInBody(body: Uint8Array, contentType: string | undefined): Promise<TextProblem | null> {
	if (body.length === 0 || !contentType) return null
	const type = contentType.split(';')[0]!.trim().toLowerCase()
	if (type === 'application/x-www-form-urlencoded') return findUnstorableInForm(body)
	if (type === 'application/json' || type.endsWith('+json')) return findUnstorableInJson(body)
	if (type === 'multipart/form-data') return findUnstorableInMultipart(body, contentType)
	return null
}

/** Pages' actions read forms only (Remix's request.formData()); any other body is refused rather than left to fail there. */
export function isFormBody(contentType: string | undefined): boolean {
	const type = contentType?.split(';')[0]!.trim().toLowerCase()
	return type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data'
}

/** Runs after bodyLimit. Webhook bodies are left as they are: their signature covers the exact bytes. */
export function unstorableTextGuard(): RequestHandler {
	return async (req, res, next) => {
		try {
			const inUrl = findUnstorableInUrl(req.originalUrl)
			if (inUrl) return await refuse(req, res, next, { status: 400, ...inUrl })
			const kind = pathKind(routedPath(req.originalUrl))
			if (kind === 'webhook') return next()
			const body: Uint8Array = res.locals.requestBody ?? new Uint8Array()
			if (kind === 'app' && body.length > 0 && !isFormBody(req.get('content-type'))) {
				return await refuse(req, res, next, { status: 415, field: '(body)', message: 'Send the form as a web form (application/x-www-form-urlencoded or multipart/form-data).' })
			}
			const inBody = await findUnstorableInBody(body, req.get('content-type'))
			if (inBody) return await refuse(req, res, next, { status: 400, ...inBody })
			next()
		} catch (error) {
			next(error)
		}
	}
}
