// Matching against a real database: the demo network and referrals, narrowed by SQL and ranked
// by the pure filters; every therapist is either suggested or counted under one filter.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { loadMatchReferral, matchReferral, matchStatement, whyNotTherapist } from '#app/domain/matching/candidates.server.ts'
import { type MatchReferral } from '#app/domain/matching/types.ts'
import { expandDoses } from '#app/domain/referrals/dosing.ts'
import { closeDatabase, db, driverQuery } from '#app/utils/db.server.ts'
import { seedDemoData } from '#prisma/seed.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'

let referralId: string

beforeAll(async () => {
	await resetDatabase()
	await seedDemoData(db(), { anchor: new Date('2026-11-16T00:00:00Z') })
	const austin = await db().clinicMember.findFirstOrThrow({ where: { user: { email: 'tx.admin@tandem.example' } } })
	referralId = (await db().referral.findFirstOrThrow({ where: { clinicId: austin.clinicId, status: 'draft' } })).id
})
afterAll(closeDatabase)

test('every therapist of the network is suggested or counted under exactly one filter', async () => {
	const referral = (await loadMatchReferral(referralId))!
	const result = await matchReferral({ ...referral, format: 'telehealth', phases: ['integration'], languages: [], payment: { type: 'self_pay', maxRate: null }, timingRequired: false })
	expect(result.network).toBe(200)
	const excluded = Object.values(result.excluded).reduce((a, b) => a + b, 0)
	expect(excluded + result.suggestions.length).toBe(200)
	expect(result.suggestions.length).toBeGreaterThan(5)
	// Scores descend; every suggestion explains itself, starting with the state.
	const scores = result.suggestions.map((s) => s.score)
	expect(scores).toEqual([...scores].sort((a, b) => b - a))
	for (const s of result.suggestions) expect(s.reasons[0]).toMatch(/^(Licensed in Texas|Can see patients in Texas by telehealth)/)
	// The same input gives the same ranking.
	expect((await matchReferral({ ...referral, format: 'telehealth', phases: ['integration'], languages: [], payment: { type: 'self_pay', maxRate: null }, timingRequired: false })).suggestions).toEqual(
		result.suggestions,
	)
})

test('why not: the first filter that excludes a named therapist; nothing for a suggested one', async () => {
	const referral = {
		...(await loadMatchReferral(referralId))!,
		format: 'telehealth' as const,
		phases: ['integration'],
		languages: [],
		payment: { type: 'self_pay' as const, maxRate: null },
		timingRequired: false,
	}
	const result = await matchReferral(referral)
	expect(await whyNotTherapist(referral, result.suggestions[0]!.therapistId)).toBeNull()
	// A Washington counselor with no authorization for Texas.
	const washington = await db().therapist.findFirstOrThrow({ where: { licenses: { every: { state: 'WA' } }, authorizations: { none: {} } } })
	expect(await whyNotTherapist(referral, washington.id)).toBe('jurisdiction')
	const notAccepting = await db().therapist.findFirstOrThrow({
		where: { accepting: false, phases: { has: 'integration' }, formats: { has: 'telehealth' }, licenses: { some: { state: 'TX', status: 'verified', type: 'lpc' } } },
	})
	expect(await whyNotTherapist(referral, notAccepting.id)).toBe('capacity')
	expect(await whyNotTherapist(referral, 'no-such-therapist')).toBe('unknown_therapist')
	// A therapist who declined is excluded from this referral.
	const top = result.suggestions[0]!.therapistId
	expect(await whyNotTherapist({ ...referral, excludedTherapistIds: new Set([top]) }, top)).toBe('not_excluded')
})

