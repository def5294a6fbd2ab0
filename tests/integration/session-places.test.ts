// Jurisdiction by the place of each session (docs/product.md §3), through the matching statement and the
// pure ranking alike: a Washington patient with a clinic in Portland, Oregon; therapists with offices
// in Portland, across the river in Vancouver (Washington) and in Seattle. In person the office's state
// counts, in-session support the clinic's, telehealth the patient's.
import { afterAll, beforeAll, expect, test } from 'vitest'
import { naiveMatch } from '#app/domain/matching/baseline.server.ts'
import { loadMatchReferral, matchReferral, whyNotTherapist } from '#app/domain/matching/candidates.server.ts'
import { type MatchReferral } from '#app/domain/matching/types.ts'
import { refreshTherapistSearch } from '#app/domain/matching/search-index.server.ts'
import { ensureReferenceData } from '#app/domain/reference/reference-data.server.ts'
import { expandDoses } from '#app/domain/referrals/dosing.ts'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'

const ZIP = { portland: '97205', vancouver: '98660', seattle: '98101' } as const
type Office = keyof typeof ZIP

const THERAPISTS: { key: string; office: Office; licenses: string[]; phases?: string[]; formats?: string[]; supervised?: boolean }[] = [
	{ key: 'vancouver-wa', office: 'vancouver', licenses: ['WA'] },
	{ key: 'vancouver-or', office: 'vancouver', licenses: ['OR'] },
	{ key: 'vancouver-both', office: 'vancouver', licenses: ['OR', 'WA'] },
	{ key: 'portland-or', office: 'portland', licenses: ['OR'] },
	{ key: 'portland-wa', office: 'portland', licenses: ['WA'] },
	{ key: 'seattle-wa', office: 'seattle', licenses: ['WA'] },
	{ key: 'portland-or-video', office: 'portland', licenses: ['OR'], formats: ['telehealth'] },
	{ key: 'vancouver-wa-associate', office: 'vancouver', licenses: ['WA'], supervised: true },
]

const ids = new Map<string, string>()
let referralId: string

beforeAll(async () => {
	await resetDatabase()
	await ensureReferenceData(db())
	const clinic = await db().clinic.create({ data: { name: 'Rose City Ketamine', state: 'OR', city: 'Portland', zip: ZIP.portland, timeZone: 'America/Los_Angeles' } })
	for (const t of THERAPISTS) {
		const created = await db().therapist.create({
			data: {
				email: `${t.key}@example.org`,
				fullName: t.key,
				credentials: 'LPC',
				timeZone: 'America/Los_Angeles',
				phases: t.phases ?? ['preparation', 'in_session', 'integration'],
				formats: t.formats ?? ['telehealth', 'in_person'],
				modalities: [],
				focusAreas: [],
				languages: ['en'],
				insurancePayers: [],
				officeZip: ZIP[t.office],
				weeklyCapacity: 5,
				licenses: {
					create: t.licenses.map((state, i) => ({
						state,
						type: t.supervised ? ('lpc_associate' as const) : ('lpc' as const),
						number: `${t.key}-${i}`,
						expiresOn: new Date('2030-12-31'),
						status: 'verified' as const,
					})),
				},
				availability: { create: [0, 1, 2, 3, 4].map((dayOfWeek) => ({ dayOfWeek, startMinute: 8 * 60, endMinute: 18 * 60 })) },
			},
		})
		ids.set(t.key, created.id)
	}
	await refreshTherapistSearch([...ids.values()])
	const first = new Date(Date.now() + 20 * 86_400_000)
	const referral = await db().referral.create({
		data: {
			clinicId: clinic.id,
			status: 'draft',
			patientState: 'WA',
			ageBand: '35-44',
			phases: ['integration'],
			format: 'telehealth',
			modalities: [],
			focusAreas: [],
			languages: [],
			paymentType: 'self_pay',
			firstDosingAt: first,
			dosingSessionsAt: expandDoses(first, 3, 2, 'America/Los_Angeles'),
		},
	})
	referralId = referral.id
})
afterAll(closeDatabase)

