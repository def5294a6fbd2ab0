// Helpers for integration tests: empty every table between tests, keep the migrations table.
import { db } from '#app/utils/db.server.ts'

export async function resetDatabase() {
	const tables = await db().$queryRaw<{ tablename: string }[]>`
		SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`
	if (tables.length === 0) return
	const list = tables.map((t) => `"public"."${t.tablename}"`).join(', ')
	await db().$executeRawUnsafe(`TRUNCATE ${list} CASCADE`)
}
