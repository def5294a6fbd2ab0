import { expect, test, vi } from 'vitest'
import { errorHandler, renderErrorPage } from './error-page.ts'

function respond(error: unknown) {
	const res = {
		locals: { cspNonce: 'n0nce' },
		headersSent: false,
		statusCode: 0,
		body: '',
		status(code: number) {
			this.statusCode = code
			return this
		},
		type() {
			return this
		},
		send(body: string) {
			this.body = body
			return this
		},
	}
	const spy = vi.spyOn(console, 'error').mockImplementation(() => {})
	errorHandler(error, {} as never, res as never, vi.fn())
	spy.mockRestore()
	return res
}

test('a client error keeps its status and a plain explanation', () => {
	const res = respond(Object.assign(new URIError('URI malformed'), { status: 400 }))
	expect(res.statusCode).toBe(400)
	expect(res.body).toContain('That address could not be understood')
	expect(res.body).not.toContain('URI malformed')
})

test('anything else is a 500 without the error text or a stack trace', () => {
	const res = respond(new Error('secret detail'))
	expect(res.statusCode).toBe(500)
	expect(res.body).not.toContain('secret detail')
	expect(res.body).not.toMatch(/\bat \S+:\d+/)
})

test('the page is a complete, labelled HTML document', () => {
	const html = renderErrorPage(404)
	expect(html).toMatch(/^<!doctype html>/)
	expect(html).toContain('<html lang="en">')
	expect(html).toContain('<h1>Page not found</h1>')
	expect(renderErrorPage(404, 'abc')).toContain('<style nonce="abc">')
})
