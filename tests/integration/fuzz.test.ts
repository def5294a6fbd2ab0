// Hostile input over HTTP, seeded and bounded in time: every clinic API endpoint and the main form
// actions get values no client should send — huge and empty strings, NUL and control characters,
// unpaired surrogates, wrong types, nested objects, `__proto__` and `constructor` keys, negative,
// fractional and enormous numbers, dates out of range — one field at a time in an otherwise valid
// request. Whatever the value: never a 5xx, never a stack trace, a refusal names the field, and a
// refused request writes nothing.
import fc from 'fast-check'
import { decode } from 'turbo-stream'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createApiKey } from '#app/domain/clinics/api-keys.server.ts'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { createSession, markSessionTwoFactorVerified, SESSION_COOKIE } from '#app/utils/session.server.ts'
import { seedDemoData } from '#prisma/seed.ts'
import { startTestServer, type TestServer } from '#tests/setup/app-server.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'
import { apiReferralBody } from '#tests/factories/referrals.ts'

const SEED = 20261202
/** Each property stops after this long (fast-check's own limit): the suite stays bounded on a slow machine. */
const TIME_LIMIT_MS = 40_000

let server: TestServer
let key: string
let clinicId: string
let referralId: string
let cookie: string

beforeAll(async () => {
	await resetDatabase()
	await seedDemoData(db(), { anchor: new Date('2026-11-16T00:00:00Z') })
	const member = await db().clinicMember.findFirstOrThrow({ where: { user: { email: 'tx.coordinator@tandem.example' } } })
	clinicId = member.clinicId
	referralId = (await db().referral.findFirstOrThrow({ where: { clinicId }, orderBy: { id: 'asc' } })).id
	const created = await createApiKey(clinicId, 'Fuzz', null)
	if (!created.ok) throw new Error('no key')
	key = created.key
	const session = await createSession(member.userId, { ip: null, userAgent: 'fuzz' })
	cookie = `${SESSION_COOKIE}=${session.token}`
	server = await startTestServer()
}, 300_000)

afterAll(async () => {
	await server?.close()
	await closeDatabase()
})

const dates = ['9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z', '+275760-09-13T00:00:00.000Z', '2026-02-30T10:00:00-06:00', '2026-13-01', '1900-01-01', '-000001-01-01T00:00:00Z']
const strings: fc.Arbitrary<string> = fc.oneof(
	fc.constantFrom(
		'',
		' ',
		'\u0000',
		'a\u0000b',
		'\u0007\u001b[31m',
		'\uD800',
		'x\uDFFFy',
		'\u202Eevil',
		'%00',
		'../../etc/passwd',
		"' OR 1=1 --",
		'<script>alert(1)</script>',
		'__proto__',
		'constructor',
	),
	fc.constantFrom(...dates),
	fc.constant('x'.repeat(100_000)),
	fc.string({ unit: 'binary', maxLength: 40 }),
)
/** JSON values a client should never send in place of a field. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
	strings,
	fc.constantFrom(-1, 0, 1.5, -0.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, null, true, false),
	fc.integer(),
	fc.double({ noNaN: true, noDefaultInfinity: true }),
	fc.constantFrom([], [null], [[[]]], {}, { a: { b: { c: { d: 1 } } } }, ['a'.repeat(5000)]),
	fc.constantFrom(JSON.parse('{"__proto__": {"polluted": true}}'), { constructor: { prototype: { polluted: true } } }),
	fc.array(strings, { maxLength: 3 }),
)

/** Every path into a JSON body: each key of each object, nested. */
function paths(value: unknown, prefix: string[] = []): string[][] {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix]
	return [...(prefix.length ? [prefix] : []), ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))]
}

function withValue(body: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
	const copy = structuredClone(body)
	let target: Record<string, unknown> = copy
	for (const part of path.slice(0, -1)) target = target[part] as Record<string, unknown>
	target[path.at(-1)!] = value
	return copy
}

type Answer = { status: number; text: string }

