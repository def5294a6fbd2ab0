// The HTTP layer's defences, over real HTTP against the whole stack: bodies refused with 413 while
// they stream (chunked ones included), `no-store` on pages and data with patients' details, the
// development outbox and stack traces only for this machine, text PostgreSQL cannot store refused
// with a 400 naming the field, the Origin check judging the path the router will use, and the
// production session cookie and cross-origin headers.
import http from 'node:http'
import { type ServerBuild } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { createApiKey } from '#app/domain/clinics/api-keys.server.ts'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { createSession, markSessionTwoFactorVerified, SECURE_SESSION_COOKIE, SESSION_COOKIE, validateSessionToken } from '#app/utils/session.server.ts'
import { seedDemoData } from '#prisma/seed.ts'
import { apiReferralBody, BIRTH_DATE_ABOUT_40 } from '#tests/factories/referrals.ts'
import { startTestServer, type TestServer } from '#tests/setup/app-server.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'

const MB = 1024 * 1024
const FORM = 'application/x-www-form-urlencoded'

let server: TestServer
let clinicA: string
let apiKey: string
let adminOfA: string
let therapistUser: string
let platformAdmin: string

beforeAll(async () => {
	await resetDatabase()
	await seedDemoData(db(), { anchor: new Date('2026-11-16T00:00:00Z') })
	const user = (email: string) => db().user.findUniqueOrThrow({ where: { email } })
	adminOfA = (await user('tx.admin@tandem.example')).id
	therapistUser = (await user('therapist.tx@tandem.example')).id
	platformAdmin = (await user('admin@tandem.example')).id
	clinicA = (await db().clinicMember.findFirstOrThrow({ where: { userId: adminOfA } })).clinicId
	const key = await createApiKey(clinicA, 'Hardening test', null)
	if (!key.ok) throw new Error('no key')
	apiKey = key.key
	server = await startTestServer()
}, 120_000)

afterAll(async () => {
	await server?.close()
	await closeDatabase()
})

async function cookieOf(userId: string, name = SESSION_COOKIE): Promise<string> {
	const { token } = await createSession(userId, { ip: null, userAgent: 'http-hardening' })
	if (userId === platformAdmin) await markSessionTwoFactorVerified((await validateSessionToken(token))!.sessionId)
	return `${name}=${token}`
}

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string }

/**
 * A request sent as raw HTTP: the path exactly as given (no normalisation), and the body written
 * chunk by chunk, stopping as soon as an answer arrives. With `finish: false` the body is never
 * completed, so an answer proves the server refused it while it was still streaming.
 */
function send(options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer; chunk?: number; finish?: boolean; baseUrl?: string }): Promise<Answer> {
	const base = new URL(options.baseUrl ?? server.origin)
	return new Promise<Answer>((resolve, reject) => {
		let answered = false
		const timer = setTimeout(() => {
			request.destroy()
			reject(new Error(`no answer to ${options.method ?? 'GET'} ${options.path} within 10 s`))
		}, 10_000)
		const request = http.request({ host: base.hostname, port: base.port, method: options.method ?? 'GET', path: options.path, headers: { Origin: server.origin, ...options.headers } }, (response) => {
			answered = true
			const parts: Buffer[] = []
			response.on('data', (part: Buffer) => parts.push(part))
			response.on('end', () => {
				clearTimeout(timer)
				resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(parts).toString('utf8') })
				request.destroy()
			})
		})
		// Once the server has answered and closed, the rest of an unread body may fail to send.
		request.on('error', (error) => {
			if (!answered) {
				clearTimeout(timer)
				reject(error)
			}
		})
		// The request line and headers go out now, even before any of the body.
		request.flushHeaders()
		// Waits until the socket takes more, or the server has answered.
		const writable = () =>
			new Promise<void>((done) => {
				const finish = () => {
					clearInterval(poll)
					request.off('drain', finish)
					done()
				}
				const poll = setInterval(() => answered && finish(), 10)
				request.once('drain', finish)
			})
		void (async () => {
			const body = options.body ?? Buffer.alloc(0)
			const size = options.chunk ?? 64 * 1024
			for (let at = 0; at < body.length && !answered; at += size) {
				if (!request.write(body.subarray(at, at + size))) await writable()
			}
			if (options.finish !== false && !answered) request.end()
		})()
	})
}

