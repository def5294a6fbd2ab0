// The HTTP server: static assets, a few headers every response carries, and Remix. In
// development Vite serves the app with hot reloading; otherwise the production build does.
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createRequestHandler } from '@remix-run/express'
import { type ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import morgan from 'morgan'
import { errorHandler } from './error-page.ts'

export const BUILD_DIR = path.resolve('build')

export async function createApp(options: { dev: boolean; production: boolean; logRequests: boolean }) {
	const app = express()
	app.disable('x-powered-by')
	app.use(compression())
	app.use((_req, res, next) => {
		res.setHeader('X-Content-Type-Options', 'nosniff')
		res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin')
		res.setHeader('X-Frame-Options', 'DENY')
		if (options.production) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
		next()
	})
	if (options.logRequests) app.use(morgan('tiny', { skip: (req) => req.url === '/healthz' }))

	let build: ServerBuild | (() => Promise<ServerBuild>)
	if (options.dev) {
		const vite = await import('vite')
		const viteServer = await vite.createServer({ server: { middlewareMode: true } })
		app.use(viteServer.middlewares)
		build = () => viteServer.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
	} else {
		app.use('/assets', express.static(path.join(BUILD_DIR, 'client/assets'), { immutable: true, maxAge: '1y' }))
		app.use(express.static(path.join(BUILD_DIR, 'client'), { maxAge: '1h' }))
		build = (await import(pathToFileURL(path.join(BUILD_DIR, 'server/index.js')).href)) as ServerBuild
	}

	app.all('*', createRequestHandler({ build, mode: options.production ? 'production' : 'development' }))
	app.use(errorHandler)
	return app
}
