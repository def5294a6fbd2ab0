// Liveness (readiness is /readyz, server/operations.ts) and database status for load balancers and people: 200 when the database answers,
// 503 when it does not. In production the reason goes to the log, not to whoever asks.
import { resolveDatabaseTarget } from '#app/utils/database-target.server.ts'
import { checkDatabase } from '#app/utils/db.server.ts'
import { logger } from '#app/utils/logger.server.ts'

export async function loader() {
	const database = await checkDatabase()
	if (!database.ok) logger().error({ database: database.error }, 'healthz: database check failed')
	const shown = database.ok || process.env.NODE_ENV !== 'production' ? database : { ok: false, error: 'unavailable' }
	return Response.json(
		{ status: database.ok ? 'ok' : 'error', database: { kind: resolveDatabaseTarget().kind, ...shown } },
		{ status: database.ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
	)
}

export function action() {
	return Response.json({ error: 'Method not allowed: /healthz answers GET only.' }, { status: 405, headers: { Allow: 'GET, HEAD' } })
}
