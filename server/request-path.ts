// The path a request will be routed by, worked out the way Remix's Express adapter does it: the
// raw request target appended to an origin and parsed as a WHATWG URL, which resolves `..`,
// `%2e%2e` and backslashes. Middleware that decides by path (the Origin check, body limits) must
// look at this path, not at Express's raw `req.path`, or `/api/../clinics/…` is judged as one
// route and served as another.

/** The normalised, lower-cased pathname (still percent-encoded), or null when the target is not a path. */
export function routedPath(requestTarget: string): string | null {
	if (!requestTarget.startsWith('/')) return null
	try {
		return new URL(`http://localhost${requestTarget}`).pathname.toLowerCase()
	} catch {
		return null
	}
}

/** The page a Remix data request (`/x.data`, `/_root.data`) loads or submits to; other paths unchanged. */
export function documentPath(path: string): string {
	if (path === '/_root.data') return '/'
	return path.endsWith('.data') ? path.slice(0, -'.data'.length) : path
}

/** Routes that authenticate by bearer token or signature rather than by the session cookie. */
export type PathKind = 'api' | 'webhook' | 'app'

export function pathKind(path: string | null): PathKind {
	if (path?.startsWith('/api/')) return 'api'
	if (path?.startsWith('/webhooks/')) return 'webhook'
	return 'app'
}
