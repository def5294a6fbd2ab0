// `npm run db:reset`: deletes the embedded database and starts it again from the migrations and
// the demo seed. Refuses to touch a PostgreSQL server: drop and recreate that database yourself.
import fs from 'node:fs'
import { prepareDatabase } from '#app/utils/database-setup.server.ts'
import { closeDatabase } from '#app/utils/db.server.ts'
import { acquireEmbeddedLock } from '#app/utils/embedded-lock.server.ts'
import { env } from '#app/utils/env.server.ts'
import { fail } from './lib/fail.ts'

async function main() {
	const config = env()
	const target = config.database
	if (target.kind !== 'embedded') {
		fail('db:reset only resets the embedded database. For a server, drop and recreate the database named in DATABASE_URL.')
	}
	if (config.NODE_ENV === 'production') fail('db:reset refuses to run with NODE_ENV=production.')
	// Taking the lock first means a running server is never pulled out from under itself.
	const lock = acquireEmbeddedLock(target.lockFile, { command: 'db:reset' })
	fs.rmSync(target.pgliteDir, { recursive: true, force: true })
	try {
		const prepared = await prepareDatabase(target, { seedIfEmpty: true, createServerDatabase: false, command: 'db:reset' })
		const s = prepared.seeded
		console.log(`Reset the embedded database in ${target.pgliteDir}.`)
		if (s) console.log(`Seeded ${s.clinics} clinics, ${s.therapists} therapists, ${s.referrals} referrals, ${s.accounts} log-ins.`)
	} finally {
		await closeDatabase()
		lock.release()
	}
}

main().catch((error) => fail(error))
