// A therapist editing their own profile, through the page's action on a real database: each
// section saves alone, bad input is refused on its field with what was typed kept, credentials
// they add wait for verification, and nobody edits anyone else's.
import fs from 'node:fs'
import { afterAll, beforeEach, expect, test } from 'vitest'
import { ensureReferenceData } from '#app/domain/reference/reference-data.server.ts'
import { changeCredentialStatus } from '#app/domain/therapists/credential-lifecycle.server.ts'
import { importNetwork } from '#app/domain/therapists/network-import.server.ts'
import { action, loader } from '#app/routes/therapist.profile.tsx'
import { loader as photoLoader } from '#app/routes/therapists.$therapistId.photo.ts'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { createSession, SESSION_COOKIE } from '#app/utils/session.server.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'

const sample = fs.readFileSync('docs/sample-therapists.csv', 'utf8')
let cookie: string
let therapistId: string

beforeEach(async () => {
	await resetDatabase()
	await ensureReferenceData(db())
	await importNetwork(sample, { actorId: null, invite: false })
	const maria = await db().therapist.findUniqueOrThrow({ where: { email: 'maria.delgado@example.org' } })
	therapistId = maria.id
	cookie = `${SESSION_COOKIE}=${(await createSession(maria.userId!, { ip: null, userAgent: null })).token}`
})
afterAll(closeDatabase)

type Answer = { status: number; errors: Record<string, string[]>; values: Record<string, unknown> | null; notice: string | null }
type ActionData = { result: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> | null }; notice: string | null }

/** The action's answer as the page reads it: Conform's errors by field and what was typed (none after a save), and the notice. */
const read = ({ result, notice }: ActionData) => ({
	errors: Object.fromEntries(Object.entries(result.error ?? {}).filter((entry): entry is [string, string[]] => entry[1] !== null)),
	values: result.initialValue ?? null,
	notice,
})

/** Posts a body (a form's fields, or a multipart form with a file) to the profile as the therapist, and reads the answer. */
async function send(body: URLSearchParams | FormData): Promise<Answer> {
	const request = new Request('http://localhost/therapist/profile', { method: 'POST', headers: { Cookie: cookie }, body })
	try {
		const answer = (await action({ request, params: {}, context: { cspNonce: '' } })) as unknown as { init: { status: number } | null; data: ActionData }
		return { status: answer.init?.status ?? 200, ...read(answer.data) }
	} catch (thrown) {
		if (thrown instanceof Response) return { status: thrown.status, errors: {}, values: null, notice: null }
		throw thrown
	}
}

const post = (fields: [string, string][]) => send(new URLSearchParams(fields))

test('each section saves on its own and is audited', async () => {
	expect(
		await post([
			['intent', 'identity'],
			['fullName', 'Maria D.'],
			['pronouns', 'she/her'],
			['credentials', 'LPC'],
			['bio', 'Integration, slowly.'],
			['timeZone', 'America/Denver'],
		]),
	).toMatchObject({ status: 200, notice: 'Saved.' })
	expect(
		await post([
			['intent', 'capacity'],
			['weeklyCapacity', '4'],
		]),
	).toMatchObject({ status: 200 })
	const maria = await db().therapist.findUniqueOrThrow({ where: { id: therapistId } })
	expect(maria).toMatchObject({ fullName: 'Maria D.', pronouns: 'she/her', timeZone: 'America/Denver', weeklyCapacity: 4, accepting: false })
	expect(maria.modalities).toEqual(['ifs', 'somatic', 'trauma_informed']) // untouched by other sections
	expect(await db().auditEvent.count({ where: { action: 'therapist.profile_updated', entityId: therapistId } })).toBe(2)
})