/** A form body of exactly `size` bytes: a valid email and padding. */
function formOfSize(size: number): Buffer {
	const head = 'email=nobody%40example.com&padding='
	return Buffer.from(head + 'a'.repeat(size - head.length))
}

describe('bodies over the limit are refused with 413 while they stream', () => {
	test('a chunked form over 1 MB is answered before it ends, with a page that says why', async () => {
		const answer = await send({ method: 'POST', path: '/forgot-password', headers: { 'Content-Type': FORM }, body: formOfSize(MB + 64 * 1024), finish: false })
		expect(answer.status).toBe(413)
		expect(answer.headers['content-type']).toMatch(/text\/html/)
		expect(answer.body).toContain('larger than 1 MB')
		expect(answer.headers.connection).toBe('close')
	})

	test('a form sent by script (a Remix data request) gets a 413 the page can show', async () => {
		const answer = await send({ method: 'POST', path: '/forgot-password.data', headers: { 'Content-Type': FORM }, body: formOfSize(2 * MB), finish: false })
		expect(answer.status).toBe(413)
		expect(answer.headers['content-type']).toMatch(/text\/x-script/)
		expect(answer.body).toContain('larger than 1 MB')
	})

	test('a body announced as too large is refused before a byte of it is read', async () => {
		const answer = await send({ method: 'POST', path: '/forgot-password', headers: { 'Content-Type': FORM, 'Content-Length': String(100 * MB) }, finish: false })
		expect(answer.status).toBe(413)
	})

	test('the API answers problem+json, the Stripe webhook JSON, both while the body streams', async () => {
		const api = await send({
			method: 'POST',
			path: '/api/v1/referrals',
			headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${apiKey}` },
			body: Buffer.alloc(2 * MB, 0x20),
			finish: false,
		})
		expect(api.status).toBe(413)
		expect(api.headers['content-type']).toMatch(/application\/problem\+json/)
		expect(JSON.parse(api.body)).toMatchObject({ status: 413, type: '/api/v1/problems/payload-too-large', detail: expect.stringContaining('1 MB') })

		const webhook = await send({
			method: 'POST',
			path: '/webhooks/stripe',
			headers: { 'Content-Type': 'application/json', 'Stripe-Signature': 't=1,v1=x' },
			body: Buffer.alloc(2 * MB, 0x20),
			finish: false,
		})
		expect(webhook.status).toBe(413)
		expect(JSON.parse(webhook.body)).toEqual({ error: expect.stringContaining('1 MB') })
	})

	test('a chunked form of exactly 1 MB is read and answered by its route; one byte more is not', async () => {
		const under = await send({ method: 'POST', path: '/forgot-password', headers: { 'Content-Type': FORM }, body: formOfSize(MB) })
		expect(under.status).toBe(200)
		expect(under.body).toContain('If an account uses that address')
		const over = await send({ method: 'POST', path: '/forgot-password', headers: { 'Content-Type': FORM }, body: formOfSize(MB + 1) })
		expect(over.status).toBe(413)
	})

	test('the photo upload takes a body over 1 MB, and refuses one over its own limit while it streams', async () => {
		const cookie = await cookieOf(therapistUser)
		const photo = (size: number) => {
			const form = new FormData()
			form.set('intent', 'photo')
			form.set('photo', new File([new Uint8Array(size)], 'me.jpg', { type: 'image/jpeg' }))
			return new Response(form)
		}
		const small = photo(1.5 * MB)
		const taken = await send({
			method: 'POST',
			path: '/therapist/profile',
			headers: { Cookie: cookie, 'Content-Type': small.headers.get('Content-Type')! },
			body: Buffer.from(await small.arrayBuffer()),
		})
		// The route read it and judged the file itself: zeros are no JPEG.
		expect(taken.status).toBe(400)
		expect(taken.body).toContain('Use a JPEG, PNG or WebP photo.')

		const large = photo(3 * MB)
		const refused = await send({
			method: 'POST',
			path: '/therapist/profile',
			headers: { Cookie: cookie, 'Content-Type': large.headers.get('Content-Type')! },
			body: Buffer.from(await large.arrayBuffer()),
			finish: false,
		})
		expect(refused.status).toBe(413)
		expect(refused.body).toContain('The photo is larger than 2 MB')
	})

	test('the network import takes a CSV over 1 MB', async () => {
		const form = new FormData()
		form.set('file', new File(['email,full_name\n' + 'x'.repeat(3 * MB)], 'network.csv', { type: 'text/csv' }))
		const encoded = new Response(form)
		const answer = await send({
			method: 'POST',
			path: '/admin/import',
			headers: { Cookie: await cookieOf(platformAdmin), 'Content-Type': encoded.headers.get('Content-Type')! },
			body: Buffer.from(await encoded.arrayBuffer()),
		})
		// The import read the file and listed what is wrong with it.
		expect(answer.status).toBe(422)
	})
})

describe('pages, data and API answers with patients’ details are never stored by a cache', () => {
	test('the clinic’s referral page and its data', async () => {
		const referral = await db().referral.findFirstOrThrow({ where: { clinicId: clinicA, patient: { isNot: null } } })
		const cookie = await cookieOf(adminOfA)
		const page = await send({ path: `/clinics/${clinicA}/referrals/${referral.id}`, headers: { Cookie: cookie } })
		expect(page.status).toBe(200)
		expect(page.headers['cache-control']).toBe('no-store')
		const data = await send({ path: `/clinics/${clinicA}/referrals/${referral.id}.data`, headers: { Cookie: cookie } })
		expect(data.status).toBe(200)
		expect(data.headers['cache-control']).toBe('no-store')
	})

	test('the chosen therapist’s offer page and its data', async () => {
		const offer = await db().offer.findFirstOrThrow({ where: { status: 'chosen', therapist: { userId: { not: null } } }, include: { therapist: true } })
		const cookie = await cookieOf(offer.therapist.userId!)
		for (const path of [`/therapist/offers/${offer.id}`, `/therapist/offers/${offer.id}.data`]) {
			const answer = await send({ path, headers: { Cookie: cookie } })
			expect(answer.status, path).toBe(200)
			expect(answer.headers['cache-control'], path).toBe('no-store')
		}
	})

	test('the API’s referral', async () => {
		const referral = await db().referral.findFirstOrThrow({ where: { clinicId: clinicA } })
		const answer = await send({ path: `/api/v1/referrals/${referral.id}`, headers: { Authorization: `Bearer ${apiKey}` } })
		expect(answer.status).toBe(200)
		expect(answer.headers['cache-control']).toBe('no-store')
	})

	test('every other page too; a route that chose its own caching keeps it', async () => {
		for (const path of ['/', '/login', '/_root.data', '/no-such-page']) {
			expect((await send({ path })).headers['cache-control'], path).toBe('no-store')
		}
		expect((await send({ path: '/api/v1/openapi.json' })).headers['cache-control']).toBe('public, max-age=300')
	})
})

describe('development conveniences are for this machine only', () => {
	const relayed = { 'X-Forwarded-For': '203.0.113.9' }

	test('the development outbox answers local requests only', async () => {
		expect((await send({ path: '/dev/outbox' })).status).toBe(200)
		expect((await send({ path: '/dev/outbox', headers: relayed })).status).toBe(404)
		expect((await send({ path: '/dev/outbox.data', headers: relayed })).status).toBe(404)
		expect((await send({ path: '/dev/outbox', headers: { Host: 'rebound.example' } })).status).toBe(404)
	})

	test('a server error shows its stack to a local request in development, and to nobody else', async () => {
		// The failure is logged on the server, as it should be; keep it out of the test output.
		vi.spyOn(console, 'error').mockImplementation(() => {})
		const failing = await startTestServer({
			build: server.build,
			changeBuild: (build: ServerBuild) => {
				const route = build.routes['routes/forgot-password']!
				const loader = () => {
					throw new Error('forgot-password loader exploded (marker 7f3a)')
				}
				return { ...build, routes: { ...build.routes, 'routes/forgot-password': { ...route, module: { ...route.module, loader } } } }
			},
		})
		try {
			for (const path of ['/forgot-password', '/forgot-password.data']) {
				const remote = await send({ baseUrl: failing.origin, path, headers: relayed })
				expect(remote.status, path).toBe(500)
				expect(remote.body, path).not.toContain('marker 7f3a')
				expect(remote.body, path).not.toMatch(/\.tsx?:\d+:\d+/)
				const local = await send({ baseUrl: failing.origin, path })
				expect(local.status, path).toBe(500)
				expect(local.body, path).toContain('marker 7f3a')
			}
		} finally {
			vi.restoreAllMocks()
			await failing.close()
		}
	})
})

describe('a NUL character anywhere is a 400 naming the field, never a 500', () => {
	const form = async (path: string, fields: Record<string, string>, userId = adminOfA) =>
		send({ method: 'POST', path, headers: { Cookie: await cookieOf(userId), 'Content-Type': FORM }, body: Buffer.from(new URLSearchParams(fields).toString()) })

	test('the API’s patient fields and the API’s referral address', async () => {
		const body = apiReferralBody()
		const created = await send({
			method: 'POST',
			path: '/api/v1/referrals',
			headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
			body: Buffer.from(JSON.stringify({ ...body, patient: { ...body.patient, lastName: 'Re\u0000yes' } })),
		})
		expect(created.status).toBe(400)
		expect(JSON.parse(created.body)).toMatchObject({ status: 400, errors: [{ path: 'patient.lastName', message: expect.stringMatching(/NUL/) }] })

		const read = await send({ path: '/api/v1/referrals/%00', headers: { Authorization: `Bearer ${apiKey}` } })
		expect(read.status).toBe(400)
		expect(read.headers['content-type']).toMatch(/application\/problem\+json/)
		expect(JSON.parse(read.body)).toMatchObject({ errors: [{ path: '(path)' }] })
	})

	test('the referral form', async () => {
		const inTwoWeeks = new Date(Date.now() + 14 * 24 * 3_600_000).toISOString().slice(0, 10)
		const fields = {
			intent: 'save',
			patientState: 'TX',
			ageBand: '35-44',
			phases: 'integration',
			format: 'telehealth',
			modalities: 'ifs',
			languages: 'en',
			'payment.type': 'self_pay',
			urgency: 'routine',
			'dosing.firstSessionAt': `${inTwoWeeks}T10:00`,
			'dosing.sessions': '6',
			'dosing.cadenceDays': '3',
			'patient.firstName': 'Jordan',
			'patient.lastName': 'Re\u0000yes',
			'patient.email': 'jordan@example.org',
			'patient.birthDate': BIRTH_DATE_ABOUT_40,
		}
		const before = await db().referral.count()
		const answer = await form(`/clinics/${clinicA}/referrals/new`, fields)
		expect(answer.status).toBe(400)
		expect(answer.body).toContain('“patient.lastName” contains a NUL character')
		expect(await db().referral.count()).toBe(before)
	})

	test('a message on a referral, by page and by script', async () => {
		const chosen = await db().offer.findFirstOrThrow({ where: { status: 'chosen', referral: { clinic: { members: { some: {} } } } }, include: { referral: true } })
		const admin = await db().clinicMember.findFirstOrThrow({ where: { clinicId: chosen.referral.clinicId } })
		const path = `/clinics/${chosen.referral.clinicId}/referrals/${chosen.referralId}`
		const page = await form(path, { intent: 'message', body: 'Hello\u0000' }, admin.userId)
		expect(page.status).toBe(400)
		expect(page.body).toContain('“body” contains a NUL character')
		const data = await form(`${path}.data`, { intent: 'message', body: 'Hello\u0000' }, admin.userId)
		expect(data.status).toBe(400)
		expect(data.body).toContain('“body” contains a NUL character')
	})

	test('an invitation’s note', async () => {
		const answer = await form(`/clinics/${clinicA}/therapists/invite`, { intent: 'invite', email: 'new.therapist@example.org', note: 'Welcome\u0000' })
		expect(answer.status).toBe(400)
		expect(answer.body).toContain('“note” contains a NUL character')
	})

	test('revoking an API key', async () => {
		const answer = await form(`/clinics/${clinicA}/api-keys`, { intent: 'revoke', keyId: '\u0000' })
		expect(answer.status).toBe(400)
		expect(answer.body).toContain('“keyId” contains a NUL character')
	})

	test('the directory’s name search, as a page and as a data request', async () => {
		const cookie = await cookieOf(adminOfA)
		const page = await send({ path: `/clinics/${clinicA}/therapists?name=%00`, headers: { Cookie: cookie } })
		expect(page.status).toBe(400)
		expect(page.body).toContain('“name” contains a NUL character')
		// Navigating in the page loads the address as a document, which then shows the 400.
		const data = await send({ path: `/clinics/${clinicA}/therapists.data?name=%00&_routes=routes%2Fclinics.%24clinicId.therapists._index`, headers: { Cookie: cookie } })
		expect(data.status).toBeLessThan(400)
		expect(data.body).toContain(`/clinics/${clinicA}/therapists?name=%00`)
	})
})

describe('the Origin check judges the path the router will use', () => {
	test('a cross-site form to an API-looking path that resolves to a page is refused', async () => {
		const before = await db().apiKey.count({ where: { clinicId: clinicA } })
		for (const path of [`/api/../clinics/${clinicA}/api-keys`, `/api/%2e%2e/clinics/${clinicA}/api-keys`, `/webhooks/../clinics/${clinicA}/api-keys`]) {
			const answer = await send({
				method: 'POST',
				path,
				headers: { Cookie: await cookieOf(adminOfA), Origin: 'https://evil.example', 'Content-Type': FORM },
				body: Buffer.from('intent=create&name=Planted'),
			})
			expect(answer.status, path).toBe(403)
		}
		expect(await db().apiKey.count({ where: { clinicId: clinicA } })).toBe(before)
	})

	test('a form whose Origin is the app’s address but was sent to another host is refused with words, not a 500', async () => {
		const before = await db().userToken.count()
		const answer = await send({ method: 'POST', path: '/forgot-password', headers: { Origin: 'http://localhost', 'Content-Type': FORM }, body: Buffer.from('email=ana%40example.org') })
		expect(answer.status).toBe(403)
		expect(answer.body).toContain('sent from another site')
		expect(await db().userToken.count()).toBe(before)
	})
})

describe('in production', () => {
	let production: TestServer
	beforeAll(async () => {
		production = await startTestServer({ production: true, build: server.build })
	}, 120_000)
	afterAll(async () => {
		await production?.close()
	})

	test('the session cookie is the __Host- one; a cookie without the prefix signs nobody in', async () => {
		const prefixed = await send({ baseUrl: production.origin, path: '/account', headers: { Cookie: await cookieOf(adminOfA, SECURE_SESSION_COOKIE) } })
		expect(prefixed.status).toBe(200)
		const plain = await send({ baseUrl: production.origin, path: '/account', headers: { Cookie: await cookieOf(adminOfA, SESSION_COOKIE) } })
		expect(plain.status).toBe(302)
		expect(plain.headers.location).toMatch(/^\/login/)
	})

	test('pages say that other sites may neither keep a window on them nor embed them, next to the CSP', async () => {
		const page = await send({ baseUrl: production.origin, path: '/' })
		expect(page.headers['cross-origin-opener-policy']).toBe('same-origin')
		expect(page.headers['cross-origin-resource-policy']).toBe('same-origin')
		expect(page.headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-/)
	})
})
