import { expect, test } from 'vitest'
import { carriesSecretLink, MASK, maskUrl } from './secret-urls.ts'

const TOKEN = 'abcdefghijklmnopqrstuvwxyz234567'

test.each([
	[`/choose/${TOKEN}`, `/choose/${MASK}`],
	[`/choose/${TOKEN}.data`, `/choose/${MASK}.data`],
	[`/choose/${TOKEN}?_data=routes%2Fchoose.%24token`, `/choose/${MASK}?_data=routes%2Fchoose.%24token`],
	[`/choose/${TOKEN}/sessions.ics`, `/choose/${MASK}/sessions.ics`],
	[`/calendar/${TOKEN}/sessions.ics`, `/calendar/${MASK}/sessions.ics`],
	[`/reset-password?token=${TOKEN}`, `/reset-password?token=${MASK}`],
	[`/reset-password.data?token=${TOKEN}&_routes=routes%2Freset-password`, `/reset-password.data?token=${MASK}&_routes=routes%2Freset-password`],
	[`/verify-email?token=${TOKEN}`, `/verify-email?token=${MASK}`],
	[`/invitation?token=${TOKEN}`, `/invitation?token=${MASK}`],
	[`/join/therapist?Token=${TOKEN}`, `/join/therapist?Token=${MASK}`],
	[`/__manifest?p=%2Fchoose%2F${TOKEN}&version=1a2b`, `/__manifest?p=${encodeURIComponent(`/choose/${MASK}`)}&version=1a2b`],
	['/clinics/c1/referrals?status=open', '/clinics/c1/referrals?status=open'],
	['/healthz', '/healthz'],
	[`/reset-password?token=%E0%A4%A`, `/reset-password?token=${MASK}`],
	[`/__manifest?p=%E0%A4%A%2Fchoose%2F${TOKEN}`, `/__manifest?${MASK}`],
])('%s is logged as %s', (url, logged) => {
	expect(maskUrl(url)).toBe(logged)
	expect(maskUrl(url)).not.toContain(TOKEN)
})

test('a text with a token-bearing link is recognised; one with plain links is not', () => {
	expect(carriesSecretLink(`Choose a new password: https://tandem.example/reset-password?token=${TOKEN}\n\n— Tandem`)).toBe(true)
	expect(carriesSecretLink(`<a href="http://localhost:3000/choose/${TOKEN}">See your therapists</a>`)).toBe(true)
	expect(carriesSecretLink('Open Tandem: https://tandem.example/clinics/c1/referrals/r1 or https://tandem.example/forgot-password')).toBe(false)
})
