// The clinic API (docs/product.md §8.3) over HTTP: create, read and match referrals with a key; keys of
// another clinic, revoked keys and no key; every field of a malformed body named; unknown fields
// refused; every call audited; the OpenAPI document generated from the same schemas.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { FILTERS } from '#app/domain/matching/eligibility.ts'
import { createApiKey, revokeApiKey } from '#app/domain/clinics/api-keys.server.ts'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { createSession, SESSION_COOKIE } from '#app/utils/session.server.ts'
import { seedDemoData } from '#prisma/seed.ts'
import { startTestServer, type TestServer } from '#tests/setup/app-server.ts'
import { apiReferralBody, BIRTH_DATE_ABOUT_40 } from '#tests/factories/referrals.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'

let server: TestServer
let austinKey: string
let seattleKey: string
let austinId: string

const inTwoWeeks = new Date(Date.now() + 14 * 24 * 3_600_000).toISOString().slice(0, 10)

const valid = apiReferralBody()

async function call(method: string, path: string, options: { key?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> } = {}) {
	const headers: Record<string, string> = { ...options.headers }
	if (options.key) headers.Authorization = `Bearer ${options.key}`
	if (options.body !== undefined || options.raw !== undefined) headers['Content-Type'] ??= 'application/json'
	const response = await fetch(server.origin + path, { method, headers, body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)), redirect: 'manual' })
	const text = await response.text()
	return { status: response.status, type: response.headers.get('Content-Type'), headers: response.headers, body: text ? JSON.parse(text) : null }
}

beforeAll(async () => {
	await resetDatabase()
	await seedDemoData(db(), { anchor: new Date('2026-11-16T00:00:00Z') })
	austinId = (await db().clinicMember.findFirstOrThrow({ where: { user: { email: 'tx.admin@tandem.example' } } })).clinicId
	const seattleId = (await db().clinicMember.findFirstOrThrow({ where: { user: { email: 'wa.coordinator@tandem.example' } } })).clinicId
	const a = await createApiKey(austinId, 'Austin EHR', null)
	const b = await createApiKey(seattleId, 'Seattle EHR', null)
	if (!a.ok || !b.ok) throw new Error('keys not created')
	austinKey = a.key
	seattleKey = b.key
	server = await startTestServer()
}, 120_000)

afterAll(async () => {
	await server?.close()
	await closeDatabase()
})

