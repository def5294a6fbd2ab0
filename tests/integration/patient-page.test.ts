// The patient's page over HTTP (docs/product.md §4, §5): in the patient's language (Spanish from
// the referral's languages, or as they switch it), a choice from a card and the confirmation that
// follows, "none of them fit", and therapists' photos only for the link's own shortlist.
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest'
import { generateToken, hashToken } from '#app/domain/auth/tokens.ts'
import { verifyAuditChain } from '#app/domain/audit/verify.server.ts'
import { referralReference } from '#app/domain/notifications/lifecycle-notices.ts'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { seedDemoData } from '#prisma/seed.ts'
import { startTestServer, type TestServer } from '#tests/setup/app-server.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')

let server: TestServer
let referralId: string
let otherOfferId: string

beforeAll(async () => {
	await resetDatabase()
	await seedDemoData(db(), { anchor: new Date('2026-11-16T00:00:00Z') })
	server = await startTestServer()
}, 180_000)
afterAll(async () => {
	await server?.close()
	await closeDatabase()
})

/** A shortlisted referral of the seed with two acceptances (times in the future) and a fresh link. */
async function shortlisted() {
	const referral = await db().referral.findFirstOrThrow({ where: { status: 'shortlisted', patient: { isNot: null } }, include: { offers: { orderBy: { id: 'asc' } } } })
	const other = await db().offer.findFirstOrThrow({ where: { referralId: { not: referral.id } } })
	const [a, b] = referral.offers
	const now = Date.now()
	const soon = (days: number) => new Date(now + days * 86_400_000)
	await db().offer.update({ where: { id: a!.id }, data: { status: 'accepted', proposedTimes: [soon(3), soon(4)], respondedAt: new Date() } })
	if (b) await db().offer.update({ where: { id: b.id }, data: { status: 'accepted', proposedTimes: [soon(5)], respondedAt: new Date() } })
	const token = generateToken()
	await db().patientLink.create({ data: { referralId: referral.id, tokenHash: hashToken(token), createdAt: new Date(), expiresAt: soon(7) } })
	return { referralId: referral.id, token, offerId: a!.id, therapistId: a!.therapistId, otherOfferId: other.id, time: soon(3).toISOString() }
}

let link: Awaited<ReturnType<typeof shortlisted>>
beforeEach(async () => {
	link = await shortlisted()
	referralId = link.referralId
	otherOfferId = link.otherOfferId
})

