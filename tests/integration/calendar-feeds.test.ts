// Calendars in (docs/product.md §4a): a therapist's own calendar, served by this test on loopback,
// takes its busy times out of the free time that proposals and matching's timing filter use; a feed
// that times out, is too big or is not iCalendar is reported and the last good copy kept.
import http from 'node:http'
import { type AddressInfo } from 'node:net'
import { TZDate } from '@date-fns/tz'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { feedStatus, readCalendarFeed, refreshDueCalendarFeeds, removeCalendarFeed, setCalendarFeed } from '#app/domain/calendar/feeds.server.ts'
import { addressKind, fetchFeed, mayConnect } from '#app/domain/calendar/feed-fetch.server.ts'
import { loadMatchReferral, whyNotTherapist } from '#app/domain/matching/candidates.server.ts'
import { drainJobs } from '#app/domain/outbox/worker.server.ts'
import { proposableForOffer, therapistOffer } from '#app/domain/referrals/offer-responses.server.ts'
import { applyClinicAction } from '#app/domain/referrals/referral-changes.server.ts'
import { closeDatabase, db } from '#app/utils/db.server.ts'
import { seedDemoData } from '#prisma/seed.ts'
import { resetDatabase } from '#tests/setup/db-utils.ts'
import { texasReferralData } from '#tests/factories/referrals.ts'

const T0 = new Date('2026-11-17T12:00:00Z')
const FIRST_DOSE = new Date('2026-11-24T15:00:00Z')

const feeds: Record<string, string | ((response: http.ServerResponse) => void)> = {}
let server: http.Server
let origin = ''
let referralId = ''
let offer: Awaited<ReturnType<typeof therapistOffer>> & { ok: true }