test('create, read and match a referral with the clinic’s key; every call is audited', async () => {
	const auditedBefore = await db().auditEvent.count({ where: { action: 'api.request' } })
	const created = await call('POST', '/api/v1/referrals', { key: austinKey, body: valid })
	expect(created.status).toBe(201)
	expect(created.body).toEqual({ id: expect.any(String), status: 'open' })
	expect(created.headers.get('Location')).toBe(`/api/v1/referrals/${created.body.id}`)

	const read = await call('GET', `/api/v1/referrals/${created.body.id}`, { key: austinKey })
	expect(read.status).toBe(200)
	expect(read.body).toMatchObject({
		id: created.body.id,
		status: 'open',
		fhirStatus: { status: 'requested' },
		fhir: { status: 'requested' },
		allowedActions: ['cancel'],
		payment: { type: 'self_pay' },
		dosing: { firstSessionAt: `${inTwoWeeks}T10:00:00.000-06:00`, sessions: 6, cadenceDays: 3 },
		integrationWindowHours: { from: 24, to: 72 },
		radiusMiles: 25,
		patient: { firstName: 'Jordan', email: 'jordan@example.org', birthDate: BIRTH_DATE_ABOUT_40 },
		timeline: [
			{ from: null, to: 'draft', by: 'api_key' },
			{ from: 'draft', to: 'open', by: 'api_key' },
		],
	})
	// Reading the patient through the API is logged like reading it on the page.
	expect(await db().auditEvent.count({ where: { action: 'referral.patient_viewed', entityId: created.body.id } })).toBe(1)

	const matches = await call('GET', `/api/v1/referrals/${created.body.id}/matches?limit=3`, { key: austinKey })
	expect(matches.status).toBe(200)
	expect(matches.body.matches.length).toBeGreaterThan(0)
	expect(matches.body.matches.length).toBeLessThanOrEqual(3)
	expect(matches.body.total).toBeGreaterThanOrEqual(matches.body.matches.length)
	expect(Object.keys(matches.body.excluded)).toEqual([...FILTERS])
	const first = matches.body.matches[0]
	expect(first).toEqual({
		therapist: { id: expect.any(String), email: expect.stringContaining('@'), fullName: expect.any(String) },
		score: expect.any(Number),
		reasons: expect.arrayContaining([expect.stringMatching(/Texas/)]),
	})
	const scores = matches.body.matches.map((m: { score: number }) => m.score)
	expect(scores).toEqual([...scores].sort((x, y) => y - x))
	// The network is the demo's 200 therapists: each one is matched or counted once.
	const excluded = Object.values(matches.body.excluded as Record<string, number>).reduce((x, y) => x + y, 0)
	expect(excluded + matches.body.total).toBe(200)

	expect(await db().auditEvent.count({ where: { action: 'api.request' } })).toBe(auditedBefore + 3)
	const last = await db().auditEvent.findFirstOrThrow({ where: { action: 'api.request' }, orderBy: { at: 'desc' } })
	expect(last.details).toMatchObject({ method: 'GET', status: 200, clinicId: austinId })
})

test('dosing given dose by dose, with a duration and a preparation window; GET gives every dose with its own offset, across a daylight-saving change', async () => {
	// The next change in Chicago at least a week ahead: its offset differs at noon UTC the day before and the day after.
	const offset = (at: number) =>
		new Intl.DateTimeFormat('en-US', { timeZone: 'America/Chicago', timeZoneName: 'longOffset' })
			.formatToParts(new Date(at))
			.find((p) => p.type === 'timeZoneName')!
			.value.replace('GMT', '')
	const DAY = 86_400_000
	let day = Math.floor(Date.now() / DAY) * DAY + 7 * DAY + 12 * 3_600_000
	while (offset(day) === offset(day + DAY)) day += DAY
	const at10 = (d: number) => `${new Date(d).toISOString().slice(0, 10)}T10:00:00.000${offset(d)}`
	const [before, after] = [at10(day - DAY), at10(day + 2 * DAY)]
	expect(before.slice(-6)).not.toBe(after.slice(-6))

	const created = await call('POST', '/api/v1/referrals', {
		key: austinKey,
		body: { ...valid, phases: ['preparation', 'integration'], dosing: { sessionsAt: [before, after], durationMinutes: 90 }, preparationWindowHours: { from: 72, to: 4 }, post: false },
	})
	expect(created.status).toBe(201)
	const read = await call('GET', `/api/v1/referrals/${created.body.id}`, { key: austinKey })
	// Two doses three days apart at the same clock time: a cadence too.
	expect(read.body.dosing).toEqual({ firstSessionAt: before, sessions: 2, cadenceDays: 3, sessionsAt: [before, after], durationMinutes: 90 })
	expect(read.body.preparationWindowHours).toEqual({ from: 72, to: 4 })

	// A first session and a cadence are expanded keeping the clock time: 10:00 on both sides of the change.
	const cadence = await call('POST', '/api/v1/referrals', { key: austinKey, body: { ...valid, dosing: { firstSessionAt: before, sessions: 4, cadenceDays: 1 }, post: false } })
	expect((await call('GET', `/api/v1/referrals/${cadence.body.id}`, { key: austinKey })).body.dosing).toEqual({
		firstSessionAt: before,
		sessions: 4,
		cadenceDays: 1,
		sessionsAt: [before, at10(day), at10(day + DAY), after],
		durationMinutes: 120,
	})
})