test('bad input is refused on its field, with what was typed sent back, and nothing saved', async () => {
	const cases: [[string, string][], string, RegExp][] = [
		[
			[
				['intent', 'identity'],
				['fullName', ''],
				['credentials', 'LPC'],
				['timeZone', 'America/Chicago'],
			],
			'fullName',
			/Enter your name/,
		],
		[
			[
				['intent', 'identity'],
				['fullName', 'M'],
				['credentials', 'LPC'],
				['timeZone', 'Europe/Paris'],
			],
			'timeZone',
			/from the list/,
		],
		[
			[
				['intent', 'identity'],
				['fullName', 'M'],
				['credentials', 'LPC'],
				['timeZone', 'America/Chicago'],
				['bio', 'x'.repeat(1300)],
			],
			'bio',
			/1,200 characters/,
		],
		[
			[
				['intent', 'practice'],
				['phases', 'integration'],
				['formats', 'in_person'],
				['languages', 'en'],
				['officeZip', ''],
			],
			'officeZip',
			/five-digit ZIP/,
		],
		[
			[
				['intent', 'practice'],
				['phases', 'integration'],
				['formats', 'in_person'],
				['languages', 'en'],
				['officeZip', '00000'],
			],
			'officeZip',
			/do not know that ZIP/,
		],
		[
			[
				['intent', 'practice'],
				['phases', 'in_session'],
				['formats', 'telehealth'],
				['languages', 'en'],
			],
			'phases',
			/needs in-person work/,
		],
		[
			[
				['intent', 'practice'],
				['phases', 'integration'],
				['formats', 'telehealth'],
				['languages', 'en'],
				['modalities', 'reiki'],
			],
			'modalities',
			/Choose from the approaches/,
		],
		[
			[
				['intent', 'fees'],
				['selfPayRate', '-5'],
			],
			'selfPayRate',
			/cannot be negative/,
		],
		[
			[
				['intent', 'fees'],
				['selfPayRate', 'lots'],
			],
			'selfPayRate',
			/whole dollars/,
		],
		[
			[
				['intent', 'capacity'],
				['weeklyCapacity', '500'],
			],
			'weeklyCapacity',
			/0 to 50/,
		],
		[
			[
				['intent', 'training'],
				['kapTrainingHours', '20'],
				['kapYear', '2099'],
			],
			'kapYear',
			/not come yet/,
		],
		[
			[
				['intent', 'hours'],
				['day0', '9-5'],
			],
			'day0',
			/should look like 09:00-12:00/,
		],
		[
			[
				['intent', 'hours'],
				['day2', '09:00-12:00, 11:00-13:00'],
			],
			'day2',
			/overlap/,
		],
		[
			[
				['intent', 'add-override'],
				['date', '2020-01-01'],
				['overrideHours', ''],
			],
			'date',
			/today or a later date/,
		],
		[
			[
				['intent', 'add-override'],
				['date', 'next tuesday'],
			],
			'date',
			/Choose a date/,
		],
	]
	const before = await db().therapist.findUniqueOrThrow({ where: { id: therapistId }, include: { availability: true } })
	for (const [fields, field, message] of cases) {
		const answer = await post(fields)
		expect(answer.status, JSON.stringify(fields)).toBe(400)
		expect(answer.errors[field]?.join(' '), JSON.stringify(fields)).toMatch(message)
		expect(answer.values?.intent).toBe(fields[0]![1])
	}
	expect(await db().therapist.findUniqueOrThrow({ where: { id: therapistId }, include: { availability: true } })).toEqual(before)
	expect(await post([['intent', 'frobnicate']])).toMatchObject({ status: 400, errors: { intent: [expect.stringMatching(/not known/)] } })
})

