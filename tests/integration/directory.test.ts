// The partner directory against a real database: on the demo network — PSYPACT
// psychologists, Counseling Compact privileges, pending credentials — with licenses made to expire
// and go pending, every state's results agree with the jurisdiction derivation matching uses
// (coverage() from the full records); each filter, the sorts and pagination agree with a plain
// JavaScript reading of the same records; blocks leave a therapist out of the directory and the
// clinic's matching; partners move up and are never added; an empty search says which filter
// removed everyone. Then the API over HTTP.
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { dateOnly } from '#app/domain/calendar-dates.ts'
import { setStanding } from '#app/domain/clinics/partners.server.ts'
import { createApiKey } from '#app/domain/clinics/api-keys.server.ts'
import { coverageByState } from '#app/domain/coverage/coverage.server.ts'
import { DEFAULT_DIRECTORY_QUERY, explainEmpty, type DirectoryQuery } from '#app/domain/directory/directory-query.ts'
import { clinicToday, searchDirectory, type DirectoryClinic } from '#app/domain/directory/directory.server.ts'
import { relevanceHundredths } from '#app/domain/directory/relevance.ts'
import { loadMatchReferral, matchReferral, whyNotTherapist } from '#app/domain/matching/candidates.server.ts'
import { milesBetween } from '#app/domain/matching/distance.ts'
import { loadCompactMembership } from '#app/domain/reference/compact-membership.server.ts'
import { lookupZip, zipCentroid } from '#app/domain/reference/zip-codes.server.ts'
import { refreshTherapistSearch } from '#app/domain/matching/search-index.server.ts'
import { coverage, practicePlaces, type CompactMembership, type Coverage } from '#app/domain/therapists/jurisdiction.ts'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { createSession, SESSION_COOKIE } from '#app/utils/session.server.ts'
import { seedDemoData } from '#prisma/seed.ts'
import { startTestServer, type TestServer } from '#tests/setup/app-server.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'

let clinic: DirectoryClinic
let adminId: string
let compacts: CompactMembership
let today: string
let server: TestServer
let apiKey: string

type TherapistRecord = Awaited<ReturnType<typeof loadRecords>>[number]

async function loadRecords() {
	const rows = await db().therapist.findMany({
		include: {
			licenses: { select: { state: true, type: true, status: true, expiresOn: true } },
			authorizations: { select: { kind: true, homeState: true, states: true, status: true, expiresOn: true } },
		},
		orderBy: { id: 'asc' },
	})
	return rows.map((t) => {
		const covered = coverage(
			{ licenses: t.licenses.map((l) => ({ ...l, expiresOn: dateOnly(l.expiresOn) })), authorizations: t.authorizations.map((a) => ({ ...a, expiresOn: dateOnly(a.expiresOn) })) },
			compacts,
			today,
		)
		return { ...t, coverage: covered, places: placesOf(t, covered) }
	})
}

const placesOf = (t: { formats: string[]; phases: string[]; officeZip: string | null }, covered: Coverage[]) => {
	const office = t.officeZip ? lookupZip(t.officeZip) : null
	return practicePlaces(covered, { formats: t.formats, phases: t.phases, officeState: office?.ok ? office.place.state : null })
}

/** Where a session with a therapist may happen today, as the directory means it: by telehealth where the patient is, in person in the office's state. */
const canSee = (t: TherapistRecord) => t.places.states

/** Every page of a search, in order. */
async function allResults(query: Partial<DirectoryQuery>) {
	const ids: string[] = []
	let total = 0
	for (let page = 1; ; page++) {
		const result = await searchDirectory(clinic, { ...DEFAULT_DIRECTORY_QUERY, pageSize: 100, ...query, page })
		total = result.total
		ids.push(...result.therapists.map((t) => t.id))
		if (result.therapists.length < 100) break
	}
	expect(ids.length).toBe(total)
	return ids
}

const tie = (id: string) => createHash('sha256').update(`${clinic.id}:${id}`).digest('hex')
const byRelevance = (partners: ReadonlySet<string>) => (a: TherapistRecord, b: TherapistRecord) =>
	relevanceHundredths({ ...b, partner: partners.has(b.id) }) - relevanceHundredths({ ...a, partner: partners.has(a.id) }) || (tie(a.id) < tie(b.id) ? -1 : 1)