async function send(method: string, path: string, options: { json?: string; form?: URLSearchParams; key?: boolean; cookie?: boolean } = {}): Promise<Answer> {
	const headers: Record<string, string> = {}
	if (options.key) headers.Authorization = `Bearer ${key}`
	if (options.cookie) Object.assign(headers, { Cookie: cookie, Origin: server.origin })
	if (options.json !== undefined) headers['Content-Type'] = 'application/json'
	if (options.form) headers['Content-Type'] = 'application/x-www-form-urlencoded'
	const response = await fetch(server.origin + path, { method, headers, body: options.json ?? options.form, redirect: 'manual' })
	return { status: response.status, text: await response.text() }
}

/** No server error, and nothing of the server's insides: no stack frames, no file paths. */
function expectSafe(answer: Answer, what: string) {
	expect(answer.status, `${what}: ${answer.text.slice(0, 500)}`).toBeLessThan(500)
	const leak = /\bat [\w.<>$]+ \([^)]*:\d+:\d+\)|\.(?:ts|tsx|js|mjs):\d+:\d+|"stack"/.exec(answer.text)
	expect(leak && answer.text.slice(Math.max(0, leak.index - 200), leak.index + 200), what).toBeNull()
}

/** What a `.data` answer carries (Remix's single-fetch encoding): the action's data, a thrown answer's data, or null. */
async function decodeData(text: string): Promise<Record<string, unknown> | null> {
	try {
		const decoded = await decode(new Response(text).body!, {
			plugins: [
				(type: string, ...rest: unknown[]) => {
					if (type === 'SanitizedError') return { value: { message: rest[1] } }
					if (type === 'ErrorResponse') return { value: { thrown: rest[0], status: rest[1] } }
					if (type === 'SingleFetchRedirect') return { value: { redirect: rest[0] } }
				},
			],
		})
		await decoded.done
		const value = decoded.value as { data?: unknown; error?: { thrown?: unknown } } | null
		const found = value && typeof value === 'object' ? ('data' in value ? value.data : value.error && 'thrown' in value.error ? value.error.thrown : value.error) : null
		return found && typeof found === 'object' ? (found as Record<string, unknown>) : null
	} catch {
		return null
	}
}

type Decoded = { status: number; text: string; refused: boolean; decoded?: unknown; named: string[] }

/** A page action's answer: refused when 4xx, or a form answered with errors; the fields its errors name. */
async function readAnswer(response: Response, isData: boolean): Promise<Decoded> {
	if (!isData) {
		const text = await response.text()
		return { status: response.status, text, refused: response.status >= 400, named: [] }
	}
	const text = await response.text()
	const data = await decodeData(text)
	// Conform's reply keys its errors by field; forms with their own answer say `errors` by field, or one `field`; the HTTP layer's refusal quotes it.
	const result = data?.result as { status?: string; error?: Record<string, unknown> } | undefined
	const errors = { ...(result?.error ?? {}), ...(data?.errors && typeof data.errors === 'object' ? data.errors : {}) } as Record<string, unknown>
	const named = Object.entries(errors)
		.filter(([key, messages]) => key !== '' && (!Array.isArray(messages) || messages.length > 0))
		.map(([key]) => key)
	if (typeof data?.field === 'string') named.push(data.field)
	const refusal = typeof data?.refusal === 'string' ? /^“([^”]+)”/.exec(data.refusal)?.[1] : undefined
	if (refusal) named.push(refusal)
	const refused = response.status >= 400 || result?.status === 'error' || Object.values(errors).some((m) => !Array.isArray(m) || m.length > 0)
	return { status: response.status, text, refused, decoded: data, named }
}

/**
 * What any request may write, refused or not, left out of the database's fingerprint: RateLimit
 * counts every attempt (that is what a limit is); a session's expiry and last activity slide with
 * each request it makes; and a refused form sent as a page is answered with the page again, whose
 * loader records that the patient's details were read (docs/product.md §5: every read is audited);
 * and a refused log-in is itself recorded (auth.login_failed), as every failed sign-in must be.
 */
