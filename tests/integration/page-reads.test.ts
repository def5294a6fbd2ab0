// The pages' reads on the driver (one statement each: clinic-home.server.ts, referrals.server.ts,
// patient-page.server.ts, clinics.server.ts) return exactly what the Prisma reads they replaced
// returned, on the seeded demo data plus a thread, links in every state and unread messages: the
// Prisma reads are kept here, as they were, as the reference. And each keeps its scoping: another
// clinic's referral is not returned, a revoked or expired link reads no referral. Some list columns
// are NULL, as in a row inserted without them.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { getClinic } from '#app/domain/clinics/clinics.server.ts'
import { clinicHome, EXPIRING_WITHIN_HOURS, weekWindow, type ClinicHomeRows } from '#app/domain/home/clinic-home.ts'
import { clinicHomeRows } from '#app/domain/home/clinic-home.server.ts'
import { ITEMS_SHOWN } from '#app/domain/home/cards.ts'
import { referralThread } from '#app/domain/referrals/messages.server.ts'
import { patientPage } from '#app/domain/referrals/patient-page.server.ts'
import { createPatientLink } from '#app/domain/referrals/patient-links.server.ts'
import { textsFor } from '#app/domain/referrals/patient-texts.server.ts'
import { POSTING_FACTS } from '#app/domain/referrals/referral-changes.server.ts'
import { readReferralSearch, REFERRALS_PER_PAGE, pageWindow, patientName } from '#app/domain/referrals/referral-list.ts'
import { actorNames, clinicReferralOffers, clinicReferralPage, getReferralWithPatient, listClinicReferrals } from '#app/domain/referrals/referrals.server.ts'
import { SESSION_COLUMNS } from '#app/domain/series/plan.server.ts'
import { patientTimeZone } from '#app/domain/reference/index.ts'
import { type Prisma } from '#app/generated/prisma/client.ts'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { consumeRateLimits } from '#app/utils/rate-limit.server.ts'
import { seedDemoData } from '#prisma/seed.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'

const ANCHOR = new Date('2026-11-16T00:00:00Z')
const NOW = new Date('2026-11-17T18:00:00Z')
const HOUR = 3_600_000
const API_KEY = { kind: 'api_key', apiKeyId: 'none' } as const

let clinics: { id: string; timeZone: string; members: string[] }[]
let referrals: { id: string; clinicId: string; status: string }[]
const tokens: Record<'live' | 'revoked' | 'expired' | 'chosen', string> = { live: '', revoked: '', expired: '', chosen: '' }

