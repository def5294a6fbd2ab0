import { type AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import express from 'express'
import pino from 'pino'
import { expect, test } from 'vitest'
import { MASK } from '#app/domain/auth/secret-urls.ts'
import { createLogger, runWithLogContext } from '#app/utils/logger.server.ts'
import { parseRequestId, redactRequest, redactResponse, requestId, requestLogger } from './log-redaction.ts'

const TOKEN = 'abcdefghijklmnopqrstuvwxyz234567'

test('a caller’s request id is kept only when well formed', () => {
	expect(parseRequestId('3f2b9c1e-7d4a-4b8e-9f00-1a2b3c4d5e6f')).toBe('3f2b9c1e-7d4a-4b8e-9f00-1a2b3c4d5e6f')
	expect(parseRequestId(' lb-1:trace.42_a ')).toBe('lb-1:trace.42_a')
	expect(parseRequestId(['first', 'second'])).toBe('first')
	expect(parseRequestId(undefined)).toBeNull()
	expect(parseRequestId('')).toBeNull()
	expect(parseRequestId('a'.repeat(129))).toBeNull()
	expect(parseRequestId('a b')).toBeNull()
	expect(parseRequestId('id\nforged log line')).toBeNull()
	expect(parseRequestId('<script>')).toBeNull()
})

test('what the log says of a request holds no token, cookie or key', () => {
	const logged = redactRequest({
		method: 'POST',
		url: `/reset-password?token=${TOKEN}&next=/home`,
		headers: {
			authorization: `Bearer tk_live_${TOKEN}`,
			cookie: `tandem_session=${TOKEN}`,
			'stripe-signature': `t=1,v1=${TOKEN}`,
			referer: `https://tandem.example/choose/${TOKEN}?lang=es`,
			'user-agent': 'curl/8',
			'x-custom-secret': TOKEN,
			'content-length': '12',
		},
	})
	expect(JSON.stringify(logged)).not.toContain(TOKEN)
	expect(logged).toEqual({
		method: 'POST',
		url: `/reset-password?token=${MASK}&next=/home`,
		headers: {
			authorization: MASK,
			cookie: MASK,
			'stripe-signature': MASK,
			referer: `https://tandem.example/choose/${MASK}?lang=es`,
			'user-agent': 'curl/8',
			'content-length': '12',
		},
	})
	expect(redactRequest({ url: `/choose/${TOKEN}.data?_routes=x`, headers: {} }).url).toBe(`/choose/${MASK}.data?_routes=x`)
})

test('what the log says of a response is its status and length, never its cookies', () => {
	const headers: Record<string, unknown> = { 'set-cookie': [`tandem_session=${TOKEN}`], 'content-length': '42' }
	expect(redactResponse({ statusCode: 302, getHeader: (name) => headers[name] })).toEqual({ statusCode: 302, contentLength: 42 })
})

test('the access log writes one JSON line per request, with its id and masked URLs, and none for health checks', async () => {
	const lines: string[] = []
	const stream = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) })
	const app = express()
	app.use(requestId())
	app.use(requestLogger({ logger: pino({ level: 'info' }, stream) }))
	app.use((_req, res) => void res.setHeader('Set-Cookie', `tandem_session=${TOKEN}`).status(200).send('ok'))
	const server = app.listen(0, '127.0.0.1')
	await new Promise((resolve) => server.once('listening', resolve))
	const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
	const answers: Response[] = []
	try {
		answers.push(await fetch(`${origin}/choose/${TOKEN}`, { headers: { 'X-Request-Id': 'req-from-the-balancer', Cookie: `tandem_session=${TOKEN}` } }))
		answers.push(await fetch(`${origin}/reset-password?token=${TOKEN}`, { headers: { 'X-Request-Id': 'not a valid id' } }))
		answers.push(await fetch(`${origin}/healthz`))
		await Promise.all(answers.map((a) => a.text()))
		await new Promise((resolve) => setTimeout(resolve, 20))
	} finally {
		server.close()
	}
	expect(lines).toHaveLength(2) // not /healthz
	expect(lines.join('')).not.toContain(TOKEN)
	const [first, second] = lines.map((line) => JSON.parse(line))
	expect(first).toMatchObject({ requestId: 'req-from-the-balancer', req: { method: 'GET', url: `/choose/${MASK}` }, res: { statusCode: 200 }, msg: `GET /choose/${MASK} 200` })
	expect(answers[0]!.headers.get('X-Request-Id')).toBe('req-from-the-balancer')
	// An id that is not well formed is replaced by a fresh one, which the answer carries.
	const fresh = answers[1]!.headers.get('X-Request-Id')
	expect(fresh).toMatch(/^[0-9a-f-]{36}$/)
	expect(second).toMatchObject({ requestId: fresh, req: { url: `/reset-password?token=${MASK}` } })
})

test('log lines written inside a request’s context carry its id, and only there', () => {
	const lines: string[] = []
	const stream = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) })
	const log = createLogger('info', stream)
	runWithLogContext({ requestId: 'abc-123' }, () => {
		log.info('inside')
		log.child({ requestId: 'own-id' }).info('a child naming its own request')
	})
	log.info('outside')
	const [inside, child, outside] = lines.map((line) => JSON.parse(line))
	expect(inside).toMatchObject({ msg: 'inside', requestId: 'abc-123' })
	expect(lines[1]!.match(/requestId/g)).toHaveLength(1)
	expect(child).toMatchObject({ requestId: 'own-id' })
	expect(outside).not.toHaveProperty('requestId')
})
