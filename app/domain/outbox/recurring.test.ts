import { expect, test } from 'vitest'
import { periodOf, recurringJobsAt, RECURRING_JOBS } from './recurring.ts'
import { RETENTION_DAYS } from './purge.ts'

const DAY = 86_400_000

test('a period is named as precisely as its length needs, and starts on its UTC boundary', () => {
	expect(periodOf(DAY, new Date('2026-12-02T23:59:59.999Z'))).toEqual({ name: '2026-12-02', startsAt: new Date('2026-12-02T00:00:00Z') })
	expect(periodOf(3_600_000, new Date('2026-12-02T10:59:59.999Z'))).toEqual({ name: '2026-12-02T10', startsAt: new Date('2026-12-02T10:00:00Z') })
	expect(periodOf(15 * 60_000, new Date('2026-12-02T10:44:59Z'))).toEqual({ name: '2026-12-02T10:30', startsAt: new Date('2026-12-02T10:30:00Z') })
	expect(periodOf(15 * 60_000, new Date('2026-12-02T10:45:00Z')).name).toBe('2026-12-02T10:45')
})

test('each recurring kind asks for its current period’s job, keyed by kind and period', () => {
	expect(recurringJobsAt(new Date('2027-01-05T23:50:00Z'))).toEqual([
		{ kind: 'purge', period: '2027-01-05T23', runAt: new Date('2027-01-05T23:00:00Z'), dedupeKey: 'purge:2027-01-05T23' },
		{ kind: 'calendar_refresh', period: '2027-01-05T23:45', runAt: new Date('2027-01-05T23:45:00Z'), dedupeKey: 'calendar_refresh:2027-01-05T23:45' },
		{ kind: 'expiring_credentials', period: '2027-01-05', runAt: new Date('2027-01-05T00:00:00Z'), dedupeKey: 'expiring_credentials:2027-01-05' },
		{ kind: 'search_refresh', period: '2027-01-05', runAt: new Date('2027-01-05T00:00:00Z'), dedupeKey: 'search_refresh:2027-01-05' },
	])
	// Past midnight every kind has a new period, so a new key.
	const before = recurringJobsAt(new Date('2027-01-05T23:59:59.999Z')).map((job) => job.dedupeKey)
	const after = recurringJobsAt(new Date('2027-01-06T00:00:00Z')).map((job) => job.dedupeKey)
	expect(after.filter((key) => before.includes(key))).toEqual([])
})

test('a finished job is kept longer than any period, so its key still refuses a second job of the same period', () => {
	for (const job of RECURRING_JOBS) expect(job.everyMs).toBeLessThan(RETENTION_DAYS.finishedJobs * DAY)
	expect(new Set(RECURRING_JOBS.map((job) => job.kind)).size).toBe(RECURRING_JOBS.length)
})
