import http from 'node:http'
import { type AddressInfo } from 'node:net'
import zlib from 'node:zlib'
import compression from 'compression'
import express from 'express'
import { afterEach, expect, test, vi } from 'vitest'
import { coalescedFlush, coalesceFlushes } from './coalesced-flush.ts'

const nextTurn = () => new Promise((resolve) => setImmediate(resolve))

test('flushes asked for in one turn of the event loop are made once, after the turn', async () => {
	const flush = vi.fn()
	const res = { flush, writableEnded: false }
	coalesceFlushes(res)
	for (let i = 0; i < 20; i++) res.flush()
	expect(flush).not.toHaveBeenCalled()
	await nextTurn()
	expect(flush).toHaveBeenCalledTimes(1)
	res.flush()
	await nextTurn()
	expect(flush).toHaveBeenCalledTimes(2)
})

test('nothing is flushed after the response has ended, and a response without flush is left alone', async () => {
	const flush = vi.fn()
	const res = { flush, writableEnded: false }
	coalesceFlushes(res)
	res.flush()
	res.writableEnded = true
	await nextTurn()
	expect(flush).not.toHaveBeenCalled()

	const plain: { flush?: () => void; writableEnded: boolean } = { writableEnded: false }
	coalesceFlushes(plain)
	expect(plain.flush).toBeUndefined()
})

let server: http.Server | undefined
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

/** An app that writes thirty paragraphs with a flush after each, as Remix writes a page, then after `pauseMs` one more, then ends. */
async function serve(pauseMs: number, coalesce: boolean): Promise<number> {
	const app = express()
	app.use(compression())
	if (coalesce) app.use(coalescedFlush())
	app.get('/', (_req, res) => {
		const flush = () => (res as unknown as { flush: () => void }).flush()
		res.setHeader('Content-Type', 'text/html; charset=utf-8')
		for (let i = 0; i < 30; i++) {
			res.write(`<p>Paragraph ${i}: ${'integration therapy '.repeat(40)}</p>`)
			flush()
		}
		setTimeout(() => {
			res.write('<p>late</p>')
			flush()
			setTimeout(() => res.end('</html>'), pauseMs)
		}, pauseMs)
	})
	server = http.createServer(app)
	await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
	return (server.address() as AddressInfo).port
}

/** Fetches the page with Brotli, counting the blocks the compressor was asked to close: when the first bytes came, the bytes sent and the text. */
async function fetchCounting(port: number) {
	const original = zlib.BrotliCompress.prototype.flush
	let flushes = 0
	zlib.BrotliCompress.prototype.flush = function (this: zlib.BrotliCompress, ...args: Parameters<typeof original>) {
		flushes++
		return original.apply(this, args)
	} as typeof original
	try {
		const started = Date.now()
		const { encoding, firstAt, body } = await new Promise<{ encoding: string | undefined; firstAt: number; body: Buffer }>((resolve, reject) => {
			http
				.get({ host: '127.0.0.1', port, path: '/', headers: { 'accept-encoding': 'br' } }, (response) => {
					const chunks: Buffer[] = []
					let firstAt = 0
					response.on('data', (chunk: Buffer) => {
						if (!firstAt) firstAt = Date.now() - started
						chunks.push(chunk)
					})
					response.on('end', () => resolve({ encoding: response.headers['content-encoding'], firstAt, body: Buffer.concat(chunks) }))
					response.on('error', reject)
				})
				.on('error', reject)
		})
		expect(encoding).toBe('br')
		return { flushes, firstAt, sent: body.length, text: zlib.brotliDecompressSync(body).toString('utf8') }
	} finally {
		zlib.BrotliCompress.prototype.flush = original
	}
}

test('a page streamed through compression still arrives in full and in time, with one compressed block per turn', async () => {
	const { flushes, firstAt, text } = await fetchCounting(await serve(300, true))
	// The thirty paragraphs written in the first turn arrived before the late one was written.
	expect(firstAt).toBeLessThan(250)
	expect(text).toContain('Paragraph 29')
	expect(text.endsWith('<p>late</p></html>')).toBe(true)
	// One flush for the first turn's thirty paragraphs, one for the late write.
	expect(flushes).toBe(2)
})

test('without it, the compressor closes a block for every chunk, and sends more bytes', async () => {
	const coalesced = await fetchCounting(await serve(10, true))
	await new Promise<void>((resolve) => server!.close(() => resolve()))
	server = undefined
	const each = await fetchCounting(await serve(10, false))
	expect(each.text).toBe(coalesced.text)
	expect(each.flushes).toBe(31)
	expect(each.sent).toBeGreaterThan(coalesced.sent)
})