beforeAll(async () => {
	await resetDatabase()
	await seedDemoData(db(), { anchor: ANCHOR, now: NOW })
	clinics = (await db().clinic.findMany({ orderBy: { id: 'asc' }, select: { id: true, timeZone: true, members: { select: { userId: true } } } })).map((c) => ({
		...c,
		members: c.members.map((m) => m.userId),
	}))
	referrals = await db().referral.findMany({ orderBy: { id: 'asc' }, select: { id: true, clinicId: true, status: true } })
	const shortlisted = referrals.find((r) => r.status === 'shortlisted')!
	const chosen = referrals.find((r) => (r.status === 'matched' || r.status === 'scheduled') && clinics.find((c) => c.id === r.clinicId)!.members.length)!
	// Links in each state: live (twice, so the newest is the current one), revoked, expired; one to a referral with a chosen therapist.
	await createPatientLink(shortlisted.id, new Date(NOW.getTime() + 100 * HOUR), new Date(NOW.getTime() - 2 * HOUR))
	tokens.live = (await createPatientLink(shortlisted.id, new Date(NOW.getTime() + 50 * HOUR), new Date(NOW.getTime() - HOUR))).token
	const revoked = await createPatientLink(shortlisted.id, new Date(NOW.getTime() + 50 * HOUR), NOW)
	await db().patientLink.update({ where: { id: revoked.link.id }, data: { revokedAt: NOW } })
	tokens.revoked = revoked.token
	tokens.expired = (await createPatientLink(shortlisted.id, new Date(NOW.getTime() - HOUR), new Date(NOW.getTime() - 200 * HOUR))).token
	tokens.chosen = (await createPatientLink(chosen.id, new Date(NOW.getTime() + 24 * HOUR), NOW)).token
	// A thread on the chosen referral, and its clinic's unread notices of it.
	const member = clinics.find((c) => c.id === chosen.clinicId)!.members[0]!
	for (const [i, from] of (['clinic', 'therapist', 'clinic'] as const).entries())
		await db().referralMessage.create({ data: { referralId: chosen.id, from, authorId: member, body: `Message ${i}`, createdAt: new Date(NOW.getTime() - (3 - i) * HOUR) } })
	// Actors the timeline names: a person and an API key.
	const key = await db().apiKey.create({ data: { clinicId: chosen.clinicId, name: 'Page reads', prefix: 'tdm_pr', hash: 'page-reads' }, select: { id: true } })
	const offer = await db().offer.findFirstOrThrow({ where: { referralId: chosen.id, status: 'chosen' }, select: { id: true } })
	await db().referralEvent.create({ data: { referralId: chosen.id, at: NOW, actor: `user:${member}`, fromStatus: chosen.status as 'matched', toStatus: chosen.status as 'matched', reason: 'A note' } })
	await db().offerEvent.create({ data: { offerId: offer.id, referralId: chosen.id, at: NOW, actor: `api_key:${key.id}`, fromStatus: 'chosen', toStatus: 'chosen' } })
	// List columns left NULL, as a row inserted without them has them (read as the empty list).
	await db().$executeRaw`UPDATE "Referral" SET modalities = NULL, "focusAreas" = NULL, languages = NULL WHERE id IN (${shortlisted.id}, ${chosen.id})`
	await db().$executeRaw`UPDATE "Therapist" SET "insurancePayers" = NULL, "focusAreas" = NULL WHERE id IN (SELECT "therapistId" FROM "Offer" WHERE "referralId" = ${shortlisted.id})`
	for (const i of [1, 2])
		await db().notification.create({
			data: { userId: member, kind: 'message_to_clinic', text: 'A message', href: '/', referralId: chosen.id, createdAt: new Date(NOW.getTime() - i * HOUR) },
		})
}, 600_000)
afterAll(closeDatabase)

/** A member of the referral's clinic (some seeded clinics have none: then anyone, as the reads do not check membership; the route does). */
const viewerOf = (clinicId: string) => ({ kind: 'user', userId: clinics.find((c) => c.id === clinicId)!.members[0] ?? clinics.flatMap((c) => c.members)[0]! }) as const

const byReferral = <T extends { referralId: string }>(rows: readonly T[]) => [...rows].sort((a, b) => a.referralId.localeCompare(b.referralId))
const normalized = (rows: ClinicHomeRows) => ({
	...rows,
	expiringOffers: byReferral(rows.expiringOffers),
	shortlists: byReferral(rows.shortlists),
	unreadMessages: byReferral(rows.unreadMessages),
	firstSessions: byReferral(rows.firstSessions),
	patients: new Map([...rows.patients].sort(([a], [b]) => a.localeCompare(b))),
})

describe('the clinic home', () => {
	test('has the rows and cards the Prisma queries gave, for every member of every clinic, at several times', async () => {
		let shown = 0
		for (const clinic of clinics)
			for (const viewer of clinic.members)
				for (const now of [NOW, new Date(NOW.getTime() + 30 * HOUR), new Date(NOW.getTime() + 24 * 6 * HOUR)]) {
					const [read, reference] = [await clinicHomeRows(clinic, viewer, now), await prismaClinicHomeRows(clinic, viewer, now)]
					expect(normalized(read)).toEqual(normalized(reference))
					expect(clinicHome(read)).toEqual(clinicHome(reference))
					shown += clinicHome(read).shownReferralIds.length
				}
		// The data shows something: the comparison is not of empty homes only.
		expect(shown).toBeGreaterThan(0)
	}, 300_000)

	test("names only the clinic's own referrals", async () => {
		for (const clinic of clinics)
			for (const viewer of clinic.members) {
				const { patients } = await clinicHomeRows(clinic, viewer, NOW)
				for (const id of patients.keys()) expect(referrals.find((r) => r.id === id)!.clinicId).toBe(clinic.id)
			}
	})
})

