import { describe, expect, test } from 'vitest'
import { NotificationSettingsSchema, PHONE_MAX_LENGTH, PhoneSchema } from './schemas.ts'

const issues = (input: unknown) => {
	const parsed = NotificationSettingsSchema.safeParse(input)
	return parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
}

describe('the mobile number', () => {
	test('written the usual ways, it is kept as E.164; left empty, there is none', () => {
		expect(PhoneSchema.parse('(512) 555-0123')).toBe('+15125550123')
		expect(PhoneSchema.parse('+44 20 7946 0958')).toBe('+442079460958')
		expect(PhoneSchema.parse('   ')).toBeNull()
		expect(PhoneSchema.parse(undefined)).toBeNull()
	})

	test('a number that is not one, or too long, is refused with words saying how to write it', () => {
		expect(issues({ intent: 'texts', phone: '555-01', texts: 'on' })).toEqual([{ path: 'phone', message: expect.stringMatching(/^Give a mobile number such as \(512\) 555-0123/) }])
		expect(issues({ intent: 'texts', phone: '1'.repeat(PHONE_MAX_LENGTH + 1), texts: 'on' })).toEqual([{ path: 'phone', message: `A mobile number is at most ${PHONE_MAX_LENGTH} characters.` }])
	})
})

test('texts and optional emails are on or off, nothing else', () => {
	expect(NotificationSettingsSchema.parse({ intent: 'texts', phone: '512 555 0123', texts: 'off' })).toEqual({ intent: 'texts', phone: '+15125550123', texts: 'off' })
	expect(issues({ intent: 'texts', texts: 'maybe' })).toEqual([{ path: 'texts', message: 'Choose whether to get text messages.' }])
	expect(NotificationSettingsSchema.parse({ intent: 'emails', optionalEmails: 'on' })).toEqual({ intent: 'emails', optionalEmails: 'on' })
	expect(issues({ intent: 'emails', optionalEmails: '' })).toEqual([{ path: 'optionalEmails', message: 'Choose whether to get optional emails.' }])
	expect(issues({ intent: 'read_all' })).toEqual([])
	expect(issues({ intent: 'delete_everything' })).toEqual([{ path: 'intent', message: expect.any(String) }])
})
