import { expect, test } from 'vitest'
import { formatHours, parseHours } from './hours-text.ts'

test('hours as typed become minutes, sorted; and back', () => {
	const parsed = parseHours(' 13:00-17:00, 9:00 - 12:30 ')
	expect(parsed).toEqual({
		ok: true,
		hours: [
			{ startMinute: 540, endMinute: 750 },
			{ startMinute: 780, endMinute: 1020 },
		],
	})
	if (parsed.ok) expect(formatHours(parsed.hours)).toBe('09:00-12:30, 13:00-17:00')
	expect(parseHours('')).toEqual({ ok: true, hours: [] })
	expect(parseHours('20:00-24:00')).toEqual({ ok: true, hours: [{ startMinute: 1200, endMinute: 1440 }] })
})

test.each([
	['9-12', '"9-12" should look like 09:00-12:00.'],
	['09:00-25:00', '"09:00-25:00" has a time that does not exist.'],
	['09:61-10:00', '"09:61-10:00" has a time that does not exist.'],
	['12:00-09:00', '"12:00-09:00" ends before it starts.'],
	['09:00-12:00, 11:00-13:00', 'Two of those ranges overlap; join them into one.'],
])('%j is refused: %s', (text, message) => {
	expect(parseHours(text)).toEqual({ ok: false, message })
})