test('the SQL-narrowed matching gives exactly what ranking the whole network in JavaScript gives, counts included', async () => {
	const { naiveMatch } = await import('#app/domain/matching/baseline.server.ts')
	const referrals = await db().referral.findMany({ select: { id: true }, orderBy: { id: 'asc' } })
	const variants: ((r: MatchReferral) => MatchReferral)[] = [
		(r) => r,
		(r) => ({ ...r, format: 'telehealth', phases: ['integration'] }),
		(r) => ({ ...r, format: 'in_person', radiusMiles: 60 }),
		(r) => ({ ...r, format: 'either', phases: ['preparation', 'integration'], radiusMiles: 10 }),
		(r) => ({ ...r, phases: ['in_session', 'integration'], format: 'telehealth' }),
		(r) => ({ ...r, timingRequired: true }),
		(r) => ({ ...r, payment: { type: 'insurance', payer: 'bcbs' } }),
		(r) => ({ ...r, payment: { type: 'self_pay', maxRate: 120 }, languages: ['es'] }),
		(r) => ({ ...r, patientState: 'CO' }),
		(r) => ({ ...r, allowSupervised: true, excludedTherapistIds: new Set(['no-one']) }),
		// Windows past the search rows' thirteen weeks of free time: judged from the full record.
		(r) => ({ ...r, timingRequired: true, doses: r.doses.map((d) => new Date(d.getTime() + 120 * 86_400_000)) }),
		(r) => ({ ...r, format: 'either', radiusMiles: 100, preferredTherapistIds: new Set(partners), doses: expandDoses(r.doses[0]!, 6, 3, 'America/Chicago') }),
		// Every phase timed, the first dose ten days ahead (its preparation window begun): the
		// preparation window from now on, the first integration window and the whole first dose.
		(r) => ({ ...tenDaysAhead(r), phases: ['preparation', 'in_session', 'integration'], format: 'either', radiusMiles: 100, timingRequired: true }),
		(r) => ({ ...tenDaysAhead(r), phases: ['preparation', 'integration'], timingRequired: true, preparationWindowHours: { from: 100, to: 2 } }),
		(r) => ({ ...tenDaysAhead(r), phases: ['in_session'], format: 'in_person', radiusMiles: 100, timingRequired: true, doseMinutes: 240 }),
	]
	const tenDaysAhead = (r: MatchReferral): MatchReferral => {
		// Whole days, so that each dose keeps its clock time (the demo's are in the morning), to a Tuesday.
		let days = Math.ceil((r.asOf.getTime() - r.doses[0]!.getTime()) / 86_400_000 + 10)
		while (new Date(r.doses[0]!.getTime() + days * 86_400_000).getUTCDay() !== 2) days++
		const shift = days * 86_400_000
		return { ...r, doses: r.doses.map((d) => new Date(d.getTime() + shift)) }
	}
	const partners = (await db().therapist.findMany({ select: { id: true }, orderBy: { email: 'asc' }, take: 40 })).map((t) => t.id)
	// Loads count too: the demo data has therapists with offers open.
	expect(await db().offer.count({ where: { status: { in: ['pending', 'accepted', 'chosen'] }, referral: { status: { notIn: ['in_care', 'completed'] } } } })).toBeGreaterThan(0)
	let compared = 0
	let timed = 0
	let judgedBySql = 0
	for (const { id } of referrals.slice(0, 8)) {
		const base = (await loadMatchReferral(id))!
		for (const variant of variants) {
			const referral = variant(base)
			const naive = await naiveMatch(referral)
			const fast = await matchReferral(referral)
			expect(fast.excluded, `${id} ${referral.format} ${referral.patientState}`).toEqual(naive.excluded)
			expect(fast.eligible).toBe(naive.eligible)
			expect(fast.suggestions).toEqual(naive.suggestions)
			// With a limit, those SQL judged eligible but never fetched are counted from SQL alone.
			const limited = await matchReferral(referral, { limit: 5 })
			expect(limited.suggestions).toEqual(naive.suggestions.slice(0, 5))
			expect({ eligible: limited.eligible, excluded: limited.excluded }).toEqual({ eligible: naive.eligible, excluded: naive.excluded })
			timed += naive.excluded.timing
			// The statement's own counts: when it judged every row of the state (no row's free time
			// fell outside its cells), each filter but jurisdiction counts exactly the pure ones.
			const [answer] = (await driverQuery<{ counts: Partial<Record<string, number>>; fetched: { decided: boolean }[] }>(matchStatement(referral, null, 5))) as [
				{ counts: Partial<Record<string, number>>; fetched: { decided: boolean }[] },
			]
			if (answer.fetched.every((f) => f.decided)) {
				const { jurisdiction: _sql, ...sqlCounts } = Object.fromEntries(Object.keys(naive.excluded).map((f) => [f, answer.counts[f] ?? 0]))
				const { jurisdiction: _pure, ...pureCounts } = naive.excluded
				expect(sqlCounts, `${id} statement`).toEqual(pureCounts)
				judgedBySql++
			}
			compared++
		}
	}
	expect(compared).toBe(8 * variants.length)
	// The timing filter decided for some, and the statement judged most variants alone.
	expect(timed).toBeGreaterThan(0)
	expect(judgedBySql).toBeGreaterThan(compared / 2)
}, 120_000)

