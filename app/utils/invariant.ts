// Guards for loaders and actions that answer in HTTP instead of asserting: a failed condition throws
// a Response (404 unless told otherwise), which the route's error boundary shows in words — never a
// non-null assertion that would turn a surprise into a 500.
import { type LoaderFunctionArgs } from '@remix-run/node'

export function invariantResponse(condition: unknown, message: string, init: ResponseInit = {}): asserts condition {
	if (!condition) throw new Response(message, { status: 404, ...init, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...init.headers } })
}

/** A path parameter the route's file name declares: a 404 when the address lacks it. */
export function routeParam(params: LoaderFunctionArgs['params'], name: string): string {
	const value = params[name]
	invariantResponse(value, 'Not found')
	return value
}
