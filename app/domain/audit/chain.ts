// The audit log's hash chain, recomputed outside the database: the canonical form of a row, its
// hash, and the walk that finds the first broken link. The database computes the same hash when it
// writes a row (prisma/migrations/20261202102022_audit_hash_chain); this is the independent check.
import { sha256 } from '@oslojs/crypto/sha2'
import { encodeHexLowerCase } from '@oslojs/encoding'

/** A stored row as verification reads it: `at` as 'YYYY-MM-DDTHH:MM:SS.mmm', details as the jsonb's text. */
export type ChainRow = {
	seq: bigint
	id: string
	prevHash: string | null
	hash: string
	at: string
	actorId: string | null
	action: string
	entity: string
	entityId: string | null
	ip: string | null
	userAgent: string | null
	details: string | null
}

/** Version 1 of the canonical form: a JSON array with no spaces, every value a string, a number or null. */
export function canonicalAuditRow(row: Omit<ChainRow, 'hash'>): string {
	return JSON.stringify([Number(row.seq), row.prevHash, row.id, row.at, row.actorId, row.action, row.entity, row.entityId, row.ip, row.userAgent, row.details])
}

export function auditRowHash(row: Omit<ChainRow, 'hash'>): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(canonicalAuditRow(row))))
}

export type ChainBreak = {
	/** The row where the chain stops holding: the first one whose check fails. */
	seq: bigint
	id: string
	problem: 'content_changed' | 'rows_missing' | 'link_changed' | 'anchor_mismatch' | 'anchor_missing'
	message: string
}

/** Where a walk has got to: the last row checked, and how many were. */
export type ChainState = { last: { seq: bigint; hash: string } | null; count: number }

export const START: ChainState = { last: null, count: 0 }

/**
 * Checks the next rows (in seq order) against the state the earlier ones left: each row's hash
 * matches its content, its seq follows the previous one's, and its prevHash is the previous hash.
 * Returns the first break (with how many rows before it held), or the state to continue from.
 */
export function walkChain(state: ChainState, rows: readonly ChainRow[]): { ok: true; state: ChainState } | { ok: false; broken: ChainBreak; intact: number } {
	let { last, count } = state
	for (const row of rows) {
		const expectedSeq = last ? last.seq + 1n : 1n
		if (row.seq !== expectedSeq) {
			const message =
				row.seq > expectedSeq
					? `seq jumps from ${expectedSeq - 1n} to ${row.seq}: ${row.seq - expectedSeq === 1n ? `row ${expectedSeq} was` : `rows ${expectedSeq} to ${row.seq - 1n} were`} removed`
					: `seq ${row.seq} where ${expectedSeq} was expected`
			return { ok: false, intact: count, broken: { seq: row.seq, id: row.id, problem: 'rows_missing', message } }
		}
		const recomputed = auditRowHash(row)
		if (recomputed !== row.hash) {
			return {
				ok: false,
				intact: count,
				broken: {
					seq: row.seq,
					id: row.id,
					problem: 'content_changed',
					message: `its content no longer gives its stored hash (stored ${row.hash.slice(0, 12)}…, content gives ${recomputed.slice(0, 12)}…): the row was changed after it was written`,
				},
			}
		}
		const expectedPrev = last?.hash ?? null
		if (row.prevHash !== expectedPrev) {
			return {
				ok: false,
				intact: count,
				broken: {
					seq: row.seq,
					id: row.id,
					problem: 'link_changed',
					message: `its prevHash (${row.prevHash?.slice(0, 12) ?? 'null'}…) is not the hash of row ${expectedSeq - 1n} (${expectedPrev?.slice(0, 12) ?? 'null'}…): row ${expectedSeq - 1n} was rewritten or replaced`,
				},
			}
		}
		last = { seq: row.seq, hash: row.hash }
		count++
	}
	return { ok: true, state: { last, count } }
}

/** A head recorded earlier (`SEQ:HASH`, as verify-audit prints it): parsed, or null when malformed. */
export function parseAnchor(text: string): { seq: bigint; hash: string } | null {
	const match = /^(\d{1,18}):([0-9a-f]{64})$/.exec(text.trim())
	return match ? { seq: BigInt(match[1]!), hash: match[2]! } : null
}
