// Tokens are stored only hashed: after reset, verification, invitation and
// patient-link emails are asked for and sent, no text or JSON column of any table holds a raw
// token, nor (outside the referral's own patient record) the patient's address. A reset request
// does the same thing whether the address has an account or not, and sends after answering.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeEach, describe, expect, test } from 'vitest'
import { requestPasswordReset, resetPassword } from '#app/domain/accounts/accounts.server.ts'
import { createClinic, inviteToClinic } from '#app/domain/clinics/clinics.server.ts'
import { inviteTherapist } from '#app/domain/clinics/therapist-invitations.server.ts'
import { drainJobs } from '#app/domain/outbox/worker.server.ts'
import { patientRecipient, resendPatientLink, resolvePatientLink } from '#app/domain/referrals/patient-links.server.ts'
import { action as forgotPasswordAction } from '#app/routes/forgot-password.tsx'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { testMailbox } from '#app/utils/email.server.ts'
import { lastEmailTo, tokenFrom, verifiedUser } from '#tests/setup/accounts.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'
import { texasReferralData } from '#tests/factories/referrals.ts'

beforeEach(async () => {
	await resetDatabase()
	testMailbox.clear()
})
afterAll(closeDatabase)

const PATIENT_EMAIL = 'pat.secret@example.org'

/** Every text, character and JSON column of every table (arrays of them included). */
async function textColumns() {
	return db().$queryRaw<{ table: string; column: string }[]>`
		SELECT c.table_name AS "table", c.column_name AS "column"
		FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
		WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name <> '_prisma_migrations'
			AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb') OR (c.data_type = 'ARRAY' AND c.udt_name IN ('_text', '_varchar', '_jsonb')))
		ORDER BY 1, 2`
}

/** Where a value sits in the database: "Table.column" for each column with a row holding it. */
async function whereStored(value: string, skip: (table: string) => boolean = () => false): Promise<string[]> {
	const found: string[] = []
	for (const { table, column } of await textColumns()) {
		if (skip(table)) continue
		const [row] = await db().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table}" WHERE strpos("${column}"::text, $1) > 0`, value)
		if (row!.n > 0) found.push(`${table}.${column}`)
	}
	return found
}

/** A shortlisted referral of a new clinic, with a patient to send a link to. */
async function shortlistedReferral(clinicId: string) {
	const first = new Date('2026-11-24T15:00:00Z')
	const referral = await db().referral.create({
		data: texasReferralData(clinicId, first, {
			status: 'shortlisted',
			patient: { create: { firstName: 'Pat', lastName: 'Secret', email: PATIENT_EMAIL, birthDate: new Date('1985-04-02') } },
		}),
		select: { id: true },
	})
	return referral.id
}

describe('no raw token is stored', () => {
	test('after reset, verification, invitation and patient-link emails are asked for and sent, no column of any table holds a token', async () => {
		const adminId = await verifiedUser('admin@example.org', 'Ada Admin')
		await requestPasswordReset('admin@example.org')
		const created = await createClinic({ name: 'Hill Country Ketamine', zip: '78701', adminEmail: 'teresa@clinic.example', actorId: adminId })
		if (created.kind !== 'created') throw new Error('expected a clinic')
		await db().clinicMember.create({ data: { clinicId: created.clinicId, userId: adminId, role: 'clinic_admin' } })
		await inviteToClinic({ clinicId: created.clinicId, email: 'cory@clinic.example', role: 'coordinator', invitedById: adminId })
		await inviteTherapist({ clinicId: created.clinicId, email: 'rosa@example.org', note: 'We would love to work with you.', invitedById: adminId })
		const referralId = await shortlistedReferral(created.clinicId)
		await db().$transaction((tx) => resendPatientLink(tx, referralId, new Date()))
		expect(await drainJobs()).toEqual({ done: 2, failed: 0 }) // the reset and the patient's link

		const links = {
			reset: tokenFrom((await lastEmailTo('admin@example.org')).text, '/reset-password'),
			clinicAdmin: tokenFrom((await lastEmailTo('teresa@clinic.example')).text, '/invitation'),
			coordinator: tokenFrom((await lastEmailTo('cory@clinic.example')).text, '/invitation'),
			therapist: tokenFrom((await lastEmailTo('rosa@example.org')).text, '/join/therapist'),
			patient: /\/choose\/([a-z2-7]{32})/.exec((await lastEmailTo(patientRecipient(referralId))).text)![1]!,
		}
		// The emailed links work…
		expect(await resolvePatientLink(links.patient, new Date())).toMatchObject({ ok: true, referralId })
		// …and none of their tokens is anywhere in the database.
		for (const [name, token] of Object.entries(links)) expect(await whereStored(token), name).toEqual([])
		// Nor is the patient's address, outside the referral's own patient record.
		expect(await whereStored(PATIENT_EMAIL, (table) => table === 'ReferralPatient')).toEqual([])
		expect(await whereStored(PATIENT_EMAIL)).toEqual(['ReferralPatient.email'])

		// The email log keeps what was sent, by template, without its text.
		const log = await db().emailMessage.findMany({ orderBy: { createdAt: 'asc' }, select: { to: true, template: true, text: true, html: true } })
		expect(log.map((e) => e.template).sort()).toEqual(['clinic_invitation', 'clinic_invitation', 'clinic_invites_therapist', 'password_reset', 'patient_link', 'verify_email'])
		expect(log.every((e) => e.text === null && e.html === null)).toBe(true)
		expect(log.find((e) => e.template === 'patient_link')!.to).toBe(patientRecipient(referralId))
	})

	test('a job whose payload would carry a token-bearing link is refused', async () => {
		const { enqueue } = await import('#app/domain/outbox/outbox.server.ts')
		const text = 'Choose: http://localhost:3000/choose/abcdefghijklmnopqrstuvwxyz234567'
		await expect(enqueue(db(), 'email', { to: 'someone@example.org', template: 'x', subject: 'x', text, html: text }, { runAt: new Date() })).rejects.toThrow(/must not carry a link with a token/)
		expect(await db().outboxJob.count()).toBe(0)
	})
})

