// The migration that turned a referral's first dose and cadence into explicit dose times, run on
// referrals as the earlier schema held them (in a schema of its own), gives what expandDoses gives:
// each dose at the first one's clock time in the clinic's zone, across daylight-saving changes.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { expandDoses } from '#app/domain/referrals/dosing.ts'
import { closeDatabase, db } from '#app/utils/db.server.ts'

afterAll(closeDatabase)

const MIGRATION = fs.readFileSync(path.resolve('prisma/migrations/20261202054932_referral_dose_times/migration.sql'), 'utf8')

const CASES = [
	// 10:00 CDT every two days, across the November change: 10:00 CST after it.
	{ id: 'chicago-fall', zone: 'America/Chicago', first: '2026-10-28T15:00:00.000Z', sessions: 4, cadence: 2 },
	{ id: 'new-york-spring', zone: 'America/New_York', first: '2026-03-05T14:30:00.000Z', sessions: 3, cadence: 3 },
	{ id: 'phoenix', zone: 'America/Phoenix', first: '2026-10-28T17:00:00.000Z', sessions: 6, cadence: 2 },
	{ id: 'single', zone: 'America/Los_Angeles', first: '2026-12-07T18:00:00.000Z', sessions: 1, cadence: 7 },
]

test('existing referrals get every dose at the first one’s clock time in their clinic’s zone', async () => {
	await db()
		.$transaction(async (tx) => {
			// The earlier shape of the two tables, alone in a schema, so the migration's unqualified names find them.
			await tx.$executeRawUnsafe('CREATE SCHEMA dose_times_migration')
			await tx.$executeRawUnsafe('SET LOCAL search_path TO dose_times_migration')
			await tx.$executeRawUnsafe(`CREATE TABLE "Clinic" (id text PRIMARY KEY, "timeZone" text NOT NULL)`)
			await tx.$executeRawUnsafe(
				`CREATE TABLE "Referral" (id text PRIMARY KEY, "clinicId" text NOT NULL, "firstDosingAt" timestamp(3) NOT NULL, "dosingSessions" smallint NOT NULL, "cadenceDays" smallint NOT NULL)`,
			)
			for (const c of CASES) {
				await tx.$executeRawUnsafe(`INSERT INTO "Clinic" VALUES ($1, $2)`, c.id, c.zone)
				await tx.$executeRawUnsafe(`INSERT INTO "Referral" VALUES ($1, $1, $2::timestamptz AT TIME ZONE 'UTC', $3, $4)`, c.id, c.first, c.sessions, c.cadence)
			}
			for (const statement of MIGRATION.split(/;\s*$/m).filter((s) => s.replace(/--.*$/gm, '').trim())) await tx.$executeRawUnsafe(statement)

			const rows = await tx.$queryRawUnsafe<{ id: string; doses: string[] }[]>(
				`SELECT id, ARRAY(SELECT to_char(d, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') FROM unnest("dosingSessionsAt") AS d) AS doses FROM "Referral" ORDER BY id`,
			)
			const expected = CASES.map((c) => ({ id: c.id, doses: expandDoses(new Date(c.first), c.sessions, c.cadence, c.zone).map((d) => d.toISOString()) })).sort((a, b) => a.id.localeCompare(b.id))
			expect(rows).toEqual(expected)
			expect(rows.find((r) => r.id === 'chicago-fall')!.doses).toEqual(['2026-10-28T15:00:00.000Z', '2026-10-30T15:00:00.000Z', '2026-11-01T16:00:00.000Z', '2026-11-03T16:00:00.000Z'])
			// The old columns are gone; the first dose is held equal to the first of the list.
			const columns = await tx.$queryRawUnsafe<{ name: string }[]>(
				`SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'dose_times_migration' AND table_name = 'Referral' ORDER BY 1`,
			)
			expect(columns.map((c) => c.name)).toEqual(['clinicId', 'doseMinutes', 'dosingSessionsAt', 'firstDosingAt', 'id', 'preparationFromHour', 'preparationToHour'])
			const checks = await tx.$queryRawUnsafe<{ name: string }[]>(`SELECT conname AS name FROM pg_constraint WHERE conrelid = '"Referral"'::regclass AND contype = 'c' ORDER BY 1`)
			expect(checks.map((c) => c.name)).toEqual(['Referral_doseMinutes_check', 'Referral_dosingSessionsAt_check', 'Referral_preparation_check'])
			await expect(tx.$executeRawUnsafe(`UPDATE "Referral" SET "firstDosingAt" = "firstDosingAt" + interval '1 hour' WHERE id = 'phoenix'`)).rejects.toThrow()
			// Leave nothing behind.
			throw new Rollback()
		})
		.catch((error: unknown) => {
			if (!(error instanceof Rollback)) throw error
		})
	expect(await db().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = 'dose_times_migration'`)).toEqual([{ n: 0 }])
})

class Rollback extends Error {}
