// Authorization at the level of single records: every action that takes an id, sent by people who
// are not entitled to the record, with real ids of another clinic's or another therapist's records
// in the URL and in the body, and bodies that are otherwise valid, so that a missing check would
// perform the change. Each must be refused and write nothing. Every page, `.data` answer and API
// answer such a person can reach must carry none of the patient's details or the booked time.
// The route matrix (authorization-matrix.test.ts) covers who may use each route at all.
// A form posted to a page answers with the page, whose loader may refuse (403) after the action has
// already run, so the status alone proves nothing: the tables are compared after every request.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { generateToken, hashToken } from '#app/domain/auth/tokens.ts'
import { createApiKey } from '#app/domain/clinics/api-keys.server.ts'
import { changeMembership, inviteToClinic } from '#app/domain/clinics/clinics.server.ts'
import { inviteTherapist } from '#app/domain/clinics/therapist-invitations.server.ts'
import { CARE_OUTCOME_CODES } from '#app/domain/referrals/care.ts'
import { recordToFields } from '#app/domain/referrals/referral-form.ts'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { createSession, markSessionTwoFactorVerified, SESSION_COOKIE, validateSessionToken } from '#app/utils/session.server.ts'
import { seedDemoData } from '#prisma/seed.ts'
import { verifiedUser } from '#tests/setup/accounts.ts'
import { startTestServer, type TestServer } from '#tests/setup/app-server.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'

const PERSONAS = ['anonymous', 'coordinatorOfA', 'adminOfA', 'adminOfB', 'noRole', 'removedFromA', 'owesSecondFactor', 'chosenTherapist', 'offeredTherapist', 'unrelatedTherapist'] as const
type Persona = (typeof PERSONAS)[number]

/** The clinic each clinic persona belongs to; everyone else belongs to none. */
const home: Partial<Record<Persona, 'A' | 'B'>> = { coordinatorOfA: 'A', adminOfA: 'A', adminOfB: 'B' }

type Referral = Awaited<ReturnType<typeof loadReferrals>>[number]
const loadReferrals = () => db().referral.findMany({ include: { patient: true, offers: { orderBy: { id: 'asc' } }, clinic: { select: { timeZone: true } } }, orderBy: { createdAt: 'asc' } })

let server: TestServer
let origin: string
const clinic = { A: '', B: '' }
const userIds = {} as Record<Persona, string | null>
const therapistIds = {} as Partial<Record<Persona, string>>
let referrals: Referral[] = []
const adminTargets = { authorizationId: '', licenseId: '' }
/** A patient link to clinic A's shortlisted referral, as the patient holds it. */
let patientToken = ''
/** The referral whose therapists are the three therapist personas: clinic B's booked one. */
let booked: Referral
/** Clinic A's referral in care, with its chosen therapist. */
let inCare: Referral
/** Per clinic: a member, a clinic invitation, a therapist invitation, an API key and a session of its admin. */
const owned = {} as Record<'A' | 'B', { memberId: string; invitationId: string; therapistInvitationId: string; keyId: string; key: string; adminSessionId: string }>

// Today (UTC midnight) as the seed's anchor: pending offers are still open and dosing dates still
// ahead, so each refused action is one that the entitled person could take.
const ANCHOR = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000)