describe('asking for a password reset', () => {
	test('does the same thing whether the address has an account or not, and sends only after answering', async () => {
		await verifiedUser('ana@example.org')
		const before = await db().emailMessage.count()
		const ask = (email: string) =>
			forgotPasswordAction({ request: new Request('http://localhost/forgot-password', { method: 'POST', body: new URLSearchParams({ email }) }), params: {}, context: { cspNonce: '' } })

		const known = await ask('ana@example.org')
		const unknown = await ask('nobody@example.org')
		// The same answer, and the same trace: one job each, no token made and no email sent yet.
		expect(known).toEqual(unknown)
		expect(known).toMatchObject({ sent: true })
		expect(await db().userToken.count({ where: { purpose: 'password_reset' } })).toBe(0)
		expect(await db().emailMessage.count()).toBe(before)
		const jobs = await db().outboxJob.findMany({ orderBy: { createdAt: 'asc' }, select: { kind: true, payload: true, dedupeKey: true, doneAt: true } })
		expect(jobs).toEqual([
			{ kind: 'password_reset', payload: { email: 'ana@example.org' }, dedupeKey: null, doneAt: null },
			{ kind: 'password_reset', payload: { email: 'nobody@example.org' }, dedupeKey: null, doneAt: null },
		])

		// The worker sends the link to the account, and nothing to the unknown address.
		await drainJobs()
		expect(await db().emailMessage.count()).toBe(before + 1)
		const token = tokenFrom((await lastEmailTo('ana@example.org')).text, '/reset-password')
		expect(await resetPassword(token, 'a brand new passphrase')).toMatchObject({ kind: 'reset' })
		expect(await db().emailMessage.count({ where: { to: 'nobody@example.org' } })).toBe(0)
	})
})

