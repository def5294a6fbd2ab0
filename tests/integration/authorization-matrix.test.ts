// The authorization matrix: every route of the app, as each kind of person, by GET and
// by POST, through the whole HTTP stack (Origin check, session middleware, Remix). Routes come
// from the route manifest of the server build, compiled in memory by Vite, so a new route fails
// this test until its row below says who may use it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { createSession, markSessionTwoFactorVerified, SESSION_COOKIE, validateSessionToken } from '#app/utils/session.server.ts'
import { seedDemoData } from '#prisma/seed.ts'
import { startTestServer, type TestServer } from '#tests/setup/app-server.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'

const PEOPLE = {
	anonymous: null,
	/** Clinic admin of clinic A (Austin): the clinic the paths below name. */
	adminOfA: 'tx.admin@tandem.example',
	/** Coordinator of clinic B (Seattle). */
	coordinatorOfB: 'wa.coordinator@tandem.example',
	therapist: 'therapist.tx@tandem.example',
	platformAdmin: 'admin@tandem.example',
} as const
type Person = keyof typeof PEOPLE
const people = Object.keys(PEOPLE) as Person[]

/** Expected status per person; a single number means the same for everyone. */
type Statuses = number | Record<Person, number>
const signedInOnly = (status: number): Statuses => ({ anonymous: 302, adminOfA: status, coordinatorOfB: status, therapist: status, platformAdmin: status })
const signedOutOnly = (status: number): Statuses => ({ anonymous: status, adminOfA: 302, coordinatorOfB: 302, therapist: 302, platformAdmin: 302 })
const adminsOnly = (status: number): Statuses => ({ anonymous: 302, adminOfA: 403, coordinatorOfB: 403, therapist: 403, platformAdmin: status })
const therapistOnly = (status: number): Statuses => ({ anonymous: 302, adminOfA: 403, coordinatorOfB: 403, therapist: status, platformAdmin: 403 })
const membersOfA = (status: number): Statuses => ({ anonymous: 302, adminOfA: status, coordinatorOfB: 403, therapist: 403, platformAdmin: 403 })

/**
 * One row per route id of the manifest. `path` fills the route's dynamic segments (`A` is clinic
 * A's id, `T` the demo therapist's). GET asks for the page; POST sends an empty form from this site's origin, so a person
 * who may use the action gets its 400 for the missing fields, and others are stopped before it.
 */