beforeAll(async () => {
	await resetDatabase()
	await seedDemoData(db(), { anchor: new Date('2026-11-16T00:00:00Z') })
	const admin = await db().clinicMember.findFirstOrThrow({ where: { user: { email: 'tx.admin@tandem.example' } }, include: { clinic: true } })
	clinic = { id: admin.clinicId, zip: admin.clinic.zip, timeZone: admin.clinic.timeZone }
	adminId = admin.userId
	compacts = await loadCompactMembership()
	today = clinicToday(clinic.timeZone)
	const yesterday = new Date(`${today}T00:00:00Z`)
	yesterday.setUTCDate(yesterday.getUTCDate() - 1)
	// Credentials that no longer count: a Texas license expired yesterday, one gone back to pending,
	// and a PSYPACT psychologist whose home license expired (the authorization falls with it).
	const texans = await db().license.findMany({ where: { state: 'TX', status: 'verified', type: { in: ['lpc', 'lcsw'] } }, orderBy: { id: 'asc' }, take: 2 })
	await db().license.update({ where: { id: texans[0]!.id }, data: { expiresOn: yesterday } })
	await db().license.update({ where: { id: texans[1]!.id }, data: { status: 'pending', verifiedAt: null } })
	const apit = await db().authorization.findFirstOrThrow({ where: { kind: 'psypact_apit', status: 'verified' }, orderBy: { id: 'asc' } })
	await db().license.updateMany({ where: { therapistId: apit.therapistId, state: apit.homeState }, data: { expiresOn: yesterday } })
	await refreshTherapistSearch([texans[0]!.therapistId, texans[1]!.therapistId, apit.therapistId])
	const key = await createApiKey(clinic.id, 'Directory script', null)
	if (!key.ok) throw new Error('key not created')
	apiKey = key.key
	server = await startTestServer()
}, 120_000)

afterAll(async () => {
	await server?.close()
	await closeDatabase()
})

describe('jurisdiction', () => {
	test('for every state and format, the directory finds exactly those the jurisdiction derivation lets see patients there today', async () => {
		const records = await loadRecords()
		// The network has what makes this interesting.
		expect(records.some((t) => t.authorizations.some((a) => a.kind === 'psypact_apit'))).toBe(true)
		expect(records.some((t) => t.authorizations.some((a) => a.kind === 'counseling_privilege'))).toBe(true)
		expect(records.some((t) => t.licenses.some((l) => l.status === 'pending'))).toBe(true)
		expect(records.some((t) => t.licenses.some((l) => l.status === 'verified' && dateOnly(l.expiresOn) < today))).toBe(true)
		const clinicPlace = zipCentroid(clinic.zip)!
		let nonEmpty = 0
		for (const state of ['TX', 'CO', 'WA', 'CA', 'NY', 'AZ', 'MN', 'FL', 'PA', 'OR', 'VT'] as const) {
			const expected = {
				any: records.filter((t) => canSee(t).includes(state)),
				telehealth: records.filter((t) => t.formats.includes('telehealth') && t.coverage.some((c) => c.state === state)),
				// In person: an office within the radius, licensed in the office's state, whatever the patient's state.
				in_person: records.filter((t) => {
					const office = t.officeZip ? zipCentroid(t.officeZip) : null
					return t.places.inPerson !== null && office !== null && milesBetween(office, clinicPlace) <= 150
				}),
			}
			const sorted = (list: TherapistRecord[]) => list.map((t) => t.id).sort()
			expect((await allResults({ state })).sort(), `${state}`).toEqual(sorted(expected.any))
			expect((await allResults({ state, format: 'telehealth' })).sort(), `${state} telehealth`).toEqual(sorted(expected.telehealth))
			expect((await allResults({ state, format: 'in_person', radiusMiles: 150 })).sort(), `${state} in person`).toEqual(sorted(expected.in_person))
			if (expected.any.length) nonEmpty++
		}
		expect(nonEmpty).toBeGreaterThan(5)
	})

	test('supervised licences count only when the search includes them, as coverage() with supervised allowed says', async () => {
		const records = await loadRecords()
		const withSupervised = (t: TherapistRecord) =>
			placesOf(
				t,
				coverage(
					{ licenses: t.licenses.map((l) => ({ ...l, expiresOn: dateOnly(l.expiresOn) })), authorizations: t.authorizations.map((a) => ({ ...a, expiresOn: dateOnly(a.expiresOn) })) },
					compacts,
					today,
					{ allowSupervised: true },
				),
			).states
		let differs = 0
		for (const state of ['TX', 'WA', 'CO', 'CA', 'NY'] as const) {
			const expected = records
				.filter((t) => withSupervised(t).includes(state))
				.map((t) => t.id)
				.sort()
			expect((await allResults({ state, includeSupervised: true })).sort(), state).toEqual(expected)
			if (expected.length !== records.filter((t) => canSee(t).includes(state)).length) differs++
		}
		// The demo network has therapists whose only licence is supervised.
		expect(differs).toBeGreaterThan(0)
	})

	test('each result lists the states the therapist can see patients in today', async () => {
		const records = new Map((await loadRecords()).map((t) => [t.id, t]))
		const result = await searchDirectory(clinic, { ...DEFAULT_DIRECTORY_QUERY, pageSize: 100 })
		expect(result.total).toBe(records.size)
		for (const t of result.therapists) {
			expect(t.canSeeStates, t.id).toEqual(canSee(records.get(t.id)!))
			expect(t.inSessionStates, t.id).toEqual(records.get(t.id)!.places.inSessionSupport.sort())
		}
		// The demo network has an office in a state its therapist is not licensed in, and in-session support.
		expect(result.therapists.some((t) => t.formats.includes('in_person') && t.office && !t.canSeeStates.includes(t.office.state))).toBe(true)
		expect(result.therapists.some((t) => t.inSessionStates.length > 0)).toBe(true)
	})
})

