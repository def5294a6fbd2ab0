// How the HTTP layer answers a request it refuses before any route reads it (a body over its
// limit, text that cannot be stored): problem+json for the API, JSON for webhooks, and for
// everything else a page (or, for a data request, an error Remix shows in the page) rendered by
// Remix itself through routes/request-refused.tsx, so a person sees the app's error page.
import { type NextFunction, type Request as ExpressRequest, type Response as ExpressResponse } from 'express'
import { invalidFields, problem } from '#app/utils/api.server.ts'
import { pathKind, routedPath } from './request-path.ts'

export type Refusal = {
	status: 400 | 413 | 415 | 415
	/** What to do about it, for a person. */
	message: string
	/** The form field, JSON path, query parameter, `(path)` or `(body)` at fault. */
	field?: string
	/** Set when part of the body is still unread: the connection is closed rather than drained. */
	closeConnection?: boolean
}

export async function refuse(req: ExpressRequest, res: ExpressResponse, next: NextFunction, refusal: Refusal) {
	if (refusal.closeConnection) {
		res.setHeader('Connection', 'close')
		// Whatever is already on its way is read and dropped while the answer is made, so that the
		// connection ends cleanly after it rather than with a reset the client may see first.
		req.resume()
	}
	const kind = pathKind(routedPath(req.originalUrl))
	if (kind === 'app') {
		res.locals.refusal = refusal
		return next()
	}
	const response =
		kind === 'webhook'
			? Response.json({ error: refusal.message }, { status: refusal.status, headers: { 'Cache-Control': 'no-store' } })
			: refusal.status === 413
				? problem(413, 'Body too large', refusal.message)
				: invalidFields([{ path: refusal.field ?? '(body)', message: refusal.message }])
	res.status(response.status)
	response.headers.forEach((value, name) => res.setHeader(name, value))
	res.send(Buffer.from(await response.arrayBuffer()))
}