beforeAll(async () => {
	await resetDatabase()
	await seedDemoData(db(), { anchor: ANCHOR })
	const byEmail = async (email: string) => (await db().user.findUniqueOrThrow({ where: { email } })).id
	userIds.anonymous = null
	userIds.adminOfA = await byEmail('tx.admin@tandem.example')
	userIds.coordinatorOfA = await byEmail('tx.coordinator@tandem.example')
	userIds.adminOfB = await byEmail('wa.admin@tandem.example')
	clinic.A = (await db().clinicMember.findFirstOrThrow({ where: { userId: userIds.adminOfA } })).clinicId
	clinic.B = (await db().clinicMember.findFirstOrThrow({ where: { userId: userIds.adminOfB } })).clinicId
	userIds.noRole = await verifiedUser('no.role@example.org', 'Nora Role')

	// A coordinator of A whom an admin removed: their old session stays signed in.
	userIds.removedFromA = await verifiedUser('removed@example.org', 'Rene Moved')
	await db().clinicMember.create({ data: { clinicId: clinic.A, userId: userIds.removedFromA, role: 'coordinator' } })
	expect(await changeMembership({ clinicId: clinic.A, change: { kind: 'remove', userId: userIds.removedFromA }, actorId: userIds.adminOfA })).toEqual({ kind: 'done' })

	// A second admin of A with two-factor on, whose sessions below never give their code.
	userIds.owesSecondFactor = await verifiedUser('second.factor@example.org', 'Seco Factor')
	await db().clinicMember.create({ data: { clinicId: clinic.A, userId: userIds.owesSecondFactor, role: 'clinic_admin' } })
	await db().user.update({ where: { id: userIds.owesSecondFactor }, data: { totpKey: 'not-a-real-key', totpEnabledAt: ANCHOR } })

	referrals = await loadReferrals()
	booked = referrals.find((r) => r.clinicId === clinic.B && r.status === 'scheduled')!
	inCare = referrals.find((r) => r.clinicId === clinic.A && r.status === 'in_care')!
	const chosen = booked.offers.find((o) => o.status === 'chosen')!
	const offered = booked.offers.find((o) => o.status === 'released' || o.status === 'withdrawn' || o.status === 'declined')!
	// The therapists of the booked referral, with an account each (imported ones have none yet).
	const account = async (therapistId: string, email: string) => {
		const therapist = await db().therapist.findUniqueOrThrow({ where: { id: therapistId } })
		if (therapist.userId) return therapist.userId
		const userId = await verifiedUser(email, therapist.fullName)
		await db().therapist.update({ where: { id: therapistId }, data: { userId } })
		return userId
	}
	therapistIds.chosenTherapist = chosen.therapistId
	therapistIds.offeredTherapist = offered.therapistId
	userIds.chosenTherapist = await account(chosen.therapistId, 'chosen@example.org')
	userIds.offeredTherapist = await account(offered.therapistId, 'offered@example.org')
	userIds.unrelatedTherapist = await byEmail('therapist.tx@tandem.example')
	therapistIds.unrelatedTherapist = (await db().therapist.findUniqueOrThrow({ where: { userId: userIds.unrelatedTherapist } })).id
	expect(booked.offers.some((o) => o.therapistId === therapistIds.unrelatedTherapist)).toBe(false)
	// The offered therapist proposed other times than the one booked, so the booked time names the choice.
	await db().offer.update({ where: { id: offered.id }, data: { proposedTimes: [new Date(booked.firstSessionAt!.getTime() + 30 * 60_000)] } })

	// Clinic B's open referral is shortlisted, with an accepted offer, so that B's admin has one to record a choice on.
	const open = referrals.find((r) => r.clinicId === clinic.B && r.status === 'open')!
	await db().referral.update({ where: { id: open.id }, data: { status: 'shortlisted' } })
	await db().offer.update({
		where: { id: open.offers.find((o) => o.status === 'pending')!.id },
		data: { status: 'accepted', respondedAt: ANCHOR, proposedTimes: [new Date(open.firstDosingAt!.getTime() + 26 * 3_600_000)] },
	})
	referrals = await loadReferrals()

	// A patient link on every shortlisted referral, for the link actions to act on.
	for (const r of referrals.filter((r) => r.status === 'shortlisted')) {
		const token = generateToken()
		if (r.clinicId === clinic.A) patientToken = token
		await db().patientLink.create({ data: { referralId: r.id, tokenHash: hashToken(token), createdAt: ANCHOR, expiresAt: new Date(Date.now() + 7 * 86_400_000) } })
	}
	adminTargets.authorizationId = (await db().authorization.findFirstOrThrow({ where: { status: 'pending' } })).id
	adminTargets.licenseId = (await db().license.findFirstOrThrow({ where: { status: 'verified' } })).id
	for (const [side, adminEmail, memberEmail] of [
		['A', 'tx.admin@tandem.example', 'tx.coordinator@tandem.example'],
		['B', 'wa.admin@tandem.example', 'wa.coordinator@tandem.example'],
	] as const) {
		const adminId = await byEmail(adminEmail)
		await inviteToClinic({ clinicId: clinic[side], email: `new.${side}@example.org`, role: 'coordinator', invitedById: adminId })
		expect((await inviteTherapist({ clinicId: clinic[side], email: `therapist.${side}@example.org`, note: '', invitedById: adminId })).kind).toBe('sent')
		const created = await createApiKey(clinic[side], 'EHR', adminId)
		if (!created.ok) throw new Error('no key')
		const { token } = await createSession(adminId, { ip: null, userAgent: 'object-authorization' })
		owned[side] = {
			memberId: await byEmail(memberEmail),
			invitationId: (await db().userToken.findFirstOrThrow({ where: { clinicId: clinic[side], purpose: 'invitation' } })).id,
			therapistInvitationId: (await db().userToken.findFirstOrThrow({ where: { clinicId: clinic[side], purpose: 'therapist_invitation' } })).id,
			keyId: (await db().apiKey.findFirstOrThrow({ where: { clinicId: clinic[side] } })).id,
			key: created.key,
			adminSessionId: (await validateSessionToken(token))!.sessionId,
		}
	}
	referrals = await loadReferrals()
	booked = referrals.find((r) => r.id === booked.id)!
	inCare = referrals.find((r) => r.id === inCare.id)!

	server = await startTestServer()
	origin = server.origin
}, 120_000)

