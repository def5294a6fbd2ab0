// The periodic purge: expired sessions, tokens and patient links, spent
// rate-limit windows, sent email bodies and finished jobs go; what is still in use stays. It is an
// outbox job under a period's dedupe key, so however many workers ask for it and claim at once,
// each period's purge runs once.
import { afterAll, beforeEach, describe, expect, test, vi } from 'vitest'
import { enqueuePurge } from '#app/domain/outbox/purge.server.ts'
import { runDueJobs, startWorker } from '#app/domain/outbox/worker.server.ts'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'
import { texasReferralData } from '#tests/factories/referrals.ts'

beforeEach(resetDatabase)
afterAll(closeDatabase)

const NOW = new Date('2026-12-02T10:20:00Z')
const HOUR = 3_600_000
const DAY = 24 * HOUR
const ago = (ms: number) => new Date(NOW.getTime() - ms)

/** One row that must go and one that must stay, of each kind the purge removes. */
async function seedRows() {
	const user = await db().user.create({ data: { email: 'ana@example.org', name: 'Ana', passwordHash: 'x' }, select: { id: true } })
	await db().session.createMany({
		data: [
			{ id: 'expired-session', userId: user.id, expiresAt: ago(1000) },
			{ id: 'live-session', userId: user.id, expiresAt: new Date(NOW.getTime() + DAY) },
		],
	})
	await db().userToken.createMany({
		data: [
			{ id: 'old-token', purpose: 'password_reset', email: 'ana@example.org', userId: user.id, expiresAt: ago(31 * DAY) },
			{ id: 'recently-expired-token', purpose: 'invitation', email: 'cory@example.org', expiresAt: ago(DAY) },
		],
	})
	const clinic = await db().clinic.create({ data: { name: 'C', state: 'TX', city: 'Austin', zip: '78701', timeZone: 'America/Chicago' }, select: { id: true } })
	const referral = await db().referral.create({
		data: texasReferralData(clinic.id, NOW, { status: 'shortlisted', dosingSessionsAt: [NOW] }),
		select: { id: true },
	})
	await db().patientLink.createMany({
		data: [
			{ id: 'old-link', referralId: referral.id, tokenHash: 'h1', createdAt: ago(40 * DAY), expiresAt: ago(33 * DAY) },
			{ id: 'live-link', referralId: referral.id, tokenHash: 'h2', createdAt: ago(DAY), expiresAt: new Date(NOW.getTime() + 6 * DAY) },
		],
	})
	await db().signInAddress.createMany({
		data: [
			{ userId: user.id, ip: '203.0.113.1', lastSignedInAt: ago(181 * DAY) },
			{ userId: user.id, ip: '203.0.113.2', lastSignedInAt: ago(179 * DAY) },
		],
	})
	await db().rateLimit.createMany({
		data: [
			{ key: 'old-window', windowStart: ago(2 * DAY), count: 3 },
			{ key: 'open-window', windowStart: ago(10 * 60_000), count: 3 },
		],
	})
	await db().emailMessage.createMany({
		data: [
			{ id: 'old-email', to: 'ana@example.org', template: 'password_reset', subject: 's', transport: 'smtp', createdAt: ago(31 * DAY), sentAt: ago(31 * DAY) },
			{ id: 'sent-with-body', to: 'ana@example.org', template: 'notice', subject: 's', text: 'body', html: '<p>body</p>', transport: 'smtp', createdAt: ago(HOUR), sentAt: ago(HOUR) },
		],
	})
	const email = { to: 'ana@example.org', template: 'notice', subject: 's', text: 't', html: 'h' }
	await db().outboxJob.createMany({
		data: [
			{ id: 'sent-email-job', kind: 'email', payload: email, runAt: ago(HOUR), doneAt: ago(HOUR) },
			{ id: 'waiting-email-job', kind: 'email', payload: email, runAt: new Date(NOW.getTime() + HOUR) },
			{ id: 'old-round', kind: 'offer_round', payload: { referralId: referral.id }, runAt: ago(8 * DAY), doneAt: ago(8 * DAY) },
			{ id: 'old-failed-expiry', kind: 'offer_expiry', payload: { offerId: 'o1' }, runAt: ago(9 * DAY), doneAt: ago(8 * DAY), failedAt: ago(8 * DAY), lastError: 'x' },
			{ id: 'recent-round', kind: 'offer_round', payload: { referralId: referral.id }, runAt: ago(DAY), doneAt: ago(DAY) },
		],
	})
}

