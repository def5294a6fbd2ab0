import { expect, test } from 'vitest'
import { afterFailure, MAX_ATTEMPTS, retryDelayMs } from './retry.ts'

test('backoff doubles from 30 seconds and stops growing at an hour', () => {
	expect([1, 2, 3, 4, 5, 6, 7, 8].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000])
})

test('the last attempt gives up', () => {
	const now = new Date('2026-12-01T12:00:00Z')
	expect(afterFailure(1, now)).toEqual({ kind: 'retry', runAt: new Date('2026-12-01T12:00:30Z') })
	expect(afterFailure(MAX_ATTEMPTS - 1, now).kind).toBe('retry')
	expect(afterFailure(MAX_ATTEMPTS, now)).toEqual({ kind: 'give_up' })
})