afterAll(async () => {
	await server?.close()
	await closeDatabase()
})

/** A fresh session per request, with its second factor given where the account has one, except for the persona who still owes it. */
async function cookieFor(persona: Persona): Promise<Record<string, string>> {
	const userId = userIds[persona]
	if (!userId) return {}
	const { token } = await createSession(userId, { ip: null, userAgent: 'object-authorization' })
	if (persona !== 'owesSecondFactor') await markSessionTwoFactorVerified((await validateSessionToken(token))!.sessionId)
	return { Cookie: `${SESSION_COOKIE}=${token}` }
}

/**
 * Every table a refused action could write to, each as a row count and a digest of its rows, in one
 * query. Sessions count by id only (each request signs in afresh); the API's own request log and a
 * key's last use are left out, as a refused call records them on purpose.
 */
const TABLES: [string, string, string?][] = [
	['Clinic', 'to_jsonb(x)'],
	['ClinicSubscription', 'to_jsonb(x)'],
	['ClinicMember', 'to_jsonb(x)'],
	['UserToken', 'to_jsonb(x)'],
	['ApiKey', `to_jsonb(x) - 'lastUsedAt'`],
	['ClinicTherapist', 'to_jsonb(x)'],
	['Referral', 'to_jsonb(x)'],
	['ReferralPatient', 'to_jsonb(x)'],
	['ReferralEvent', 'to_jsonb(x)'],
	['Offer', 'to_jsonb(x)'],
	['OfferEvent', 'to_jsonb(x)'],
	['ReferralMessage', 'to_jsonb(x)'],
	['PatientLink', 'to_jsonb(x)'],
	['Notification', 'to_jsonb(x)'],
	['AuditEvent', 'to_jsonb(x)', `x.action <> 'api.request'`],
	['OutboxJob', 'to_jsonb(x)'],
	['EmailMessage', 'to_jsonb(x)'],
	['License', 'to_jsonb(x)'],
	['Authorization', 'to_jsonb(x)'],
	['Session', 'to_jsonb(x.id)'],
]
const SNAPSHOT_SQL = TABLES.map(
	([table, row, where]) =>
		`SELECT '${table}' AS "table", count(*)::int AS "rows", coalesce(sum(hashtextextended((${row})::text, 0)), 0)::text AS digest FROM "${table}" x${where ? ` WHERE ${where}` : ''}`,
).join(' UNION ALL ')
async function snapshot() {
	const result = await db().$queryRawUnsafe<{ table: string; rows: number; digest: string }[]>(SNAPSHOT_SQL)
	return Object.fromEntries(result.map((r) => [r.table, `${r.rows} rows, ${r.digest}`]))
}

type Attempt = { label: string; path: string; body: URLSearchParams }
const form = (fields: Record<string, string | string[]>) => {
	const body = new URLSearchParams()
	for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v)
	return body
}
const iso = (d: Date) => d.toISOString()