describe('filters and sorts', () => {
	test('each filter, alone and together, finds what reading the records finds', async () => {
		const records = (await loadRecords()).filter((t) => canSee(t).includes('TX'))
		const cases: [Partial<DirectoryQuery>, (t: TherapistRecord) => boolean][] = [
			[{ phases: ['preparation', 'integration'] }, (t) => t.phases.includes('preparation') && t.phases.includes('integration')],
			[{ modalities: ['ifs', 'emdr'] }, (t) => t.modalities.some((m) => m === 'ifs' || m === 'emdr')],
			[{ focusAreas: ['ptsd'] }, (t) => t.focusAreas.includes('ptsd')],
			[{ languages: ['es'] }, (t) => t.languages.includes('es')],
			[{ payer: 'aetna' }, (t) => t.insurancePayers.includes('aetna')],
			[{ maxRate: 150 }, (t) => t.slidingScale || (t.selfPayRate !== null && t.selfPayRate <= 150)],
			[{ payer: 'cigna', maxRate: 120 }, (t) => t.insurancePayers.includes('cigna') || t.slidingScale || (t.selfPayRate !== null && t.selfPayRate <= 120)],
			[{ accepting: true }, (t) => t.accepting],
			[{ accepting: false }, (t) => !t.accepting],
			[{ minKapHours: 60 }, (t) => t.kapTrainingHours >= 60],
			[{ name: records[3]!.fullName.slice(0, 4).toLowerCase() }, (t) => t.fullName.toLowerCase().includes(records[3]!.fullName.slice(0, 4).toLowerCase())],
			[{ name: '100%_' }, () => false],
			[
				{ phases: ['integration'], languages: ['en'], accepting: true, format: 'telehealth' },
				(t) => t.phases.includes('integration') && t.languages.includes('en') && t.accepting && t.formats.includes('telehealth'),
			],
		]
		for (const [query, keep] of cases) {
			const expected = records
				.filter(keep)
				.map((t) => t.id)
				.sort()
			expect((await allResults({ state: 'TX', ...query })).sort(), JSON.stringify(query)).toEqual(expected)
		}
		// The filters narrow for real.
		expect(records.filter((t) => t.languages.includes('es')).length).toBeLessThan(records.length)
	})

	test('relevance puts partners first, then the accepting, then training, equal scores by the fair hash; pages split that order', async () => {
		// Ties across page boundaries: eight Texans with full marks for training (120 hours and more count the same), all accepting.
		const tied = (await loadRecords())
			.filter((t) => canSee(t).includes('TX'))
			.slice(0, 8)
			.map((t) => t.id)
		await db().therapist.updateMany({ where: { id: { in: tied } }, data: { kapTrainingHours: 130, accepting: true } })
		await refreshTherapistSearch(tied)
		const records = (await loadRecords()).filter((t) => canSee(t).includes('TX'))
		const ranked = [...records].sort(byRelevance(new Set()))
		const relevance = (t: TherapistRecord) => relevanceHundredths({ ...t, partner: false })
		expect(relevance(ranked[2]!)).toBe(relevance(ranked[3]!))
		expect(relevance(ranked[5]!)).toBe(relevance(ranked[6]!))
		for (const [i, size] of [
			[1, 3],
			[2, 3],
			[3, 3],
			[2, 5],
			[4, 4],
		] as const) {
			const page = await searchDirectory(clinic, { ...DEFAULT_DIRECTORY_QUERY, state: 'TX', pageSize: size, page: i })
			expect(
				page.therapists.map((t) => t.id),
				`page ${i} of ${size}`,
			).toEqual(ranked.slice((i - 1) * size, i * size).map((t) => t.id))
		}
		const noState = await searchDirectory(clinic, { ...DEFAULT_DIRECTORY_QUERY, pageSize: 3, page: 2, minKapHours: 120, accepting: true })
		const everyone = (await loadRecords()).filter((t) => t.kapTrainingHours >= 120 && t.accepting).sort(byRelevance(new Set()))
		expect(everyone.length).toBeGreaterThan(6)
		expect(noState.therapists.map((t) => t.id)).toEqual(everyone.slice(3, 6).map((t) => t.id))
		// An accepting therapist with the least training: the partner boost alone lifts them to the top.
		const partner = records.filter((t) => t.accepting).sort((a, b) => a.kapTrainingHours - b.kapTrainingHours)[0]!
		expect(await setStanding(clinic.id, partner.id, 'partner', adminId)).toEqual({ ok: true })
		const expected = [...records].sort(byRelevance(new Set([partner.id]))).map((t) => t.id)
		expect(expected[0]).toBe(partner.id)
		expect(await allResults({ state: 'TX' })).toEqual(expected)
		const first = await searchDirectory(clinic, { ...DEFAULT_DIRECTORY_QUERY, state: 'TX', pageSize: 7 })
		const second = await searchDirectory(clinic, { ...DEFAULT_DIRECTORY_QUERY, state: 'TX', pageSize: 7, page: 2 })
		expect([...first.therapists, ...second.therapists].map((t) => t.id)).toEqual(expected.slice(0, 14))
		expect(first.therapists[0]).toMatchObject({ id: partner.id, partner: true })
		expect(first.total).toBe(records.length)
		// Partners only.
		expect(await allResults({ state: 'TX', partnersOnly: true })).toEqual([partner.id])
		// A partner is never added to a search they do not fit.
		expect(await allResults({ state: 'TX', minKapHours: partner.kapTrainingHours + 1 })).not.toContain(partner.id)
		expect(await setStanding(clinic.id, partner.id, null, adminId)).toEqual({ ok: true })
	})

	test('training sorts by hours; distance (in person) nearest first, with the miles', async () => {
		const records = (await loadRecords()).filter((t) => canSee(t).includes('TX'))
		const training = [...records].sort((a, b) => b.kapTrainingHours - a.kapTrainingHours || byRelevance(new Set())(a, b)).map((t) => t.id)
		expect(await allResults({ state: 'TX', sort: 'training' })).toEqual(training)

		const result = await searchDirectory(clinic, { ...DEFAULT_DIRECTORY_QUERY, state: 'TX', format: 'in_person', radiusMiles: 200, sort: 'distance', pageSize: 100 })
		expect(result.total).toBeGreaterThan(1)
		const miles = result.therapists.map((t) => t.miles!)
		expect(miles).toEqual([...miles].sort((a, b) => a - b))
		const clinicPlace = zipCentroid(clinic.zip)!
		for (const t of result.therapists) {
			const record = records.find((r) => r.id === t.id)!
			expect(t.miles).toBe(Math.round(milesBetween(zipCentroid(record.officeZip!)!, clinicPlace) * 10) / 10)
			expect(t.miles).toBeLessThanOrEqual(200)
		}
	})

	test('payment never changes a position: every Texan’s rates, sliding scale and insurers changed, every sort gives the same order', async () => {
		const texans = (await loadRecords()).filter((t) => canSee(t).includes('TX'))
		const orders = async () => Promise.all((['relevance', 'training'] as const).map((sort) => allResults({ state: 'TX', sort })))
		const before = await orders()
		const payers = ['aetna', 'bcbs', 'cigna', 'united', 'optum']
		try {
			// The cheapest rates and every insurer to those ranked last, the dearest and none to those ranked first.
			for (const [i, id] of before[0]!.entries()) {
				const rank = i / Math.max(1, before[0]!.length - 1)
				await db().therapist.update({
					where: { id },
					data: { selfPayRate: Math.round(300 - 250 * rank), slidingScale: rank > 0.5, insurancePayers: payers.slice(0, Math.round(rank * payers.length)) },
				})
			}
			await refreshTherapistSearch(texans.map((t) => t.id))
			expect(await orders()).toEqual(before)
		} finally {
			for (const t of texans) await db().therapist.update({ where: { id: t.id }, data: { selfPayRate: t.selfPayRate, slidingScale: t.slidingScale, insurancePayers: t.insurancePayers } })
			await refreshTherapistSearch(texans.map((t) => t.id))
		}
	})
})