describe('the referral list', () => {
	test('has the rows, counts and window the Prisma queries gave, for each status, search and page', async () => {
		const searches = [null, 'a', 'e n', 'zzzz', ...referrals.slice(0, 2).map((r) => r.id.slice(-6)), `R-${referrals[2]!.id.slice(-6).toUpperCase()}`]
		for (const clinic of clinics)
			for (const status of [null, 'open', 'draft'] as const)
				for (const text of searches)
					for (const page of [null, '40']) {
						const options = { status, search: readReferralSearch(text), page }
						expect(await listClinicReferrals(clinic.id, options)).toEqual(await prismaListClinicReferrals(clinic.id, options))
					}
	}, 300_000)

	test("never lists another clinic's referral, whatever the search", async () => {
		const [a, b] = clinics
		const theirs = referrals.filter((r) => r.clinicId === b!.id)
		expect(theirs.length).toBeGreaterThan(0)
		for (const r of theirs) expect((await listClinicReferrals(a!.id, { search: readReferralSearch(r.id.slice(-6)) })).referrals).toEqual([])
		const all = await listClinicReferrals(a!.id, {})
		expect(all.referrals.every((r) => referrals.find((x) => x.id === r.id)!.clinicId === a!.id)).toBe(true)
	})

	test('a page of more than 25 is cut at 25, and a page past the last shows the last', async () => {
		const clinic = clinics[0]!
		const base = referrals.find((r) => r.clinicId === clinic.id)!
		const drafts = await db().referral.createManyAndReturn({
			data: Array.from({ length: 30 }, () => ({ clinicId: base.clinicId, status: 'draft' as const, phases: [], modalities: [], focusAreas: [], languages: [], dosingSessionsAt: [] })),
			select: { id: true },
		})
		for (const page of ['1', '2', '3']) expect(await listClinicReferrals(clinic.id, { page })).toEqual(await prismaListClinicReferrals(clinic.id, { page }))
		expect((await listClinicReferrals(clinic.id, { page: '3' })).window.page).toBe(2)
		expect((await listClinicReferrals(clinic.id, { page: '1' })).referrals).toHaveLength(REFERRALS_PER_PAGE)
		await db().referral.deleteMany({ where: { id: { in: drafts.map((d) => d.id) } } })
	})
})

describe("the clinic's referral page and the API's referral", () => {
	test('read what the Prisma reads gave, for every referral', async () => {
		for (const r of referrals) {
			const viewer = viewerOf(r.clinicId)
			const page = await clinicReferralPage(r.clinicId, r.id, viewer, NOW)
			const reference = await prismaReferralPage(r.clinicId, r.id, viewer.userId, NOW)
			expect(page).toEqual(reference)
			expect(await getReferralWithPatient(r.clinicId, r.id, API_KEY)).toEqual(reference.referral)
			expect(await clinicReferralOffers(r.id)).toEqual(reference.offers)
		}
		// Somewhere the thread, the link and named actors were compared, not only their absence.
		const pages = await Promise.all(referrals.map((r) => clinicReferralPage(r.clinicId, r.id, viewerOf(r.clinicId), NOW)))
		expect(pages.map((p) => p!.thread?.length ?? 0)).toContain(3)
		expect(pages.filter((p) => p!.link !== null).length).toBeGreaterThan(0)
		const named = pages.flatMap((p) => [...p!.actors.keys()])
		expect(named.filter((k) => k.startsWith('user:')).length).toBeGreaterThan(0)
		expect(named.filter((k) => k.startsWith('api_key:')).length).toBeGreaterThan(0)
	}, 300_000)

	test("another clinic's referral is not found, and nothing of it is read or audited", async () => {
		const r = referrals[0]!
		const other = clinics.find((c) => c.id !== r.clinicId)!
		const audits = await db().auditEvent.count()
		expect(await clinicReferralPage(other.id, r.id, viewerOf(other.id), NOW)).toBeNull()
		expect(await getReferralWithPatient(other.id, r.id, API_KEY)).toBeNull()
		expect(await clinicReferralPage(r.clinicId, 'no-such-referral', viewerOf(r.clinicId), NOW)).toBeNull()
		expect(await db().auditEvent.count()).toBe(audits)
	})

	test('the clinic row is the one Prisma read', async () => {
		for (const clinic of clinics)
			expect(await getClinic(clinic.id)).toEqual(
				await db().clinic.findUnique({ where: { id: clinic.id }, select: { id: true, name: true, city: true, state: true, zip: true, timeZone: true, acceptSupervisedByDefault: true } }),
			)
		expect(await getClinic('no-such-clinic')).toBeNull()
	})
})