/** The clinic side's records a persona may not touch: the other clinic's, or, for people in no clinic, clinic A's first. */
const foreignReferrals = (persona: Persona) => {
	const own = home[persona] ? clinic[home[persona]] : null
	return referrals.filter((r) => r.clinicId !== own).sort((a, b) => Number(b.clinicId === clinic.A) - Number(a.clinicId === clinic.A))
}
const foreignReferral = (persona: Persona, test: (r: Referral) => boolean) => {
	const found = foreignReferrals(persona).find(test)
	if (!found) throw new Error(`no referral for ${persona}`)
	return found
}

function clinicAttempts(persona: Persona): Attempt[] {
	const mine = home[persona]
	const victim: 'A' | 'B' = mine === 'A' ? 'B' : 'A'
	const attempts: Attempt[] = []
	const status = (s: string) => (r: Referral) => r.status === s
	const shortlisted = (r: Referral) => r.status === 'shortlisted' && r.offers.some((o) => o.status === 'accepted')
	const referralIntents: [string, (r: Referral) => boolean, (r: Referral) => Record<string, string>][] = [
		['post', status('draft'), () => ({})],
		['cancel', status('open'), () => ({ reason: 'Not needed.' })],
		['repost', status('unfilled'), () => ({})],
		['resend_link', shortlisted, () => ({})],
		['revoke_link', shortlisted, () => ({})],
		['message', status('scheduled'), () => ({ body: 'Please call the patient.' })],
		['record_choice', shortlisted, (r) => choiceOf(r)],
		// Dose changes, each of which would be allowed to the referral's own clinic.
		['move_dose', status('scheduled'), () => ({ doseIndex: '2', at: '2027-06-01T10:00' })],
		['drop_dose', status('scheduled'), () => ({ doseIndex: '2' })],
		['add_dose', status('scheduled'), () => ({ at: '2027-06-01T10:00' })],
	]
	for (const [intent, fits, fields] of referralIntents) {
		const target = foreignReferral(persona, fits)
		const body = form({ intent, ...fields(target) })
		// The record's own clinic in the URL, and, for members, their own clinic's URL with the other's record.
		attempts.push({ label: `${intent} on its clinic's URL`, path: `/clinics/${target.clinicId}/referrals/${target.id}`, body })
		if (mine) attempts.push({ label: `${intent} under the own clinic's URL`, path: `/clinics/${clinic[mine]}/referrals/${target.id}`, body })
	}
	const draft = foreignReferral(persona, status('draft'))
	const edited = form({ ...recordToFields(draft, draft.patient, draft.clinic.timeZone), radiusMiles: '31', intent: 'post' })
	attempts.push({ label: 'edit on its clinic URL', path: `/clinics/${draft.clinicId}/referrals/${draft.id}/edit`, body: edited })
	const whyNot = form({ email: 'therapist.wa@tandem.example' })
	attempts.push({ label: 'why-not on its clinic URL', path: `/clinics/${draft.clinicId}/referrals/${draft.id}/matches`, body: whyNot })
	if (mine) {
		attempts.push({ label: 'edit under the own clinic URL', path: `/clinics/${clinic[mine]}/referrals/${draft.id}/edit`, body: edited })
		attempts.push({ label: 'why-not under the own clinic URL', path: `/clinics/${clinic[mine]}/referrals/${draft.id}/matches`, body: whyNot })
		// The own clinic's referral in the URL, another clinic's offer in the body.
		const own = referrals.find((r) => r.clinicId === clinic[mine] && r.status === 'shortlisted')!
		attempts.push({
			label: "record_choice of another clinic's offer",
			path: `/clinics/${clinic[mine]}/referrals/${own.id}`,
			body: form({ intent: 'record_choice', ...choiceOf(foreignReferral(persona, shortlisted)) }),
		})
	}
	const ids = owned[victim]
	const clinicForms: [string, string, Record<string, string>][] = [
		['change-role', 'members', { intent: 'change-role', userId: ids.memberId, role: 'clinic_admin' }],
		['remove', 'members', { intent: 'remove', userId: ids.memberId }],
		['revoke-invitation', 'members', { intent: 'revoke-invitation', invitationId: ids.invitationId }],
		['withdraw therapist invitation', 'therapists/invite', { intent: 'withdraw', invitationId: ids.therapistInvitationId }],
		['revoke API key', 'api-keys', { intent: 'revoke', keyId: ids.keyId }],
	]
	for (const [label, page, fields] of clinicForms) {
		attempts.push({ label: `${label} on its clinic URL`, path: `/clinics/${clinic[victim]}/${page}`, body: form(fields) })
		if (mine) attempts.push({ label: `${label} under the own clinic URL`, path: `/clinics/${clinic[mine]}/${page}`, body: form(fields) })
	}
	attempts.push({ label: 'referral defaults', path: `/clinics/${clinic[victim]}/members`, body: form({ intent: 'referral-defaults', acceptSupervisedByDefault: 'on' }) })
	attempts.push({ label: 'invite a member', path: `/clinics/${clinic[victim]}/members`, body: form({ intent: 'invite', email: 'intruder@example.org', role: 'clinic_admin' }) })
	attempts.push({ label: 'invite a therapist', path: `/clinics/${clinic[victim]}/therapists/invite`, body: form({ intent: 'invite', email: 'intruder.therapist@example.org', note: '' }) })
	attempts.push({ label: 'create API key', path: `/clinics/${clinic[victim]}/api-keys`, body: form({ intent: 'create', name: 'Stolen' }) })
	for (const intent of ['checkout', 'portal']) attempts.push({ label: `billing ${intent}`, path: `/clinics/${clinic[victim]}/billing`, body: form({ intent }) })
	// A standing and a note for the other clinic, from a therapist profile.
	for (const intent of ['partner', 'block', 'clear', 'note']) {
		attempts.push({
			label: `therapist ${intent} for another clinic`,
			path: `/therapists/${therapistIds.chosenTherapist}`,
			body: form({ intent, clinicId: clinic[victim], ...(intent === 'note' ? { note: 'Slow to answer.' } : {}) }),
		})
	}
	// Credential reviews are the platform admins' alone, whatever record they name.
	attempts.push({ label: 'verify an authorization', path: '/admin/verification', body: form({ kind: 'authorization', id: adminTargets.authorizationId, decision: 'verify', note: '' }) })
	attempts.push({ label: 'mark a licence checked', path: '/admin/credentials', body: form({ intent: 'checked', kind: 'license', id: adminTargets.licenseId }) })
	attempts.push({ label: "end another person's session", path: '/account', body: form({ intent: 'revoke-session', sessionId: ids.adminSessionId }) })
	return attempts
}

