// The permission helpers against real sessions: no session → redirect to log in; wrong role → 403.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { requireAdmin, requireClinicMember, requireTherapist, requireUser } from '#app/utils/permissions.server.ts'
import { createSession, markSessionTwoFactorVerified, SESSION_COOKIE, validateSessionToken } from '#app/utils/session.server.ts'
import { seedDemoData } from '#prisma/seed.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'

let cookies: Record<string, string>
let clinics: { austin: string; seattle: string }

beforeAll(async () => {
	await resetDatabase()
	await seedDemoData(db(), { anchor: new Date('2026-11-16T00:00:00Z') })
	cookies = {}
	for (const email of ['admin@tandem.example', 'tx.admin@tandem.example', 'tx.coordinator@tandem.example', 'wa.coordinator@tandem.example', 'therapist.tx@tandem.example']) {
		const user = await db().user.findUniqueOrThrow({ where: { email } })
		const { token } = await createSession(user.id, { ip: null, userAgent: null })
		// The demo admin has two-factor on: this session has given its code.
		if (user.isPlatformAdmin) await markSessionTwoFactorVerified((await validateSessionToken(token))!.sessionId)
		cookies[email] = `${SESSION_COOKIE}=${token}`
	}
	const member = (email: string) => db().clinicMember.findFirstOrThrow({ where: { user: { email } } })
	clinics = { austin: (await member('tx.admin@tandem.example')).clinicId, seattle: (await member('wa.coordinator@tandem.example')).clinicId }
})
afterAll(closeDatabase)

const request = (who: string | null, path = '/somewhere?x=1') => new Request(`http://localhost${path}`, { headers: who ? { Cookie: cookies[who]! } : {} })

async function outcome(promise: Promise<unknown>): Promise<number | string> {
	try {
		await promise
		return 'allowed'
	} catch (thrown) {
		if (thrown instanceof Response) return thrown.status === 302 ? `302 ${thrown.headers.get('Location')}` : thrown.status
		throw thrown
	}
}

test('no session: sent to log in, with the way back', async () => {
	expect(await outcome(requireUser(request(null, '/clinic/referrals?status=open')))).toBe('302 /login?redirectTo=%2Fclinic%2Freferrals%3Fstatus%3Dopen')
})

describe('requireClinicMember', () => {
	test.each([
		['tx.admin@tandem.example', 'austin', undefined, 'allowed'],
		['tx.admin@tandem.example', 'austin', 'clinic_admin', 'allowed'],
		['tx.coordinator@tandem.example', 'austin', undefined, 'allowed'],
		['tx.coordinator@tandem.example', 'austin', 'clinic_admin', 403],
		['wa.coordinator@tandem.example', 'austin', undefined, 403],
		['admin@tandem.example', 'austin', undefined, 403],
		['therapist.tx@tandem.example', 'austin', undefined, 403],
	] as const)('%s in %s as %s: %s', async (who, clinic, role, expected) => {
		expect(await outcome(requireClinicMember(request(who), clinics[clinic], role))).toBe(expected)
	})
})

test('requireTherapist: only the owner of a therapist profile', async () => {
	expect(await outcome(requireTherapist(request('therapist.tx@tandem.example')))).toBe('allowed')
	expect(await outcome(requireTherapist(request('tx.admin@tandem.example')))).toBe(403)
	expect(await outcome(requireTherapist(request('admin@tandem.example')))).toBe(403)
})

test('requireAdmin: only platform admins', async () => {
	expect(await outcome(requireAdmin(request('admin@tandem.example')))).toBe('allowed')
	expect(await outcome(requireAdmin(request('tx.admin@tandem.example')))).toBe(403)
	expect(await outcome(requireAdmin(request('therapist.tx@tandem.example')))).toBe(403)
})

test('a forged or stale cookie counts as no session', async () => {
	const forged = new Request('http://localhost/x', { headers: { Cookie: `${SESSION_COOKIE}=abcdefghijklmnopqrstuvwxyz234567` } })
	expect(await outcome(requireAdmin(forged))).toBe('302 /login?redirectTo=%2Fx')
})

test('a session that has not given its second factor is sent to give it, even for pages its roles allow', async () => {
	const admin = await db().user.findUniqueOrThrow({ where: { email: 'admin@tandem.example' } })
	const { token } = await createSession(admin.id, { ip: null, userAgent: null })
	const pending = new Request('http://localhost/admin/verification', { headers: { Cookie: `${SESSION_COOKIE}=${token}` } })
	expect(await outcome(requireAdmin(pending))).toBe('302 /login/two-factor?redirectTo=%2Fadmin%2Fverification')
})
