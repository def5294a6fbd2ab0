// The audit log is append-only for the app's own connection (TRUNCATE included), every row is
// chained by the database, and verify-audit finds the first row changed or removed behind the
// app's back, on the embedded database and on a PostgreSQL server alike.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeEach, describe, expect, test } from 'vitest'
import { audit, auditInsertFrom } from '#app/domain/audit/audit.server.ts'
import { START, walkChain, type ChainRow } from '#app/domain/audit/chain.ts'
import { auditProtection, grantAppRole } from '#app/domain/audit/protection.server.ts'
import { verifyAuditChain } from '#app/domain/audit/verify.server.ts'
import { closeDatabase, db, driverQuery } from '#app/utils/db.server.ts'
import { runWithRequestContext } from '#app/utils/request-context.server.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'

beforeEach(resetDatabase)
afterAll(closeDatabase)

const embedded = process.env.TEST_DB !== 'server'

async function writeEvents(n: number) {
	for (let i = 1; i <= n; i++) await audit({ actorId: null, action: 'referral.patient_viewed', entity: 'Referral', entityId: `r${i}`, details: { n: i, note: 'é "quoted" \u0001' } })
	return db().$queryRawUnsafe<{ id: string; seq: number }[]>(`SELECT id, seq::int AS seq FROM "AuditEvent" ORDER BY "seq"`)
}

/** What a superuser (or the table's owner) can do around the triggers: the threat the chain answers. */
async function behindTheAppsBack(sql: string) {
	await db().$transaction([
		db().$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`),
		db().$executeRawUnsafe(sql),
		db().$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"`),
	])
}

function driverMessage(error: unknown) {
	const e = error as { message?: string; meta?: { driverAdapterError?: { message?: string } } }
	return e.meta?.driverAdapterError?.message ?? e.message ?? String(error)
}

describe("the app's connection", () => {
	test.each(['TRUNCATE "AuditEvent"', 'TRUNCATE "AuditEvent", "EmailMessage" CASCADE', 'DELETE FROM "AuditEvent"', `UPDATE "AuditEvent" SET "ip" = '203.0.113.9'`])('cannot %s', async (sql) => {
		await writeEvents(2)
		const error = await db()
			.$executeRawUnsafe(sql)
			.then(
				() => null,
				(e: unknown) => e,
			)
		expect(error).not.toBeNull()
		expect(driverMessage(error)).toMatch(/AuditEvent is append-only: (TRUNCATE|DELETE|UPDATE) is not allowed/)
		expect(await db().auditEvent.count()).toBe(2)
		expect(await db().auditEvent.count({ where: { ip: '203.0.113.9' } })).toBe(0)
	})

	test('cannot choose the chain fields: the database sets them whatever the client sends', async () => {
		await writeEvents(1)
		await db().auditEvent.create({ data: { action: 'auth.login', entity: 'User', seq: 99n, prevHash: 'f'.repeat(64), hash: '0'.repeat(64) } })
		const rows = await db().auditEvent.findMany({ orderBy: { seq: 'asc' }, select: { seq: true, prevHash: true, hash: true } })
		expect(rows.map((r) => r.seq)).toEqual([1n, 2n])
		expect(rows[1]!.prevHash).toBe(rows[0]!.hash)
		expect(rows[1]!.hash).toMatch(/^[0-9a-f]{64}$/)
		expect(rows[1]!.hash).not.toBe('0'.repeat(64))
		expect(await verifyAuditChain()).toMatchObject({ ok: true, count: 2 })
	})
})