function choiceOf(referral: Referral) {
	const accepted = referral.offers.find((o) => o.status === 'accepted')
	if (!accepted) throw new Error(`no accepted offer on ${referral.id}`)
	return { choice: `${accepted.id}|${iso(accepted.proposedTimes[0]!)}` }
}

/** Every offer intent, each on an offer in the state where it would work, made to someone else. */
function offerAttempts(persona: Persona): Attempt[] {
	const mine = therapistIds[persona]
	const offers = referrals.flatMap((r) => r.offers.map((o) => ({ ...o, referral: r }))).filter((o) => o.therapistId !== mine)
	/** The first offer in a status on a referral in one of the statuses, in order of preference. */
	const find = (status: string, ...referralStatuses: string[]) => {
		for (const referralStatus of referralStatuses.length ? referralStatuses : [null]) {
			const found = offers.find((o) => o.status === status && (!referralStatus || o.referral.status === referralStatus))
			if (found) return found
		}
		throw new Error(`no ${status} offer for ${persona}`)
	}
	const pending = find('pending')
	// The demo has one matched referral; its chosen therapist acts on a booked one instead.
	const matched = find('chosen', 'matched', 'scheduled')
	const intents: [string, typeof pending, Record<string, string | string[]>][] = [
		['accept', pending, { times: [iso(new Date(pending.referral.firstDosingAt!.getTime() + 26 * 3_600_000))] }],
		['decline', pending, { reason: 'no_capacity' }],
		['retract', find('accepted'), {}],
		['book', matched, { time: iso(matched.proposedTimes[0]!) }],
		['in_care', find('chosen', 'scheduled', 'matched', 'in_care'), {}],
		['step_back', matched, { reason: 'No room after all.' }],
		['message', find('chosen', 'scheduled', 'matched', 'in_care'), { body: 'Hello from the therapist.' }],
		['complete', find('chosen', 'in_care', 'scheduled'), { outcome: CARE_OUTCOME_CODES[0] }],
	]
	return intents.map(([intent, offer, fields]) => ({ label: `offer ${intent}`, path: `/therapist/offers/${offer.id}`, body: form({ intent, ...fields }) }))
}

