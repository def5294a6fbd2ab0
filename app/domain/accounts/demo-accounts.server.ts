// Which demo log-ins this database holds, for the log-in page in development (demo-accounts.ts).
import { db } from '#app/utils/db.server.ts'
import { DEMO_ACCOUNTS, demoSignIn, type DemoSignIn } from './demo-accounts.ts'

export async function demoSignInFor(nodeEnv: 'development' | 'production' | 'test'): Promise<DemoSignIn | null> {
	// Outside development the answer is none, without asking the database.
	if (demoSignIn(nodeEnv, new Set(DEMO_ACCOUNTS.map((a) => a.email))) === null) return null
	const found = await db().user.findMany({ where: { email: { in: DEMO_ACCOUNTS.map((a) => a.email) } }, select: { email: true } })
	return demoSignIn(nodeEnv, new Set(found.map((u) => u.email)))
}