test('supervised licences: the referral’s own answer, else the clinic’s setting; matching counts them only then', async () => {
	const { setReferralDefaults } = await import('#app/domain/clinics/clinics.server.ts')
	const admin = await db().user.findUniqueOrThrow({ where: { email: 'tx.admin@tandem.example' } })
	const read = async (id: string) => (await call('GET', `/api/v1/referrals/${id}`, { key: austinKey })).body.acceptSupervised
	const unsaid = await call('POST', '/api/v1/referrals', { key: austinKey, body: { ...valid, post: false } })
	expect(await read(unsaid.body.id)).toBe(false)
	const said = await call('POST', '/api/v1/referrals', { key: austinKey, body: { ...valid, acceptSupervised: true, post: false } })
	expect(await read(said.body.id)).toBe(true)
	await setReferralDefaults(austinId, { acceptSupervisedByDefault: true }, admin.id)
	try {
		const byDefault = await call('POST', '/api/v1/referrals', { key: austinKey, body: { ...valid, post: false } })
		expect(await read(byDefault.body.id)).toBe(true)
		const refused = await call('POST', '/api/v1/referrals', { key: austinKey, body: { ...valid, acceptSupervised: false, post: false } })
		expect(await read(refused.body.id)).toBe(false)
	} finally {
		await setReferralDefaults(austinId, { acceptSupervisedByDefault: false }, admin.id)
	}
	expect(await db().auditEvent.count({ where: { action: 'clinic.referral_defaults_changed', entityId: austinId } })).toBe(2)
	// Matching reads the referral's answer: a therapist whose only Texas licence is supervised is suggested only with it.
	const { loadMatchReferral } = await import('#app/domain/matching/candidates.server.ts')
	expect((await loadMatchReferral(said.body.id))!.allowSupervised).toBe(true)
	expect((await loadMatchReferral(unsaid.body.id))!.allowSupervised).toBe(false)
	const bad = await call('POST', '/api/v1/referrals', { key: austinKey, body: { ...valid, acceptSupervised: 'sometimes' } })
	expect(bad).toMatchObject({ status: 400, body: { errors: [{ path: 'acceptSupervised', message: 'Give true or false.' }] } })
})

test('drafts, then post, cancel and a refused repost with the allowed actions', async () => {
	const draft = await call('POST', '/api/v1/referrals', { key: austinKey, body: { ...valid, post: false } })
	expect(draft.body.status).toBe('draft')
	const posted = await call('POST', `/api/v1/referrals/${draft.body.id}/actions`, { key: austinKey, body: { action: 'post' } })
	expect(posted).toMatchObject({ status: 200, body: { id: draft.body.id, status: 'open' } })
	const cancelled = await call('POST', `/api/v1/referrals/${draft.body.id}/actions`, { key: austinKey, body: { action: 'cancel', reason: 'Patient moved away' } })
	expect(cancelled.body.status).toBe('cancelled')
	const again = await call('POST', `/api/v1/referrals/${draft.body.id}/actions`, { key: austinKey, body: { action: 'repost' } })
	expect(again.status).toBe(409)
	expect(again.type).toBe('application/problem+json')
	expect(again.body).toMatchObject({ status: 409, referralStatus: 'cancelled', allowedActions: [], detail: 'Posting again is not possible: the referral is cancelled.' })
	const timeline = (await call('GET', `/api/v1/referrals/${draft.body.id}`, { key: austinKey })).body.timeline
	expect(timeline.at(-1)).toMatchObject({ from: 'open', to: 'cancelled', reason: 'Patient moved away' })
	expect((await call('POST', `/api/v1/referrals/${draft.body.id}/actions`, { key: austinKey, body: { action: 'archive' } })).body.errors).toEqual([
		{ path: 'action', message: 'Use one of post, cancel, repost.' },
	])
})