const calendar = (...events: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//Feed//EN', ...events, 'END:VCALENDAR'].join('\r\n')
const vevent = (...lines: string[]) => ['BEGIN:VEVENT', 'DTSTAMP:20261101T000000Z', ...lines, 'END:VEVENT'].join('\r\n')
/** An ICS local date-time (no zone) for an instant seen in `zone`. */
function local(at: Date, zone: string): string {
	const t = new TZDate(at.getTime(), zone)
	const pad = (n: number) => String(n).padStart(2, '0')
	return `${t.getFullYear()}${pad(t.getMonth() + 1)}${pad(t.getDate())}T${pad(t.getHours())}${pad(t.getMinutes())}00`
}
const day = (at: Date, zone: string) => local(at, zone).slice(0, 8)

beforeAll(async () => {
	server = http.createServer((request, response) => {
		const feed = feeds[request.url ?? '']
		if (typeof feed === 'function') return feed(response)
		if (feed === undefined) return response.writeHead(404).end()
		response.writeHead(200, { 'Content-Type': 'text/calendar' }).end(feed)
	})
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

	await resetDatabase()
	await seedDemoData(db(), { anchor: new Date('2026-11-16T00:00:00Z') })
	const coordinator = await db().clinicMember.findFirstOrThrow({ where: { user: { email: 'tx.coordinator@tandem.example' } } })
	const draft = await db().referral.create({
		data: texasReferralData(coordinator.clinicId, FIRST_DOSE, {
			modalities: ['act'],
			focusAreas: ['depression'],
			timingRequired: true,
			patient: { create: { firstName: 'Pat', lastName: 'Example', email: 'pat.example@example.org', birthDate: new Date('1985-04-02') } },
		}),
	})
	expect(await applyClinicAction(coordinator.clinicId, draft.id, { kind: 'user', userId: coordinator.userId }, 'post', null, T0)).toMatchObject({ ok: true, status: 'open' })
	referralId = draft.id
	await drainJobs(T0)
	const first = await db().offer.findFirstOrThrow({ where: { referralId }, orderBy: { id: 'asc' } })
	const access = await therapistOffer(first.therapistId, first.id)
	if (!access.ok) throw new Error('no access to the offer')
	offer = access
})
afterAll(async () => {
	await new Promise((resolve) => server.close(resolve))
	await closeDatabase()
})

describe('a therapist’s own calendar', () => {
	test('its busy times leave proposals and matching; a failing read is reported and the last good copy kept', async () => {
		const { therapistId } = offer.offer
		const { timeZone } = await db().therapist.findUniqueOrThrow({ where: { id: therapistId }, select: { timeZone: true } })
		const before = await proposableForOffer(offer.offer, T0)
		expect(before.length).toBeGreaterThan(2)
		const first = before[0]!
		const otherDay = before.find((t) => day(t, timeZone) !== day(first, timeZone))!
		expect(otherDay).toBeDefined()
		expect(await whyNotTherapist((await loadMatchReferral(referralId, undefined, T0))!, therapistId)).toBeNull()

		// A weekly event at the first free hour, written in London time without a VTIMEZONE (its
		// next week excluded); an all-day event on another free day; a free (transparent) event.
		feeds['/mine.ics'] = calendar(
			vevent(
				'UID:weekly@test',
				`DTSTART;TZID=Europe/London:${local(first, 'Europe/London')}`,
				`DTEND;TZID=Europe/London:${local(new Date(first.getTime() + 3_600_000), 'Europe/London')}`,
				'RRULE:FREQ=WEEKLY;COUNT=3',
				`EXDATE;TZID=Europe/London:${local(new Date(first.getTime() + 7 * 86_400_000), 'Europe/London')}`,
			),
			vevent('UID:allday@test', `DTSTART;VALUE=DATE:${day(otherDay, timeZone)}`),
			vevent('UID:free@test', `DTSTART:${local(before.at(-1)!, 'UTC')}Z`, `DTEND:${local(new Date(before.at(-1)!.getTime() + 3_600_000), 'UTC')}Z`, 'TRANSP:TRANSPARENT'),
		)
		const set = await setCalendarFeed(therapistId, `${origin}/mine.ics`, null, T0)
		expect(set).toEqual({ ok: true, read: { ok: true, busy: 3, events: 3 } })
		const after = (await proposableForOffer(offer.offer, T0)).map((t) => t.getTime())
		expect(after).not.toContain(first.getTime())
		expect(after.filter((t) => day(new Date(t), timeZone) === day(otherDay, timeZone))).toEqual([])
		expect(after).toContain(before.at(-1)!.getTime())
		const stored = (await db().calendarFeed.findUniqueOrThrow({ where: { therapistId } })).busy as [string, string][]
		// The excluded week is not busy; the third week is.
		expect(stored.map(([start]) => start)).not.toContain(new Date(first.getTime() + 7 * 86_400_000).toISOString())
		expect(stored.map(([start]) => start)).toContain(new Date(first.getTime() + 14 * 86_400_000).toISOString())
		// The address is sealed: not in the row as text.
		expect(JSON.stringify(await db().calendarFeed.findUniqueOrThrow({ where: { therapistId } }))).not.toContain('/mine.ics')

		// Busy over the whole first integration window: matching's timing filter leaves them out.
		const busyDays = Array.from({ length: 5 }, (_, i) => vevent(`UID:away-${i}@test`, `DTSTART;VALUE=DATE:${day(new Date(FIRST_DOSE.getTime() + i * 86_400_000), timeZone)}`))
		feeds['/mine.ics'] = calendar(...busyDays)
		expect(await readCalendarFeed(therapistId, T0)).toMatchObject({ ok: true, busy: 1 })
		expect(await whyNotTherapist((await loadMatchReferral(referralId, undefined, T0))!, therapistId)).toBe('timing')

		// Failing reads: each reported in words, the last good copy still used.
		const goodCopy = (await db().calendarFeed.findUniqueOrThrow({ where: { therapistId } })).busy
		feeds['/mine.ics'] = '<html><body>Please sign in</body></html>'
		expect(await readCalendarFeed(therapistId, T0)).toEqual({ ok: false, error: expect.stringMatching(/did not return an iCalendar file/) })
		feeds['/mine.ics'] = (response) => response.writeHead(200, { 'Content-Type': 'text/calendar' }).end('BEGIN:VCALENDAR\r\n' + 'X'.repeat(3 * 1024 * 1024))
		expect(await readCalendarFeed(therapistId, T0)).toEqual({ ok: false, error: expect.stringMatching(/larger than Tandem reads/) })
		delete feeds['/mine.ics']
		expect(await readCalendarFeed(therapistId, T0)).toEqual({ ok: false, error: expect.stringMatching(/answered 404/) })
		expect((await db().calendarFeed.findUniqueOrThrow({ where: { therapistId } })).busy).toEqual(goodCopy)
		expect(await feedStatus(therapistId, T0)).toMatchObject({ host: new URL(origin).host, lastError: expect.stringMatching(/answered 404/), readAt: T0 })
		expect(await whyNotTherapist((await loadMatchReferral(referralId, undefined, T0))!, therapistId)).toBe('timing')

		// The periodic refresh reads it again once due (15 minutes on), and a good read clears the error.
		feeds['/mine.ics'] = calendar()
		expect(await refreshDueCalendarFeeds(new Date(T0.getTime() + 60_000))).toEqual({ read: 0, failed: 0, leftDue: false })
		// A job whose budget is spent starts no read and leaves the feed due for the next one.
		expect(await refreshDueCalendarFeeds(new Date(T0.getTime() + 15 * 60_000), { budgetMs: 0 })).toEqual({ read: 0, failed: 0, leftDue: true })
		expect(await refreshDueCalendarFeeds(new Date(T0.getTime() + 15 * 60_000))).toEqual({ read: 1, failed: 0, leftDue: false })
		expect(await feedStatus(therapistId, T0)).toMatchObject({ lastError: null, busyAhead: 0 })
		expect(await whyNotTherapist((await loadMatchReferral(referralId, undefined, T0))!, therapistId)).toBeNull()

		expect(await removeCalendarFeed(therapistId, null)).toBe(true)
		expect(await feedStatus(therapistId)).toBeNull()
	})

	test('fetching is bounded in time and redirects, and never reaches a private address in production', async () => {
		feeds['/slow.ics'] = () => undefined // never answers
		expect(await fetchFeed(`${origin}/slow.ics`, { maxBytes: 1024, timeoutMs: 300, maxRedirects: 3 })).toEqual({ ok: false, error: expect.stringMatching(/did not answer within/) })
		for (let i = 0; i < 5; i++) feeds[`/hop${i}`] = (response) => response.writeHead(302, { Location: `/hop${i + 1}` }).end()
		expect(await fetchFeed(`${origin}/hop0`)).toEqual({ ok: false, error: expect.stringMatching(/redirected more than 3 times/) })
		expect(await fetchFeed('file:///etc/passwd')).toEqual({ ok: false, error: expect.stringMatching(/https:\/\//) })
		expect(await fetchFeed('https://user:secret@calendar.example/feed.ics')).toEqual({ ok: false, error: expect.stringMatching(/without a user name/) })
		// Loopback is allowed here (tests); in production neither it nor any private range is.
		expect(mayConnect('127.0.0.1', true)).toBe(false)
		expect(mayConnect('127.0.0.1', false)).toBe(true)
		for (const address of ['10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1'])
			expect(addressKind(address), address).toBe('private')
		expect(mayConnect('169.254.169.254', false)).toBe(false)
		for (const address of ['8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8']) expect(addressKind(address), address).toBe('public')
	})
})