const get = async (path: string) => {
	const response = await fetch(server.origin + path, { redirect: 'manual' })
	return { status: response.status, html: await response.text(), type: response.headers.get('Content-Type') }
}
const post = async (path: string, body: Record<string, string>) => {
	const response = await fetch(server.origin + path, {
		method: 'POST',
		headers: { Origin: server.origin, 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(body),
		redirect: 'manual',
	})
	return { status: response.status, location: response.headers.get('Location'), html: await response.text() }
}

test('Spanish first in the referral’s languages: the page is in Spanish, <html lang="es">, with no marketing navigation', async () => {
	await db().referral.update({ where: { id: referralId }, data: { languages: ['es', 'en'] } })
	await db().referralPatient.update({ where: { referralId }, data: { language: null } })
	const page = await get(`/choose/${link.token}`)
	expect(page.status).toBe(200)
	expect(page.html).toContain('<html lang="es"')
	expect(page.html).toContain('Elija a su terapeuta')
	expect(page.html).toContain('Read this page in English')
	expect(page.html).toContain('Una página privada para usted')
	expect(page.html).not.toContain('Sign up')
	expect(page.html).not.toContain('Choose your therapist')
})

test('each opening is noted on the link and in the audit log, with the browser that opened it, in the audit chain', async () => {
	const before = new Date()
	const response = await fetch(`${server.origin}/choose/${link.token}`, { headers: { 'User-Agent': 'Mozilla/5.0 (iPhone) Safari' } })
	expect(response.status).toBe(200)
	const linkRow = await db().patientLink.findUniqueOrThrow({ where: { tokenHash: hashToken(link.token) } })
	expect(linkRow.lastOpenedAt!.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1)
	expect(linkRow.lastOpenedAt!.getTime()).toBeLessThanOrEqual(Date.now())
	// Earlier tests opened this referral's page through other links.
	const openings = async () =>
		(await db().auditEvent.findMany({ where: { action: 'patient_link.opened', entityId: referralId }, orderBy: { seq: 'asc' } })).filter(
			(row) => (row.details as { patientLinkId?: string }).patientLinkId === linkRow.id,
		)
	const rows = await openings()
	expect(rows).toHaveLength(1)
	expect(rows[0]).toMatchObject({ actorId: null, entity: 'referral', details: { patientLinkId: linkRow.id }, userAgent: 'Mozilla/5.0 (iPhone) Safari', at: linkRow.lastOpenedAt })
	expect(rows[0]!.ip).toMatch(/127\.0\.0\.1/)
	expect(await verifyAuditChain()).toMatchObject({ ok: true })

	// A withdrawn link is not opened, and nothing is noted.
	await db().patientLink.update({ where: { id: linkRow.id }, data: { revokedAt: new Date() } })
	expect((await get(`/choose/${link.token}`)).status).toBe(410)
	expect(await openings()).toHaveLength(1)
	expect((await db().patientLink.findUniqueOrThrow({ where: { id: linkRow.id } })).lastOpenedAt).toEqual(linkRow.lastOpenedAt)
})

test('the patient switches the language; the page, and the link, remember it', async () => {
	await db().referral.update({ where: { id: referralId }, data: { languages: ['en'] } })
	await db().referralPatient.update({ where: { referralId }, data: { language: null } })
	expect((await get(`/choose/${link.token}`)).html).toContain('<html lang="en"')
	const switched = await post(`/choose/${link.token}`, { intent: 'language', language: 'es' })
	expect(switched.status).toBe(302)
	expect((await db().referralPatient.findUniqueOrThrow({ where: { referralId } })).language).toBe('es')
	const page = await get(`/choose/${link.token}`)
	expect(page.html).toContain('<html lang="es"')
	expect(page.html).toContain('Elegir a ')
	expect((await post(`/choose/${link.token}`, { intent: 'language', language: 'fr' })).status).toBe(400)
})

test('photos: a therapist on this link’s shortlist, never another one, and never without a link in use', async () => {
	await db().therapistPhoto.upsert({ where: { therapistId: link.therapistId }, create: { therapistId: link.therapistId, type: 'image/png', base64: PNG.toString('base64') }, update: {} })
	const other = await db().offer.findUniqueOrThrow({ where: { id: otherOfferId } })
	await db().therapistPhoto.upsert({ where: { therapistId: other.therapistId }, create: { therapistId: other.therapistId, type: 'image/png', base64: PNG.toString('base64') }, update: {} })
	const mine = await get(`/choose/${link.token}/photo/${link.offerId}`)
	expect(mine.status).toBe(200)
	expect(mine.type).toBe('image/png')
	expect((await get(`/choose/${link.token}`)).html).toContain(`/choose/${link.token}/photo/${link.offerId}`)
	// Another referral's therapist, through this link: as if there were none.
	expect((await get(`/choose/${link.token}/photo/${otherOfferId}`)).status).toBe(404)
	expect((await get(`/choose/${generateToken()}/photo/${link.offerId}`)).status).toBe(404)
	// A therapist of this referral who is not on the shortlist (declined) is not shown either.
	await db().offer.update({ where: { id: link.offerId }, data: { status: 'declined' } })
	expect((await get(`/choose/${link.token}/photo/${link.offerId}`)).status).toBe(404)
})

test('choosing from a card records the choice and shows what happens next', async () => {
	await db().referralPatient.update({ where: { referralId }, data: { language: 'en' } })
	const chosen = await post(`/choose/${link.token}`, { intent: 'choose', choice: `${link.offerId}|${link.time}` })
	expect(chosen.status).toBe(302)
	expect(chosen.location).toBe(`/choose/${link.token}?done=choose`)
	const referral = await db().referral.findUniqueOrThrow({ where: { id: referralId }, include: { clinic: true } })
	expect(['matched', 'scheduled']).toContain(referral.status)
	const therapist = await db().therapist.findUniqueOrThrow({ where: { id: link.therapistId } })
	const page = await get(`/choose/${link.token}?done=choose`)
	expect(page.html).toContain(`You chose ${therapist.fullName}`)
	expect(page.html).toContain('What happens next')
	expect(page.html).toContain(`mailto:${therapist.email}`)
	expect(page.html).toContain(referral.clinic.name)
	expect(page.html).toContain(referralReference(referralId))
	expect(page.html).toMatch(referral.status === 'scheduled' ? /Your first session: / : /will contact you to arrange your first session/)
})

test('"None of them fit" tells the clinic, and the page thanks the patient', async () => {
	const none = await post(`/choose/${link.token}`, { intent: 'none' })
	expect(none.status).toBe(302)
	expect(none.location).toBe(`/choose/${link.token}?done=none`)
	expect((await db().referral.findUniqueOrThrow({ where: { id: referralId } })).status).toBe('unfilled')
	await db().referralPatient.update({ where: { referralId }, data: { language: 'es' } })
	expect((await get(`/choose/${link.token}?done=none`)).html).toContain('Gracias por decírnoslo.')
})