describe("the patient's page", () => {
	test('reads what the Prisma reads gave, for a shortlist and for a chosen therapist', async () => {
		for (const token of [tokens.live, tokens.chosen]) {
			const page = await patientPage(token, NOW)
			if (!page.ok) throw new Error(page.reason)
			expect(page).toEqual(await prismaPatientPage(token, NOW))
		}
		const shortlist = await patientPage(tokens.live, NOW)
		expect(shortlist.ok && shortlist.shortlist.entries.length).toBeGreaterThan(0)
		const chosen = await patientPage(tokens.chosen, NOW)
		expect(chosen.ok && chosen.chosen).toBeTruthy()
	})

	test('a revoked, expired, unknown or malformed link opens nothing', async () => {
		expect(await patientPage(tokens.revoked, NOW)).toEqual({ ok: false, reason: 'revoked' })
		expect(await patientPage(tokens.expired, NOW)).toEqual({ ok: false, reason: 'expired' })
		expect(
			await patientPage(
				tokens.live.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')),
				NOW,
			),
		).toEqual({ ok: false, reason: 'unknown' })
		expect(await patientPage('not a token', NOW)).toEqual({ ok: false, reason: 'unknown' })
		// The live link, once past its expiry, too.
		expect(await patientPage(tokens.live, new Date(NOW.getTime() + 51 * HOUR))).toEqual({ ok: false, reason: 'expired' })
	})
})

test('several rate limits are counted in one statement, each in its own window, and the first refusal wins', async () => {
	const at = new Date('2026-11-17T18:00:00Z')
	for (let i = 0; i < 60; i++)
		expect(
			await consumeRateLimits(
				[
					['patientLinkPerIp', '192.0.2.1'],
					['patientLinkPerToken', 'page-reads'],
				],
				at,
			),
		).toEqual({ allowed: true })
	expect(
		await consumeRateLimits(
			[
				['patientLinkPerIp', '192.0.2.1'],
				['patientLinkPerToken', 'page-reads'],
			],
			at,
		),
	).toEqual({ allowed: false, retryAfterSeconds: 15 * 60 })
	const counts = await db().rateLimit.findMany({ where: { key: { in: ['patientLinkPerIp:192.0.2.1', 'patientLinkPerToken:page-reads'] } }, orderBy: { key: 'asc' } })
	expect(counts.map((c) => [c.key, c.count, c.windowStart.toISOString()])).toEqual([
		['patientLinkPerIp:192.0.2.1', 61, at.toISOString()],
		['patientLinkPerToken:page-reads', 61, at.toISOString()],
	])
	// Past the window, each starts again.
	const later = new Date(at.getTime() + 16 * 60_000)
	expect(
		await consumeRateLimits(
			[
				['patientLinkPerIp', '192.0.2.1'],
				['patientLinkPerToken', 'page-reads'],
				['loginPerIp', null],
			],
			later,
		),
	).toEqual({ allowed: true })
	expect((await db().rateLimit.findUniqueOrThrow({ where: { key: 'patientLinkPerToken:page-reads' } })).windowStart).toEqual(later)
})

// ---------------------------------------------------------------------------------------------
// The Prisma reads the pages made before, as they were.