describe('verify-audit', () => {
	function verifyCli(...args: string[]) {
		return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', 'verify-audit', ...args], { encoding: 'utf8', env: { ...process.env, NODE_ENV: 'development' }, timeout: 140_000 })
	}

	test('reports an intact chain, then the row altered behind the app’s back, exactly', async () => {
		const rows = await writeEvents(5)
		await closeDatabase() // the embedded database belongs to one process at a time
		const intact = verifyCli()
		expect(intact.stderr).toBe('')
		expect(intact.status).toBe(0)
		const lines = intact.stdout.trim().split('\n')
		expect(lines.at(-1)).toBe('5 events, chain intact')
		const head = /^Head: (5:[0-9a-f]{64}) /m.exec(intact.stdout)?.[1]
		expect(head).toBeDefined()

		const altered = rows[2]!
		await behindTheAppsBack(`UPDATE "AuditEvent" SET "ip" = '198.51.100.7' WHERE "id" = '${altered.id}'`)
		await closeDatabase()
		const broken = verifyCli('--json')
		expect(broken.status).toBe(1)
		expect(broken.stderr.trim()).toBe(
			`Error: Audit chain broken at row 3 (id ${altered.id}): ${await verifyAuditChain().then((r) => (r.ok ? '' : r.broken.message))}. The 2 events before it are intact.`,
		)
		expect(broken.stderr).toMatch(/the row was changed after it was written/)
		expect(JSON.parse(broken.stdout.trim().split('\n').at(-1)!)).toMatchObject({ ok: false, intact: 2, broken: { seq: '3', id: altered.id, problem: 'content_changed' } })
	}, 300_000)

	test('a row deleted from the middle breaks the chain at the row after it', async () => {
		const rows = await writeEvents(6)
		await behindTheAppsBack(`DELETE FROM "AuditEvent" WHERE "id" = '${rows[3]!.id}'`)
		expect(await verifyAuditChain()).toEqual({ ok: false, count: 3, broken: { seq: 5n, id: rows[4]!.id, problem: 'rows_missing', message: 'seq jumps from 3 to 5: row 4 was removed' } })
	})

	test('a row rewritten with a freshly computed hash breaks the next link', async () => {
		const rows = await writeEvents(4)
		await behindTheAppsBack(
			`UPDATE "AuditEvent" SET "entityId" = 'someone-else', "hash" = "audit_event_hash"("seq", "prevHash", "id", "at", "actorId", "action", "entity", 'someone-else', "ip", "userAgent", "details") WHERE "id" = '${rows[1]!.id}'`,
		)
		const result = await verifyAuditChain()
		expect(result).toMatchObject({ ok: false, count: 2, broken: { seq: 3n, id: rows[2]!.id, problem: 'link_changed' } })
	})

	test('rows removed from the end are found against a head recorded earlier', async () => {
		await writeEvents(5)
		const before = await verifyAuditChain()
		if (!before.ok || !before.head) throw new Error('expected an intact chain')
		await behindTheAppsBack(`DELETE FROM "AuditEvent" WHERE "seq" >= 4`)
		expect(await verifyAuditChain()).toMatchObject({ ok: true, count: 3 }) // a chain's end alone proves nothing
		expect(await verifyAuditChain({ anchor: before.head })).toMatchObject({ ok: false, broken: { seq: 5n, problem: 'anchor_missing' } })
		expect(await verifyAuditChain({ anchor: { seq: 2n, hash: 'a'.repeat(64) } })).toMatchObject({ ok: false, broken: { seq: 2n, problem: 'anchor_mismatch' } })
	})

	test('walks a chain longer than one batch', async () => {
		await db().$executeRawUnsafe(`INSERT INTO "AuditEvent" ("id", "action", "entity", "details") SELECT 'bulk' || g, 'api.request', 'ApiKey', jsonb_build_object('g', g) FROM generate_series(1, 25) g`)
		expect(await verifyAuditChain({ batchSize: 7 })).toMatchObject({ ok: true, count: 25, head: { seq: 25n } })
	})
})

test('concurrent writers, each holding its transaction open, keep one chain', async () => {
	const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
	const writes = Array.from(
		{ length: 50 },
		(_, i) =>
			db().$transaction(
				async (tx) => {
					await audit({ actorId: null, action: 'referral.updated', entity: 'Referral', entityId: `c${i}` }, tx)
					await sleep(i % 5)
				},
				{ maxWait: 60_000, timeout: 60_000 },
			), // more writers than connections: they queue
	)
	// On a server, a second pool stands for another process: its own connections, its own inserts.
	const other = embedded ? null : new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 5 })
	const otherWrites = other
		? Array.from({ length: 25 }, async (_, i) => {
				const client = await other.connect()
				try {
					await client.query('BEGIN')
					await client.query(`INSERT INTO "AuditEvent" ("id", "action", "entity") VALUES ($1, 'api.request', 'ApiKey')`, [`other${i}`])
					await sleep(i % 3)
					await client.query('COMMIT')
				} finally {
					client.release()
				}
			})
		: []
	await Promise.all([...writes, ...otherWrites])
	await other?.end()
	const total = embedded ? 50 : 75
	expect(await verifyAuditChain()).toMatchObject({ ok: true, count: total, head: { seq: BigInt(total) } })
})

