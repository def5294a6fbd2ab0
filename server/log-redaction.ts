// The access log, with bearer tokens masked in every URL it writes (maskUrl, which any other
// logger can use the same way): whoever reads the logs must not be able to use the links.
import { type IncomingMessage, type ServerResponse } from 'node:http'
import morgan from 'morgan'
import { maskUrl } from '#app/domain/auth/secret-urls.ts'

/** morgan's "tiny" line with the URL masked. */
export function accessLogLine(tokens: morgan.TokenIndexer<IncomingMessage, ServerResponse>, req: IncomingMessage, res: ServerResponse): string {
	const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? ''
	return [tokens.method!(req, res), maskUrl(url), tokens.status!(req, res), tokens.res!(req, res, 'content-length'), '-', tokens['response-time']!(req, res), 'ms'].join(' ')
}

/** The access log: one masked line per request, except health checks. */
export function requestLogger(options: { stream?: morgan.StreamOptions } = {}) {
	return morgan<IncomingMessage, ServerResponse>(accessLogLine, { skip: (req) => req.url === '/healthz', ...(options.stream ? { stream: options.stream } : {}) })
}
