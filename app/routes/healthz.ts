// Liveness and database status for load balancers and people: 200 when the database answers.
import { resolveDatabaseTarget } from '#app/utils/database-target.server.ts'
import { checkDatabase } from '#app/utils/db.server.ts'

export async function loader() {
	const database = await checkDatabase()
	const body = {
		status: database.ok ? 'ok' : 'error',
		database: { kind: resolveDatabaseTarget().kind, ...database },
	}
	return Response.json(body, {
		status: database.ok ? 200 : 503,
		headers: { 'Cache-Control': 'no-store' },
	})
}

export function action() {
	return Response.json({ error: 'Method not allowed: /healthz answers GET only.' }, { status: 405, headers: { Allow: 'GET, HEAD' } })
}
