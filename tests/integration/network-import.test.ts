// The therapist network import (docs/product.md §8.1) on a real database: the sample file, a file full
// of broken rows (which changes nothing), re-imports that update without duplicating, and the
// accounts imported therapists get.
import fs from 'node:fs'
import { afterAll, beforeEach, describe, expect, test } from 'vitest'
import { logIn, resetPassword } from '#app/domain/accounts/accounts.server.ts'
import { ensureReferenceData } from '#app/domain/reference/reference-data.server.ts'
import { formatIssue } from '#app/domain/therapists/network-csv.ts'
import { importNetwork } from '#app/domain/therapists/network-import.server.ts'
import { action as importAction } from '#app/routes/admin.import.tsx'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { createSession, markSessionTwoFactorVerified, SESSION_COOKIE, validateSessionToken } from '#app/utils/session.server.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'
import { sent } from '#tests/setup/accounts.ts'

const sample = fs.readFileSync('docs/sample-therapists.csv', 'utf8')
const [header, ...rows] = sample.trim().split('\n')

beforeEach(async () => {
	await resetDatabase()
	await ensureReferenceData(db())
})
afterAll(closeDatabase)

async function snapshot() {
	const therapists = await db().therapist.findMany({
		orderBy: { email: 'asc' },
		include: { licenses: { orderBy: { number: 'asc' } }, authorizations: { orderBy: { homeState: 'asc' } }, availability: { orderBy: [{ dayOfWeek: 'asc' }, { startMinute: 'asc' }] } },
	})
	return therapists.map(({ updatedAt: _u, availability, ...t }) => ({
		...t,
		licenses: t.licenses.map(({ updatedAt: _lu, ...l }) => l),
		authorizations: t.authorizations.map(({ updatedAt: _au, ...a }) => a),
		availability: availability.map(({ id: _id, ...a }) => a),
	}))
}

test('the sample imports cleanly: profiles, licenses, verified authorizations, availability, and accounts that must choose a password', async () => {
	const result = await importNetwork(sample, { actorId: null })
	expect(result).toEqual({ ok: true, report: { dryRun: false, therapists: 6, created: 6, updated: 0, licenses: 7, authorizations: 3, invited: 6 } })

	const james = await db().therapist.findUniqueOrThrow({ where: { email: 'james.okafor@example.org' }, include: { licenses: true, authorizations: true, availability: true, user: true } })
	expect(james).toMatchObject({
		fullName: 'James Okafor, PhD',
		timeZone: 'America/Denver',
		formats: ['telehealth'],
		officeZip: null,
		weeklyCapacity: 4,
		accepting: true,
		kapTrainingHours: 60,
		insurancePayers: ['cigna', 'united', 'optum'],
	})
	expect(james.licenses).toMatchObject([{ state: 'CO', type: 'psychologist', number: 'PSY-0049821', status: 'verified' }])
	expect(james.licenses[0]!.expiresOn.toISOString().slice(0, 10)).toBe('2027-11-30')
	expect(james.authorizations).toMatchObject([{ kind: 'psypact_apit', homeState: 'CO', states: [], status: 'verified' }])
	expect(james.availability).toHaveLength(2)
	expect(james.user).toMatchObject({ email: 'james.okafor@example.org', emailVerifiedAt: null })

	const rosa = await db().therapist.findUniqueOrThrow({ where: { email: 'rosa.whitehorse@example.org' }, include: { licenses: true } })
	expect(rosa.licenses).toMatchObject([{ type: 'lpc_associate', status: 'pending', verifiedAt: null }])

	// The emailed link lets the therapist choose a password and log in; until then nothing works.
	expect(await logIn({ email: 'james.okafor@example.org', password: 'a long enough passphrase' })).toEqual({ kind: 'invalid' })
	const email = sent(await db().emailMessage.findFirstOrThrow({ where: { to: 'james.okafor@example.org' } }))
	expect(email.subject).toBe('Your Tandem therapist profile is ready')
	const token = /reset-password\?token=([a-z2-7]{32})/.exec(email.text)![1]!
	expect(await resetPassword(token, 'a long enough passphrase')).toMatchObject({ kind: 'reset' })
	expect(await logIn({ email: 'james.okafor@example.org', password: 'a long enough passphrase' })).toMatchObject({ kind: 'ok' })
	expect(await db().auditEvent.count({ where: { action: 'therapists.imported' } })).toBe(1)
})