describe('the database role', () => {
	if (embedded) {
		test('the embedded database has one user, so the triggers and the chain are its protection', async () => {
			expect(await auditProtection()).toEqual({ database: 'embedded' })
		})
		return
	}

	const role = `tandem_test_app_${process.pid}`
	afterAll(async () => {
		await db()
			.$executeRawUnsafe(`DROP OWNED BY "${role}"`)
			.catch(() => {})
		await db().$executeRawUnsafe(`DROP ROLE IF EXISTS "${role}"`)
	})

	test('set up with grant-app-role, it can read and append audit rows but not remove, change or unprotect them', async () => {
		await writeEvents(2)
		// The superuser the tests connect as could do anything: it is reported as such.
		expect(await auditProtection()).toMatchObject({ database: 'server', protected: false, reasons: expect.arrayContaining(['it is a superuser']) })
		await db().$executeRawUnsafe(`CREATE ROLE "${role}" LOGIN`)
		await grantAppRole(role)
		const url = new URL(process.env.DATABASE_URL!)
		url.username = role
		const app = new pg.Client({ connectionString: url.toString() })
		await app.connect()
		try {
			const refused = async (sql: string) =>
				await app.query(sql).then(
					() => 'allowed',
					(e: Error) => e.message,
				)
			expect(await refused('TRUNCATE "AuditEvent"')).toBe('permission denied for table AuditEvent')
			expect(await refused('DELETE FROM "AuditEvent"')).toBe('permission denied for table AuditEvent')
			expect(await refused(`UPDATE "AuditEvent" SET "ip" = '203.0.113.9'`)).toBe('permission denied for table AuditEvent')
			expect(await refused('ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL')).toMatch(/^must be owner of (table|relation) AuditEvent$/)
			expect(await refused('DROP TRIGGER "AuditEvent_no_truncate" ON "AuditEvent"')).toMatch(/^must be owner of (table|relation) AuditEvent$/)
			// What the app needs still works: reading, appending, and writing the other tables.
			await app.query(`INSERT INTO "AuditEvent" ("id", "action", "entity") VALUES ('by-app-role', 'auth.login', 'User')`)
			await app.query(`INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES ('k', now(), 1)`)
			await app.query(`UPDATE "RateLimit" SET "count" = 2 WHERE "key" = 'k'`)
			await app.query(`DELETE FROM "RateLimit" WHERE "key" = 'k'`)
			const { rows } = await app.query(`SELECT count(*)::int AS n FROM "AuditEvent"`)
			expect(rows).toEqual([{ n: 3 }])
		} finally {
			await app.end()
		}
		expect(await verifyAuditChain()).toMatchObject({ ok: true, count: 3 })
	})
})

