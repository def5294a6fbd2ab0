// Request bodies are read here, before Remix or any route sees them, and refused with 413 as soon
// as they pass the route's limit: by Content-Length before reading, and by counting bytes while
// they stream when the body is chunked. 1 MB by default; the two upload forms get more. The body
// is kept in `res.locals.requestBody` for the Remix handler (server/remix-handler.ts).
import { type Request as ExpressRequest, type RequestHandler } from 'express'
import getRawBody from 'raw-body'
import { PHOTO_MAX_BYTES } from '#app/domain/therapists/photo.ts'
import { NETWORK_CSV_MAX_BYTES } from '#app/domain/therapists/import-schemas.ts'
import { refuse } from './refusal.ts'
import { documentPath, routedPath } from './request-path.ts'

const KB = 1024
const MB = 1024 * KB

export type BodyLimit = { bytes: number; message: string }

export const DEFAULT_BODY_LIMIT: BodyLimit = { bytes: 1 * MB, message: 'What you sent is larger than 1 MB, the most accepted here. Send less and try again.' }

/**
 * Routes that take a file, by the path the router sees (a `.data` submission counts as its page).
 * The allowance over the file's own limit is room for the form's other fields and the multipart
 * framing; the route itself then checks the file's size and type.
 */
export const BODY_LIMITS: Readonly<Record<string, BodyLimit>> = {
	'/therapist/profile': { bytes: PHOTO_MAX_BYTES + 256 * KB, message: 'The photo is larger than 2 MB; choose a smaller one.' },
	'/admin/import': { bytes: NETWORK_CSV_MAX_BYTES + 64 * KB, message: 'The file is larger than 5 MB; split it and import the parts one after another.' },
}

/** Pure: the limit for a request target (`req.originalUrl`). */
export function bodyLimitFor(requestTarget: string): BodyLimit {
	const path = routedPath(requestTarget)
	return (path !== null && BODY_LIMITS[documentPath(path)]) || DEFAULT_BODY_LIMIT
}

function hasBody(req: ExpressRequest): boolean {
	return req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0')
}

type RawBodyError = Error & { type?: string }

export function bodyLimit(): RequestHandler {
	return async (req, res, next) => {
		if (!hasBody(req)) {
			res.locals.requestBody = Buffer.alloc(0)
			return next()
		}
		const limit = bodyLimitFor(req.originalUrl)
		try {
			res.locals.requestBody = await getRawBody(req, { length: req.headers['content-length'], limit: limit.bytes })
		} catch (error) {
			const type = (error as RawBodyError).type
			// The rest of the body stays unread: answer and close the connection rather than drain it.
			if (type === 'entity.too.large') return refuse(req, res, next, { status: 413, message: limit.message, closeConnection: true })
			// Anything else (the client went away, or sent a body unlike its Content-Length) is a 400.
			return next(error)
		}
		next()
	}
}
