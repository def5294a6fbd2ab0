// The page benchmark's bare resource route: fixed JSON through the whole HTTP stack, and nothing
// else. 404 unless the process started with TANDEM_BENCH_ROUTES=1 (utils/bench-routes.server.ts).
import { BENCH_ANSWER, requireBenchRoutes } from '#app/utils/bench-routes.server.ts'

export function loader() {
	requireBenchRoutes()
	return Response.json(BENCH_ANSWER)
}