test('a draft may be incomplete: saved with a few fields, posting it names each missing one, completed it posts', async () => {
	const few = { patientState: 'TX', phases: ['integration'], patient: { firstName: 'Jordan' }, post: false }
	const draft = await call('POST', '/api/v1/referrals', { key: austinKey, body: few })
	expect(draft).toMatchObject({ status: 201, body: { status: 'draft' } })
	const id = draft.body.id as string
	// Only what was given is in the body; what posting still needs is listed.
	const read = (await call('GET', `/api/v1/referrals/${id}`, { key: austinKey })).body
	expect(read).toMatchObject({ status: 'draft', patientState: 'TX', phases: ['integration'], dosing: { durationMinutes: 120 }, patient: { firstName: 'Jordan', notes: '' } })
	for (const absent of ['ageBand', 'format', 'payment']) expect(read).not.toHaveProperty(absent)
	expect(read.dosing).not.toHaveProperty('sessionsAt')
	expect(read.patient).not.toHaveProperty('email')
	const missing = ['format', 'ageBand', 'payment.type', 'dosing.firstSessionAt', 'dosing.sessions', 'dosing.cadenceDays', 'patient.lastName', 'patient.email', 'patient.birthDate']
	expect(read.missingForPosting.map((e: { path: string }) => e.path)).toEqual(missing)
	// Matching has nothing to go on yet: 409, naming what is missing.
	const matches = await call('GET', `/api/v1/referrals/${id}/matches`, { key: austinKey })
	expect(matches).toMatchObject({ status: 409, type: 'application/problem+json' })
	expect(matches.body.errors.map((e: { path: string }) => e.path)).toEqual(missing)

	// Posting it is refused with every missing field named, and it stays a draft.
	const refused = await call('POST', `/api/v1/referrals/${id}/actions`, { key: austinKey, body: { action: 'post' } })
	expect(refused).toMatchObject({ status: 400, type: 'application/problem+json', body: { status: 400, detail: `${missing.length} fields are invalid; see errors.` } })
	expect(refused.body.errors).toEqual(read.missingForPosting)
	expect(refused.body.errors).toContainEqual({ path: 'patient.email', message: 'Enter the patient’s email address.' })
	expect((await db().referral.findUniqueOrThrow({ where: { id } })).status).toBe('draft')
	// Posting at once with the same few fields is refused the same way, and nothing is saved.
	const before = await db().referral.count()
	const atOnce = await call('POST', '/api/v1/referrals', { key: austinKey, body: { ...few, post: true } })
	expect(atOnce.status).toBe(400)
	expect(atOnce.body.errors.map((e: { path: string }) => e.path)).toEqual(missing)
	expect(await db().referral.count()).toBe(before)

	// Completed through the form's path (the same service), it posts.
	const { updateReferral } = await import('#app/domain/referrals/referral-changes.server.ts')
	const { ReferralInputSchema } = await import('#app/domain/referrals/referral-input.ts')
	const keyRow = await db().apiKey.findFirstOrThrow({ where: { clinicId: austinId, revokedAt: null } })
	const completed = await updateReferral(austinId, id, { kind: 'api_key', apiKeyId: keyRow.id }, ReferralInputSchema.parse({ ...valid, post: false }))
	expect(completed).toEqual({ ok: true, id, status: 'draft' })
	expect((await call('GET', `/api/v1/referrals/${id}`, { key: austinKey })).body.missingForPosting).toEqual([])
	const posted = await call('POST', `/api/v1/referrals/${id}/actions`, { key: austinKey, body: { action: 'post' } })
	expect(posted).toMatchObject({ status: 200, body: { id, status: 'open' } })
	const open = (await call('GET', `/api/v1/referrals/${id}`, { key: austinKey })).body
	expect(open).not.toHaveProperty('missingForPosting')
	expect(open).toMatchObject({ patientState: valid.patientState, format: valid.format, ageBand: valid.ageBand, payment: valid.payment })
})