const MATRIX: Record<string, { path: string; get: Statuses; post: Statuses }> = {
	'routes/_index': { path: '/', get: 200, post: 405 },
	'routes/$': { path: '/no-such-page', get: 404, post: 405 },
	'routes/healthz': { path: '/healthz', get: 200, post: 405 },
	// The page benchmark's baselines answer only with TANDEM_BENCH_ROUTES=1 at start-up (tests/integration/bench-routes.test.ts).
	'routes/bench.resource': { path: '/bench/resource', get: 404, post: 405 },
	'routes/bench.page': { path: '/bench/page', get: 404, post: 405 },
	// The browser tests' shortcuts answer only with TANDEM_E2E_ROUTES=1 at start-up, never in production (app/utils/e2e-routes.server.ts).
	'routes/e2e.session': { path: '/e2e/session', get: 404, post: 404 },
	'routes/e2e.totp-clock': { path: '/e2e/totp-clock', get: 404, post: 404 },
	'routes/signup': { path: '/signup', get: signedOutOnly(200), post: signedOutOnly(400) },
	'routes/login': { path: '/login', get: signedOutOnly(200), post: signedOutOnly(400) },
	// Only sessions that still owe a code use it; everyone else is sent on.
	'routes/login_.two-factor': { path: '/login/two-factor', get: 302, post: 302 },
	'routes/login_.code': { path: '/login/code', get: 302, post: 302 },
	'routes/logout': { path: '/logout', get: 302, post: 302 },
	'routes/verify-email': { path: '/verify-email', get: 200, post: 400 },
	'routes/forgot-password': { path: '/forgot-password', get: 200, post: 400 },
	'routes/reset-password': { path: '/reset-password', get: 200, post: 400 },
	'routes/invitation': { path: '/invitation', get: 200, post: 400 },
	'routes/join.therapist': { path: '/join/therapist', get: 200, post: 400 },
	// Everyone signed in has a home, by role (a person with no role is told what they can do).
	'routes/home': { path: '/home', get: signedInOnly(200), post: 405 },
	'routes/account': { path: '/account', get: signedInOnly(200), post: signedInOnly(400) },
	'routes/account_.two-factor': { path: '/account/two-factor', get: signedInOnly(200), post: signedInOnly(400) },
	'routes/clinics.$clinicId.members': { path: '/clinics/A/members', get: membersOfA(200), post: membersOfA(400) },
	'routes/clinics.$clinicId.referrals._index': { path: '/clinics/A/referrals', get: membersOfA(200), post: 405 },
	// `R` is a referral of clinic A.
	'routes/clinics.$clinicId.referrals.$referralId.matches': { path: '/clinics/A/referrals/R/matches', get: membersOfA(200), post: membersOfA(400) },
	'routes/clinics.$clinicId.referrals.$referralId._index': { path: '/clinics/A/referrals/R', get: membersOfA(200), post: membersOfA(400) },
	'routes/clinics.$clinicId.referrals.$referralId.edit': { path: '/clinics/A/referrals/R/edit', get: membersOfA(200), post: membersOfA(400) },
	'routes/clinics.$clinicId.referrals.therapist-names': { path: '/clinics/A/referrals/therapist-names?q=ma', get: membersOfA(200), post: 405 },
	'routes/clinics.$clinicId.referrals.new': { path: '/clinics/A/referrals/new', get: membersOfA(200), post: membersOfA(400) },
	// The demo admin of A is its clinic admin; coordinators do not manage keys or billing (tested below).
	'routes/clinics.$clinicId.therapists._index': { path: '/clinics/A/therapists', get: membersOfA(200), post: 405 },
	'routes/clinics.$clinicId.therapists.invite': { path: '/clinics/A/therapists/invite', get: membersOfA(200), post: membersOfA(400) },
	'routes/clinics.$clinicId.coverage': { path: '/clinics/A/coverage', get: membersOfA(200), post: 405 },
	'routes/clinics.$clinicId.api-keys': { path: '/clinics/A/api-keys', get: membersOfA(200), post: membersOfA(400) },
	'routes/clinics.$clinicId.billing': { path: '/clinics/A/billing', get: membersOfA(200), post: membersOfA(400) },
	// The clinic API takes a bearer key only: a session cookie counts for nothing (tests/integration/clinic-api.test.ts).
	'routes/api.v1.referrals': { path: '/api/v1/referrals', get: 405, post: 401 },
	'routes/api.v1.referrals.$referralId': { path: '/api/v1/referrals/R', get: 401, post: 405 },
	'routes/api.v1.referrals.$referralId.matches': { path: '/api/v1/referrals/R/matches', get: 401, post: 405 },
	'routes/api.v1.referrals.$referralId.sessions[.]ics': { path: '/api/v1/referrals/R/sessions.ics', get: 401, post: 405 },
	'routes/api.v1.referrals.$referralId.actions': { path: '/api/v1/referrals/R/actions', get: 405, post: 401 },
	'routes/api.v1.therapists': { path: '/api/v1/therapists', get: 401, post: 405 },
	'routes/api.v1.openapi[.]json': { path: '/api/v1/openapi.json', get: 200, post: 405 },
	// Stripe signs its calls; without a valid signature (or, in demo mode, without keys) nothing happens.
	'routes/webhooks.stripe': { path: '/webhooks/stripe', get: 405, post: 400 },
	'routes/admin.import': { path: '/admin/import', get: adminsOnly(200), post: adminsOnly(400) },
	'routes/admin.coverage': { path: '/admin/coverage', get: adminsOnly(200), post: 405 },
	'routes/admin.verification': { path: '/admin/verification', get: adminsOnly(200), post: adminsOnly(400) },
	'routes/admin.credentials': { path: '/admin/credentials', get: adminsOnly(200), post: adminsOnly(400) },
	// `T` is the demo therapist's own profile.
	// Clinic members keep a standing (partner, blocked) and a note with any therapist; nobody else.
	'routes/therapists.$therapistId': { path: '/therapists/T', get: signedInOnly(200), post: { anonymous: 302, adminOfA: 400, coordinatorOfB: 400, therapist: 403, platformAdmin: 403 } },
	'routes/therapist.profile': { path: '/therapist/profile', get: therapistOnly(200), post: therapistOnly(400) },
	// The demo therapist has no photo: 404 for those who may see it.
	'routes/therapists.$therapistId.photo': { path: '/therapists/T/photo', get: signedInOnly(404), post: 405 },
	// `O` is an offer made to the demo therapist; other people are not therapists (403).
	'routes/therapist.offers._index': { path: '/therapist/offers', get: therapistOnly(200), post: 405 },
	'routes/therapist.offers.$offerId': { path: '/therapist/offers/O', get: therapistOnly(200), post: therapistOnly(400) },
	'routes/notifications': { path: '/notifications', get: signedInOnly(200), post: signedInOnly(400) },
	// A patient's link needs no account; a token that is no link is 404 for everyone (tested further below).
	'routes/choose.$token': { path: '/choose/notalinktoken', get: 404, post: 404 },
	// A therapist's photo through a patient's link: only for that link's shortlist (tests/integration/patient-page.test.ts).
	'routes/choose_.$token.photo.$offerId': { path: '/choose/notalinktoken/photo/O', get: 404, post: 405 },
	// The patient's calendar file through their link; a person's session feed by its token alone (tests/integration/calendar-out.test.ts).
	'routes/choose_.$token.sessions[.]ics': { path: '/choose/notalinktoken/sessions.ics', get: 404, post: 405 },
	'routes/calendar.$token.sessions[.]ics': { path: '/calendar/notalinktoken/sessions.ics', get: 404, post: 405 },
	// Development only (404 in production, and to requests from other machines); tests run outside production, from this machine.
	'routes/dev.outbox': { path: '/dev/outbox', get: 200, post: 405 },
	// Only requests the HTTP layer refused are sent here (tests/integration/http-hardening.test.ts); asked for directly, it is no page.
	'routes/request-refused': { path: '/request-refused', get: 404, post: 404 },
}

