// Compact membership as the Compact tables hold it now (admins keep it current, docs/product.md §3):
// the input the jurisdiction derivation and the network import need.
import { type PrismaClient } from '#app/generated/prisma/client.ts'
import { db } from '#app/utils/db.server.ts'
import { type CompactMembership } from '#app/domain/therapists/jurisdiction.ts'

export async function loadCompactMembership(client: PrismaClient = db()): Promise<CompactMembership> {
	return compactMembership(await client.compactMember.findMany({ where: { compactSlug: { in: ['psypact', 'counseling_compact'] } }, select: { compactSlug: true, state: true } }))
}

/** Membership from the table's rows (matching reads them with its own statement). */
export function compactMembership(rows: readonly { compactSlug: string; state: string }[]): CompactMembership {
	const of = (slug: string) => new Set(rows.filter((r) => r.compactSlug === slug).map((r) => r.state))
	return { psypact: of('psypact'), counseling_compact: of('counseling_compact') }
}