async function post(persona: Persona, attempt: Attempt, cookie: Record<string, string>) {
	const headers = { ...cookie, Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' }
	const response = await fetch(origin + attempt.path, { method: 'POST', headers, body: attempt.body, redirect: 'manual' })
	return { status: response.status, location: response.headers.get('Location'), text: await response.text() }
}

/** A refusal: forbidden or not found, or sent to log in, or to the second step for the session that owes it. */
function expectRefused(persona: Persona, answer: { status: number; location: string | null }, label: string) {
	if (persona === 'anonymous') expect([answer.status, answer.location?.split('?')[0]], label).toEqual([302, '/login'])
	else if (persona === 'owesSecondFactor') expect([answer.status, answer.location?.split('?')[0]], label).toEqual([302, '/login/two-factor'])
	else expect([403, 404], `${label}: ${answer.status} ${answer.location ?? ''}`).toContain(answer.status)
}

describe.each(PERSONAS)('as %s, every action on records of others', (persona) => {
	test('is refused and writes nothing', async () => {
		const attempts = [...clinicAttempts(persona), ...offerAttempts(persona)]
		const cookie = await cookieFor(persona)
		let before = await snapshot()
		for (const attempt of attempts) {
			const answer = await post(persona, attempt, cookie)
			const label = `${persona}: ${attempt.label} (POST ${attempt.path} ${attempt.body.toString().slice(0, 120)})`
			expectRefused(persona, answer, label)
			const after = await snapshot()
			expect(after, label).toEqual(before)
			before = after
		}
	}, 120_000)
})

test("the clinic API with one clinic's key refuses the other clinic's referrals and writes nothing", async () => {
	for (const [mine, victim] of [
		['A', booked],
		['B', inCare],
	] as const) {
		const headers = { Authorization: `Bearer ${owned[mine].key}`, 'Content-Type': 'application/json' }
		const open = foreignReferral(mine === 'A' ? 'adminOfA' : 'adminOfB', (r) => r.status === 'open')
		for (const [method, path, body] of [
			['GET', `/api/v1/referrals/${victim.id}`, undefined],
			['GET', `/api/v1/referrals/${victim.id}/matches`, undefined],
			['GET', `/api/v1/referrals/${victim.id}/sessions.ics`, undefined],
			['POST', `/api/v1/referrals/${open.id}/actions`, JSON.stringify({ action: 'cancel', reason: 'Not needed.' })],
			['POST', `/api/v1/referrals/${victim.id}/actions`, JSON.stringify({ action: 'cancel' })],
		] as const) {
			const before = await snapshot()
			const response = await fetch(origin + path, { method, headers, body })
			const text = await response.text()
			expect(response.status, `${method} ${path}`).toBe(404)
			expectNoStageTwo(text, [victim, open], `${mine}'s key: ${method} ${path}`)
			expect(await snapshot(), `${method} ${path}`).toEqual(before)
		}
	}
})

/** What only the clinic and the chosen therapist may see of a referral. */
function needles(referral: Referral) {
	const p = referral.patient!
	return [p.firstName, p.lastName, p.email, p.phone, iso(p.birthDate!).slice(0, 10), ...(referral.firstSessionAt ? [iso(referral.firstSessionAt)] : [])].filter((n): n is string => Boolean(n))
}

/** Names count as whole words, so that a short first name inside another word is no false alarm. */
function shows(text: string, needle: string) {
	return /^[\p{L}' -]+$/u.test(needle) ? new RegExp(`(?<![\\p{L}])${needle}(?![\\p{L}])`, 'u').test(text) : text.includes(needle)
}

function expectNoStageTwo(text: string, victims: Referral[], label: string) {
	for (const victim of victims) {
		for (const needle of needles(victim)) expect(shows(text, needle), `${label} shows ${needle} of referral ${victim.id}`).toBe(false)
	}
}

/** The referrals a persona may not see stage 2 of: the other clinic's, and, for therapists, those they were not chosen for. */
function victimsOf(persona: Persona) {
	return [booked, inCare].filter((r) => {
		if (home[persona]) return r.clinicId !== clinic[home[persona]]
		if (therapistIds[persona]) return !r.offers.some((o) => o.therapistId === therapistIds[persona] && o.status === 'chosen')
		return true
	})
}

describe.each(PERSONAS)('as %s, pages and their data', (persona) => {
	test('carry no patient details or booked time of referrals not theirs', async () => {
		const victims = victimsOf(persona)
		const cookie = await cookieFor(persona)
		const own = home[persona] ? clinic[home[persona]] : null
		const paths = ['/notifications', '/therapist/offers', '/account', '/dev/outbox']
		if (own) paths.push(`/clinics/${own}/referrals`, `/clinics/${own}/therapists`)
		for (const victim of victims) {
			const referralPaths = ['', '/matches', '/edit'].map((tail) => `/referrals/${victim.id}${tail}`)
			paths.push(`/clinics/${victim.clinicId}/referrals`, ...referralPaths.map((p) => `/clinics/${victim.clinicId}${p}`))
			if (own) paths.push(...referralPaths.map((p) => `/clinics/${own}${p}`))
			paths.push(...victim.offers.map((o) => `/therapist/offers/${o.id}`))
			paths.push(...victim.offers.filter((o) => o.status === 'chosen').map((o) => `/therapists/${o.therapistId}`))
		}
		for (const path of new Set(paths)) {
			for (const url of [path, `${path}.data`]) {
				const response = await fetch(origin + url, { headers: cookie, redirect: 'manual' })
				const text = await response.text()
				expect(response.status, `${persona}: GET ${url}`).toBeLessThan(500)
				expectNoStageTwo(text, victims, `${persona}: GET ${url} (${response.status})`)
			}
		}
	}, 120_000)
})

test('the not-chosen therapist can open their own offer, and it names no patient and no booked time', async () => {
	const offer = booked.offers.find((o) => o.therapistId === therapistIds.offeredTherapist)!
	for (const url of [`/therapist/offers/${offer.id}`, `/therapist/offers/${offer.id}.data`]) {
		const response = await fetch(origin + url, { headers: await cookieFor('offeredTherapist'), redirect: 'manual' })
		const text = await response.text()
		expect(response.status, url).toBe(200)
		expectNoStageTwo(text, [booked], url)
	}
	// The chosen therapist sees them: the needles would be found if they leaked.
	const chosen = booked.offers.find((o) => o.status === 'chosen')!
	const response = await fetch(`${origin}/therapist/offers/${chosen.id}.data`, { headers: await cookieFor('chosenTherapist') })
	const text = await response.text()
	for (const needle of needles(booked)) expect(shows(text, needle), needle).toBe(true)
})

test('a patient link cannot choose the therapist of another referral, and shows none of its details', async () => {
	const linked = referrals.find((r) => r.clinicId === clinic.A && r.status === 'shortlisted')!
	const other = referrals.find((r) => r.clinicId === clinic.B && r.status === 'shortlisted')!
	const before = await snapshot()
	const response = await fetch(`${origin}/choose/${patientToken}`, {
		method: 'POST',
		headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
		body: form({ intent: 'choose', ...choiceOf(other) }),
		redirect: 'manual',
	})
	await response.arrayBuffer()
	expect(response.status).toBe(404)
	expect(await snapshot()).toEqual(before)
	for (const url of [`/choose/${patientToken}`, `/choose/${patientToken}.data`]) {
		const page = await fetch(origin + url, { redirect: 'manual' })
		const text = await page.text()
		expect(page.status, url).toBe(200)
		expectNoStageTwo(text, [booked, inCare, other], url)
	}
	expect(linked.id).not.toBe(other.id)
})