test('the statement alone hands over exactly the first k in rank.ts’s order, a tie at the last place broken as rank.ts breaks it', async () => {
	const { naiveMatch } = await import('#app/domain/matching/baseline.server.ts')
	const { driverQuery } = await import('#app/utils/db.server.ts')
	const { matchStatement } = await import('#app/domain/matching/candidates.server.ts')
	const base = (await loadMatchReferral(referralId))!
	let tiesCut = 0
	for (const referral of [
		{ ...base, format: 'telehealth' as const, phases: ['integration'], languages: [], modalities: [], focusAreas: [], payment: { type: 'self_pay' as const, maxRate: null }, timingRequired: false },
		{ ...base, format: 'telehealth' as const, phases: ['integration'], languages: [], payment: { type: 'self_pay' as const, maxRate: null } },
		base,
	]) {
		const everyone = (await naiveMatch(referral)).suggestions
		// Every k whose last place ties with the next, and one without a tie.
		const ks = [...everyone.keys()].filter((i) => i > 0 && everyone[i - 1]!.score === everyone[i]!.score)
		for (const k of [...ks, Math.min(5, everyone.length)]) {
			const [{ fetched }] = (await driverQuery<{ fetched: { id: string; decided: boolean }[] }>(matchStatement(referral, null, k))) as [{ fetched: { id: string; decided: boolean }[] }]
			expect(fetched.every((f) => f.decided)).toBe(true)
			expect(new Set(fetched.map((f) => f.id)), `${k} of ${everyone.length}`).toEqual(new Set(everyone.slice(0, k).map((s) => s.therapistId)))
		}
		tiesCut += ks.length
	}
	// The demo network has therapists alike enough to tie.
	expect(tiesCut).toBeGreaterThan(0)
})

test('scoring exactly only the highest bounds first loses nobody: with 1, 2, 5 or all but one scored first, the statement hands over the same first k', async () => {
	const { naiveMatch } = await import('#app/domain/matching/baseline.server.ts')
	const { driverQuery } = await import('#app/utils/db.server.ts')
	const { matchStatement } = await import('#app/domain/matching/candidates.server.ts')
	const base = (await loadMatchReferral(referralId))!
	type Answer = { decided: number; nextScore: number | null; fetched: { id: string; score: number }[] }
	let beyondFirst = 0
	const telehealth = { ...base, format: 'telehealth' as const, phases: ['integration'], languages: [], payment: { type: 'self_pay' as const, maxRate: null }, dosingSessions: 6 }
	// The best made a partner: five points ahead, so that every other bound is below their score.
	const best = (await naiveMatch(telehealth)).suggestions[0]!.therapistId
	for (const referral of [
		{ ...base, format: 'telehealth' as const, phases: ['integration'], languages: [], modalities: [], focusAreas: [], payment: { type: 'self_pay' as const, maxRate: null }, timingRequired: false },
		telehealth,
		{ ...telehealth, preferredTherapistIds: new Set([best]) },
		{ ...base, format: 'either' as const, radiusMiles: 100, languages: [], payment: { type: 'self_pay' as const, maxRate: null } },
		base,
	]) {
		const everyone = (await naiveMatch(referral)).suggestions
		for (const k of [1, 3, 8]) {
			// All but one scored first: the one left has the lowest bound, likely below the threshold.
			for (const firstScored of [1, 2, 5, Math.max(1, everyone.length - 1)]) {
				const [answer] = (await driverQuery<Answer>(matchStatement(referral, null, k, firstScored))) as [Answer]
				const label = `k ${k}, ${firstScored} scored first, ${everyone.length} eligible`
				expect(new Set(answer.fetched.map((f) => f.id)), label).toEqual(new Set(everyone.slice(0, k).map((s) => s.therapistId)))
				expect(answer.decided, label).toBe(everyone.length)
				// The best left behind is never above what it says (a bound for one never scored), and only nobody left says null.
				const next = everyone[k]
				if (next) expect(answer.nextScore, label).toBeGreaterThanOrEqual(next.score)
				else expect(answer.nextScore, label).toBeNull()
				if (everyone.length > firstScored + 1) beyondFirst++
			}
		}
	}
	expect(beyondFirst).toBeGreaterThan(20)
})