async function prismaClinicHomeRows(clinic: { id: string; timeZone: string }, viewerUserId: string, now: Date): Promise<ClinicHomeRows> {
	const clinicId = clinic.id
	const week = weekWindow(now, clinic.timeZone)
	const [expiring, shortlists, links, unfilled, unfilledCount, unread, sessions] = await Promise.all([
		db().offer.groupBy({
			by: ['referralId'],
			where: { status: 'pending', expiresAt: { gt: now, lte: new Date(now.getTime() + EXPIRING_WITHIN_HOURS * HOUR) }, referral: { clinicId } },
			_count: { _all: true },
			_min: { expiresAt: true },
		}),
		db().referral.findMany({
			where: { clinicId, status: 'shortlisted' },
			select: { id: true, patientLinks: { where: { revokedAt: null, expiresAt: { gt: now } }, orderBy: { expiresAt: 'desc' }, take: 1, select: { expiresAt: true } } },
		}),
		db().patientLink.findMany({
			where: { lastOpenedAt: null, revokedAt: null, expiresAt: { gt: now }, referral: { clinicId } },
			select: { referralId: true, createdAt: true, expiresAt: true },
			orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
		}),
		db().referral.findMany({
			where: { clinicId, status: 'unfilled' },
			orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
			take: ITEMS_SHOWN,
			select: { id: true, events: { where: { toStatus: 'unfilled' }, orderBy: { at: 'desc' }, take: 1, select: { at: true } } },
		}),
		db().referral.count({ where: { clinicId, status: 'unfilled' } }),
		db().notification.groupBy({
			by: ['referralId'],
			where: { userId: viewerUserId, readAt: null, kind: 'message_to_clinic', referralId: { not: null } },
			_count: { _all: true },
			_max: { createdAt: true },
		}),
		db().referral.findMany({
			where: { clinicId, status: { in: ['scheduled', 'in_care'] }, firstSessionAt: { gte: week.from, lt: week.to } },
			select: { id: true, firstSessionAt: true, offers: { where: { status: 'chosen' }, take: 1, select: { therapist: { select: { fullName: true } } } } },
		}),
	])
	const ids = new Set([
		...expiring.map((r) => r.referralId),
		...shortlists.map((r) => r.id),
		...links.map((r) => r.referralId),
		...unfilled.map((r) => r.id),
		...unread.map((r) => r.referralId!),
		...sessions.map((r) => r.id),
	])
	const named = await db().referral.findMany({ where: { id: { in: [...ids] }, clinicId }, select: { id: true, patient: { select: { firstName: true, lastName: true } } } })
	return {
		clinicId,
		timeZone: clinic.timeZone,
		now,
		expiringOffers: expiring.map((r) => ({ referralId: r.referralId, offers: r._count._all, firstExpiresAt: r._min.expiresAt! })),
		shortlists: shortlists.map((r) => ({ referralId: r.id, choiceDueAt: r.patientLinks[0]?.expiresAt ?? null })),
		unopenedLinks: links.map((l) => ({ referralId: l.referralId, sentAt: l.createdAt, expiresAt: l.expiresAt })),
		unfilled: unfilled.map((r) => ({ referralId: r.id, since: r.events[0]?.at ?? null })),
		unfilledCount,
		unreadMessages: unread.map((r) => ({ referralId: r.referralId!, messages: r._count._all, lastAt: r._max.createdAt! })),
		firstSessions: sessions.map((r) => ({ referralId: r.id, at: r.firstSessionAt!, therapist: r.offers[0]?.therapist.fullName ?? null })),
		patients: new Map(named.map((r) => [r.id, r.patient])),
	}
}

