// `npm run admin -- <command>`: operations for platform admins and scripts (docs/product.md §8.2).
// Commands arrive with their issues; each is a Command in the list below.
import { readFile } from 'node:fs/promises'
import { describeTarget } from '#app/utils/database-target.server.ts'
import { prepareDatabase, isEmpty } from '#app/utils/database-setup.server.ts'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { env } from '#app/utils/env.server.ts'
import { logToStandardError } from '#app/utils/logger.server.ts'
import { ClinicNameSchema, EmailSchema, NameSchema } from '#app/domain/accounts/schemas.ts'
import { CliUsageError, helpText, parseCommandArgs, type Command } from './lib/cli.ts'
import { fail } from './lib/fail.ts'

const commands: Command[] = [
	{
		name: 'create-admin',
		summary: 'Make a platform admin; a new account gets an email to choose its password. Prints the user id.',
		usage: 'create-admin --email E [--name N]',
		options: { email: { type: 'string' }, name: { type: 'string' } },
		usesDatabase: true,
		run: async (values) => {
			const email = EmailSchema.safeParse(values.email ?? '')
			if (!email.success) throw new CliUsageError(`--email: ${email.error.issues[0]!.message}`)
			const name = NameSchema.safeParse(values.name ?? email.data.split('@')[0])
			if (!name.success) throw new CliUsageError(`--name: ${name.error.issues[0]!.message}`)
			const { createPlatformAdmin } = await import('#app/domain/accounts/accounts.server.ts')
			const result = await createPlatformAdmin(email.data, name.data)
			const detail = result.created
				? `Created platform admin ${email.data}; an email with a link to choose a password was sent.`
				: result.alreadyAdmin
					? `${email.data} was already a platform admin.`
					: `${email.data} already had an account and is now a platform admin.`
			return { text: result.id, json: { id: result.id, email: email.data, created: result.created }, details: [detail] }
		},
	},
	{
		name: 'create-clinic',
		summary: 'Create a clinic at a ZIP code; its admin is added, or invited by email if new. Prints the clinic id.',
		usage: 'create-clinic --name N --admin-email E --zip Z',
		options: { name: { type: 'string' }, 'admin-email': { type: 'string' }, zip: { type: 'string' } },
		usesDatabase: true,
		run: async (values) => {
			const name = ClinicNameSchema.safeParse(values.name ?? '')
			if (!name.success) throw new CliUsageError(`--name: ${name.error.issues[0]!.message}`)
			const email = EmailSchema.safeParse(values['admin-email'] ?? '')
			if (!email.success) throw new CliUsageError(`--admin-email: ${email.error.issues[0]!.message}`)
			if (typeof values.zip !== 'string') throw new CliUsageError("--zip: give the clinic's five-digit ZIP code, e.g. --zip 78701.")
			const { createClinic } = await import('#app/domain/clinics/clinics.server.ts')
			const { ZIP_PROBLEM_MESSAGES } = await import('#app/domain/reference/zip-codes.server.ts')
			const result = await createClinic({ name: name.data, zip: values.zip, adminEmail: email.data, actorId: null })
			if (result.kind === 'bad_zip') throw new CliUsageError(`--zip: ${ZIP_PROBLEM_MESSAGES[result.problem]} (got "${values.zip}")`)
			const clinic = await db().clinic.findUniqueOrThrow({ where: { id: result.clinicId }, select: { city: true, state: true, timeZone: true } })
			const admin = result.admin === 'added' ? `${email.data} (existing account) is its clinic admin.` : `An invitation to be its clinic admin was emailed to ${email.data}.`
			return {
				text: result.clinicId,
				json: { id: result.clinicId, name: name.data, ...clinic, admin: { email: email.data, status: result.admin } },
				details: [`Created ${name.data} in ${clinic.city}, ${clinic.state} (${clinic.timeZone}).`, admin],
			}
		},
	},
	{
		name: 'create-api-key',
		summary: 'Create a key for the clinic API (docs/api.md). Prints the key, once; only its hash is kept.',
		usage: 'create-api-key --clinic ID [--name N]',
		options: { clinic: { type: 'string' }, name: { type: 'string' } },
		usesDatabase: true,
		run: async (values) => {
			if (typeof values.clinic !== 'string' || values.clinic.trim() === '') throw new CliUsageError("--clinic: give the clinic's id (create-clinic printed it).")
			const name = (typeof values.name === 'string' ? values.name : 'Created with the admin CLI').trim()
			if (name.length === 0 || name.length > 80) throw new CliUsageError('--name: use 1 to 80 characters.')
			const { createApiKey, MAX_ACTIVE_KEYS } = await import('#app/domain/clinics/api-keys.server.ts')
			const result = await createApiKey(values.clinic.trim(), name, null)
			if (!result.ok) {
				throw new CliUsageError(result.problem === 'no_clinic' ? `--clinic: no clinic has the id "${values.clinic}".` : `The clinic already has ${MAX_ACTIVE_KEYS} active keys; revoke one first.`)
			}
			return {
				text: result.key,
				json: { id: result.id, key: result.key, prefix: result.prefix, clinicId: values.clinic.trim() },
				details: ["Store this key now: it is shown once and cannot be recovered. Clinic admins can revoke it in the clinic's API keys page."],
			}
		},
	},
	{
		name: 'import-therapists',
		summary: 'Import a therapist network from CSV (docs/network-import.md), all or nothing. Prints the number of therapists.',
		usage: 'import-therapists FILE.csv [--dry-run]',
		options: { 'dry-run': { type: 'boolean' } },
		usesDatabase: true,
		run: async (values, positionals) => {
			if (positionals.length !== 1) throw new CliUsageError('Give one CSV file: npm run admin -- import-therapists FILE.csv [--dry-run]')
			const file = positionals[0]!
			let text: string
			try {
				text = await readFile(file, 'utf8')
			} catch (error) {
				const code = (error as NodeJS.ErrnoException).code
				throw new CliUsageError(code === 'ENOENT' ? `${file}: no such file.` : code === 'EISDIR' ? `${file} is a directory, not a CSV file.` : `${file}: ${(error as Error).message}`)
			}
			const { importNetwork } = await import('#app/domain/therapists/network-import.server.ts')
			const { formatIssue } = await import('#app/domain/therapists/network-csv.ts')
			const result = await importNetwork(text, { dryRun: values['dry-run'] === true, actorId: null })
			if (!result.ok) {
				const shown = result.issues.slice(0, 200).map((issue) => `${file}: ${formatIssue(issue)}`)
				const more = result.issues.length > 200 ? [`… and ${result.issues.length - 200} more.`] : []
				throw new CliUsageError([...shown, ...more, `Nothing was imported: ${result.issues.length} problem${result.issues.length === 1 ? '' : 's'} to fix first.`].join('\n'))
			}
			const r = result.report
			const verb = r.dryRun ? 'Would import' : 'Imported'
			return {
				text: String(r.therapists),
				json: r,
				details: [
					`${verb} ${r.therapists} therapists (${r.created} new, ${r.updated} updated) with ${r.licenses} licenses and ${r.authorizations} authorizations.`,
					r.dryRun ? 'Dry run: nothing was changed.' : `${r.invited} new therapists were emailed a link to choose a password.`,
				],
			}
		},
	},
	{
		name: 'flag-expiring-credentials',
		summary: 'Tell therapists about verified credentials expiring within 30 days (a worker does this once a day). Prints the count.',
		usage: 'flag-expiring-credentials',
		options: {},
		usesDatabase: true,
		run: async () => {
			const { flagExpiringCredentials } = await import('#app/domain/therapists/verification.server.ts')
			const flagged = await flagExpiringCredentials()
			return { text: String(flagged), json: { flagged }, details: [`${flagged} credential${flagged === 1 ? '' : 's'} newly flagged as expiring within 30 days.`] }
		},
	},
	{
		name: 'rebuild-search',
		summary: "Rewrite every therapist's search rows (matching reads them); run after changing compact membership. A worker rewrites rows older than a week once a day. Prints the count.",
		usage: 'rebuild-search',
		options: {},
		usesDatabase: true,
		run: async () => {
			const { rebuildTherapistSearch } = await import('#app/domain/matching/search-index.server.ts')
			const { therapists } = await rebuildTherapistSearch()
			return { text: String(therapists), json: { therapists }, details: [`Rewrote the search rows of ${therapists} therapist${therapists === 1 ? '' : 's'}.`] }
		},
	},
	{
		name: 'verify-audit',
		summary: 'Walk the audit log\'s hash chain (docs/security.md); exits non-zero at the first broken link. Prints "N events, chain intact".',
		usage: 'verify-audit [--anchor SEQ:HASH]',
		options: { anchor: { type: 'string' } },
		usesDatabase: true,
		run: async (values) => {
			const { parseAnchor } = await import('#app/domain/audit/chain.ts')
			const { verifyAuditChain } = await import('#app/domain/audit/verify.server.ts')
			const { auditProtection } = await import('#app/domain/audit/protection.server.ts')
			let anchor = null
			if (values.anchor !== undefined) {
				anchor = parseAnchor(String(values.anchor))
				if (!anchor) throw new CliUsageError(`--anchor: give the head an earlier run printed, as SEQ:HASH (a row number, a colon, 64 hex digits); got "${values.anchor}".`)
			}
			const result = await verifyAuditChain({ anchor })
			const protection = await auditProtection()
			const guard =
				protection.database === 'embedded'
					? 'Database-level protection: the embedded database has one (super)user; triggers refuse changes and the chain shows any made around them.'
					: protection.protected
						? `Database-level protection: the app's role ${protection.role} can only read and append audit rows.`
						: `Database-level protection: weak; the role ${protection.role} could rewrite the log (${protection.reasons.join('; ')}). See docs/security.md.`
			if (!result.ok) {
				const b = result.broken
				const where = b.id ? `row ${b.seq} (id ${b.id})` : `row ${b.seq}`
				const message = `Audit chain broken at ${where}: ${b.message}. The ${result.count} events before it are intact.`
				if (values.json) console.log(JSON.stringify({ ok: false, intact: result.count, broken: { ...b, seq: b.seq.toString() } }))
				throw new CliUsageError(message)
			}
			const head = result.head ? `${result.head.seq}:${result.head.hash}` : null
			return {
				text: `${result.count} events, chain intact`,
				json: { ok: true, events: result.count, head, protected: protection.database === 'server' ? protection.protected : null },
				details: [...(head ? [`Head: ${head} (keep it elsewhere; verify-audit --anchor ${head} later also proves nothing up to it was removed or rewritten).`] : []), guard],
			}
		},
	},
	{
		name: 'grant-app-role',
		summary: "As the tables' owner, let ROLE read and write every table but only read and append the audit log (docs/security.md).",
		usage: 'grant-app-role --role ROLE',
		options: { role: { type: 'string' } },
		usesDatabase: true,
		run: async (values) => {
			if (env().database.kind === 'embedded') throw new CliUsageError('grant-app-role is for a PostgreSQL server (DATABASE_URL); the embedded database has no other roles.')
			if (typeof values.role !== 'string') throw new CliUsageError('--role: give the role the app connects as, e.g. --role tandem_app.')
			const { grantAppRole, AppRoleError } = await import('#app/domain/audit/protection.server.ts')
			try {
				await grantAppRole(values.role)
			} catch (error) {
				if (error instanceof AppRoleError) throw new CliUsageError(error.message)
				throw error
			}
			return {
				text: values.role,
				json: { role: values.role },
				details: [`${values.role} may now read and write every table, and only read and append audit rows; tables later migrations add get the same.`],
			}
		},
	},
	{
		name: 'backup',
		summary: 'Write the whole database to FILE (--force: overwrite it): the embedded one with the app stopped, a server through pg_dump. Prints FILE.',
		usage: 'backup FILE [--force]',
		options: { force: { type: 'boolean' } },
		usesDatabase: false,
		run: async (values, positionals) => {
			if (positionals.length !== 1) throw new CliUsageError('Give one file to write: npm run admin -- backup FILE [--force]')
			const { backupDatabase } = await import('#app/utils/backup.server.ts')
			const file = positionals[0]!
			const done = await asOneLine('The backup failed', () => backupDatabase(env().database, file, { force: values.force === true }))
			return {
				text: file,
				json: done,
				details: [
					`Backed up ${describeTarget(env().database)}: ${done.rows} rows in ${done.tables} tables, at migration ${done.latestMigration}.`,
					`Wrote ${file} (${formatBytes(done.bytes)}), readable by its owner only: it holds patients' details.`,
				],
			}
		},
	},
	{
		name: 'restore',
		summary: 'Replace the database with a backup of the same kind; refuses a database with data unless --force. Prints FILE.',
		usage: 'restore FILE [--force]',
		options: { force: { type: 'boolean' } },
		usesDatabase: false,
		run: async (values, positionals) => {
			if (positionals.length !== 1) throw new CliUsageError('Give one backup file: npm run admin -- restore FILE [--force]')
			const { restoreDatabase } = await import('#app/utils/backup.server.ts')
			const file = positionals[0]!
			const config = env()
			const done = await asOneLine('The restore failed', () => restoreDatabase(config.database, file, { force: values.force === true, createServerDatabase: config.NODE_ENV !== 'production' }))
			const newer = done.newerMigrations.length
			return {
				text: file,
				json: done,
				details: [
					`Restored ${file} (taken ${done.createdAt}) into ${describeTarget(config.database)}${done.replaced ? ', replacing what it held' : ''}: ${done.rows} rows in ${done.tables} tables.`,
					`The database is at the backup's migration ${done.latestMigration}` +
						(newer === 0 ? ', the latest this version has.' : `; npm start (or npm run admin -- migrate) applies the ${newer} newer migration${newer === 1 ? '' : 's'} of this version.`),
					...(config.database.kind === 'server'
						? ['Grants on tables were not restored: if the app connects as its own role, run npm run admin -- grant-app-role --role ROLE again (docs/security.md).']
						: []),
				],
			}
		},
	},
	{
		name: 'migrate',
		summary: 'Apply pending migrations and reference data (start does this too).',
		usage: 'migrate',
		options: {},
		usesDatabase: true,
		run: async () => ({ text: 'migrated', json: { migrated: true }, details: [] }),
	},
	{
		name: 'seed',
		summary: 'Add the demo data to an empty database; prints the number of therapists.',
		usage: 'seed',
		options: {},
		usesDatabase: true,
		run: async () => {
			if (!(await isEmpty())) throw new CliUsageError('The database already has data; "npm run db:reset" empties the embedded one first.')
			const { seedDemoData } = await import('#prisma/seed.ts')
			const seeded = await seedDemoData(db())
			return {
				text: String(seeded.therapists),
				json: seeded,
				details: [`Seeded ${seeded.clinics} clinics, ${seeded.therapists} therapists, ${seeded.referrals} referrals and ${seeded.accounts} log-ins.`],
			}
		},
	},
	{
		name: 'status',
		summary: 'Show which database is used and how many therapists it holds.',
		usage: 'status',
		options: {},
		usesDatabase: true,
		run: async () => {
			const [therapists, clinics, referrals] = await Promise.all([db().therapist.count(), db().clinic.count(), db().referral.count()])
			return {
				text: String(therapists),
				json: { database: env().database.kind, therapists, clinics, referrals },
				details: [`Database: ${describeTarget(env().database)}`, `${clinics} clinics, ${referrals} referrals, ${therapists} therapists.`],
			}
		},
	},
]

