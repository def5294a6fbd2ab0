import { expect, test } from 'vitest'
import { pendingMigrations } from './readiness.server.ts'

test('the migrations not applied are those on disk the database has not finished, in order', () => {
	expect(pendingMigrations(['20260102_b', '20260101_a', '20260103_c'], ['20260101_a'])).toEqual(['20260102_b', '20260103_c'])
	expect(pendingMigrations(['20260101_a'], ['20260101_a', '20250101_older_than_the_code'])).toEqual([])
	expect(pendingMigrations([], [])).toEqual([])
})
