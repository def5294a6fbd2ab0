import { expect, test } from 'vitest'
import { dateTimeFormat, displayNames, listFormat } from './intl.ts'

test('one formatter per locale and options, reused', () => {
	const a = dateTimeFormat('es-US', { weekday: 'long', timeZone: 'America/Denver' })
	expect(dateTimeFormat('es-US', { weekday: 'long', timeZone: 'America/Denver' })).toBe(a)
	expect(dateTimeFormat('en-US', { weekday: 'long', timeZone: 'America/Denver' })).not.toBe(a)
	expect(dateTimeFormat('es-US', { weekday: 'long', timeZone: 'America/Chicago' })).not.toBe(a)
	expect(listFormat('en-US', { type: 'conjunction' })).toBe(listFormat('en-US', { type: 'conjunction' }))
	expect(listFormat('en-US', { type: 'disjunction' })).not.toBe(listFormat('en-US', { type: 'conjunction' }))
	expect(displayNames('es-US', { type: 'language' })).toBe(displayNames('es-US', { type: 'language' }))
})

test('a reused formatter formats as a new one would', () => {
	const at = new Date('2026-12-07T16:30:00Z')
	const options: Intl.DateTimeFormatOptions = { weekday: 'long', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'America/Chicago' }
	dateTimeFormat('es-US', options)
	expect(dateTimeFormat('es-US', options).format(at)).toBe(new Intl.DateTimeFormat('es-US', options).format(at))
	expect(listFormat('es-US', { type: 'conjunction' }).format(['ACT', 'IFS'])).toBe('ACT e IFS')
	expect(displayNames('es-US', { type: 'language' }).of('vi')).toBe('vietnamita')
})

test('a zone the time-zone database does not know is refused every time, and not kept', () => {
	expect(() => dateTimeFormat('en-US', { timeZone: 'Mars/Olympus_Mons' })).toThrow(RangeError)
	expect(() => dateTimeFormat('en-US', { timeZone: 'Mars/Olympus_Mons' })).toThrow(RangeError)
})