const VOLATILE: Record<string, { skip?: true; columns?: string[]; where?: string }> = {
	RateLimit: { skip: true },
	Session: { columns: ['expiresAt', 'lastActiveAt'] },
	AuditEvent: { where: `"action" NOT IN ('referral.patient_viewed', 'auth.login_failed')` },
}
let fingerprintSql: string | undefined
/**
 * One value per table: its row count, and the newest row version (`xmin`, which every insert and
 * update changes) or, where some columns are left out, a hash of the others.
 */
async function fingerprint(): Promise<Record<string, string>> {
	if (!fingerprintSql) {
		const columns = await db().$queryRaw<{ table: string; column: string }[]>`
			SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
			WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, ordinal_position`
		const tables = new Map<string, string[]>()
		for (const { table, column } of columns) tables.set(table, [...(tables.get(table) ?? []), column])
		fingerprintSql = [...tables]
			.filter(([table]) => !VOLATILE[table]?.skip)
			.map(([table, all]) => {
				const rule = VOLATILE[table] ?? {}
				const kept = all.filter((c) => !rule.columns?.includes(c))
				const version = rule.columns ? `sum(hashtextextended(row(${kept.map((c) => `"${c}"`).join(', ')})::text, 0))` : 'max(xmin::text::bigint)'
				return `SELECT '${table}' AS t, count(*)::text || ':' || coalesce(${version}, 0)::text AS h FROM "${table}"${rule.where ? ` WHERE ${rule.where}` : ''}`
			})
			.join(' UNION ALL ')
	}
	const rows = await db().$queryRawUnsafe<{ t: string; h: string }[]>(fingerprintSql)
	return Object.fromEntries(rows.map((r) => [r.t, r.h]))
}

/** Refusals that are about no field: not allowed (403), nothing there (404: an unknown link or id), not now (409: the current state), too often (429), too big (413). */
const NOT_ABOUT_A_FIELD = new Set([403, 404, 409, 413, 429])

/** Logging in with a well-formed address and password that do not match: on purpose the answer does not say which of the two is wrong. */
const isWrongPassword = (target: string, text: string) => target === '/login.data' && text.includes('That email address and password do not match an account.')

/**
 * Sends one form to a page action, as a page (the document) and as data (Remix's `.data`, whose
 * answer can be read), and says what is wrong: a refusal that wrote to the database, or one that
 * names no field. `state.last` is the fingerprint after the previous request.
 */
async function postForm(path: string, body: URLSearchParams, cookie: string, what: string, state: { last: Record<string, string> }): Promise<string[]> {
	const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.origin, ...(cookie ? { Cookie: cookie } : {}) }
	const problems: string[] = []
	for (const target of [path, `${path}.data`]) {
		const response = await fetch(server.origin + target, { method: 'POST', headers, body, redirect: 'manual' })
		const answer = await readAnswer(response, target.endsWith('.data'))
		expectSafe(answer, `${target} ${what}`)
		const before = state.last
		const after = (state.last = await fingerprint())
		if (!answer.refused) continue
		const changed = Object.keys(after).filter((table) => after[table] !== before[table])
		if (changed.length) problems.push(`${target} ${what}: refused with ${answer.status} but wrote to ${changed.join(', ')}`)
		if (answer.decoded !== undefined && !answer.named.length && !NOT_ABOUT_A_FIELD.has(answer.status) && !isWrongPassword(target, answer.text)) {
			problems.push(`${target} ${what}: refused with ${answer.status} naming no field: ${JSON.stringify(answer.decoded).slice(0, 200)}`)
		}
	}
	return problems
}

const counts = async () => ({ referrals: await db().referral.count(), offers: await db().offer.count(), emails: await db().emailMessage.count() })

