// Reading a calendar feed from the address a therapist gave, bounded in every way an address
// given by a user must be: only http(s) (webcal:// is read as https://), at most 3 redirects, 10
// seconds in all, 2 MB of body, and never an address inside the server's own networks in
// production (SSRF): every name is resolved first and each of its addresses checked, and the
// connection goes to the address that was checked (no second lookup to rebind). Loopback is
// allowed outside production, so that development and tests can serve a feed themselves.
import dns from 'node:dns/promises'
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import { env } from '#app/utils/env.server.ts'
import { feedAddress } from './feed-address.ts'

export const FEED_LIMITS = { maxBytes: 2 * 1024 * 1024, timeoutMs: 10_000, maxRedirects: 3 } as const

export type FeedFetch = { ok: true; text: string } | { ok: false; error: string }

export async function fetchFeed(given: string, limits: { maxBytes: number; timeoutMs: number; maxRedirects: number } = FEED_LIMITS): Promise<FeedFetch> {
	const address = feedAddress(given)
	if (!address.ok) return address
	const deadline = Date.now() + limits.timeoutMs
	let url = address.url
	for (let redirects = 0; ; redirects++) {
		const answer = await getOnce(url, deadline, limits.maxBytes)
		if (answer.kind === 'error') return { ok: false, error: answer.error }
		if (answer.kind === 'body') return { ok: true, text: answer.text }
		if (redirects >= limits.maxRedirects) return { ok: false, error: `The calendar’s address redirected more than ${limits.maxRedirects} times.` }
		const next = feedAddress(new URL(answer.location, url).toString())
		if (!next.ok) return { ok: false, error: `The calendar’s address redirected to an address that cannot be read: ${next.error}` }
		url = next.url
	}
}

type Answer = { kind: 'body'; text: string } | { kind: 'redirect'; location: string } | { kind: 'error'; error: string }

async function getOnce(url: URL, deadline: number, maxBytes: number): Promise<Answer> {
	const host = url.hostname.replace(/^\[|\]$/g, '')
	let addresses: { address: string; family: number }[]
	try {
		addresses = net.isIP(host) ? [{ address: host, family: net.isIP(host) }] : await withDeadline(dns.lookup(host, { all: true, verbatim: true }), deadline)
	} catch (error) {
		return { kind: 'error', error: error instanceof DeadlineError ? timedOut() : `The calendar’s server (${host}) could not be found.` }
	}
	const refused = addresses.find((a) => !mayConnect(a.address))
	if (refused || addresses.length === 0) return { kind: 'error', error: `The calendar’s address (${host}) points inside a private network, which Tandem does not read.` }
	const target = addresses[0]!
	const client = url.protocol === 'https:' ? https : http
	return new Promise<Answer>((resolve) => {
		const remaining = deadline - Date.now()
		if (remaining <= 0) return resolve({ kind: 'error', error: timedOut() })
		const request = client.request(
			url,
			{
				method: 'GET',
				headers: { Accept: 'text/calendar, */*;q=0.5', 'User-Agent': 'Tandem calendar reader' },
				// Connect to the address checked above, whatever the name resolves to a moment later.
				lookup: (_hostname, options, callback) => {
					if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [target])
					else callback(null, target.address, target.family)
				},
				servername: net.isIP(host) ? undefined : host,
				timeout: remaining,
			},
			(response) => {
				const status = response.statusCode ?? 0
				if (status >= 300 && status < 400 && response.headers.location) {
					response.resume()
					return resolve({ kind: 'redirect', location: response.headers.location })
				}
				if (status !== 200) {
					response.resume()
					return resolve({
						kind: 'error',
						error: `The calendar’s server answered ${status}${status === 404 ? ' (not found): check the address' : status === 401 || status === 403 ? ' (not allowed): use the calendar’s secret or public iCal address' : ''}.`,
					})
				}
				const declared = Number(response.headers['content-length'])
				if (declared > maxBytes) {
					response.destroy()
					return resolve({ kind: 'error', error: tooBig(maxBytes) })
				}
				const chunks: Buffer[] = []
				let size = 0
				response.on('data', (chunk: Buffer) => {
					size += chunk.length
					if (size > maxBytes) {
						response.destroy()
						resolve({ kind: 'error', error: tooBig(maxBytes) })
					} else chunks.push(chunk)
				})
				response.on('end', () => resolve({ kind: 'body', text: Buffer.concat(chunks).toString('utf8') }))
				response.on('error', () => resolve({ kind: 'error', error: 'The calendar’s server stopped sending part-way.' }))
			},
		)
		const timer = setTimeout(() => {
			request.destroy()
			resolve({ kind: 'error', error: timedOut() })
		}, remaining)
		request.on('timeout', () => {
			request.destroy()
			resolve({ kind: 'error', error: timedOut() })
		})
		request.on('error', (error) => resolve({ kind: 'error', error: `The calendar’s server could not be reached (${(error as NodeJS.ErrnoException).code ?? 'connection failed'}).` }))
		request.on('close', () => clearTimeout(timer))
		request.end()
	})
}

const timedOut = () => `The calendar’s server did not answer within ${FEED_LIMITS.timeoutMs / 1000} seconds.`
const tooBig = (maxBytes: number) => `The calendar is larger than Tandem reads (${Math.round(maxBytes / 1024 / 1024)} MB): share a calendar with fewer past events.`

class DeadlineError extends Error {}
function withDeadline<T>(promise: Promise<T>, deadline: number): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const timer = setTimeout(() => reject(new DeadlineError()), Math.max(0, deadline - Date.now()))
		promise.then(
			(value) => (clearTimeout(timer), resolve(value)),
			(error: unknown) => (clearTimeout(timer), reject(error)),
		)
	})
}

/** Whether the server may connect to an address: public ones always; loopback only outside production. */
export function mayConnect(address: string, production = env().NODE_ENV === 'production'): boolean {
	const kind = addressKind(address)
	if (kind === 'public') return true
	return kind === 'loopback' && !production
}

/** Public, loopback, or private (RFC 1918, link-local, CGNAT, unique-local, unspecified, multicast, reserved). */
export function addressKind(address: string): 'public' | 'loopback' | 'private' {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
	if (mapped) return addressKind(mapped[1]!)
	if (net.isIPv4(address)) {
		const [a, b] = address.split('.').map(Number) as [number, number]
		if (a === 127) return 'loopback'
		if (a === 0 || a === 10 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private'
		if ((a === 192 && b === 0) || (a === 198 && (b === 18 || b === 19)) || a >= 224) return 'private'
		return 'public'
	}
	if (net.isIPv6(address)) {
		const lower = address.toLowerCase()
		if (lower === '::1') return 'loopback'
		if (lower === '::' || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower) || /^ff/.test(lower) || lower.startsWith('64:ff9b:') || lower.startsWith('2001:db8:')) return 'private'
		return 'public'
	}
	return 'private'
}
