// The HTTP server: static assets, a few headers every response carries, and Remix. In
// development Vite serves the app with hot reloading; otherwise the production build does.
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { type ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import { bodyLimit } from './body-limit.ts'
import { coalescedFlush } from './coalesced-flush.ts'
import { clientLocality } from './client-locality.ts'
import { errorHandler } from './error-page.ts'
import { reenterLogContext, requestId, requestLogger } from './log-redaction.ts'
import { httpMetrics, metricsEndpoint, readinessEndpoint } from './operations.ts'
import { remixHandler } from './remix-handler.ts'
import { originCheck, securityHeaders } from './security.ts'
import { sessionContext } from './session-middleware.ts'
import { unstorableTextGuard } from './unstorable-text.ts'

export const BUILD_DIR = path.resolve('build')

export type AppOptions = {
	dev: boolean
	production: boolean
	logRequests: boolean
	appOrigin: string
	trustProxy: string | undefined
	/** METRICS_TOKEN: in production, /metrics answers only to it, and not at all without it. */
	metricsToken?: string
	/** Where the migrations /readyz expects to find applied are (tests point it elsewhere). */
	migrationsDir?: string
	/** A server build to use instead of Vite's or the production one (tests compile it in memory). */
	build?: ServerBuild
}

export async function createApp(options: AppOptions) {
	const app = express()
	app.disable('x-powered-by')
	if (options.trustProxy) app.set('trust proxy', trustProxySetting(options.trustProxy))
	app.use(requestId())
	app.use(httpMetrics())
	// Masked: links in emails carry bearer tokens in their paths and query strings.
	if (options.logRequests) app.use(requestLogger())
	app.use(compression())
	app.use(coalescedFlush())
	app.use(securityHeaders(options))
	app.get('/metrics', metricsEndpoint({ production: options.production, token: options.metricsToken }))
	app.get('/readyz', readinessEndpoint({ production: options.production, migrationsDir: options.migrationsDir }))

	let build: ServerBuild | (() => Promise<ServerBuild>)
	if (options.build) {
		build = options.build
	} else if (options.dev) {
		const vite = await import('vite')
		const viteServer = await vite.createServer({ server: { middlewareMode: true } })
		app.use(viteServer.middlewares)
		build = () => viteServer.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
	} else {
		app.use('/assets', express.static(path.join(BUILD_DIR, 'client/assets'), { immutable: true, maxAge: '1y' }))
		app.use(express.static(path.join(BUILD_DIR, 'client'), { maxAge: '1h' }))
		build = (await import(pathToFileURL(path.join(BUILD_DIR, 'server/index.js')).href)) as ServerBuild
	}

	app.use(clientLocality({ appOrigin: options.appOrigin, behindProxy: Boolean(options.trustProxy) }))
	app.use(originCheck(options.appOrigin))
	app.use(bodyLimit())
	app.use(reenterLogContext())
	app.use(unstorableTextGuard())
	app.use(sessionContext({ secureCookies: options.production }))
	app.all(
		'*',
		remixHandler({
			build,
			production: options.production,
			getLoadContext: (_req, res) => ({ cspNonce: String(res.locals.cspNonce), localClient: res.locals.localClient === true }),
		}),
	)
	app.use(errorHandler)
	return app
}

/** TRUST_PROXY: "true", a hop count, or Express's named ranges ("loopback", "uniquelocal", …). */
function trustProxySetting(value: string): boolean | number | string {
	if (value === 'true') return true
	if (/^\d+$/.test(value)) return Number(value)
	return value
}