describe('the migration', () => {
	const MIGRATION = fs.readFileSync(path.resolve('prisma/migrations/20261202100438_email_bodies_and_purge/migration.sql'), 'utf8')

	test('clears stored email bodies and sent email jobs, and turns a waiting patient-link email into a job that makes a fresh link', async () => {
		await db()
			.$transaction(async (tx) => {
				// The earlier shape of the tables it changes, alone in a schema of its own.
				await tx.$executeRawUnsafe('CREATE SCHEMA email_bodies_migration')
				await tx.$executeRawUnsafe('SET LOCAL search_path TO email_bodies_migration')
				await tx.$executeRawUnsafe(
					`CREATE TABLE "EmailMessage" (id text PRIMARY KEY, "to" text NOT NULL, subject text NOT NULL, text text NOT NULL, html text NOT NULL, transport text NOT NULL, "createdAt" timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP, "sentAt" timestamp(3), error text)`,
				)
				await tx.$executeRawUnsafe(
					`CREATE TABLE "OutboxJob" (id text PRIMARY KEY, kind text NOT NULL, payload jsonb NOT NULL, "dedupeKey" text UNIQUE, "runAt" timestamp(3) NOT NULL, attempts integer NOT NULL DEFAULT 0, "lockedUntil" timestamp(3), "doneAt" timestamp(3), "failedAt" timestamp(3), "lastError" text, "createdAt" timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP)`,
				)
				await tx.$executeRawUnsafe(
					`CREATE TABLE "PatientLink" (id text PRIMARY KEY, "referralId" text NOT NULL, "tokenHash" text NOT NULL, "createdAt" timestamp(3) NOT NULL, "expiresAt" timestamp(3) NOT NULL)`,
				)
				await tx.$executeRawUnsafe(`CREATE TABLE "UserToken" (id text PRIMARY KEY, "expiresAt" timestamp(3) NOT NULL)`)
				await tx.$executeRawUnsafe(`CREATE TABLE "RateLimit" (key text PRIMARY KEY, "windowStart" timestamp(3) NOT NULL)`)
				const secret = 'http://localhost/choose/abcdefghijklmnopqrstuvwxyz234567'
				await tx.$executeRawUnsafe(`INSERT INTO "EmailMessage" (id, "to", subject, text, html, transport) VALUES ('m1', 'pat@example.org', 'Choose your therapist', $1, $1, 'smtp')`, secret)
				await tx.$executeRawUnsafe(`INSERT INTO "PatientLink" VALUES ('l1', 'r1', 'hash', now(), now())`)
				const email = (to: string) => JSON.stringify({ to, subject: 's', text: secret, html: secret })
				await tx.$executeRawUnsafe(
					`INSERT INTO "OutboxJob" (id, kind, payload, "dedupeKey", "runAt") VALUES ('waiting-link', 'email', $1::jsonb, 'email:patient-link:l1', '2026-12-01 10:00')`,
					email('pat@example.org'),
				)
				await tx.$executeRawUnsafe(
					`INSERT INTO "OutboxJob" (id, kind, payload, "dedupeKey", "runAt", "doneAt") VALUES ('sent-link', 'email', $1::jsonb, 'email:patient-link:l0', '2026-11-20 10:00', '2026-11-20 10:00')`,
					email('pat@example.org'),
				)
				await tx.$executeRawUnsafe(
					`INSERT INTO "OutboxJob" (id, kind, payload, "dedupeKey", "runAt", "doneAt") VALUES ('sent-notice', 'email', '{"to":"t@example.org","subject":"s","text":"t","html":"h"}', 'email:n1:t@example.org', '2026-11-20 10:00', '2026-11-20 10:00')`,
				)
				await tx.$executeRawUnsafe(
					`INSERT INTO "OutboxJob" (id, kind, payload, "dedupeKey", "runAt") VALUES ('waiting-notice', 'email', '{"to":"t@example.org","subject":"s","text":"t","html":"h"}', 'email:n2:t@example.org', '2026-12-01 10:00')`,
				)
				await tx.$executeRawUnsafe(`INSERT INTO "OutboxJob" (id, kind, payload, "runAt", "doneAt") VALUES ('round', 'offer_round', '{"referralId":"r1"}', '2026-11-20 10:00', '2026-11-20 10:00')`)

				for (const statement of MIGRATION.split(/;\s*$/m).filter((s) => s.replace(/--.*$/gm, '').trim())) await tx.$executeRawUnsafe(statement)

				expect(await tx.$queryRawUnsafe(`SELECT id, text, html, template FROM "EmailMessage"`)).toEqual([{ id: 'm1', text: null, html: null, template: null }])
				const jobs = await tx.$queryRawUnsafe<{ id: string; kind: string; payload: unknown; dedupeKey: string | null; doneAt: Date | null }[]>(
					`SELECT id, kind, payload, "dedupeKey", "doneAt" FROM "OutboxJob" ORDER BY id`,
				)
				expect(jobs.map((j) => j.id)).toEqual(['migrated-waiting-link', 'round', 'waiting-notice'])
				expect(jobs[0]).toMatchObject({ kind: 'patient_link', payload: { referralId: 'r1' }, doneAt: null })
				expect(JSON.stringify(jobs)).not.toContain('abcdefghijklmnopqrstuvwxyz234567')
				throw new Rollback()
			})
			.catch((error: unknown) => {
				if (!(error instanceof Rollback)) throw error
			})
		expect(await db().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = 'email_bodies_migration'`)).toEqual([{ n: 0 }])
	})
})

class Rollback extends Error {}