describe('the clinic API', () => {
	test('POST /api/v1/referrals: one hostile field at a time, or a hostile extra key', async () => {
		const valid = apiReferralBody() as Record<string, unknown>
		const fields = paths(valid)
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(...fields, ['__proto__'], ['constructor'], ['patient', '__proto__'], ['unexpected']), hostile, async (path, value) => {
				const raw =
					path[0] === '__proto__' || path.at(-1) === '__proto__'
						? JSON.stringify(withValue(valid, path.slice(0, -1).concat('x'), 1)).replace('"x":1', `"__proto__":${JSON.stringify(value) ?? 'null'}`)
						: JSON.stringify(withValue(valid, path, value))
				const before = await counts()
				const answer = await send('POST', '/api/v1/referrals', { json: raw, key: true })
				const what = `${path.join('.')} = ${JSON.stringify(value)?.slice(0, 80)}`
				expectSafe(answer, what)
				if (answer.status === 201) return
				expect(answer.status, what).toBe(answer.status === 413 ? 413 : 400)
				const problem = JSON.parse(answer.text) as { errors?: { path?: string }[]; detail?: string }
				if (answer.status === 400) {
					// The problem names the field: its path, or (for a key that is not allowed) the key itself.
					const named = JSON.stringify(problem)
					expect(named, what).toContain(path[0] === '__proto__' || path.at(-1) === '__proto__' ? '' : path.filter((p) => p !== '__proto__').at(-1)!)
				}
				expect(await counts(), what).toEqual(before)
			}),
			{ seed: SEED, numRuns: 250, interruptAfterTimeLimit: TIME_LIMIT_MS },
		)
	}, 120_000)

	test('reads, matches and actions: hostile ids, query parameters and bodies', async () => {
		await fc.assert(
			fc.asyncProperty(strings, hostile, async (text, value) => {
				// A lone surrogate cannot be percent-encoded as UTF-8: send the bytes a broken client would.
				const id = encodeURIComponent(text.replace(/\p{Surrogate}/gu, '\uFFFD')).replace(/%EF%BF%BD/g, '%ED%A0%80')
				for (const path of [
					`/api/v1/referrals/${id}`,
					`/api/v1/referrals/${id}/matches`,
					`/api/v1/referrals/${referralId}/matches?limit=${id}`,
					`/api/v1/therapists?state=${id}`,
					`/api/v1/therapists?name=${id}`,
					`/api/v1/therapists?radius=${id}&format=in_person`,
				]) {
					expectSafe(await send('GET', path, { key: true }), `GET ${path.slice(0, 120)}`)
				}
				const before = await counts()
				const action = await send('POST', `/api/v1/referrals/${referralId}/actions`, { json: JSON.stringify({ action: value, reason: text }), key: true })
				expectSafe(action, `actions ${JSON.stringify(value)?.slice(0, 80)}`)
				if (action.status >= 400) expect(await counts()).toEqual(before)
			}),
			{ seed: SEED, numRuns: 60, interruptAfterTimeLimit: TIME_LIMIT_MS },
		)
	}, 120_000)
})

