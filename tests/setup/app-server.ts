// The whole app on a random port for integration tests: the server build compiled in memory by
// Vite (no client build, no HMR) behind the real Express stack (Origin check, sessions, Remix).
import { type Server } from 'node:http'
import { type AddressInfo } from 'node:net'
import { type ServerBuild } from '@remix-run/node'
import { createServer, type ViteDevServer } from 'vite'
import { createApp } from '#server/app.ts'

export type TestServer = { origin: string; build: ServerBuild; close: () => Promise<void> }

export type TestServerOptions = {
	/** Serve as in production (Secure `__Host-` cookie, HSTS, production error answers). */
	production?: boolean
	/** Serve this already compiled build (another test server's) instead of compiling one. */
	build?: ServerBuild
	/** Changes the compiled build before serving it, e.g. to make a route fail. */
	changeBuild?: (build: ServerBuild) => ServerBuild
	/** METRICS_TOKEN (production answers /metrics only to it). */
	metricsToken?: string
	/** The migrations /readyz expects applied, instead of prisma/migrations. */
	migrationsDir?: string
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
	const vite: ViteDevServer | null = options.build
		? null
		: await createServer({ server: { middlewareMode: true, hmr: false, ws: false }, optimizeDeps: { noDiscovery: true, include: [] }, appType: 'custom', logLevel: 'error' })
	const compiled = options.build ?? ((await vite!.ssrLoadModule('virtual:remix/server-build')) as ServerBuild)
	const build = options.changeBuild ? options.changeBuild(compiled) : compiled
	const app = await createApp({
		dev: false,
		production: options.production ?? false,
		logRequests: false,
		appOrigin: 'http://localhost',
		trustProxy: undefined,
		build,
		metricsToken: options.metricsToken,
		migrationsDir: options.migrationsDir,
	})
	const server = await new Promise<Server>((resolve) => {
		const listening = app.listen(0, '127.0.0.1', () => resolve(listening))
	})
	return {
		origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		build,
		close: async () => {
			await new Promise((resolve) => server.close(resolve))
			await vite?.close()
		},
	}
}
