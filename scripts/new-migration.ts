// `npm run db:new-migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql
// from the difference between the last committed schema.prisma and the working one. (`prisma
// migrate dev` needs a shadow database, which neither driver adapter provides reliably in 6.19;
// see docs/development.md.) Review the SQL, add what Prisma cannot express (triggers), commit.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fail } from './lib/fail.ts'

const name = process.argv[2]
if (!name || !/^[a-z][a-z0-9_]*$/.test(name)) fail('Give the migration a snake_case name: npm run db:new-migration -- add_referral_notes')

const before = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-schema-')), 'schema.prisma')
fs.writeFileSync(before, execFileSync('git', ['show', 'HEAD:prisma/schema.prisma'], { encoding: 'utf8' }))
const sql = execFileSync(process.execPath, ['node_modules/prisma/build/index.js', 'migrate', 'diff', '--from-schema-datamodel', before, '--to-schema-datamodel', 'prisma/schema.prisma', '--script'], {
	encoding: 'utf8',
	stdio: ['ignore', 'pipe', 'inherit'],
})
if (/^-- This is an empty migration\./m.test(sql)) fail('schema.prisma has not changed since the last commit.')
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14)
const dir = path.join('prisma/migrations', `${stamp}_${name}`)
fs.mkdirSync(dir, { recursive: true })
fs.writeFileSync(path.join(dir, 'migration.sql'), sql)
console.log(`Wrote ${dir}/migration.sql — review it, then npm start (or npm run admin -- migrate) applies it.`)