const suggested = async (r: MatchReferral) => {
	const [fast, naive] = [await matchReferral(r), await naiveMatch(r)]
	// The statement and the pure ranking of everyone agree, counts included.
	expect(fast.suggestions).toEqual(naive.suggestions)
	expect(fast.excluded).toEqual(naive.excluded)
	expect((await matchReferral(r, { limit: 1 })).excluded).toEqual(naive.excluded)
	const keyOf = new Map([...ids].map(([key, id]) => [id, key]))
	return fast.suggestions.map((s) => `${keyOf.get(s.therapistId)}:${s.mode}`).sort()
}

test.each([
	[
		'telehealth: a Washington licence, wherever the office',
		{ phases: ['integration'], format: 'telehealth' },
		['portland-wa:telehealth', 'seattle-wa:telehealth', 'vancouver-both:telehealth', 'vancouver-wa:telehealth'],
	],
	// In person at the office: a Vancouver office needs Washington, a Portland one Oregon; Seattle is too far.
	['in person: the office’s state', { phases: ['integration'], format: 'in_person' }, ['portland-or:in_person', 'vancouver-both:in_person', 'vancouver-wa:in_person']],
	// In-session support at the Portland clinic needs Oregon, even for a Washington patient.
	['in-session support only: the clinic’s state', { phases: ['in_session'], format: 'telehealth' }, ['portland-or:in_person', 'vancouver-both:in_person', 'vancouver-or:in_person']],
	['in-session support and integration by telehealth: both', { phases: ['in_session', 'integration'], format: 'telehealth' }, ['vancouver-both:in_person']],
	[
		'in-session support and integration in person: the clinic’s and the office’s',
		{ phases: ['in_session', 'integration'], format: 'in_person' },
		['portland-or:in_person', 'vancouver-both:in_person'],
	],
	// Either: in person where an office within reach is licensed, otherwise by telehealth where the patient is.
	['either', { phases: ['integration'], format: 'either' }, ['portland-or:in_person', 'portland-wa:telehealth', 'seattle-wa:telehealth', 'vancouver-both:in_person', 'vancouver-wa:in_person']],
] as const)('%s', async (_name, shape, expected) => {
	const referral = { ...(await loadMatchReferral(referralId))!, ...shape } as MatchReferral
	expect(await suggested(referral)).toEqual([...expected].sort())
})

test('why not names the place: jurisdiction for a licence in the wrong state, format for an office out of reach', async () => {
	const base = (await loadMatchReferral(referralId))!
	const inPerson = { ...base, format: 'in_person' as const }
	expect(await whyNotTherapist(inPerson, ids.get('vancouver-or')!)).toBe('jurisdiction')
	expect(await whyNotTherapist(inPerson, ids.get('vancouver-wa')!)).toBeNull()
	// Seattle is 150 miles away: no office where they could see the patient in person.
	expect(await whyNotTherapist(inPerson, ids.get('seattle-wa')!)).toBe('jurisdiction')
	expect(await whyNotTherapist({ ...inPerson, radiusMiles: 200 }, ids.get('seattle-wa')!)).toBeNull()
	const inSession = { ...base, phases: ['in_session'] }
	expect(await whyNotTherapist(inSession, ids.get('vancouver-wa')!)).toBe('jurisdiction')
	// Licensed in Oregon, but without in-person sessions: in-session support is at the clinic.
	expect(await whyNotTherapist(inSession, ids.get('portland-or-video')!)).toBe('format')
})

test('a supervised licence counts in every place only when the referral accepts it, read from the referral', async () => {
	const base = (await loadMatchReferral(referralId))!
	expect(base.allowSupervised).toBe(false)
	for (const format of ['telehealth', 'in_person'] as const) {
		expect(await suggested({ ...base, format })).not.toContain(`vancouver-wa-associate:${format}`)
		expect(await whyNotTherapist({ ...base, format }, ids.get('vancouver-wa-associate')!)).toBe('jurisdiction')
	}
	await db().referral.update({ where: { id: referralId }, data: { acceptSupervised: true } })
	const accepting = (await loadMatchReferral(referralId))!
	expect(accepting.allowSupervised).toBe(true)
	expect(await suggested({ ...accepting, format: 'telehealth' })).toContain('vancouver-wa-associate:telehealth')
	expect(await suggested({ ...accepting, format: 'in_person' })).toContain('vancouver-wa-associate:in_person')
	await db().referral.update({ where: { id: referralId }, data: { acceptSupervised: false } })
})