test('credentials a therapist adds wait for verification; the rules of docs/product.md §3 are checked', async () => {
	const future = `${new Date().getUTCFullYear() + 2}-06-30`
	expect(
		await post([
			['intent', 'add-license'],
			['state', 'NM'],
			['type', 'lpc'],
			['number', 'NM-1'],
			['expiresOn', '2020-01-01'],
		]),
	).toMatchObject({ status: 400, errors: { expiresOn: [expect.stringMatching(/must be in the future/)] } })
	expect(
		await post([
			['intent', 'add-license'],
			['state', 'NM'],
			['type', 'lpc'],
			['number', 'NM-1'],
			['expiresOn', future],
		]),
	).toMatchObject({ status: 200 })
	expect(
		await post([
			['intent', 'add-license'],
			['state', 'NM'],
			['type', 'lpc'],
			['number', 'NM-1'],
			['expiresOn', future],
		]),
	).toMatchObject({ status: 400, errors: { number: ['That license is already on your profile.'] } })
	expect(await db().license.findFirstOrThrow({ where: { therapistId, state: 'NM' } })).toMatchObject({ status: 'pending', verifiedAt: null })

	// Maria is a counselor, not a psychologist; and a privilege names one remote state.
	expect(
		await post([
			['intent', 'add-authorization'],
			['kind', 'psypact_apit'],
			['homeState', 'TX'],
			['states', ''],
			['expiresOn', future],
		]),
	).toMatchObject({ status: 400, errors: { homeState: [expect.stringMatching(/psychologist license in TX/)] } })
	expect(
		await post([
			['intent', 'add-authorization'],
			['kind', 'counseling_privilege'],
			['homeState', 'TX'],
			['states', 'AZ, MN'],
			['expiresOn', future],
		]),
	).toMatchObject({ status: 400, errors: { states: [expect.stringMatching(/one remote state/)] } })
	expect(
		await post([
			['intent', 'add-authorization'],
			['kind', 'counseling_privilege'],
			['homeState', 'TX'],
			['states', 'mn'],
			['expiresOn', future],
		]),
	).toMatchObject({ status: 200 })
	expect(await db().authorization.findFirstOrThrow({ where: { therapistId, states: { has: 'MN' } } })).toMatchObject({ status: 'pending', kind: 'counseling_privilege' })
	expect(await db().auditEvent.count({ where: { action: 'therapist.credential_added' } })).toBe(2)
})

test('a therapist can remove only their own credentials', async () => {
	const other = await db().license.findFirstOrThrow({ where: { therapist: { email: 'james.okafor@example.org' } } })
	expect(
		await post([
			['intent', 'remove-license'],
			['id', other.id],
		]),
	).toMatchObject({ status: 404 })
	expect(await db().license.count({ where: { id: other.id } })).toBe(1)
	const own = await db().license.findFirstOrThrow({ where: { therapistId, type: 'lmft' } })
	expect(
		await post([
			['intent', 'remove-license'],
			['id', own.id],
		]),
	).toMatchObject({ status: 200 })
	expect(await db().license.count({ where: { id: own.id } })).toBe(0)
})

test('a suspended or revoked credential shows its status and the reason, not who decided, and stays on the profile', async () => {
	const admin = await db().user.create({ data: { email: 'root@example.org', name: 'Root Admin', passwordHash: 'x', isPlatformAdmin: true } })
	const lpc = await db().license.findFirstOrThrow({ where: { therapistId, type: 'lpc' } })
	const privilege = await db().authorization.findFirstOrThrow({ where: { therapistId } })
	expect(await changeCredentialStatus({ kind: 'license', id: lpc.id, action: 'suspend', reason: 'The TX board lists an order of 2026-11-30.', actorId: admin.id })).toMatchObject({ ok: true })
	expect(await changeCredentialStatus({ kind: 'authorization', id: privilege.id, action: 'revoke', reason: 'The compact cancelled the privilege.', actorId: admin.id })).toMatchObject({ ok: true })

	const page = (await loader({ request: new Request('http://localhost/therapist/profile', { headers: { Cookie: cookie } }), params: {}, context: { cspNonce: '' } })) as {
		licenses: { id: string; standing: string; removable: boolean }[]
		authorizations: { id: string; standing: string; removable: boolean }[]
	}
	expect(page.licenses.find((l) => l.id === lpc.id)).toMatchObject({
		standing: 'suspended by Tandem; it does not count until it is reinstated. Reason: The TX board lists an order of 2026-11-30.',
		removable: false,
	})
	expect(page.authorizations.find((a) => a.id === privilege.id)).toMatchObject({ standing: 'revoked by Tandem; it no longer counts. Reason: The compact cancelled the privilege.', removable: false })
	expect(JSON.stringify(page)).not.toMatch(/Root Admin|root@example\.org|statusChangedById/)
	expect(JSON.stringify(page)).not.toContain(admin.id)

	expect(
		await post([
			['intent', 'remove-license'],
			['id', lpc.id],
		]),
	).toMatchObject({ status: 409, errors: { '': [expect.stringMatching(/stays on your profile/)] } })
	expect(await db().license.count({ where: { id: lpc.id } })).toBe(1)
})