test('a block leaves the therapist out of the clinic’s directory and matching, and of no other clinic’s', async () => {
	const draft = (await db().referral.findFirstOrThrow({ where: { clinicId: clinic.id, status: 'draft' } })).id
	const telehealth = async () => ({
		...(await loadMatchReferral(draft))!,
		format: 'telehealth' as const,
		phases: ['integration'],
		languages: [],
		payment: { type: 'self_pay' as const, maxRate: null },
	})
	// The clinic's best suggestion for a telehealth referral: eligible until blocked.
	const first = await db().therapist.findUniqueOrThrow({ where: { id: (await matchReferral(await telehealth())).suggestions[0]!.therapistId } })
	const other = await db().clinic.findFirstOrThrow({ where: { id: { not: clinic.id } } })
	expect(await setStanding(clinic.id, first.id, 'blocked', adminId)).toEqual({ ok: true })
	expect(await allResults({ state: 'TX' })).not.toContain(first.id)
	expect(await allResults({})).not.toContain(first.id)
	expect(await whyNotTherapist(await telehealth(), first.id)).toBe('not_excluded')
	const elsewhere = await searchDirectory({ id: other.id, zip: other.zip, timeZone: other.timeZone }, { ...DEFAULT_DIRECTORY_QUERY, state: 'TX', pageSize: 100 })
	expect(elsewhere.therapists.map((t) => t.id)).toContain(first.id)
	// Searching for them by name says why nobody is left.
	const named = await searchDirectory(clinic, { ...DEFAULT_DIRECTORY_QUERY, name: first.fullName })
	expect(named.total).toBe(0)
	expect(explainEmpty(named.network, named.funnel!)).toBe('Everyone who matched is blocked by your clinic.')
	expect(await setStanding(clinic.id, first.id, null, adminId)).toEqual({ ok: true })
	expect(await allResults({ state: 'TX' })).toContain(first.id)
})

