// The page benchmark's two baselines (scripts/bench-pages.ts, docs/performance.md): served only by
// a process started with TANDEM_BENCH_ROUTES=1; otherwise they answer 404 like an unknown address.
import { env } from './env.server.ts'

export function requireBenchRoutes(): void {
	if (!env().TANDEM_BENCH_ROUTES) throw new Response('Not found', { status: 404 })
}

/** What both baselines answer: fixed, read from nothing. */
export const BENCH_ANSWER = {
	title: 'A fixed page',
	lines: ['The page benchmark compares every page with this one: the app’s layout around a loader that reads nothing.', 'Its other baseline is a resource route answering fixed JSON.'],
} as const