test('weekly hours are replaced; a date override can add hours or make a day off, and be removed', async () => {
	expect(
		await post([
			['intent', 'hours'],
			['day0', '08:00-12:00'],
			['day3', '13:00-17:00, 18:00-20:00'],
		]),
	).toMatchObject({ status: 200 })
	const rules = await db().availabilityRule.findMany({
		where: { therapistId },
		orderBy: [{ dayOfWeek: 'asc' }, { startMinute: 'asc' }],
		select: { dayOfWeek: true, startMinute: true, endMinute: true },
	})
	expect(rules).toEqual([
		{ dayOfWeek: 0, startMinute: 480, endMinute: 720 },
		{ dayOfWeek: 3, startMinute: 780, endMinute: 1020 },
		{ dayOfWeek: 3, startMinute: 1080, endMinute: 1200 },
	])
	const date = `${new Date().getUTCFullYear() + 1}-01-05`
	expect(
		await post([
			['intent', 'add-override'],
			['date', date],
			['overrideHours', ''],
		]),
	).toMatchObject({ status: 200 })
	expect(await db().availabilityOverride.findMany({ where: { therapistId }, select: { startMinute: true, endMinute: true } })).toEqual([{ startMinute: null, endMinute: null }])
	expect(
		await post([
			['intent', 'add-override'],
			['date', date],
			['overrideHours', '10:00-11:00'],
		]),
	).toMatchObject({ status: 200 })
	expect(await db().availabilityOverride.findMany({ where: { therapistId }, select: { startMinute: true, endMinute: true } })).toEqual([{ startMinute: 600, endMinute: 660 }])
	const page = (await loader({ request: new Request('http://localhost/therapist/profile', { headers: { Cookie: cookie } }), params: {}, context: { cspNonce: '' } })) as {
		overrides: unknown
		hours: string[]
	}
	expect(page.overrides).toEqual([{ date, hours: '10:00-11:00' }])
	expect(page.hours[3]).toBe('13:00-17:00, 18:00-20:00')
	expect(
		await post([
			['intent', 'remove-override'],
			['date', date],
		]),
	).toMatchObject({ status: 200 })
	expect(
		await post([
			['intent', 'remove-override'],
			['date', date],
		]),
	).toMatchObject({ status: 404 })
})

test('a photo is checked by its bytes, served to those who may see the profile, and can be removed', async () => {
	const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4])
	const upload = async (bytes: Uint8Array<ArrayBuffer>, name: string) => {
		const form = new FormData()
		form.set('intent', 'photo')
		form.set('photo', new Blob([bytes]), name)
		const { status, errors } = await send(form)
		return { status, errors }
	}
	expect(await upload(new TextEncoder().encode('<svg onload="alert(1)"/>'), 'me.png')).toEqual({ status: 400, errors: { photo: ['Use a JPEG, PNG or WebP photo.'] } })
	expect(await db().therapistPhoto.count()).toBe(0)
	expect(await upload(png, 'me.png')).toEqual({ status: 200, errors: {} })

	const get = async (who: string) => {
		const request = new Request(`http://localhost/therapists/${therapistId}/photo`, { headers: { Cookie: who } })
		try {
			return await photoLoader({ request, params: { therapistId }, context: { cspNonce: '' } })
		} catch (thrown) {
			if (thrown instanceof Response) return thrown
			throw thrown
		}
	}
	const own = await get(cookie)
	expect(own.status).toBe(200)
	expect(own.headers.get('Content-Type')).toBe('image/png')
	expect(new Uint8Array(await own.arrayBuffer())).toEqual(png)
	const james = await db().therapist.findUniqueOrThrow({ where: { email: 'james.okafor@example.org' } })
	const jamesCookie = `${SESSION_COOKIE}=${(await createSession(james.userId!, { ip: null, userAgent: null })).token}`
	expect((await get(jamesCookie)).status).toBe(403)

	expect(await post([['intent', 'remove-photo']])).toMatchObject({ status: 200 })
	expect((await get(cookie)).status).toBe(404)
})