describe('keys', () => {
	test('no key, a malformed one, or a session cookie: 401 problem+json', async () => {
		const none = await call('GET', '/api/v1/referrals/anything')
		expect(none.status).toBe(401)
		expect(none.type).toBe('application/problem+json')
		expect(none.headers.get('WWW-Authenticate')).toBe('Bearer realm="tandem"')
		expect(none.body).toMatchObject({ status: 401, title: 'A valid API key is needed' })
		expect((await call('GET', '/api/v1/referrals/anything', { headers: { Authorization: 'Bearer sk_live_123' } })).status).toBe(401)
		const admin = await db().user.findUniqueOrThrow({ where: { email: 'tx.admin@tandem.example' } })
		const { token } = await createSession(admin.id, { ip: null, userAgent: 'api test' })
		expect((await call('GET', '/api/v1/referrals/anything', { headers: { Cookie: `${SESSION_COOKIE}=${token}` } })).status).toBe(401)
	})

	test('another clinic’s referral is 404, exactly like an unknown id', async () => {
		const created = await call('POST', '/api/v1/referrals', { key: austinKey, body: valid })
		for (const path of [`/api/v1/referrals/${created.body.id}`, `/api/v1/referrals/${created.body.id}/matches`]) {
			const other = await call('GET', path, { key: seattleKey })
			const unknown = await call('GET', path.replace(created.body.id, 'cl0000000000000000000000'), { key: seattleKey })
			expect(other.status).toBe(404)
			expect(other.body).toEqual(unknown.body)
			expect(JSON.stringify(other.body)).not.toContain(created.body.id)
		}
		const cancel = await call('POST', `/api/v1/referrals/${created.body.id}/actions`, { key: seattleKey, body: { action: 'cancel' } })
		expect(cancel.status).toBe(404)
		expect((await db().referral.findUniqueOrThrow({ where: { id: created.body.id } })).status).toBe('open')
	})

	test('a revoked key stops working at once', async () => {
		const key = await createApiKey(austinId, 'Short-lived', null)
		if (!key.ok) throw new Error('no key')
		const admin = await db().user.findUniqueOrThrow({ where: { email: 'tx.admin@tandem.example' } })
		expect((await call('POST', '/api/v1/referrals', { key: key.key, body: { ...valid, post: false } })).status).toBe(201)
		expect(await revokeApiKey(austinId, key.id, admin.id)).toBe(true)
		expect((await call('POST', '/api/v1/referrals', { key: key.key, body: { ...valid, post: false } })).status).toBe(401)
	})
})