let testServer: TestServer
let origin: string
let clinicA: string
let therapistT: string
let referralR: string
let offerO: string
const userIds = {} as Record<Person, string | null>

beforeAll(async () => {
	await resetDatabase()
	await seedDemoData(db(), { anchor: new Date('2026-11-16T00:00:00Z') })
	for (const person of people) {
		const email = PEOPLE[person]
		userIds[person] = email ? (await db().user.findUniqueOrThrow({ where: { email } })).id : null
	}
	clinicA = (await db().clinicMember.findFirstOrThrow({ where: { userId: userIds.adminOfA! } })).clinicId
	therapistT = (await db().therapist.findFirstOrThrow({ where: { userId: userIds.therapist! } })).id
	referralR = (await db().referral.findFirstOrThrow({ where: { clinicId: clinicA } })).id
	offerO = (await db().offer.findFirstOrThrow({ where: { therapistId: therapistT, status: 'pending' } })).id

	testServer = await startTestServer()
	origin = testServer.origin
	const build = testServer.build
	buildRoutes = Object.values(build.routes).map((route) => ({ id: route.id, hasAction: Boolean(route.module.action) }))
}, 120_000)

afterAll(async () => {
	await testServer?.close()
	await closeDatabase()
})

let buildRoutes: { id: string; hasAction: boolean }[] = []

/** A fresh session per request, so that one request (logging out, say) cannot change the next. */
async function cookieFor(person: Person): Promise<Record<string, string>> {
	const userId = userIds[person]
	if (!userId) return {}
	const { token } = await createSession(userId, { ip: null, userAgent: 'authorization-matrix' })
	// The demo platform admin has two-factor on; this session has given its code.
	if (person === 'platformAdmin') await markSessionTwoFactorVerified((await validateSessionToken(token))!.sessionId)
	return { Cookie: `${SESSION_COOKIE}=${token}` }
}

const fill = (path: string) =>
	path
		.replace('/A/', `/${clinicA}/`)
		.replace(/\/T(\/|$)/, `/${therapistT}$1`)
		.replace(/\/R(\/|$)/, `/${referralR}$1`)
		.replace(/\/O(\/|$)/, `/${offerO}$1`)

async function statusOf(method: 'GET' | 'POST', path: string, person: Person) {
	const url = origin + fill(path)
	const headers: Record<string, string> = { ...(await cookieFor(person)) }
	if (method === 'POST') {
		headers.Origin = origin
		headers['Content-Type'] = 'application/x-www-form-urlencoded'
	}
	const response = await fetch(url, { method, headers, body: method === 'POST' ? '' : undefined, redirect: 'manual' })
	await response.arrayBuffer()
	return response.status
}

test('every route in the manifest has a row, and every row a route', () => {
	const ids = buildRoutes.map((r) => r.id).filter((id) => id !== 'root')
	expect(ids.sort()).toEqual(Object.keys(MATRIX).sort())
})

test('a route without an action answers every POST with 405', () => {
	for (const route of buildRoutes.filter((r) => r.id !== 'root' && !r.hasAction)) {
		expect(MATRIX[route.id]?.post, route.id).toBe(405)
	}
})

describe.each(Object.entries(MATRIX))('%s', (_id, row) => {
	test.each(people)(`GET ${row.path} as %s`, async (person) => {
		const expected = typeof row.get === 'number' ? row.get : row.get[person]
		expect(await statusOf('GET', row.path, person)).toBe(expected)
	})
	test.each(people)(`POST ${row.path} as %s`, async (person) => {
		const expected = typeof row.post === 'number' ? row.post : row.post[person]
		expect(await statusOf('POST', row.path, person)).toBe(expected)
	})
})

