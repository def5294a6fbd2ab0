// Server rendering: streams HTML to browsers and waits for the whole page for bots.
import { PassThrough } from 'node:stream'
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from '@remix-run/node'
import { isRouteErrorResponse, RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { maskUrl } from './domain/auth/secret-urls.ts'
import { errorField, logger } from './utils/logger.server.ts'
import { NonceProvider } from './utils/nonce.tsx'

export const streamTimeout = 5_000

export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext, loadContext: AppLoadContext) {
	const nonce = loadContext.cspNonce ?? ''
	const waitForAll = isbot(request.headers.get('user-agent') ?? '')
	return new Promise((resolve, reject) => {
		let shellRendered = false
		const { pipe, abort } = renderToPipeableStream(
			<NonceProvider value={nonce}>
				<RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
			</NonceProvider>,
			{
				nonce,
				[waitForAll ? 'onAllReady' : 'onShellReady']() {
					shellRendered = true
					const body = new PassThrough()
					responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
					resolve(
						new Response(createReadableStreamFromReadable(body), {
							headers: responseHeaders,
							status: responseStatusCode,
						}),
					)
					pipe(body)
				},
				onShellError(error: unknown) {
					reject(error)
				},
				onError(error: unknown) {
					responseStatusCode = 500
					// Errors after the shell are logged here; before it, Remix's handleError logs them.
					if (shellRendered) logger().error({ err: errorField(error) }, 'Rendering a page failed after its first bytes')
				},
			},
		)
		setTimeout(abort, streamTimeout + 1_000)
	})
}

export function handleError(error: unknown, { request }: { request: Request }) {
	if (request.signal.aborted) return
	// A 4xx the router answered itself (a POST to a page without a form, say) is not a fault.
	if (isRouteErrorResponse(error) && error.status < 500) return
	logger().error({ err: errorField(error), url: maskUrl(request.url.replace(/^https?:\/\/[^/]*/, '')) }, 'A loader or action failed')
}
