// A clinic's API keys: created by its clinic admins (or the admin CLI), shown once, stored as a
// SHA-256, revocable. Every use is audited by the API itself (app/utils/api.server.ts).
import { audit } from '#app/domain/audit/audit.server.ts'
import { generateApiKey, hashApiKey } from '#app/domain/auth/api-keys.ts'
import { db } from '#app/utils/db.server.ts'

export const MAX_ACTIVE_KEYS = 20

export type CreatedKey = { ok: true; id: string; key: string; prefix: string } | { ok: false; problem: 'no_clinic' | 'too_many' }

export async function createApiKey(clinicId: string, name: string, createdById: string | null): Promise<CreatedKey> {
	return db().$transaction(async (tx) => {
		// Lock the clinic row so two creations at once cannot pass the limit together.
		const clinic = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Clinic" WHERE id = ${clinicId} FOR UPDATE`
		if (clinic.length === 0) return { ok: false as const, problem: 'no_clinic' as const }
		if ((await tx.apiKey.count({ where: { clinicId, revokedAt: null } })) >= MAX_ACTIVE_KEYS) return { ok: false as const, problem: 'too_many' as const }
		const { key, hash, prefix } = generateApiKey()
		const created = await tx.apiKey.create({ data: { clinicId, name, hash, prefix, createdById }, select: { id: true } })
		await audit({ actorId: createdById, action: 'api_key.created', entity: 'api_key', entityId: created.id, details: { clinicId, name, prefix } }, tx)
		return { ok: true as const, id: created.id, key, prefix }
	})
}

export function listApiKeys(clinicId: string) {
	return db().apiKey.findMany({
		where: { clinicId },
		orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }],
		select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
	})
}

/** Revokes one of this clinic's keys; false when it is not this clinic's or already revoked. */
export async function revokeApiKey(clinicId: string, keyId: string, revokedById: string): Promise<boolean> {
	return db().$transaction(async (tx) => {
		const { count } = await tx.apiKey.updateMany({ where: { id: keyId, clinicId, revokedAt: null }, data: { revokedAt: new Date(), revokedById } })
		if (count === 1) await audit({ actorId: revokedById, action: 'api_key.revoked', entity: 'api_key', entityId: keyId, details: { clinicId } }, tx)
		return count === 1
	})
}

/** The clinic a presented key belongs to, or null for an unknown or revoked key. */
export async function authenticateApiKey(key: string, now = new Date()): Promise<{ apiKeyId: string; clinicId: string } | null> {
	const found = await db().apiKey.findUnique({ where: { hash: hashApiKey(key) }, select: { id: true, clinicId: true, revokedAt: true, lastUsedAt: true } })
	if (!found || found.revokedAt) return null
	// Last use to the minute is enough, and saves a write per call.
	if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() > 60_000) await db().apiKey.update({ where: { id: found.id }, data: { lastUsedAt: now } })
	return { apiKeyId: found.id, clinicId: found.clinicId }
}
