// Gets the database ready before the app serves: take the embedded lock (or check the server),
// apply migrations, add reference data, and seed demo data into an empty database when asked.
import { ensureReferenceData } from '#app/domain/reference/reference-data.server.ts'
import { type DatabaseTarget } from './database-target.server.ts'
import { closeDatabase, db } from './db.server.ts'
import { acquireEmbeddedLock, type EmbeddedLock } from './embedded-lock.server.ts'
import { runMigrations } from './migrate.server.ts'
import { ensureServerDatabase } from './postgres-server.server.ts'

export type PreparedDatabase = {
	lock: EmbeddedLock | null
	createdServerDatabase: boolean
	seeded: { therapists: number; clinics: number; referrals: number; accounts: number } | null
}

export async function prepareDatabase(target: DatabaseTarget, options: { seedIfEmpty: boolean; createServerDatabase: boolean; command?: string }): Promise<PreparedDatabase> {
	let lock: EmbeddedLock | null = null
	let createdServerDatabase = false
	if (target.kind === 'embedded') {
		lock = acquireEmbeddedLock(target.lockFile, { command: options.command })
	} else {
		createdServerDatabase = (await ensureServerDatabase(target.url, { create: options.createServerDatabase })) === 'created'
	}
	try {
		await runMigrations({ lock })
		const prisma = db()
		await ensureReferenceData(prisma)
		let seeded: PreparedDatabase['seeded'] = null
		if (options.seedIfEmpty && (await isEmpty())) {
			// Imported only when needed: production never seeds, and need not ship the faker data.
			const { seedDemoData } = await import('#prisma/seed.ts')
			seeded = await seedDemoData(prisma)
		}
		// Matching reads the search rows; a database from before them gets them now.
		const { rebuildTherapistSearch, searchRowsMissing } = await import('#app/domain/matching/search-index.server.ts')
		if (await searchRowsMissing(prisma)) await rebuildTherapistSearch({ client: prisma })
		return { lock, createdServerDatabase, seeded }
	} catch (error) {
		await closeDatabase().catch(() => {})
		lock?.release()
		throw error
	}
}

export async function isEmpty(): Promise<boolean> {
	const [clinics, therapists] = await Promise.all([db().clinic.count(), db().therapist.count()])
	return clinics === 0 && therapists === 0
}