test('an empty search counts what each filter left, and names the one that removed everyone', async () => {
	const records = (await loadRecords()).filter((t) => canSee(t).includes('TX'))
	const inTexas = records.length
	const withIntegration = records.filter((t) => t.phases.includes('integration')).length
	const result = await searchDirectory(clinic, { ...DEFAULT_DIRECTORY_QUERY, state: 'TX', phases: ['integration'], minKapHours: 100_000, languages: ['en'] })
	expect(result.total).toBe(0)
	expect(result.therapists).toEqual([])
	expect(result.funnel!.map((f) => [f.step, f.remaining])).toEqual([
		['state', inTexas],
		['phase', withIntegration],
		['language', records.filter((t) => t.phases.includes('integration') && t.languages.includes('en')).length],
		['training', 0],
		['blocked', 0],
	])
	expect(explainEmpty(result.network, result.funnel!)).toMatch(/^Nobody is left once you ask for someone who has at least 100000 hours of KAP training: \d+ therapists matched the filters before it/)
	// A search that finds someone counts nothing.
	expect((await searchDirectory(clinic, { ...DEFAULT_DIRECTORY_QUERY, state: 'TX' })).funnel).toBeNull()
})

test('the coverage map counts, per state, the accepting therapists the directory finds there; demand is the referrals posted', async () => {
	const records = await loadRecords()
	const blocked = records.find((t) => t.accepting && canSee(t).includes('TX'))!
	await setStanding(clinic.id, blocked.id, 'blocked', adminId)
	const states = await coverageByState({ phases: ['integration'], format: 'telehealth', modalities: [] }, { clinicId: clinic.id, timeZone: clinic.timeZone, withDemand: true })
	expect(states).toHaveLength(51)
	for (const s of states) {
		const expected = records.filter(
			(t) => t.accepting && t.id !== blocked.id && t.phases.includes('integration') && t.formats.includes('telehealth') && t.coverage.some((c) => c.state === s.state),
		).length
		expect(s.therapists, s.state).toBe(expected)
		// The same number the directory gives for the state.
		if (['TX', 'CO', 'WA'].includes(s.state)) expect(s.therapists).toBe((await allResults({ state: s.state as 'TX', format: 'telehealth', phases: ['integration'], accepting: true })).length)
	}
	expect(states.find((s) => s.state === 'TX')!.therapists).toBeGreaterThan(0)
	// In person: counted in the state of the office, where the licence must be.
	const inPerson = await coverageByState({ phases: [], format: 'in_person', modalities: [] })
	for (const s of inPerson) expect(s.therapists, `${s.state} in person`).toBe(records.filter((t) => t.accepting && t.places.inPerson?.state === s.state).length)
	expect(inPerson.some((s) => s.therapists > 0)).toBe(true)
	const posted = await db().referral.groupBy({ by: ['patientState'], where: { postedAt: { not: null } }, _count: true })
	for (const row of posted) expect(states.find((s) => s.state === row.patientState)!.referrals).toBe(row._count)
	// Another clinic (or an admin) still counts the blocked therapist.
	const everyone = await coverageByState({ phases: ['integration'], format: 'telehealth', modalities: [] })
	expect(everyone.find((s) => s.state === 'TX')!.therapists).toBe(states.find((s) => s.state === 'TX')!.therapists + 1)
	expect(everyone[0]!.referrals).toBeUndefined()
	await setStanding(clinic.id, blocked.id, null, adminId)
})

