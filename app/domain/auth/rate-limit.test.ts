import { expect, test } from 'vitest'
import { decide } from './rate-limit.ts'

const rule = { limit: 3, windowSeconds: 60 }
const start = new Date('2026-11-22T12:00:00Z')

test('attempts up to the limit are allowed', () => {
	expect(decide(rule, 3, start, new Date(start.getTime() + 10_000))).toEqual({ allowed: true })
})

test('the next one is refused with the seconds until the window resets', () => {
	expect(decide(rule, 4, start, new Date(start.getTime() + 10_000))).toEqual({ allowed: false, retryAfterSeconds: 50 })
})

test('Retry-After is never zero', () => {
	expect(decide(rule, 4, start, new Date(start.getTime() + 59_999))).toEqual({ allowed: false, retryAfterSeconds: 1 })
})
