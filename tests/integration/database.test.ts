// The schema, reference data and demo seed on a real database (embedded or server, per TEST_DB).
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeEach, describe, expect, test } from 'vitest'
import { ensureReferenceData } from '#app/domain/reference/reference-data.server.ts'
import { INITIAL_COMPACTS } from '#app/domain/reference/index.ts'
import { closeDatabase, databaseTarget, db } from '#app/utils/db.server.ts'
import { seedDemoData } from '#prisma/seed.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'

const anchor = new Date('2026-11-16T00:00:00Z')

beforeEach(resetDatabase)
afterAll(closeDatabase)

test('runs on the database TEST_DB asks for', () => {
	expect(databaseTarget().kind).toBe(process.env.TEST_DB === 'server' ? 'server' : 'embedded')
})

test('every committed migration has been applied', async () => {
	const committed = fs
		.readdirSync(path.resolve('prisma/migrations'), { withFileTypes: true })
		.filter((e) => e.isDirectory())
		.map((e) => e.name)
		.sort()
	const applied = await db().$queryRaw<{ migration_name: string }[]>`
		SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`
	expect(applied.map((m) => m.migration_name)).toEqual(committed)
})

describe('reference data', () => {
	test('a new database gets the compacts with their members and "as of" dates', async () => {
		expect(await ensureReferenceData(db())).toEqual({ compactsAdded: INITIAL_COMPACTS.length })
		const psypact = await db().compact.findUniqueOrThrow({ where: { slug: 'psypact' }, include: { members: true } })
		expect(psypact.members).toHaveLength(42)
		expect(psypact.asOf.toISOString().slice(0, 10)).toBe('2026-01-01')
		const socialWork = await db().compact.findUniqueOrThrow({ where: { slug: 'social_work_compact' } })
		expect(socialWork.issuing).toBe(false)
	})

	test('an admin’s edit survives the next start', async () => {
		await ensureReferenceData(db())
		await db().compactMember.create({ data: { compactSlug: 'counseling_compact', state: 'CO', asOf: anchor, source: 'admin' } })
		expect(await ensureReferenceData(db())).toEqual({ compactsAdded: 0 })
		expect(await db().compactMember.count({ where: { compactSlug: 'counseling_compact' } })).toBe(3)
	})
})

describe('demo seed', () => {
	test('fills an empty database with a realistic network', async () => {
		const seeded = await seedDemoData(db(), { anchor })
		expect(seeded).toEqual({ clinics: 9, therapists: 200, referrals: 14, accounts: 8 })

		const clinicStates = (await db().clinic.findMany({ select: { state: true } })).map((c) => c.state)
		expect(clinicStates).toEqual(expect.arrayContaining(['TX', 'WA']))
		expect(await db().therapist.count({ where: { licenses: { none: {} } } })).toBe(0)
		expect(await db().therapist.count({ where: { availability: { none: {} } } })).toBe(0)
		// The network came through the importer: one import, every therapist with an account.
		expect(await db().auditEvent.count({ where: { action: 'therapists.imported' } })).toBe(1)
		expect(await db().therapist.count({ where: { userId: null } })).toBe(0)
		expect(await db().therapist.count({ where: { bio: '' } })).toBe(0)
		expect(await db().authorization.count({ where: { kind: 'psypact_apit' } })).toBeGreaterThan(5)
		expect(await db().authorization.count({ where: { kind: 'counseling_privilege' } })).toBeGreaterThan(0)
		const statuses = await db().referral.groupBy({ by: ['status'], _count: true })
		expect(statuses.map((s) => s.status).sort()).toEqual(['cancelled', 'completed', 'draft', 'in_care', 'matched', 'open', 'scheduled', 'shortlisted', 'unfilled'].sort())
		// Every referral that reached `matched` has exactly one chosen offer.
		const matchedLike = await db().referral.findMany({
			where: { status: { in: ['matched', 'scheduled', 'in_care', 'completed'] } },
			include: { offers: true },
		})
		for (const referral of matchedLike) expect(referral.offers.filter((o) => o.status === 'chosen')).toHaveLength(1)
	})

	test('is deterministic: the same anchor gives the same therapists', async () => {
		await seedDemoData(db(), { anchor })
		const first = await db().therapist.findMany({ select: { email: true, phases: true, licenses: { select: { number: true }, orderBy: { number: 'asc' } } }, orderBy: { email: 'asc' } })
		await resetDatabase()
		await seedDemoData(db(), { anchor })
		const second = await db().therapist.findMany({ select: { email: true, phases: true, licenses: { select: { number: true }, orderBy: { number: 'asc' } } }, orderBy: { email: 'asc' } })
		expect(second).toEqual(first)
	}, 240_000) // two seeds: twice the time of the test above
})

test('text-array filters (used by candidate narrowing) work through the adapter', async () => {
	await seedDemoData(db(), { anchor })
	const both = await db().therapist.findMany({ where: { phases: { hasEvery: ['preparation', 'integration'] } }, select: { phases: true } })
	expect(both.length).toBeGreaterThan(0)
	for (const t of both) expect(t.phases).toEqual(expect.arrayContaining(['preparation', 'integration']))
	const spanish = await db().therapist.count({ where: { languages: { has: 'es' } } })
	const all = await db().therapist.count()
	expect(spanish).toBeGreaterThan(0)
	expect(spanish).toBeLessThan(all)
})

test('an interactive transaction that throws leaves nothing behind', async () => {
	await expect(
		db().$transaction(async (tx) => {
			await tx.clinic.create({ data: { name: 'Rolled Back Clinic', state: 'TX', city: 'Austin', zip: '78701', timeZone: 'America/Chicago' } })
			throw new Error('abort')
		}),
	).rejects.toThrow('abort')
	expect(await db().clinic.count()).toBe(0)
})
