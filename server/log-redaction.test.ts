import { type AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import express from 'express'
import { expect, test } from 'vitest'
import { MASK } from '#app/domain/auth/secret-urls.ts'
import { requestLogger } from './log-redaction.ts'

const TOKEN = 'abcdefghijklmnopqrstuvwxyz234567'

test('the access log writes masked URLs', async () => {
	const lines: string[] = []
	const stream = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) })
	const app = express()
	app.use(requestLogger({ stream }))
	app.use((_req, res) => void res.status(200).send('ok'))
	const server = app.listen(0, '127.0.0.1')
	await new Promise((resolve) => server.once('listening', resolve))
	const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
	try {
		for (const path of [`/choose/${TOKEN}`, `/reset-password?token=${TOKEN}`, '/healthz']) await (await fetch(origin + path)).text()
		await new Promise((resolve) => setTimeout(resolve, 20))
	} finally {
		server.close()
	}
	expect(lines).toHaveLength(2) // not /healthz
	expect(lines.join('')).not.toContain(TOKEN)
	expect(lines[0]).toMatch(new RegExp(`^GET /choose/\\[masked\\] 200 2 - [\\d.]+ ms\\n$`))
	expect(lines[1]).toContain(`/reset-password?token=${MASK} 200`)
})