test('a dry run reports what would happen and changes nothing', async () => {
	expect(await importNetwork(sample, { actorId: null, dryRun: true })).toEqual({
		ok: true,
		report: { dryRun: true, therapists: 6, created: 6, updated: 0, licenses: 7, authorizations: 3, invited: 0 },
	})
	expect(await db().therapist.count()).toBe(0)
	expect(await db().emailMessage.count()).toBe(0)
})

test('re-importing the same file changes nothing and duplicates nothing', async () => {
	await importNetwork(sample, { actorId: null })
	const before = await snapshot()
	const again = await importNetwork(sample, { actorId: null })
	expect(again).toEqual({ ok: true, report: { dryRun: false, therapists: 6, created: 0, updated: 6, licenses: 7, authorizations: 3, invited: 0 } })
	expect(await snapshot()).toEqual(before)
	expect(await db().user.count()).toBe(6)
	expect(await db().emailMessage.count()).toBe(6)
})

test('a re-import updates by email: a license renewed, one dropped, one added, a profile edited', async () => {
	await importNetwork(sample, { actorId: null })
	const maria = await db().therapist.findUniqueOrThrow({ where: { email: 'maria.delgado@example.org' }, include: { licenses: true } })
	const lpcId = maria.licenses.find((l) => l.type === 'lpc')!.id
	const edited = sample
		.replace('TX:lpc:LPC-70321:2027-08-31:verified|TX:lmft:LMFT-20114:2027-03-31:verified', 'TX:lpc:LPC-70321:2029-08-31:verified|NM:lpc:NM-99:2028-01-31:pending')
		.replace('maria.delgado@example.org,Maria Delgado,', 'MARIA.DELGADO@example.org,Maria Delgado-Ruiz,')
	expect(await importNetwork(edited, { actorId: null })).toMatchObject({ ok: true, report: { created: 0, updated: 6 } })
	const after = await db().therapist.findUniqueOrThrow({ where: { email: 'maria.delgado@example.org' }, include: { licenses: { orderBy: { state: 'asc' } } } })
	expect(after.fullName).toBe('Maria Delgado-Ruiz')
	expect(after.licenses.map((l) => [l.state, l.type, l.status, l.expiresOn.toISOString().slice(0, 10)])).toEqual([
		['NM', 'lpc', 'pending', '2028-01-31'],
		['TX', 'lpc', 'verified', '2029-08-31'],
	])
	expect(after.licenses.find((l) => l.type === 'lpc' && l.state === 'TX')!.id).toBe(lpcId) // updated in place
	expect(await db().therapist.count()).toBe(6)
})

test('a file with ten kinds of broken rows reports each by line and changes nothing', async () => {
	await importNetwork(sample, { actorId: null })
	const before = await snapshot()
	const maria = rows[0]!
	const broken = [
		header,
		maria.replace('TX:lpc:LPC-70321', 'ZZ:lpc:LPC-70321'), // 2 bad state
		rows[1]!.replace('2027-11-30:verified', '2027-13-01:verified'), // 3 bad date
		rows[2]!.replace('mindfulness;', 'breathwork;'), // 4 unknown modality
		rows[3]!, // 5 fine
		maria.replace('Maria Delgado', 'Maria Again'), // 6 duplicate email (of line 2)
		rows[4]!.replace(',telehealth,', ',telehealth;in_person,'), // 7 in person without an office ZIP
		rows[5]!.replace('mon 08:00-16:00', 'mon 8am-4pm'), // 8 malformed availability
		rows[1]!.replace('james.okafor@', 'j2@').replace('psypact_apit:CO:*', 'psypact_apit:CO:CA'), // 9 APIT covering a non-member
		rows[3]!.replace('daniel.cho@', 'd2@').replace(',2,true,40', ',-1,true,40'), // 10 negative capacity
		rows[3]!.replace('daniel.cho@', 'd3@').replace('en;ko', 'en;klingon'), // 11 unknown language
		rows[3]!.replace('daniel.cho@', 'd4@').replace(',140,false,', ',140,nope,'), // 12 sliding scale not a boolean
	].join('\n')
	const result = await importNetwork(broken, { actorId: null })
	expect(result.ok).toBe(false)
	if (result.ok) return
	expect(result.issues.map(formatIssue)).toEqual([
		'line 2, column licenses: "ZZ" in "ZZ:lpc:LPC-70321:2027-08-31:verified" is not a US state code.',
		'line 3, column licenses: "2027-13-01" in "CO:psychologist:PSY-0049821:2027-13-01:verified" is not a date written YYYY-MM-DD.',
		expect.stringMatching(/^line 4, column modalities: "breathwork" is not a modality/),
		'line 6, column email: maria.delgado@example.org is already on line 2; each therapist appears once.',
		'line 7, column office_zip: an office ZIP code is required when formats include in_person.',
		'line 8, column availability: "mon 8am-4pm" should look like "mon 09:00-12:00".',
		'line 9, column authorizations: CA is not a PSYPACT member, so an APIT cannot cover it.',
		'line 10, column weekly_capacity: "-1" is not a whole number.',
		'line 11, column languages: "klingon" is not a language we know (use two-letter ISO 639-1 codes such as en, es).',
		'line 12, column sliding_scale: "nope" should be true or false.',
	])
	expect(await snapshot()).toEqual(before)
	expect(await db().auditEvent.count({ where: { action: 'therapists.imported' } })).toBe(1)
})

