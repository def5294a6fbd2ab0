// Walks the stored audit chain in seq order, a batch at a time, and reports the first broken link
// (`npm run admin -- verify-audit`). The hashes are recomputed here, not by the database.
import { type PrismaClient } from '#app/generated/prisma/client.ts'
import { db } from '#app/utils/db.server.ts'
import { START, walkChain, type ChainBreak, type ChainRow } from './chain.ts'

export type AuditVerification = { ok: true; count: number; head: { seq: bigint; hash: string } | null } | { ok: false; count: number; broken: ChainBreak }

type RawRow = Omit<ChainRow, 'seq'> & { seq: string }

export async function verifyAuditChain(options: { anchor?: { seq: bigint; hash: string } | null; batchSize?: number; client?: PrismaClient } = {}): Promise<AuditVerification> {
	const client = options.client ?? db()
	const batchSize = options.batchSize ?? 5000
	const anchor = options.anchor ?? null
	let state = START
	for (;;) {
		const after = state.last?.seq ?? 0n
		// Text renderings, so the check hashes exactly what is stored: seq as text (no 2^53 limit),
		// `at` without a zone, details as jsonb prints itself.
		const raw = await client.$queryRawUnsafe<RawRow[]>(
			`SELECT "seq"::text AS seq, "id", "prevHash", "hash", to_char("at", 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS at, "actorId", "action", "entity", "entityId", "ip", "userAgent", "details"::text AS details
			FROM "AuditEvent" WHERE "seq" > $1::bigint ORDER BY "AuditEvent"."seq" LIMIT ${batchSize}`,
			after.toString(),
		)
		const rows: ChainRow[] = raw.map((r) => ({ ...r, seq: BigInt(r.seq) }))
		const walked = walkChain(state, rows)
		if (!walked.ok) return { ok: false, count: walked.intact, broken: walked.broken }
		if (anchor) {
			const anchored = rows.find((r) => r.seq === anchor.seq)
			if (anchored && anchored.hash !== anchor.hash) {
				return {
					ok: false,
					count: Number(anchored.seq) - 1, // the rows before it, numbered 1 on without a gap
					broken: {
						seq: anchored.seq,
						id: anchored.id,
						problem: 'anchor_mismatch',
						message: `its hash (${anchored.hash.slice(0, 12)}…) is not the one recorded for it (${anchor.hash.slice(0, 12)}…): the chain up to here was rewritten`,
					},
				}
			}
		}
		state = walked.state
		if (rows.length < batchSize) break
	}
	if (anchor && (state.last?.seq ?? 0n) < anchor.seq) {
		const lastSeq = state.last?.seq ?? 0n
		return {
			ok: false,
			count: state.count,
			broken: { seq: anchor.seq, id: '', problem: 'anchor_missing', message: `the chain ends at row ${lastSeq}, before the recorded row ${anchor.seq}: rows were removed from its end` },
		}
	}
	return { ok: true, count: state.count, head: state.last }
}