async function prismaListClinicReferrals(clinicId: string, options: Omit<Parameters<typeof listClinicReferrals>[1] & object, 'viewer'>) {
	const { postingNeeds } = await import('#app/domain/referrals/draft-needs.ts')
	const { storedMissing } = await import('#app/domain/referrals/referral-input.ts')
	const { referralReference } = await import('#app/domain/notifications/lifecycle-notices.ts')
	const search = options.search ?? null
	const name: Prisma.ReferralWhereInput[] = search?.words.length
		? [{ AND: search.words.map((word) => ({ patient: { OR: [{ firstName: { contains: word, mode: 'insensitive' as const } }, { lastName: { contains: word, mode: 'insensitive' as const } }] } })) }]
		: []
	const reference: Prisma.ReferralWhereInput[] = search?.reference ? [{ id: { endsWith: search.reference, mode: 'insensitive' } }] : []
	const either = [...reference, ...name]
	const searched: Prisma.ReferralWhereInput = { clinicId, ...(search ? (either.length ? { OR: either } : { id: '' }) : {}) }
	const where: Prisma.ReferralWhereInput = { ...searched, ...(options.status ? { status: options.status } : {}) }
	const [total, counts] = await Promise.all([db().referral.count({ where }), db().referral.groupBy({ by: ['status'], where: searched, _count: true })])
	const window = pageWindow(total, options.page)
	const rows = await db().referral.findMany({
		where,
		orderBy: [{ firstDosingAt: { sort: 'asc', nulls: 'last' } }, { createdAt: 'desc' }, { id: 'asc' }],
		select: { id: true, status: true, urgency: true, createdAt: true, ...POSTING_FACTS },
		skip: (window.page - 1) * REFERRALS_PER_PAGE,
		take: REFERRALS_PER_PAGE,
	})
	const referrals = rows.map((r) => ({
		id: r.id,
		reference: referralReference(r.id),
		patientName: patientName(r.patient),
		status: r.status,
		urgency: r.urgency,
		createdAt: r.createdAt,
		patientState: r.patientState,
		phases: r.phases,
		format: r.format,
		firstDosingAt: r.firstDosingAt,
		needs: r.status === 'draft' ? postingNeeds(storedMissing(r, r.patient)) : [],
	}))
	return { referrals, window, counts: Object.fromEntries(counts.map((c) => [c.status, c._count])) }
}

async function prismaReferralPage(clinicId: string, referralId: string, userId: string, now: Date) {
	const clinic = await db().clinic.findUnique({ where: { id: clinicId }, select: { id: true, name: true, timeZone: true } })
	const referral = await db().referral.findFirst({ where: { id: referralId, clinicId }, include: { patient: true, events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] } } })
	if (!clinic || !referral) throw new Error('The reference read found no referral.')
	const [offers, link, thread, sessions] = await Promise.all([
		db().offer.findMany({
			where: { referralId },
			orderBy: [{ round: 'asc' }, { score: 'desc' }, { id: 'asc' }],
			select: {
				id: true,
				status: true,
				round: true,
				sentAt: true,
				expiresAt: true,
				respondedAt: true,
				declineReason: true,
				proposedTimes: true,
				therapist: { select: { id: true, fullName: true, credentials: true, userId: true } },
				events: { orderBy: [{ at: 'asc' }, { id: 'asc' }], select: { id: true, at: true, actor: true, fromStatus: true, toStatus: true, reason: true } },
			},
		}),
		db().patientLink.findFirst({
			where: { referralId, revokedAt: null, expiresAt: { gt: now } },
			orderBy: { createdAt: 'desc' },
			select: { id: true, createdAt: true, expiresAt: true, lastOpenedAt: true },
		}),
		referralThread(referralId, { kind: 'clinic', userId, clinicId }),
		db().plannedSession.findMany({ where: { referralId }, select: SESSION_COLUMNS, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }] }),
	])
	const actors = [...referral.events.map((e) => e.actor), ...offers.flatMap((o) => o.events.map((e) => e.actor))]
	const ids = (kind: string) => [...new Set(actors.filter((a) => a.startsWith(`${kind}:`)).map((a) => a.slice(kind.length + 1)))]
	const [users, keys] = await Promise.all([
		db().user.findMany({ where: { id: { in: ids('user') } }, select: { id: true, name: true, email: true } }),
		db().apiKey.findMany({ where: { id: { in: ids('api_key') } }, select: { id: true, name: true, prefix: true } }),
	])
	return { clinic, referral, offers, link, thread, sessions, actors: actorNames(users, keys) }
}