describe('malformed requests: 400 problem+json naming each field; nothing is saved', () => {
	test.each([
		['patientState', { patientState: 'XX' }, 'Use a two-letter US state code, like TX.'],
		['phases', { phases: [] }, 'Choose at least one phase of support.'],
		['phases.0', { phases: ['aftercare'] }, 'Not a known phase (preparation, in-session support or integration).'],
		['format', { format: 'video' }, 'Choose telehealth, in person or either.'],
		['modalities.0', { modalities: ['reiki'] }, 'Not a known modality.'],
		['focusAreas.0', { focusAreas: ['sadness'] }, 'Not a known focus area.'],
		['languages.0', { languages: ['english'] }, 'Not a known language code (ISO 639-1, like en).'],
		['ageBand', { ageBand: 'adult' }, expect.stringMatching(/^Choose an age band: 18-24/)],
		['payment.type', { payment: { type: 'barter' } }, 'Choose insurance or self-pay.'],
		['payment.payer', { payment: { type: 'insurance' } }, 'Name the payer when the patient uses insurance.'],
		['payment.maxRate', { payment: { type: 'self_pay', maxRate: '100' } }, 'Give whole dollars per session.'],
		['urgency', { urgency: 'asap' }, 'Choose routine or urgent.'],
		['dosing.firstSessionAt', { dosing: { ...valid.dosing, firstSessionAt: '2026-12-07 10:00' } }, 'Give the date and time with its offset, like 2026-12-07T10:00:00-06:00.'],
		['dosing.sessions', { dosing: { ...valid.dosing, sessions: 0 } }, 'At least one session.'],
		['dosing.cadenceDays', { dosing: { ...valid.dosing, cadenceDays: 1.5 } }, 'Give whole days.'],
		['integrationWindowHours.to', { integrationWindowHours: { from: 72, to: 24 } }, 'The window must end after it starts.'],
		['timingRequired', { timingRequired: 'yes' }, 'Give true or false.'],
		['radiusMiles', { radiusMiles: 1000 }, 'At most 300 miles.'],
		['patient.firstName', { patient: { ...valid.patient, firstName: '' } }, 'Enter the patient’s first name.'],
		['patient.email', { patient: { ...valid.patient, email: 'nope' } }, 'Enter an email address like name@example.com.'],
		['patient.birthDate', { patient: { ...valid.patient, birthDate: '09/03/1984' } }, 'Enter the date of birth as YYYY-MM-DD.'],
		['post', { post: 'now' }, 'Give true or false.'],
		['dosing.sessionsAt', { dosing: { sessionsAt: ['2026-12-07T10:00:00-06:00', '2026-12-07T20:00:00-06:00'] } }, 'Dosing sessions must be at least 12 hours apart (sessions 1 and 2 are not).'],
		['dosing.sessionsAt', { dosing: { sessionsAt: [] } }, 'Give at least one dosing session.'],
		['dosing.sessionsAt.1', { dosing: { sessionsAt: ['2026-12-07T10:00:00-06:00', 'Tuesday'] } }, 'Give the date and time with its offset, like 2026-12-07T10:00:00-06:00.'],
		['dosing.firstSessionAt', { dosing: { ...valid.dosing, sessionsAt: ['2026-12-07T10:00:00-06:00'] } }, 'Give either sessionsAt, or firstSessionAt with sessions and cadenceDays, not both.'],
		['dosing.firstSessionAt', { dosing: { ...valid.dosing, firstSessionAt: '9999-12-07T10:00:00-06:00' } }, 'The first dosing session must be within 365 days from today.'],
		['dosing.durationMinutes', { dosing: { ...valid.dosing, durationMinutes: 15 } }, 'A dosing session takes at least 60 minutes here (arrival to discharge).'],
		['dosing.cadenceDays', { dosing: { firstSessionAt: valid.dosing.firstSessionAt, sessions: 3 } }, 'Give the days between sessions.'],
		['dosing', { dosing: 'weekly' }, 'Give the dosing schedule as an object.'],
		['preparationWindowHours.to', { preparationWindowHours: { from: 24, to: 48 } }, 'The window opens earlier (more hours before the first dose) than it closes.'],
		['preparationWindowHours', { preparationWindowHours: { from: 48, to: 2, until: 1 } }, 'Unknown field: until.'],
		['patient.birthDate', { ageBand: '65-89' }, expect.stringMatching(/outside the age band 65-89/)],
		['(body)', { priority: 'high' }, 'Unknown field: priority.'],
		['patient', { patient: { ...valid.patient, ssn: '000-00-0000' } }, 'Unknown field: ssn.'],
	])('%s', async (path, change, message) => {
		const before = await db().referral.count()
		const response = await call('POST', '/api/v1/referrals', { key: austinKey, body: { ...valid, ...change } })
		expect(response.status).toBe(400)
		expect(response.type).toBe('application/problem+json')
		expect(response.body.errors).toContainEqual({ path, message })
		expect(await db().referral.count()).toBe(before)
	})

	test('posting with a first dosing session in the past names the field', async () => {
		const response = await call('POST', '/api/v1/referrals', { key: austinKey, body: { ...valid, dosing: { ...valid.dosing, firstSessionAt: '2020-01-06T10:00:00-06:00' } } })
		expect(response.status).toBe(400)
		expect(response.body.errors).toEqual([{ path: 'dosing.firstSessionAt', message: 'The first dosing session is in the past; change its date before posting.' }])
	})

	test('a year-9999 referral is refused, not posted', async () => {
		const before = await db().referral.count()
		const response = await call('POST', '/api/v1/referrals', { key: austinKey, body: { ...valid, dosing: { sessionsAt: ['9999-01-01T10:00:00-06:00'] } } })
		expect(response).toMatchObject({ status: 400, body: { errors: [{ path: 'dosing.sessionsAt.0', message: 'The first dosing session must be within 365 days from today.' }] } })
		expect(await db().referral.count()).toBe(before)
	})

	test('not JSON, broken JSON, and bad query parameters', async () => {
		expect((await call('POST', '/api/v1/referrals', { key: austinKey, raw: 'a=b', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })).status).toBe(415)
		const broken = await call('POST', '/api/v1/referrals', { key: austinKey, raw: '{"patientState": "TX",' })
		expect(broken.status).toBe(400)
		expect(broken.body.title).toBe('The body is not valid JSON')
		expect((await call('POST', '/api/v1/referrals', { key: austinKey, raw: JSON.stringify({ ...valid, patient: { ...valid.patient, notes: 'x'.repeat(70_000) } }) })).status).toBe(413)
		const id = (await call('POST', '/api/v1/referrals', { key: austinKey, body: { ...valid, post: false } })).body.id
		expect((await call('GET', `/api/v1/referrals/${id}/matches?limit=0`, { key: austinKey })).body.errors).toEqual([{ path: 'limit', message: 'Give a whole number from 1 to 100.' }])
		expect((await call('GET', `/api/v1/referrals/${id}/matches?limit=ten`, { key: austinKey })).status).toBe(400)
		expect((await call('GET', `/api/v1/referrals/${id}/matches?sort=name`, { key: austinKey })).body.errors).toEqual([{ path: '(query)', message: 'Unknown parameter: sort.' }])
	})
})

