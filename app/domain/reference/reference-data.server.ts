// Puts the reference data a new database starts with into the tables admins later edit. A
// compact already present is left alone, so an admin's changes survive restarts.
import { type PrismaClient } from '#app/generated/prisma/client.ts'
import { INITIAL_COMPACTS } from './compacts.ts'

export async function ensureReferenceData(prisma: PrismaClient): Promise<{ compactsAdded: number }> {
	const existing = new Set((await prisma.compact.findMany({ select: { slug: true } })).map((c) => c.slug))
	const missing = INITIAL_COMPACTS.filter((c) => !existing.has(c.slug))
	for (const compact of missing) {
		const asOf = new Date(`${compact.asOf}T00:00:00Z`)
		await prisma.compact.create({
			data: {
				slug: compact.slug,
				name: compact.name,
				issuing: compact.issuing,
				asOf,
				source: compact.source,
				notes: compact.notes ?? null,
				members: { create: compact.members.map((state) => ({ state, asOf, source: compact.source })) },
			},
		})
	}
	return { compactsAdded: missing.length }
}