test("an existing account with the therapist's address gets the profile instead of a second account", async () => {
	await db().user.create({ data: { email: 'priya.raman@example.org', name: 'Priya', passwordHash: 'x', emailVerifiedAt: new Date() } })
	const result = await importNetwork(sample, { actorId: null })
	expect(result).toMatchObject({ ok: true, report: { invited: 5 } })
	const priya = await db().user.findUniqueOrThrow({ where: { email: 'priya.raman@example.org' }, include: { therapist: true } })
	expect(priya.therapist?.fullName).toBe('Priya Raman')
})

describe('the upload page for platform admins', () => {
	async function adminCookie() {
		const admin = await db().user.create({ data: { email: 'root@example.org', name: 'Root', passwordHash: 'x', emailVerifiedAt: new Date(), isPlatformAdmin: true, totpEnabledAt: new Date() } })
		const { token } = await createSession(admin.id, { ip: null, userAgent: null })
		await markSessionTwoFactorVerified((await validateSessionToken(token))!.sessionId)
		return `${SESSION_COOKIE}=${token}`
	}
	async function upload(cookie: string, file: Blob | null, dryRun: boolean) {
		const form = new FormData()
		if (file) form.set('file', file, 'network.csv')
		if (dryRun) form.set('dryRun', 'on')
		const request = new Request('http://localhost/admin/import', { method: 'POST', headers: { Cookie: cookie }, body: form })
		const answer = (await importAction({ request, params: {}, context: { cspNonce: '' } })) as unknown as {
			init: { status: number } | null
			data: { report: unknown; issues: string[]; result: { error?: Record<string, string[] | null> } }
		}
		// The form's refusal, under the file field.
		const { result, ...rest } = answer.data
		return { status: answer.init?.status ?? 200, ...rest, error: result.error?.file?.join(' ') ?? null }
	}

	test('a dry run, then the import, of the sample; a broken file is listed line by line and changes nothing', async () => {
		const cookie = await adminCookie()
		expect(await upload(cookie, new Blob([sample]), true)).toMatchObject({ status: 200, report: { dryRun: true, therapists: 6 } })
		expect(await db().therapist.count()).toBe(0)
		expect(await upload(cookie, new Blob([sample]), false)).toMatchObject({ status: 200, report: { dryRun: false, created: 6 } })
		const broken = sample.replace('TX:lpc:LPC-70321', 'ZZ:lpc:LPC-70321').replace('maria.delgado@', 'maria2@')
		const answer = await upload(cookie, new Blob([broken]), false)
		expect(answer.status).toBe(422)
		expect(answer.issues).toEqual(['line 2, column licenses: "ZZ" in "ZZ:lpc:LPC-70321:2027-08-31:verified" is not a US state code.'])
		expect(await db().therapist.count()).toBe(6)
	})

	test('no file, an empty file or a file that is not UTF-8 gets a clear 400', async () => {
		const cookie = await adminCookie()
		expect(await upload(cookie, null, false)).toMatchObject({ status: 400, error: 'Choose a CSV file to import.' })
		expect(await upload(cookie, new Blob([]), false)).toMatchObject({ status: 400, error: 'Choose a CSV file to import.' })
		expect(await upload(cookie, new Blob([new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0xc3])]), false)).toMatchObject({ status: 400, error: expect.stringMatching(/not UTF-8/) })
	})
})
