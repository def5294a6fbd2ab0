import { describe, expect, test } from 'vitest'
import { auditRowHash, canonicalAuditRow, parseAnchor, START, walkChain, type ChainRow } from './chain.ts'

const base = { id: 'ev1', at: '2026-11-23T10:00:00.250', actorId: null, action: 'auth.login', entity: 'User', entityId: 'u1', ip: '192.0.2.1', userAgent: 'Agent "x"\n', details: '{"a": [1.50, "ü"]}' }

function chain(n: number): ChainRow[] {
	const rows: ChainRow[] = []
	for (let i = 1; i <= n; i++) {
		const row = { ...base, id: `ev${i}`, seq: BigInt(i), prevHash: rows.at(-1)?.hash ?? null }
		rows.push({ ...row, hash: auditRowHash(row) })
	}
	return rows
}

describe('the canonical form', () => {
	test('is a JSON array with no spaces, in the order the database builds it', () => {
		expect(canonicalAuditRow({ ...base, seq: 7n, prevHash: null })).toBe(
			'[7,null,"ev1","2026-11-23T10:00:00.250",null,"auth.login","User","u1","192.0.2.1","Agent \\"x\\"\\n","{\\"a\\": [1.50, \\"ü\\"]}"]',
		)
	})

	test('hashes to lower-case hex SHA-256, and any field changes it', () => {
		const row = { ...base, seq: 1n, prevHash: null }
		expect(auditRowHash(row)).toMatch(/^[0-9a-f]{64}$/)
		for (const change of [{ ip: '192.0.2.2' }, { details: null }, { seq: 2n }, { prevHash: 'a'.repeat(64) }, { at: '2026-11-23T10:00:00.251' }]) {
			expect(auditRowHash({ ...row, ...change })).not.toBe(auditRowHash(row))
		}
	})
})

describe('walkChain', () => {
	test('accepts an intact chain, across batches', () => {
		const rows = chain(6)
		const first = walkChain(START, rows.slice(0, 4))
		if (!first.ok) throw new Error('expected ok')
		expect(walkChain(first.state, rows.slice(4))).toEqual({ ok: true, state: { count: 6, last: { seq: 6n, hash: rows[5]!.hash } } })
	})

	test('finds a changed row at that row', () => {
		const rows = chain(5)
		rows[2] = { ...rows[2]!, ip: '203.0.113.9' }
		expect(walkChain(START, rows)).toMatchObject({ ok: false, intact: 2, broken: { seq: 3n, id: 'ev3', problem: 'content_changed' } })
	})

	test('finds removed rows at the row after the gap, and a missing first row', () => {
		const rows = chain(7)
		expect(walkChain(START, [...rows.slice(0, 2), ...rows.slice(4)])).toMatchObject({
			ok: false,
			intact: 2,
			broken: { seq: 5n, problem: 'rows_missing', message: 'seq jumps from 2 to 5: rows 3 to 4 were removed' },
		})
		expect(walkChain(START, rows.slice(1))).toMatchObject({ ok: false, intact: 0, broken: { seq: 2n, message: 'seq jumps from 0 to 2: row 1 was removed' } })
	})

	test('finds a row replaced with a consistent hash at the next link', () => {
		const rows = chain(4)
		const forged = { ...rows[1]!, entityId: 'someone-else' }
		rows[1] = { ...forged, hash: auditRowHash(forged) }
		expect(walkChain(START, rows)).toMatchObject({ ok: false, intact: 2, broken: { seq: 3n, problem: 'link_changed' } })
	})
})

test('parseAnchor reads SEQ:HASH and nothing else', () => {
	expect(parseAnchor(` 12:${'ab'.repeat(32)}\n`)).toEqual({ seq: 12n, hash: 'ab'.repeat(32) })
	for (const bad of ['five', '12', `12:${'AB'.repeat(32)}`, `12:${'ab'.repeat(31)}`, `-1:${'ab'.repeat(32)}`]) expect(parseAnchor(bad)).toBeNull()
})
