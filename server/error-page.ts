// The last-resort answer for requests that fail before Remix sees them (a malformed URL, say):
// a small accessible page with the status, never a stack trace.
import { type ErrorRequestHandler } from 'express'
import { errorField, logger } from '#app/utils/logger.server.ts'

const TITLES: Record<number, string> = {
	400: 'That address could not be understood',
	404: 'Page not found',
	413: 'That request was too large',
	500: 'Something went wrong on our side',
}

export function renderErrorPage(status: number, nonce = ''): string {
	const title = TITLES[status] ?? (status < 500 ? 'That request could not be handled' : TITLES[500]!)
	return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} — Tandem</title>
<style nonce="${nonce}">body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; color: #0f172a }</style></head>
<body>
<main>
<p>Error ${status}</p>
<h1>${title}</h1>
<p>Check the address and try again, or <a href="/">go to the home page</a>.</p>
</main>
</body>
</html>`
}

export const errorHandler: ErrorRequestHandler = (error, _req, res, next) => {
	if (res.headersSent) return next(error)
	const raw = Number((error as { status?: number; statusCode?: number }).status ?? (error as { statusCode?: number }).statusCode)
	const status = raw >= 400 && raw < 600 ? raw : 500
	if (status >= 500) logger().error({ err: errorField(error) }, 'A request failed before Remix answered it')
	res
		.status(status)
		.type('html')
		.send(renderErrorPage(status, String(res.locals.cspNonce ?? '')))
}