/** Ends an unforeseen failure of a long command in one line too: the operator acts on its cause, not its stack. */
async function asOneLine<T>(what: string, run: () => Promise<T>): Promise<T> {
	try {
		return await run()
	} catch (error) {
		const { BackupError } = await import('#app/utils/backup-file.ts')
		const { DatabaseUnreachableError } = await import('#app/utils/postgres-server.server.ts')
		if (error instanceof BackupError || error instanceof DatabaseUnreachableError) throw error
		const message = error instanceof Error ? error.message : String(error)
		throw new CliUsageError(
			`${what}: ${
				message
					.split('\n')
					.find((line) => line.trim())
					?.trim() ?? 'unknown error'
			}`,
		)
	}
}

function formatBytes(bytes: number): string {
	return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

async function main(argv: string[]) {
	const [name, ...rest] = argv
	if (!name || name === 'help' || name === '--help' || name === '-h') {
		console.log(helpText(commands))
		return
	}
	const command = commands.find((c) => c.name === name)
	if (!command) throw new CliUsageError(`Unknown command "${name}". Run "npm run admin -- --help" for the list.`)
	const { values, positionals } = parseCommandArgs(command, rest)
	if (values.help) {
		console.log(`Usage: npm run admin -- ${command.usage}\n\n${command.summary}`)
		return
	}

	let lock = null
	try {
		if (command.usesDatabase) {
			const config = env()
			lock = (
				await prepareDatabase(config.database, {
					seedIfEmpty: false,
					createServerDatabase: config.NODE_ENV !== 'production',
					command: `admin ${name}`,
				})
			).lock
		}
		const result = await command.run(values, positionals)
		if (values.json) {
			console.log(JSON.stringify(result.json))
		} else {
			for (const line of result.details ?? []) console.log(line)
			console.log(result.text)
		}
	} finally {
		await closeDatabase()
		lock?.release()
	}
}

// Standard output is the command's answer (a line, or --json); log lines go to standard error.
logToStandardError()
main(process.argv.slice(2)).catch((error) => {
	if (error instanceof CliUsageError) fail(error.message)
	fail(error)
})
