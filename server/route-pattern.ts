// The route pattern a request matched (`/choose/:token`, `/clinics/:clinicId/referrals`), for
// metrics labels: never the raw path, which carries tokens and ids and would make a label per request.
import { type ServerBuild } from '@remix-run/node'
import { matchRoutes } from '@remix-run/react'

type RouteNode = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: RouteNode[] }

const trees = new WeakMap<ServerBuild['routes'], RouteNode[]>()

function routeTree(routes: ServerBuild['routes'], parentId: string | undefined = undefined): RouteNode[] {
	return Object.values(routes)
		.filter((route) => route !== undefined && route.parentId === parentId)
		.map((route) => ({
			id: route!.id,
			path: route!.path,
			index: route!.index,
			caseSensitive: route!.caseSensitive,
			children: route!.index ? undefined : routeTree(routes, route!.id),
		}))
}

/** Pure: the matched routes' paths joined (`/choose/:token`), or null when no route matches. */
export function routePattern(routes: ServerBuild['routes'], pathname: string): string | null {
	let tree = trees.get(routes)
	if (!tree) {
		tree = routeTree(routes)
		trees.set(routes, tree)
	}
	// matchRoutes's types want React Router's route objects; these have the fields it reads.
	const matches = matchRoutes(tree as Parameters<typeof matchRoutes>[0], pathname)
	if (!matches) return null
	const segments = matches.map((match) => (match.route as RouteNode).path).filter((path): path is string => Boolean(path))
	return '/' + segments.join('/').replace(/\/+/g, '/').replace(/^\//, '')
}
