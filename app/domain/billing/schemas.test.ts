import { expect, test } from 'vitest'
import { BillingActionSchema } from './schemas.ts'

test('a clinic admin starts checkout or opens the portal, nothing else', () => {
	expect(BillingActionSchema.parse({ intent: 'checkout' })).toEqual({ intent: 'checkout' })
	expect(BillingActionSchema.parse({ intent: 'portal' })).toEqual({ intent: 'portal' })
	for (const intent of [undefined, '', 'refund', 'CHECKOUT']) {
		const parsed = BillingActionSchema.safeParse({ intent })
		expect(parsed.success, String(intent)).toBe(false)
		expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['intent', 'Choose to start a subscription or to manage it.']])
	}
})
