// The page benchmark's two baseline routes (scripts/bench-pages.ts) exist in every build, so they
// must be unreachable unless a process is started to serve them: 404 (as any unknown address) by
// default, in development and production modes, page, data and JSON alike; served only with
// TANDEM_BENCH_ROUTES=1 in the environment at start-up.
import { afterEach, expect, test } from 'vitest'
import { startTestServer, type TestServer } from '#tests/setup/app-server.ts'

let server: TestServer | null = null
afterEach(async () => {
	await server?.close()
	server = null
	delete process.env.TANDEM_BENCH_ROUTES
})

const PATHS = ['/bench/resource', '/bench/page', '/bench/page.data', '/bench/resource?x=1']

test.each([
	['development', false],
	['production', true],
])(
	'without TANDEM_BENCH_ROUTES, in %s mode, the baselines answer 404 like an unknown address',
	async (_mode, production) => {
		server = await startTestServer({ production })
		const unknown = await fetch(`${server.origin}/no-such-page`)
		expect(unknown.status).toBe(404)
		const unknownText = await unknown.text()
		for (const path of PATHS) {
			const response = await fetch(`${server.origin}${path}`)
			expect(response.status, path).toBe(404)
			const text = await response.text()
			expect(text, path).not.toContain('A fixed page')
			expect(text, path).not.toContain('reads nothing')
		}
		// The page's 404 is the page an unknown address gets.
		expect(unknownText).toContain('Page not found')
		expect(await (await fetch(`${server.origin}/bench/page`)).text()).toContain('Page not found')
	},
	120_000,
)

test('with TANDEM_BENCH_ROUTES=1 at start-up, they answer: fixed JSON, and a fixed page in the layout', async () => {
	// The server build is compiled afresh, so its environment is read afresh.
	process.env.TANDEM_BENCH_ROUTES = '1'
	server = await startTestServer()
	const resource = await fetch(`${server.origin}/bench/resource`)
	expect(resource.status).toBe(200)
	expect(await resource.json()).toMatchObject({ title: 'A fixed page' })
	const page = await fetch(`${server.origin}/bench/page`)
	expect(page.status).toBe(200)
	const html = await page.text()
	expect(html).toContain('<title>A fixed page — Tandem</title>')
	expect(html).toMatch(/<h1[^>]*>A fixed page<\/h1>/)
	// In the app's layout: its navigation and footer.
	expect(html).toContain('aria-label="Main"')
	expect(html).toContain('<footer')
}, 120_000)
