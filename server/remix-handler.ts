// Remix behind Express, in place of @remix-run/express's adapter, for three things it cannot do:
// hand Remix the body bodyLimit already read (and checked), send a refused request to
// routes/request-refused.tsx instead of its route, and pick the server mode per request, so
// that only local requests in development ever see a stack trace. Responses that do not choose
// their own caching get `Cache-Control: no-store` (pages and data carry patients' details).
import { createRequestHandler, type AppLoadContext, type ServerBuild, writeReadableStreamToWritable } from '@remix-run/node'
import { type Request as ExpressRequest, type RequestHandler, type Response as ExpressResponse } from 'express'
import { type Refusal } from './refusal.ts'
import { documentPath, routedPath } from './request-path.ts'
import { routePattern } from './route-pattern.ts'

export const REFUSED_PATH = '/request-refused'

type Options = {
	build: ServerBuild | (() => Promise<ServerBuild>)
	production: boolean
	getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext
}

/** Pure: where a refused request goes instead, and what the refusal route needs to answer it. */
export function refusedTarget(requestTarget: string, method: string): { target: string; documentUrl: string | null } {
	const url = new URL(`http://localhost${requestTarget.startsWith('/') ? requestTarget : '/'}`)
	const dataRequest = url.pathname.endsWith('.data')
	// A data request for a page's loaders cannot carry an error for the page's own routes; it is
	// sent to load the page as a document instead, which then shows the refusal.
	if (dataRequest && (method === 'GET' || method === 'HEAD')) {
		url.searchParams.delete('_routes')
		return { target: `${REFUSED_PATH}.data`, documentUrl: documentPath(url.pathname) + url.search }
	}
	return { target: dataRequest ? `${REFUSED_PATH}.data` : REFUSED_PATH, documentUrl: null }
}

export function remixHandler(options: Options): RequestHandler {
	const production = createRequestHandler(options.build, 'production')
	const development = options.production ? production : createRequestHandler(options.build, 'development')
	const build = typeof options.build === 'function' ? options.build : async () => options.build as ServerBuild
	return async (req, res, next) => {
		try {
			// The metrics label: the route the request's page matched, by the path the router sees.
			res.locals.routePattern = routePattern((await build()).routes, documentPath(routedPath(req.originalUrl) ?? '/')) ?? 'unmatched'
			const refusal = res.locals.refusal as Refusal | undefined
			const redirected = refusal ? refusedTarget(req.originalUrl, req.method) : null
			const request = remixRequest(req, res, redirected?.target ?? req.originalUrl, refusal ? null : ((res.locals.requestBody as Buffer | undefined) ?? Buffer.alloc(0)))
			const context: AppLoadContext = {
				...options.getLoadContext(req, res),
				refusal: refusal ? { status: refusal.status, message: refusal.message, field: refusal.field ?? null, documentUrl: redirected?.documentUrl ?? null } : null,
			}
			const handle = res.locals.localClient === true ? development : production
			const response = await handle(request, context)
			if (!response.headers.has('Cache-Control')) res.setHeader('Cache-Control', 'no-store')
			await sendResponse(res, response)
		} catch (error) {
			next(error)
		}
	}
}

function remixRequest(req: ExpressRequest, res: ExpressResponse, target: string, body: Buffer | null): Request {
	// As @remix-run/express builds it: the port from X-Forwarded-Host or Host, the host name from
	// Express (which honours TRUST_PROXY).
	const port = [req.get('X-Forwarded-Host'), req.get('host')].map((host) => Number.parseInt(host?.split(':')[1] ?? '', 10)).find(Number.isSafeInteger)
	const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ''}${target}`)
	const headers = new Headers()
	for (const [name, value] of Object.entries(req.headers)) {
		if (value === undefined) continue
		for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one)
	}
	let controller: AbortController | null = new AbortController()
	res.on('finish', () => (controller = null))
	res.on('close', () => controller?.abort())
	const init: RequestInit = { method: req.method, headers, signal: controller.signal }
	if (body === null) {
		// A refused request's body is left unread: the route it goes to takes none.
		headers.delete('content-length')
		headers.delete('transfer-encoding')
	}
	if (req.method !== 'GET' && req.method !== 'HEAD') init.body = bytes(body ?? Buffer.alloc(0))
	return new Request(url.href, init)
}

/** The same bytes, typed as the fetch API wants them (Node's Buffer may sit on a shared buffer). */
export function bytes(view: Uint8Array): Uint8Array<ArrayBuffer> {
	return new Uint8Array(view.buffer as ArrayBuffer, view.byteOffset, view.byteLength)
}

async function sendResponse(res: ExpressResponse, response: Response) {
	res.statusMessage = response.statusText
	res.status(response.status)
	for (const [name, value] of response.headers.entries()) res.append(name, value)
	if (/text\/event-stream/i.test(response.headers.get('Content-Type') ?? '')) res.flushHeaders()
	if (response.body) await writeReadableStreamToWritable(response.body, res)
	else res.end()
}