describe('the purge', () => {
	test('two workers asking and claiming at once purge once, and remove exactly what has outlived its use', async () => {
		await seedRows()
		// Two processes ask for this hour's purge at the same moment: one job.
		await Promise.all([enqueuePurge(NOW), enqueuePurge(NOW)])
		expect(await db().outboxJob.findMany({ where: { kind: 'purge' }, select: { dedupeKey: true, payload: true, runAt: true } })).toEqual([
			{ dedupeKey: 'purge:2026-12-02T10', payload: { period: '2026-12-02T10' }, runAt: new Date('2026-12-02T10:00:00Z') },
		])
		// Two workers claim at once: one runs it.
		const [a, b] = await Promise.all([runDueJobs(NOW), runDueJobs(NOW)])
		expect(a.done + b.done).toBe(1)
		expect(a.failed + b.failed).toBe(0)
		expect(await db().outboxJob.findFirstOrThrow({ where: { kind: 'purge' } })).toMatchObject({ attempts: 1, doneAt: NOW, failedAt: null })

		expect((await db().session.findMany({ select: { id: true } })).map((r) => r.id)).toEqual(['live-session'])
		expect((await db().userToken.findMany({ select: { id: true } })).map((r) => r.id)).toEqual(['recently-expired-token'])
		expect((await db().patientLink.findMany({ select: { id: true } })).map((r) => r.id)).toEqual(['live-link'])
		expect((await db().rateLimit.findMany({ select: { key: true } })).map((r) => r.key)).toEqual(['open-window'])
		expect((await db().signInAddress.findMany({ select: { ip: true } })).map((r) => r.ip)).toEqual(['203.0.113.2'])
		expect(await db().emailMessage.findMany({ select: { id: true, text: true, html: true } })).toEqual([{ id: 'sent-with-body', text: null, html: null }])
		const jobs = (await db().outboxJob.findMany({ where: { kind: { not: 'purge' } }, orderBy: { id: 'asc' }, select: { id: true } })).map((r) => r.id)
		expect(jobs).toEqual(['recent-round', 'waiting-email-job'])

		// Asked again in the same hour (another process, a restart): nothing new to do.
		await enqueuePurge(new Date(NOW.getTime() + 30 * 60_000))
		expect(await runDueJobs(new Date(NOW.getTime() + 30 * 60_000))).toEqual({ done: 0, failed: 0 })
		// The next hour has its own.
		await enqueuePurge(new Date(NOW.getTime() + HOUR))
		expect(await db().outboxJob.count({ where: { kind: 'purge' } })).toBe(2)
	})

	test('a running worker asks for the current period’s purge', async () => {
		const stop = startWorker({ intervalMs: 60_000 })
		// Its first pass asks for the purge and does it; stopping waits for a claimed job, but claims no more.
		const purgeJobs = () => db().outboxJob.findMany({ where: { kind: 'purge' }, select: { dedupeKey: true, doneAt: true } })
		await vi.waitFor(async () => expect((await purgeJobs())[0]?.doneAt).toBeInstanceOf(Date), { timeout: 20_000, interval: 100 })
		await stop()
		const jobs = await purgeJobs()
		expect(jobs).toHaveLength(1)
		expect(jobs[0]!.dedupeKey).toMatch(/^purge:\d{4}-\d\d-\d\dT\d\d$/)
	})
})