test('a search row that overstates a therapist (out of date) is caught by the pure re-check: matching fetches again and gives the pure answer', async () => {
	const { naiveMatch } = await import('#app/domain/matching/baseline.server.ts')
	const { refreshTherapistSearch } = await import('#app/domain/matching/search-index.server.ts')
	const referral = {
		...(await loadMatchReferral(referralId))!,
		format: 'telehealth' as const,
		phases: ['integration'],
		languages: [],
		payment: { type: 'self_pay' as const, maxRate: null },
		timingRequired: false,
		modalities: ['cbt', 'act', 'ifs'],
		focusAreas: ['depression', 'anxiety'],
	}
	const everyone = (await naiveMatch(referral)).suggestions
	expect(everyone.length).toBeGreaterThan(5)
	// The last eligible therapist's row claims every approach and focus area asked for (every bit set) and full training.
	const outsider = everyone.at(-1)!.therapistId
	await db()
		.$executeRaw`UPDATE "TherapistSearch" SET modalities = ${referral.modalities}, "focusAreas" = ${referral.focusAreas}, "modalityBits" = -1, "focusAreaBits" = -1, "kapTrainingHours" = 1000 WHERE "therapistId" = ${outsider}`
	try {
		expect((await matchReferral(referral, { limit: 5 })).suggestions).toEqual(everyone.slice(0, 5))
		expect((await matchReferral(referral)).suggestions).toEqual(everyone)
	} finally {
		await refreshTherapistSearch([outsider])
	}
})

test('every write to a therapist reaches matching at once (their search rows are refreshed)', async () => {
	const { updateProfileSection, replaceWeeklyHours } = await import('#app/domain/therapists/profile-editing.server.ts')
	const referral = {
		...(await loadMatchReferral(referralId))!,
		format: 'telehealth' as const,
		phases: ['integration'],
		languages: [],
		payment: { type: 'self_pay' as const, maxRate: null },
		timingRequired: true,
	}
	const [top] = (await matchReferral(referral, { limit: 1 })).suggestions
	const therapist = await db().therapist.findUniqueOrThrow({ where: { id: top!.therapistId }, include: { availability: true } })
	const actor = (await db().user.findFirstOrThrow({ select: { id: true } })).id

	await updateProfileSection(therapist.id, actor, { section: 'capacity', value: { weeklyCapacity: therapist.weeklyCapacity, accepting: false } })
	expect(await whyNotTherapist(referral, therapist.id)).toBe('capacity')
	await updateProfileSection(therapist.id, actor, { section: 'capacity', value: { weeklyCapacity: therapist.weeklyCapacity, accepting: true } })
	expect(await whyNotTherapist(referral, therapist.id)).toBeNull()

	await replaceWeeklyHours(therapist.id, actor, [[], [], [], [], [], [], []])
	expect(await whyNotTherapist(referral, therapist.id)).toBe('timing')
	expect((await matchReferral(referral)).suggestions.map((s) => s.therapistId)).not.toContain(therapist.id)
	const byDay = Array.from({ length: 7 }, (_, day) => therapist.availability.filter((r) => r.dayOfWeek === day).map(({ startMinute, endMinute }) => ({ startMinute, endMinute })))
	await replaceWeeklyHours(therapist.id, actor, byDay)
	expect(await whyNotTherapist(referral, therapist.id)).toBeNull()
})