test('the migration chains the rows already present, in the order they were written', async () => {
	const migration = fs.readFileSync(path.resolve('prisma/migrations/20261202102022_audit_hash_chain/migration.sql'), 'utf8')
	// Statements end with a semicolon at the end of a line, outside $$ … $$ bodies.
	const statements: string[] = []
	let current = ''
	for (const line of migration.split('\n')) {
		current += line + '\n'
		if ((current.match(/\$\$/g)?.length ?? 0) % 2 === 0 && /;\s*$/.test(line)) {
			if (current.replace(/--.*$/gm, '').trim()) statements.push(current)
			current = ''
		}
	}
	const rows = await db()
		.$transaction(async (tx) => {
			// The table as the earlier migrations left it, alone in a schema, with its append-only trigger.
			await tx.$executeRawUnsafe('CREATE SCHEMA audit_chain_migration')
			await tx.$executeRawUnsafe('SET LOCAL search_path TO audit_chain_migration')
			await tx.$executeRawUnsafe(
				`CREATE TABLE "AuditEvent" ("id" TEXT PRIMARY KEY, "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP, "actorId" TEXT, "action" TEXT NOT NULL, "entity" TEXT NOT NULL, "entityId" TEXT, "ip" TEXT, "userAgent" TEXT, "details" JSONB)`,
			)
			await tx.$executeRawUnsafe(
				`CREATE FUNCTION "audit_event_append_only"() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'AuditEvent is append-only: % is not allowed', TG_OP; END; $$ LANGUAGE plpgsql`,
			)
			await tx.$executeRawUnsafe(`CREATE TRIGGER "AuditEvent_append_only" BEFORE UPDATE OR DELETE ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"()`)
			await tx.$executeRawUnsafe(
				`INSERT INTO "AuditEvent" VALUES
				('b', '2026-11-23 10:00:00.250', 'u1', 'auth.login', 'User', 'u1', '192.0.2.1', 'Firefox', '{"z": 1, "a": [1.50, "ü"]}'),
				('a', '2026-11-23 10:00:00.250', NULL, 'clinic.created', 'Clinic', 'c1', NULL, NULL, NULL),
				('c', '2026-11-22 09:00:00', 'u2', 'referral.created', 'Referral', NULL, '2001:db8::1', 'Agent "x"', '{}')`,
			)
			for (const statement of statements) await tx.$executeRawUnsafe(statement)
			const stored = await tx.$queryRawUnsafe<(Omit<ChainRow, 'seq'> & { seq: string })[]>(
				`SELECT "seq"::text AS seq, "id", "prevHash", "hash", to_char("at", 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS at, "actorId", "action", "entity", "entityId", "ip", "userAgent", "details"::text AS details FROM "AuditEvent" ORDER BY "AuditEvent"."seq"`,
			)
			// New rows continue the chain; TRUNCATE is refused.
			await tx.$executeRawUnsafe(`INSERT INTO "AuditEvent" ("id", "action", "entity") VALUES ('d', 'auth.logout', 'User')`)
			const [next] = await tx.$queryRawUnsafe<{ seq: string; prevHash: string }[]>(`SELECT "seq"::text AS seq, "prevHash" FROM "AuditEvent" WHERE "id" = 'd'`)
			expect(next).toEqual({ seq: '4', prevHash: stored[2]!.hash })
			await tx.$executeRawUnsafe('SAVEPOINT before_truncate')
			await expect(tx.$executeRawUnsafe('TRUNCATE "AuditEvent"')).rejects.toThrow()
			await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT before_truncate')
			throw new Rollback(stored.map((r) => ({ ...r, seq: BigInt(r.seq) })))
		})
		.catch((error: unknown) => {
			if (!(error instanceof Rollback)) throw error
			return error.rows
		})
	expect(rows.map((r) => [r.seq, r.id])).toEqual([
		[1n, 'c'],
		[2n, 'a'],
		[3n, 'b'],
	])
	expect(walkChain(START, rows)).toMatchObject({ ok: true, state: { count: 3 } })
	expect(await db().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = 'audit_chain_migration'`)).toEqual([{ n: 0 }])
})

class Rollback extends Error {
	constructor(readonly rows: ChainRow[]) {
		super('rollback')
	}
}

test('a row written with the change it records, in one statement on the driver, is the row audit() writes, chained as any other', async () => {
	const context = { ip: '203.0.113.7', userAgent: `Firefox ${'x'.repeat(500)}`, cspNonce: 'n', auth: null }
	const entry = { actorId: null, action: 'patient_link.opened' as const, entity: 'referral', entityId: 'r1', details: { patientLinkId: 'l1', note: 'é "quoted"' } }
	const at = new Date('2026-12-03T10:15:30.123Z')
	await runWithRequestContext(context, () => audit(entry))
	const run = (found: boolean) =>
		runWithRequestContext(context, async () => {
			const record = auditInsertFrom('source', entry, at, 2)
			await driverQuery({ name: 'audit_insert_from_test', text: `WITH source AS (SELECT 1 WHERE $1::boolean)\n${record.text}`, values: [found, ...record.values] })
		})
	await run(true)
	// A change that found nothing writes no row.
	await run(false)
	const [viaPrisma, viaDriver, ...more] = await db().auditEvent.findMany({ orderBy: { seq: 'asc' } })
	expect(more).toHaveLength(0)
	const columns = ({ actorId, action, entity, entityId, ip, userAgent, details }: NonNullable<typeof viaPrisma>) => ({ actorId, action, entity, entityId, ip, userAgent, details })
	expect(columns(viaDriver!)).toEqual(columns(viaPrisma!))
	expect(viaDriver!.userAgent).toHaveLength(400)
	expect(viaDriver!.at).toEqual(at)
	expect(viaDriver!.id).not.toBe(viaPrisma!.id)
	expect(viaDriver!.prevHash).toBe(viaPrisma!.hash)
	expect(await verifyAuditChain()).toMatchObject({ ok: true, count: 2 })
})