async function prismaPatientPage(token: string, now: Date) {
	const { hashToken } = await import('#app/domain/auth/tokens.ts')
	const { lookupZip } = await import('#app/domain/reference/zip-codes.server.ts')
	const { patientLanguage } = await import('#app/i18n/languages.ts')
	const { referralReference } = await import('#app/domain/notifications/lifecycle-notices.ts')
	const link = await db().patientLink.findUniqueOrThrow({ where: { tokenHash: hashToken(token) }, select: { id: true, referralId: true, expiresAt: true } })
	const shortlist = await db().referral.findUniqueOrThrow({
		where: { id: link.referralId },
		select: {
			id: true,
			status: true,
			patientState: true,
			firstSessionAt: true,
			clinic: { select: { state: true, timeZone: true } },
			offers: {
				where: { status: { in: ['accepted', 'chosen'] } },
				orderBy: [{ score: 'desc' }, { respondedAt: 'asc' }, { id: 'asc' }],
				select: {
					id: true,
					status: true,
					reasons: true,
					proposedTimes: true,
					therapist: {
						select: {
							fullName: true,
							pronouns: true,
							credentials: true,
							bio: true,
							formats: true,
							modalities: true,
							languages: true,
							insurancePayers: true,
							selfPayRate: true,
							slidingScale: true,
							kapTrainingHours: true,
						},
					},
				},
			},
		},
	})
	const referral = await db().referral.findUniqueOrThrow({
		where: { id: link.referralId },
		select: {
			format: true,
			phases: true,
			modalities: true,
			focusAreas: true,
			languages: true,
			paymentType: true,
			payer: true,
			firstSessionAt: true,
			clinic: { select: { name: true, city: true, state: true } },
			patient: { select: { language: true } },
			offers: {
				where: { status: { in: ['accepted', 'chosen'] } },
				select: { id: true, status: true, therapist: { select: { fullName: true, email: true, formats: true, focusAreas: true, officeZip: true, photo: { select: { therapistId: true } } } } },
			},
		},
	})
	const officeTown = (zip: string | null) => {
		const found = zip ? lookupZip(zip) : null
		return found?.ok ? `${found.place.city}, ${found.place.state}` : null
	}
	const extras = new Map(referral.offers.map((o) => [o.id, { officeTown: officeTown(o.therapist.officeZip), hasPhoto: o.therapist.photo !== null, focusAreas: o.therapist.focusAreas }]))
	const chosenOffer = shortlist.offers.find((o) => o.status === 'chosen')
	const chosen = referral.offers.find((o) => o.status === 'chosen')
	return {
		ok: true,
		linkId: link.id,
		shortlist: {
			referralId: shortlist.id,
			status: shortlist.status,
			timeZone: patientTimeZone(shortlist.patientState!, shortlist.clinic),
			linkExpiresAt: link.expiresAt,
			entries: shortlist.offers
				.filter((o) => o.status === 'accepted')
				.map((o) => ({ offerId: o.id, therapist: o.therapist, reasons: o.reasons, proposedTimes: o.proposedTimes.filter((t) => t > now) })),
			chosen: chosenOffer ? { fullName: chosenOffer.therapist.fullName, firstSessionAt: shortlist.firstSessionAt } : null,
		},
		lang: patientLanguage(referral.patient?.language, referral.languages),
		request: {
			format: referral.format ?? 'telehealth',
			phases: referral.phases,
			modalities: referral.modalities,
			focusAreas: referral.focusAreas,
			languages: referral.languages,
			paymentType: referral.paymentType,
			payer: referral.payer,
		},
		extras,
		clinic: referral.clinic,
		reference: referralReference(link.referralId),
		chosen: chosen
			? {
					offerId: chosen.id,
					therapist: { fullName: chosen.therapist.fullName, email: chosen.therapist.email, formats: chosen.therapist.formats, ...extras.get(chosen.id)! },
					firstSessionAt: referral.firstSessionAt,
				}
			: null,
		texts: textsFor(await db().referralPatient.findUnique({ where: { referralId: link.referralId }, select: { phone: true, smsOptOut: true } })),
	}
}
