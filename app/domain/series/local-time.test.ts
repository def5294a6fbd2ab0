import { expect, test } from 'vitest'
import { LocalDateTime, localDateTimeInstant } from './local-time.ts'

test('a typed date and time is read in the zone, on both sides of a daylight-saving change', () => {
	expect(localDateTimeInstant('2026-10-30T10:00', 'America/Chicago').toISOString()).toBe('2026-10-30T15:00:00.000Z')
	expect(localDateTimeInstant('2026-11-03T10:00', 'America/Chicago').toISOString()).toBe('2026-11-03T16:00:00.000Z')
})

test('anything but a real date and time is refused with one sentence', () => {
	for (const bad of ['', '2026-02-30T10:00', '2026-11-03', '2026-11-03T24:00', '9999-12-31T10:00', '2026-11-03T10:00Z', 'x'.repeat(500)]) {
		const parsed = LocalDateTime.safeParse(bad)
		expect(parsed.success, bad).toBe(false)
	}
	expect(LocalDateTime.safeParse(' 2026-11-03T10:00 ').success).toBe(true)
})
