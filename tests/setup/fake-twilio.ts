// Twilio's Messages API faked with MSW (no network): every text the app sends is recorded with its
// form fields and credentials, and tests choose what Twilio answers for a number (an error such as
// 21610 for a recipient who replied STOP, or a 503 while Twilio is down).
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'

export const TWILIO_TEST_ENV = {
	TWILIO_ACCOUNT_SID: `AC${'0123456789abcdef'.repeat(2)}`,
	TWILIO_AUTH_TOKEN: 'twilio-test-auth-token-0123456789',
	TWILIO_FROM: '+15125550100',
} as const

export type TwilioAnswer = { status: number; body: Record<string, unknown> }

export const STOP_REPLY: TwilioAnswer = { status: 400, body: { code: 21610, message: 'Attempt to send to unsubscribed recipient', more_info: 'https://www.twilio.com/docs/errors/21610', status: 400 } }
export const TWILIO_DOWN: TwilioAnswer = { status: 503, body: { code: 20503, message: 'Service unavailable', status: 503 } }

export function fakeTwilio() {
	const sent: { to: string; from: string | null; body: string; authorization: string | null; accountSid: string }[] = []
	const answers = new Map<string, TwilioAnswer>()
	let next = 1
	const server = setupServer(
		http.post('https://api.twilio.com/2010-04-01/Accounts/:sid/Messages.json', async ({ request, params }) => {
			const form = new URLSearchParams(await request.text())
			const to = form.get('To') ?? ''
			const answer = answers.get(to)
			if (answer) return HttpResponse.json(answer.body, { status: answer.status })
			sent.push({ to, from: form.get('From'), body: form.get('Body') ?? '', authorization: request.headers.get('authorization'), accountSid: String(params.sid) })
			return HttpResponse.json({ sid: `SM${String(next++).padStart(32, '0')}`, status: 'queued', to }, { status: 201 })
		}),
	)
	return {
		sent,
		answers,
		listen() {
			// Only Twilio is faked; anything else the test does is left alone.
			server.listen({ onUnhandledRequest: (request, print) => (new URL(request.url).hostname.endsWith('twilio.com') ? print.error() : undefined) })
		},
		close() {
			server.close()
		},
		reset() {
			sent.length = 0
			answers.clear()
		},
	}
}
