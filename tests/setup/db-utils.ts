// Helpers for integration tests: empty every table between tests, keep the migrations table.
import { db } from '#app/utils/db.server.ts'

/**
 * The audit log refuses TRUNCATE to everyone (docs/security.md). A reset is the one deliberate
 * exception: as the table's owner (here the superuser the tests connect as) it turns the refusal
 * off for its own transaction only, so a failed reset leaves it on; the app's role in production
 * owns neither the table nor the right to do this.
 */
export async function resetDatabase() {
	const tables = await db().$queryRaw<{ tablename: string }[]>`
		SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`
	if (tables.length === 0) return
	const list = tables.map((t) => `"public"."${t.tablename}"`).join(', ')
	await db().$transaction([
		db().$executeRawUnsafe(`ALTER TABLE "public"."AuditEvent" DISABLE TRIGGER "AuditEvent_no_truncate"`),
		db().$executeRawUnsafe(`TRUNCATE ${list} CASCADE`),
		db().$executeRawUnsafe(`ALTER TABLE "public"."AuditEvent" ENABLE TRIGGER "AuditEvent_no_truncate"`),
	])
}