describe('forms', () => {
	test('the referral form, the directory search, log-in and sign-up: hostile text in each field', async () => {
		const forms: { path: string; fields: Record<string, string>; cookie: boolean; method?: 'GET' }[] = [
			{
				path: `/clinics/CLINIC/referrals/new`,
				cookie: true,
				fields: {
					intent: 'save',
					patientState: 'TX',
					phases: 'integration',
					format: 'telehealth',
					ageBand: '35-44',
					'payment.type': 'self_pay',
					urgency: 'routine',
					'dosing.firstSessionAt': `${new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10)}T10:00`,
					'dosing.sessions': '6',
					'dosing.cadenceDays': '3',
					'patient.firstName': 'Ana',
					'patient.lastName': 'Ruiz',
					'patient.email': 'ana@example.org',
					'patient.birthDate': '1985-03-09',
				},
			},
			{ path: '/login', cookie: false, fields: { email: 'nobody@example.org', password: 'not the password' } },
			{ path: '/signup', cookie: false, fields: { name: 'Ana', email: 'ana@example.org', password: 'a long enough passphrase' } },
			{ path: '/forgot-password', cookie: false, fields: { email: 'ana@example.org' } },
		]
		const problems: string[] = []
		const state = { last: await fingerprint() }
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(...forms), fc.nat(), strings, async (form, pick, value) => {
				const names = Object.keys(form.fields)
				const name = names[pick % names.length]!
				const body = new URLSearchParams({ ...form.fields, [name]: value })
				const path = form.path.replace('CLINIC', clinicId)
				problems.push(...(await postForm(path, body, form.cookie ? cookie : '', `${name} = ${JSON.stringify(value).slice(0, 80)}`, state)))
			}),
			{ seed: SEED, numRuns: 80, interruptAfterTimeLimit: TIME_LIMIT_MS },
		)
		expect(problems).toEqual([])
		// Bodies that are not what a form sends.
		for (const [type, body] of [
			['text/plain', 'email=a@b.c&password=x'],
			['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\na'],
			['multipart/form-data', 'garbage'],
			['application/json', '{"email": "a@b.c"'],
			['application/x-www-form-urlencoded', '%%%%'],
		] as const) {
			for (const path of ['/login', `/clinics/${clinicId}/referrals/new`]) {
				const response = await fetch(server.origin + path, { method: 'POST', headers: { 'Content-Type': type, Cookie: cookie, Origin: server.origin }, body, redirect: 'manual' })
				expectSafe({ status: response.status, text: await response.text() }, `${path} as ${type}`)
			}
		}
		// The directory reads its search from the address.
		await fc.assert(
			fc.asyncProperty(fc.constantFrom('state', 'format', 'radius', 'phase', 'name', 'maxRate', 'page', 'sort'), strings, async (name, value) => {
				expectSafe(await send('GET', `/clinics/${clinicId}/therapists?${new URLSearchParams({ [name]: value })}`, { cookie: true }), `directory ${name}`)
			}),
			{ seed: SEED, numRuns: 40, interruptAfterTimeLimit: TIME_LIMIT_MS },
		)
	}, 240_000)

	test('every page action: each intent with hostile values in the fields it reads', async () => {
		// People to act as: a clinic admin (clinic pages), the demo therapist (their offers and profile), the platform admin (admin pages, second factor given).
		const as = async (email: string) => {
			const user = await db().user.findUniqueOrThrow({ where: { email } })
			const session = await createSession(user.id, { ip: null, userAgent: 'fuzz' })
			await markSessionTwoFactorVerified(session.id)
			return `${SESSION_COOKIE}=${session.token}`
		}
		const admin = await as('tx.admin@tandem.example')
		const therapistUser = await db().user.findUniqueOrThrow({ where: { email: 'therapist.tx@tandem.example' }, include: { therapist: true } })
		const therapist = await as('therapist.tx@tandem.example')
		const platform = await as('admin@tandem.example')
		const offer = await db().offer.findFirst({ where: { therapistId: therapistUser.therapist!.id }, orderBy: { id: 'asc' } })
		const anyTherapist = await db().therapist.findFirstOrThrow({ orderBy: { id: 'asc' } })
		const A = `/clinics/${clinicId}`
		const actions: { path: string; cookie: string; intents: string[] }[] = [
			{ path: '/account', cookie: admin, intents: ['revoke-session', 'logout-everywhere', 'regenerate-recovery-codes', 'disable-two-factor'] },
			{ path: '/account/two-factor', cookie: admin, intents: [''] },
			{ path: `${A}/api-keys`, cookie: admin, intents: ['create', 'revoke'] },
			{ path: `${A}/members`, cookie: admin, intents: ['invite', 'change-role', 'remove', 'revoke-invitation', 'referral-defaults'] },
			{ path: `${A}/referrals/${referralId}`, cookie: admin, intents: ['post', 'cancel', 'repost', 'resend_link', 'revoke_link', 'message', 'record_choice', 'move_dose', 'drop_dose', 'add_dose'] },
			{ path: `${A}/referrals/${referralId}/edit`, cookie: admin, intents: ['save', 'post'] },
			{ path: `${A}/referrals/${referralId}/matches`, cookie: admin, intents: [''] },
			{ path: `${A}/therapists/invite`, cookie: admin, intents: ['invite', 'withdraw'] },
			{ path: `${A}/billing`, cookie: admin, intents: ['', 'checkout', 'portal'] },
			{ path: `/therapists/${anyTherapist.id}`, cookie: admin, intents: ['partner', 'block', 'clear', 'note'] },
			{ path: '/notifications', cookie: admin, intents: ['read_all', 'emails', 'texts'] },
			{
				path: '/therapist/profile',
				cookie: therapist,
				intents: [
					'',
					'identity',
					'practice',
					'fees',
					'capacity',
					'training',
					'add-license',
					'add-authorization',
					'remove-license',
					'remove-authorization',
					'hours',
					'add-override',
					'remove-override',
					'remove-photo',
					'calendar',
					'calendar-refresh',
					'calendar-remove',
				],
			},
			...(offer
				? [
						{
							path: `/therapist/offers/${offer.id}`,
							cookie: therapist,
							intents: [
								'accept',
								'decline',
								'retract',
								'book',
								'in_care',
								'step_back',
								'message',
								'complete',
								'session_confirm',
								'session_reschedule',
								'session_held',
								'session_no_show',
								'session_cancel',
							],
						},
					]
				: []),
			{ path: '/admin/credentials', cookie: platform, intents: ['checked', 'suspend', 'revoke', 'reinstate'] },
			{ path: '/admin/verification', cookie: platform, intents: ['verify', 'reject'] },
			{ path: '/admin/import', cookie: platform, intents: [''] },
			{ path: '/verify-email', cookie: admin, intents: ['confirm', 'resend'] },
			{ path: '/reset-password', cookie: '', intents: [''] },
			{ path: '/invitation', cookie: '', intents: [''] },
			{ path: '/join/therapist', cookie: '', intents: [''] },
			{ path: '/choose/abcdefghijklmnopqrstuvwxyz234567', cookie: '', intents: ['choose', 'none', 'texts'] },
		]
		// The names the app's forms use, so that each action reads the hostile value.
		const names = [
			'calendarUrl',
			'email',
			'password',
			'name',
			'code',
			'currentCode',
			'recoveryCode',
			'message',
			'body',
			'reason',
			'role',
			'memberId',
			'keyId',
			'label',
			'invitationId',
			'offerId',
			'sessionId',
			'times',
			'startsAt',
			'doseIndex',
			'at',
			'firstSessionAt',
			'note',
			'state',
			'zip',
			'phases',
			'formats',
			'licenseId',
			'credentialId',
			'id',
			'token',
			'redirectTo',
			'key',
			'plan',
			'acceptSupervisedByDefault',
			'declineReason',
			'outcome',
			'expiresOn',
			'number',
			'type',
			'weeklyCapacity',
			'bio',
			'fullName',
			'date',
			'overrideHours',
			'kind',
			'homeState',
			'officeZip',
			'selfPayRate',
			'timeZone',
			'phone',
			'texts',
		]
		const problems: string[] = []
		const state = { last: await fingerprint() }
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(...actions), fc.nat(), fc.uniqueArray(fc.constantFrom(...names), { minLength: 1, maxLength: 4 }), strings, async (action, pick, fields, value) => {
				const intent = action.intents[pick % action.intents.length]!
				const body = new URLSearchParams(intent ? { intent } : {})
				for (const name of fields) body.set(name, value)
				problems.push(...(await postForm(action.path, body, action.cookie, `${intent} ${fields.join(',')} = ${JSON.stringify(value).slice(0, 60)}`, state)))
			}),
			{ seed: SEED, numRuns: 150, interruptAfterTimeLimit: TIME_LIMIT_MS },
		)
		expect(problems).toEqual([])
	}, 240_000)
})
