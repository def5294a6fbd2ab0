// A fresh database for each integration run, on the target TEST_DB names: `embedded` (PGlite in
// a temporary directory) or `server` (a new database on the PostgreSQL server at
// TEST_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/postgres). Migrations are
// applied with the same CLI path the app uses; the database is removed afterwards.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { runMigrations } from '#app/utils/migrate.server.ts'

export default async function setup() {
	const target = process.env.TEST_DB ?? 'embedded'
	if (target === 'embedded') {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-test-'))
		delete process.env.DATABASE_URL
		process.env.TANDEM_DATA_DIR = dir
		await runMigrations()
		return () => fs.rmSync(dir, { recursive: true, force: true })
	}
	if (target === 'server') {
		const base = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
		const name = `tandem_test_${process.pid}_${randomBytes(3).toString('hex')}`
		await admin(base, `CREATE DATABASE ${name}`)
		const url = new URL(base)
		url.pathname = `/${name}`
		process.env.DATABASE_URL = url.toString()
		process.env.TANDEM_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-test-'))
		await runMigrations()
		return async () => {
			await admin(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
			fs.rmSync(process.env.TANDEM_DATA_DIR!, { recursive: true, force: true })
		}
	}
	throw new Error(`TEST_DB must be "embedded" or "server" (got "${target}")`)
}

async function admin(url: string, sql: string) {
	const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 })
	try {
		await client.connect()
	} catch (error) {
		throw new Error(
			`Integration tests on the PostgreSQL server need one at ${url} (${(error as Error).message}). ` +
				'Start it, set TEST_DATABASE_URL, or run only the embedded target with TEST_DATABASE_TARGETS=embedded.',
		)
	}
	try {
		await client.query(sql)
	} finally {
		await client.end()
	}
}