test('the daily job rewrites only search rows written over a week ago, moving their free time on', async () => {
	const { refreshStaleTherapistSearch } = await import('#app/domain/matching/search-index.server.ts')
	const { horizonStart } = await import('#app/domain/matching/search-facts.ts')
	const cells = async () => (await db().$queryRawUnsafe<{ from: number }[]>(`SELECT DISTINCT "freeFromCell" AS from FROM "TherapistSearch"`)).map((r) => r.from)
	const seeded = new Date('2026-11-16T00:00:00Z')
	expect(await cells()).toContain(horizonStart(seeded))
	const rowsBefore = await db().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "TherapistSearch"`)
	// Six days on: nothing is a week old yet.
	expect(await refreshStaleTherapistSearch({ now: new Date(seeded.getTime() + 6 * 86_400_000) })).toEqual({ therapists: 0 })
	const later = new Date(seeded.getTime() + 10 * 86_400_000)
	const { therapists } = await refreshStaleTherapistSearch({ now: later, batchSize: 50 })
	expect(therapists).toBeGreaterThan(50)
	// The seed's rows moved on; a row refreshed by an edit since (written on today's clock) is under a week old and stays.
	expect(await cells()).toContain(horizonStart(later))
	expect(await cells()).not.toContain(horizonStart(seeded))
	for (const from of await cells()) expect(from).toBeGreaterThanOrEqual(horizonStart(later) - 7 * 48)
	expect(await db().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "TherapistSearch"`)).toEqual(rowsBefore)
	expect(await refreshStaleTherapistSearch({ now: later })).toEqual({ therapists: 0 })
})

test('a booked first session takes its hour off the therapist’s free time, in SQL and in the pure check alike; cancelling frees it', async () => {
	const { naiveMatch } = await import('#app/domain/matching/baseline.server.ts')
	const { integrationWindow } = await import('#app/domain/referrals/dosing.ts')
	const { refreshTherapistSearch } = await import('#app/domain/matching/search-index.server.ts')
	const { therapistCalendar } = await import('#app/domain/referrals/offer-responses.server.ts')
	const { proposableTimes } = await import('#app/domain/referrals/proposals.ts')
	const { applyClinicAction } = await import('#app/domain/referrals/referral-changes.server.ts')
	const base = {
		...(await loadMatchReferral(referralId))!,
		format: 'telehealth' as const,
		phases: ['integration'],
		languages: [],
		payment: { type: 'self_pay' as const, maxRate: null },
		timingRequired: true,
	}
	const [top] = (await matchReferral(base, { limit: 1 })).suggestions
	const { schedule, booked } = await therapistCalendar(top!.therapistId)
	const hour = proposableTimes(schedule, booked, [integrationWindow(base)], 1_000).find((t) => (t.getTime() - base.doses[0]!.getTime()) % 3_600_000 === 0)!
	// An integration window of exactly that free hour.
	const from = (hour.getTime() - base.doses[0]!.getTime()) / 3_600_000
	const referral = { ...base, integrationWindowHours: { from, to: from + 1 } }
	expect(await whyNotTherapist(referral, top!.therapistId)).toBeNull()

	const austin = (await db().referral.findUniqueOrThrow({ where: { id: referralId } })).clinicId
	const other = await db().referral.create({
		data: {
			clinicId: austin,
			status: 'scheduled',
			patientState: 'TX',
			ageBand: '25-34',
			phases: ['integration'],
			format: 'telehealth',
			modalities: [],
			focusAreas: [],
			languages: [],
			paymentType: 'self_pay',
			firstDosingAt: base.doses[0]!,
			dosingSessionsAt: expandDoses(base.doses[0]!, 1, 7, 'America/Chicago'),
			firstSessionAt: hour,
		},
	})
	await db().offer.create({ data: { referralId: other.id, therapistId: top!.therapistId, status: 'chosen', round: 1, sentAt: new Date(), expiresAt: new Date() } })
	await refreshTherapistSearch([top!.therapistId])
	expect(await whyNotTherapist(referral, top!.therapistId)).toBe('timing')
	const [fast, naive] = [await matchReferral(referral), await naiveMatch(referral)]
	expect(fast.excluded).toEqual(naive.excluded)
	expect(fast.suggestions).toEqual(naive.suggestions)

	const admin = await db().clinicMember.findFirstOrThrow({ where: { clinicId: austin } })
	expect(await applyClinicAction(austin, other.id, { kind: 'user', userId: admin.userId }, 'cancel', 'Patient moved')).toMatchObject({ ok: true })
	expect(await whyNotTherapist(referral, top!.therapistId)).toBeNull()
})
