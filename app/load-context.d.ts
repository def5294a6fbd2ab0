import '@remix-run/node'

declare module '@remix-run/node' {
	interface AppLoadContext {
		/** The Content-Security-Policy nonce of this response (server/security.ts). */
		cspNonce: string
		/** Whether the request came from this machine (server/client-locality.ts); absent means no. */
		localClient?: boolean
		/** Set when the HTTP layer refused the request before any route read it (server/refusal.ts). */
		refusal?: {
			status: 400 | 413 | 415
			message: string
			/** The field at fault, when there is one. */
			field: string | null
			/** For a page's data request: the page to load as a document instead. */
			documentUrl: string | null
		} | null
	}
}