test('the pages answer hand-made addresses with the search they can read and the problems named, never a server error', async () => {
	const { token } = await createSession(adminId, { ip: null, userAgent: 'directory test' })
	const get = async (path: string) => {
		const response = await fetch(`${server.origin}${path}`, { headers: { Cookie: `${SESSION_COOKIE}=${token}` }, redirect: 'manual' })
		return { status: response.status, location: response.headers.get('Location'), text: await response.text() }
	}
	const directory = `/clinics/${clinic.id}/therapists`
	// Empty fields (as the form sends them), odd case and order: sent on to the canonical address.
	expect(await get(`${directory}?state=tx&format=&radius=25&phase=integration&name=&sort=`)).toMatchObject({ status: 302, location: `${directory}?state=TX&phase=integration` })
	expect((await get(`${directory}?state=TX&phase=integration`)).status).toBe(200)
	// A NUL character is refused before the page runs (400 naming the field), as everywhere.
	const nul = await get(`${directory}?state=%00`)
	expect(nul.status).toBe(400)
	expect(nul.text).toContain('“state” contains a NUL character')
	for (const query of ['page=abc', 'radius=-1&format=in_person', 'phase=integration,nope', `name=${'x'.repeat(300)}`, 'maxRate=1e9', 'sort=distance', 'accepting=maybe&pageSize=0', 'page=400']) {
		const answer = await get(`${directory}?${query}`)
		expect(answer.status, query).toBe(200)
		expect(answer.text, query).toMatch(query === 'page=400' ? /Go to the first page/ : /Fix the search to see results/)
	}
	expect((await get(`${directory}?name=%3Cscript%3Ealert(1)%3C/script%3E`)).text).not.toContain('<script>alert(1)')
	const map = await get(`/clinics/${clinic.id}/coverage?phase=nope&format=boat&modality=ifs`)
	expect(map.status).toBe(200)
	expect(map.text).toContain('The map shows the filters that were fine.')
})

