// Whether a request comes from this machine. Development conveniences (the email outbox, stack
// traces in error answers) are shown only to such requests, whatever NODE_ENV says, because a
// server started without NODE_ENV=production still listens on every interface.
import { isIP } from 'node:net'
import { type RequestHandler } from 'express'

export type LocalityInput = {
	/** The TCP peer (`req.socket.remoteAddress`), never a forwarded header. */
	remoteAddress: string | undefined
	/** The Host header. */
	host: string | undefined
	/** Whether the request carries a header a proxy adds (X-Forwarded-For, Forwarded, X-Real-IP). */
	forwarded: boolean
	/** Whether the server was told it sits behind a proxy (TRUST_PROXY). */
	behindProxy: boolean
	/** The host name of APP_URL. */
	appHostname: string
}

export function isLoopbackAddress(address: string | undefined): boolean {
	if (!address) return false
	const plain = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address
	if (isIP(plain) === 4) return plain.startsWith('127.')
	return plain === '::1'
}

function isLoopbackHostname(hostname: string): boolean {
	const name = hostname.toLowerCase()
	if (name === 'localhost' || name.endsWith('.localhost')) return true
	return isLoopbackAddress(name.replace(/^\[(.*)\]$/, '$1'))
}

/**
 * Pure. A request is local when its TCP peer is a loopback address and nothing suggests a proxy
 * relayed it for someone else: a proxy on the same machine connects from 127.0.0.1 for every
 * client, so a forwarding header or TRUST_PROXY makes the request remote. The Host must also name
 * this machine (or APP_URL's host), so that a web page whose name was rebound to 127.0.0.1 cannot
 * read local pages through a developer's browser.
 */
export function isLocalRequest(input: LocalityInput): boolean {
	if (input.behindProxy || input.forwarded) return false
	if (!isLoopbackAddress(input.remoteAddress)) return false
	if (!input.host) return false
	let hostname: string
	try {
		hostname = new URL(`http://${input.host}`).hostname
	} catch {
		return false
	}
	return isLoopbackHostname(hostname) || hostname.toLowerCase() === input.appHostname.toLowerCase()
}

const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip', 'x-forwarded-host', 'x-client-ip']

/** Sets `res.locals.localClient` for the Remix handler and the load context. */
export function clientLocality(options: { appOrigin: string; behindProxy: boolean }): RequestHandler {
	const appHostname = new URL(options.appOrigin).hostname
	return (req, res, next) => {
		res.locals.localClient = isLocalRequest({
			remoteAddress: req.socket.remoteAddress,
			host: req.get('host'),
			forwarded: FORWARDING_HEADERS.some((name) => req.headers[name] !== undefined),
			behindProxy: options.behindProxy,
			appHostname,
		})
		next()
	}
}