test('the OpenAPI document describes the same schema the API enforces', async () => {
	const response = await call('GET', '/api/v1/openapi.json')
	expect(response.status).toBe(200)
	const doc = response.body
	expect(doc.openapi).toBe('3.1.0')
	expect(Object.keys(doc.paths)).toEqual([
		'/api/v1/referrals',
		'/api/v1/referrals/{id}',
		'/api/v1/referrals/{id}/sessions.ics',
		'/api/v1/referrals/{id}/matches',
		'/api/v1/referrals/{id}/actions',
		'/api/v1/therapists',
	])
	// The directory's parameters are the ones the API reads.
	const { DIRECTORY_PARAMETERS } = await import('#app/domain/directory/directory-query.ts')
	expect(doc.paths['/api/v1/therapists'].get.parameters.map((p: { name: string }) => p.name)).toEqual([...DIRECTORY_PARAMETERS])
	const input = doc.components.schemas.ReferralInput
	expect(input.additionalProperties).toBe(false)
	// A draft needs nothing; posting needs these, each named when missing.
	expect(input.required).toBeUndefined()
	expect(input['x-required-to-post']).toEqual([
		'patientState',
		'phases',
		'format',
		'ageBand',
		'payment.type',
		'payment.payer',
		'dosing.firstSessionAt',
		'dosing.sessions',
		'dosing.cadenceDays',
		'patient.firstName',
		'patient.lastName',
		'patient.email',
		'patient.birthDate',
	])
	expect(input.properties.phases.items.enum).toEqual(['preparation', 'in_session', 'integration'])
	expect(input.properties.patientState.enum).toContain('TX')
	expect(input.properties.radiusMiles.default).toBe(25)
	expect(input.properties.patient.additionalProperties).toBe(false)
})
