import { describe, expect, test } from 'vitest'
import { backupMismatch, encodeHeader, libpqConnection, majorOf, newerMigrations, nonEmptyRefusal, parseHeader, toolTooOld, toolVersion, userRows, type BackupManifest } from './backup-file.ts'

const manifest: BackupManifest = {
	format: 1,
	database: 'server',
	createdAt: '2026-12-02T10:00:00.000Z',
	postgres: '15.20',
	tool: 'pg_dump 15.20',
	migrations: ['20261122224628_init', '20261122233000_accounts'],
	tables: { User: 3, Clinic: 1, _prisma_migrations: 2 },
}

const bytes = (text: string) => new TextEncoder().encode(text)

describe('the header', () => {
	test('is one line before the dump, and reads back with where the dump starts', () => {
		const header = encodeHeader(manifest)
		expect(header.endsWith('\n')).toBe(true)
		expect(header.split('\n')).toHaveLength(2)
		const file = new Uint8Array([...bytes(header), 0x50, 0x47, 0x44, 0x4d, 0x50])
		const parsed = parseHeader(file)
		expect(parsed).toEqual({ ok: true, manifest, payloadOffset: bytes(header).length })
		if (parsed.ok) expect(new TextDecoder().decode(file.subarray(parsed.payloadOffset))).toBe('PGDMP')
	})

	test('a file that is not a backup, or a damaged one, is named as such', () => {
		expect(parseHeader(bytes('PGDMP\u0001\u000e'))).toEqual({ ok: false, problem: expect.stringMatching(/^is not a Tandem backup/) })
		expect(parseHeader(bytes('TANDEM-BACKUP {"format":1'))).toEqual({ ok: false, problem: 'is damaged: its header line does not end' })
		expect(parseHeader(bytes('TANDEM-BACKUP {"format":1,\n'))).toEqual({ ok: false, problem: 'is damaged: its header is not valid JSON' })
		expect(parseHeader(bytes(`TANDEM-BACKUP ${JSON.stringify({ ...manifest, database: 'sqlite' })}\n`))).toMatchObject({
			ok: false,
			problem: expect.stringMatching(/lacks a field or has a wrong one/),
		})
		expect(parseHeader(bytes(`TANDEM-BACKUP ${JSON.stringify({ ...manifest, tables: { User: -1 } })}\n`))).toMatchObject({ ok: false })
		expect(parseHeader(bytes(`TANDEM-BACKUP ${JSON.stringify({ ...manifest, format: 2 })}\n`))).toEqual({
			ok: false,
			problem: 'is in backup format 2, made by a newer Tandem; this one reads format 1',
		})
	})
})

describe('whether a backup may go into a database', () => {
	const codeMigrations = [...manifest.migrations, '20261123163149_two_factor_and_invitations']

	test('only into the kind of database it came from', () => {
		expect(backupMismatch({ file: 'b', manifest, target: 'server', codeMigrations })).toBeNull()
		expect(backupMismatch({ file: 'b', manifest, target: 'embedded', codeMigrations })).toBe(
			'b is a backup of a PostgreSQL server, and this is the embedded database (PGlite): restore it into the same kind (set DATABASE_URL to a PostgreSQL server). Moving data between the two kinds is not supported (docs/operations.md).',
		)
		expect(backupMismatch({ file: 'b', manifest: { ...manifest, database: 'embedded' }, target: 'server', codeMigrations })).toMatch(/unset DATABASE_URL/)
	})

	test('not when a newer version made it: this one would not know its schema', () => {
		const newer = { ...manifest, migrations: [...manifest.migrations, '20270101000000_later'] }
		expect(backupMismatch({ file: 'b', manifest: newer, target: 'server', codeMigrations })).toBe(
			'b was made by a newer version of Tandem (its migration 20270101000000_later is not in prisma/migrations): restore it with that version or a later one.',
		)
	})

	test('an older backup is fine, and npm start applies what it lacks', () => {
		expect(newerMigrations(codeMigrations, manifest.migrations)).toEqual(['20261123163149_two_factor_and_invitations'])
		expect(newerMigrations(manifest.migrations, manifest.migrations)).toEqual([])
	})

	test('rows a fresh database makes by itself do not make it "not empty"; any other row does, unless --force', () => {
		const fresh = { _prisma_migrations: 28, Compact: 3, CompactMember: 60, NetworkTally: 1, OutboxJob: 1, User: 0, Clinic: 0 }
		expect(userRows(fresh)).toEqual({})
		expect(nonEmptyRefusal({ file: 'b', targetTables: fresh, force: false })).toBeNull()
		expect(nonEmptyRefusal({ file: 'b', targetTables: {}, force: false })).toBeNull()

		const used = { ...fresh, User: 1 }
		expect(nonEmptyRefusal({ file: 'b', targetTables: used, force: false })).toBe('The database is not empty (1 row in 1 table: User). Add --force to replace its contents with b.')
		expect(nonEmptyRefusal({ file: 'b', targetTables: used, force: true })).toBeNull()
		expect(nonEmptyRefusal({ file: 'b', targetTables: { ...used, Clinic: 2, Referral: 4, Offer: 1 }, force: false })).toBe(
			'The database is not empty (8 rows in 4 tables: User, Clinic, Referral, …). Add --force to replace its contents with b.',
		)
	})
})

describe('the client tools', () => {
	test('their version is read from --version', () => {
		expect(toolVersion('pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)\n')).toBe('15.20')
		expect(toolVersion('pg_restore (PostgreSQL) 17.2\n')).toBe('17.2')
		expect(toolVersion('bash: pg_dump: command not found')).toBeNull()
		expect(majorOf('15.20')).toBe(15)
		expect(majorOf('17.5')).toBe(17)
		expect(majorOf('9.6.24')).toBe(9)
		expect(majorOf('devel')).toBeNull()
	})

	test('one older than the server (or than the pg_dump that wrote the archive) is refused with what to install', () => {
		expect(toolTooOld('pg_dump', 15, 15, 'the server')).toBeNull()
		expect(toolTooOld('pg_dump', 17, 15, 'the server')).toBeNull()
		expect(toolTooOld('pg_dump', 15, 17, 'the server')).toBe(
			'pg_dump is version 15, older than the server (17): install the PostgreSQL 17 client tools or newer (e.g. postgresql-client-17) and put them first on PATH.',
		)
	})

	test('get DATABASE_URL without its password, and without parameters libpq does not know', () => {
		expect(libpqConnection('postgresql://tandem:s3cr%40t@db.internal:6432/tandem?sslmode=require&schema=public&connection_limit=5')).toEqual({
			uri: 'postgresql://tandem@db.internal:6432/tandem?sslmode=require',
			password: 's3cr@t',
		})
		expect(libpqConnection('postgresql://postgres@127.0.0.1:5432/tandem')).toEqual({ uri: 'postgresql://postgres@127.0.0.1:5432/tandem', password: null })
	})
})