test('a session that owes its second factor reaches only the two-factor step and logging out', async () => {
	const { token } = await createSession(userIds.platformAdmin!, { ip: null, userAgent: 'authorization-matrix' })
	const pending = { Cookie: `${SESSION_COOKIE}=${token}` }
	const get = async (path: string) => {
		const response = await fetch(origin + fill(path), { headers: pending, redirect: 'manual' })
		await response.arrayBuffer()
		return [response.status, response.headers.get('Location')]
	}
	expect(await get('/login/two-factor')).toEqual([200, null])
	expect(await get('/account')).toEqual([302, '/login/two-factor?redirectTo=%2Faccount'])
	expect(await get('/account/two-factor')).toEqual([302, '/login/two-factor?redirectTo=%2Faccount%2Ftwo-factor'])
	expect(await get('/clinics/A/members')).toEqual([302, `/login/two-factor?redirectTo=%2Fclinics%2F${clinicA}%2Fmembers`])
})

test('a form posted from another site is refused before any route sees it', async () => {
	const response = await fetch(`${origin}/account`, {
		method: 'POST',
		headers: { ...(await cookieFor('adminOfA')), Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' },
		body: 'intent=logout-everywhere',
		redirect: 'manual',
	})
	expect(response.status).toBe(403)
	expect(await response.text()).toMatch(/sent from another site/)
})

test("a therapist sees their own profile but not another therapist's; an unknown id is 404 for those who may look", async () => {
	const other = await db().therapist.findFirstOrThrow({ where: { id: { not: therapistT } } })
	const get = async (person: Person, id: string) => {
		const response = await fetch(`${origin}/therapists/${id}`, { headers: await cookieFor(person), redirect: 'manual' })
		await response.arrayBuffer()
		return response.status
	}
	expect(await get('therapist', other.id)).toBe(403)
	expect(await get('coordinatorOfB', other.id)).toBe(200)
	expect(await get('coordinatorOfB', 'no-such-therapist')).toBe(404)
	expect(await get('therapist', 'no-such-therapist')).toBe(403)
})

test("a clinic cannot open another clinic's referral, and an unknown one is 404 alike", async () => {
	const seattle = (await db().clinicMember.findFirstOrThrow({ where: { userId: userIds.coordinatorOfB! } })).clinicId
	const get = async (path: string) => {
		const response = await fetch(origin + path, { headers: await cookieFor('coordinatorOfB'), redirect: 'manual' })
		await response.arrayBuffer()
		return response.status
	}
	expect(await get(`/clinics/${seattle}/referrals/${referralR}/matches`)).toBe(404)
	expect(await get(`/clinics/${seattle}/referrals/no-such-referral/matches`)).toBe(404)
	expect(await get(`/clinics/${seattle}/referrals/${referralR}`)).toBe(404)
	expect(await get(`/clinics/${seattle}/referrals/${referralR}/edit`)).toBe(404)
	expect(await get(`/clinics/${seattle}/referrals/no-such-referral`)).toBe(404)
})

test("a coordinator works on referrals but does not manage the clinic's API keys or billing", async () => {
	const coordinator = await db().user.findUniqueOrThrow({ where: { email: 'tx.coordinator@tandem.example' } })
	const { token } = await createSession(coordinator.id, { ip: null, userAgent: 'authorization-matrix' })
	const get = async (path: string) => {
		const response = await fetch(origin + path, { headers: { Cookie: `${SESSION_COOKIE}=${token}` }, redirect: 'manual' })
		await response.arrayBuffer()
		return response.status
	}
	expect(await get(`/clinics/${clinicA}/referrals/new`)).toBe(200)
	expect(await get(`/clinics/${clinicA}/api-keys`)).toBe(403)
	expect(await get(`/clinics/${clinicA}/billing`)).toBe(403)
})

test("a therapist cannot open another therapist's offer (403), and an unknown offer is 404", async () => {
	const other = await db().offer.findFirstOrThrow({ where: { therapistId: { not: therapistT } } })
	const request = async (method: 'GET' | 'POST', id: string) => {
		const headers: Record<string, string> = { ...(await cookieFor('therapist')) }
		if (method === 'POST') Object.assign(headers, { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' })
		const response = await fetch(`${origin}/therapist/offers/${id}`, { method, headers, body: method === 'POST' ? 'intent=decline&reason=other' : undefined, redirect: 'manual' })
		await response.arrayBuffer()
		return response.status
	}
	expect(await request('GET', other.id)).toBe(403)
	expect(await request('POST', other.id)).toBe(403)
	expect((await db().offer.findUniqueOrThrow({ where: { id: other.id } })).status).toBe(other.status)
	expect(await request('GET', 'no-such-offer')).toBe(404)
})
