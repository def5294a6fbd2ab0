// Liveness and database status for load balancers and people: 200 when the database answers.
import { checkDatabase, databaseTarget } from '#app/utils/db.server.ts'

export async function loader() {
	const database = await checkDatabase()
	const body = {
		status: database.ok ? 'ok' : 'error',
		database: { kind: databaseTarget().kind, ...database },
	}
	return Response.json(body, {
		status: database.ok ? 200 : 503,
		headers: { 'Cache-Control': 'no-store' },
	})
}
