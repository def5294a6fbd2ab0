// What operators read: Prometheus metrics at /metrics (a bearer token in production), readiness
// at /readyz (the database answers and every migration is applied), and the request metrics
// every answer feeds. Served here, before sessions and Remix: scrapers and probes have no session.
import { timingSafeEqual } from 'node:crypto'
import { type Request as ExpressRequest, type RequestHandler, type Response as ExpressResponse } from 'express'
import { logger } from '#app/utils/logger.server.ts'
import { metrics, metricsText } from '#app/utils/metrics.server.ts'
import { readiness } from '#app/utils/readiness.server.ts'

export type MetricsAccess = 'allowed' | 'unauthorized' | 'hidden'

/**
 * Pure: who may read /metrics. Development: anyone. Production: only `Authorization: Bearer
 * METRICS_TOKEN`; without a METRICS_TOKEN the endpoint does not exist (404).
 */
export function metricsAccess(input: { production: boolean; token: string | undefined; authorization: string | undefined }): MetricsAccess {
	if (!input.production) return 'allowed'
	if (!input.token) return 'hidden'
	const given = /^Bearer\s+(\S+)\s*$/i.exec(input.authorization ?? '')?.[1]
	if (!given) return 'unauthorized'
	const a = Buffer.from(given)
	const b = Buffer.from(input.token)
	return a.length === b.length && timingSafeEqual(a, b) ? 'allowed' : 'unauthorized'
}

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

/** The label of a request's route: the pattern Remix matched (remix-handler.ts), or what served it. */
function routeLabel(req: ExpressRequest, res: ExpressResponse): string {
	const pattern = res.locals.routePattern as string | undefined
	if (pattern) return pattern
	if (req.path.startsWith('/assets/')) return '/assets/*'
	return 'unmatched'
}

/** Counts every answer and times it, by method, route pattern and status. */
export function httpMetrics(): RequestHandler {
	return (req, res, next) => {
		const endTimer = metrics().httpDuration.startTimer()
		res.once('finish', () => {
			const labels = { method: KNOWN_METHODS.has(req.method) ? req.method : 'OTHER', route: routeLabel(req, res) }
			endTimer(labels)
			metrics().httpRequests.inc({ ...labels, status: String(res.statusCode) })
		})
		next()
	}
}

export function metricsEndpoint(options: { production: boolean; token: string | undefined }): RequestHandler {
	return async (req, res, next) => {
		res.locals.routePattern = '/metrics'
		const access = metricsAccess({ production: options.production, token: options.token, authorization: req.get('authorization') })
		if (access === 'hidden') return next()
		res.setHeader('Cache-Control', 'no-store')
		if (access === 'unauthorized') {
			res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"')
			return void res.status(401).json({ error: 'The metrics need Authorization: Bearer with METRICS_TOKEN.' })
		}
		try {
			const { contentType, body } = await metricsText()
			res.type(contentType).send(body)
		} catch (error) {
			next(error)
		}
	}
}

export function readinessEndpoint(options: { production: boolean; migrationsDir?: string }): RequestHandler {
	return async (_req, res) => {
		res.locals.routePattern = '/readyz'
		res.setHeader('Cache-Control', 'no-store')
		const result = await readiness({ migrationsDir: options.migrationsDir })
		if (result.ready) return void res.json({ status: 'ready' })
		logger().warn({ readiness: result }, 'readyz: not ready')
		// The database's own error names hosts and databases: production keeps it in the log.
		const reason = options.production && result.reason.startsWith('database:') ? 'database: unavailable' : result.reason
		res.status(503).json({ status: 'not ready', reason, ...(result.pendingMigrations ? { pendingMigrations: result.pendingMigrations } : {}) })
	}
}