describe('GET /api/v1/therapists', () => {
	async function call(path: string, key: string | null = apiKey) {
		const response = await fetch(server.origin + path, { headers: key ? { Authorization: `Bearer ${key}` } : {} })
		return { status: response.status, type: response.headers.get('Content-Type'), body: await response.json() }
	}

	test('filters and pages, with each therapist’s states, formats, phases, approaches and languages', async () => {
		const records = (await loadRecords()).filter((t) => canSee(t).includes('TX') && t.formats.includes('telehealth') && t.phases.includes('integration') && t.accepting)
		const first = await call('/api/v1/therapists?state=tx&format=telehealth&phase=integration&accepting=true&pageSize=5')
		expect(first.status).toBe(200)
		expect(first.body.total).toBe(records.length)
		expect(first.body.page).toBe(1)
		expect(first.body.therapists).toHaveLength(5)
		const t = first.body.therapists[0]
		expect(Object.keys(t).sort()).toEqual(['canSeeStates', 'credentials', 'email', 'formats', 'fullName', 'id', 'inSessionStates', 'languages', 'modalities', 'phases'])
		expect(t.canSeeStates).toContain('TX')
		const second = await call('/api/v1/therapists?state=TX&format=telehealth&phase=integration&accepting=true&pageSize=5&page=2')
		expect(second.body.page).toBe(2)
		expect(second.body.therapists.map((x: { id: string }) => x.id)).not.toContain(t.id)
		const beyond = await call(`/api/v1/therapists?state=TX&format=telehealth&phase=integration&accepting=true&pageSize=100&page=2`)
		expect(beyond.body).toMatchObject({ total: records.length, page: 2, therapists: [] })
		const spanish = await call('/api/v1/therapists?state=TX&language=es&payer=aetna&maxRate=200&modality=cbt,act')
		expect(spanish.status).toBe(200)
		for (const x of spanish.body.therapists) expect(x.languages).toContain('es')
	})

	test('bad parameters: 400 problem+json naming each parameter', async () => {
		const cases: [string, string][] = [
			['state=ZZ', 'state'],
			['format=boat', 'format'],
			['phase=dreaming', 'phase'],
			['modality=cbt&modality=astrology', 'modality'],
			['language=klingon', 'language'],
			['payer=acme', 'payer'],
			['maxRate=-5', 'maxRate'],
			['maxRate=cheap', 'maxRate'],
			['accepting=yes', 'accepting'],
			['page=0', 'page'],
			['pageSize=101', 'pageSize'],
			['radius=10', 'radius'],
			['format=telehealth&sort=distance', 'sort'],
			['sort=newest', 'sort'],
			['colour=blue', 'colour'],
			['state=TX&state=CA', 'state'],
		]
		for (const [query, parameter] of cases) {
			const response = await call(`/api/v1/therapists?${query}`)
			expect(response.status, query).toBe(400)
			expect(response.type).toBe('application/problem+json')
			expect(
				response.body.errors.map((e: { path: string }) => e.path),
				query,
			).toEqual([parameter])
			expect(response.body.detail).toMatch(new RegExp(`^${parameter}: `))
		}
		const several = await call('/api/v1/therapists?state=ZZ&page=x')
		expect(several.body.errors.map((e: { path: string }) => e.path)).toEqual(['state', 'page'])
	})

	test('a key is needed; only GET', async () => {
		expect((await call('/api/v1/therapists', null)).status).toBe(401)
		const post = await fetch(server.origin + '/api/v1/therapists', { method: 'POST', headers: { Authorization: `Bearer ${apiKey}` } })
		expect(post.status).toBe(405)
	})
})
