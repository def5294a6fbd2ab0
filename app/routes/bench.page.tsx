// The page benchmark's bare page: a loader that reads nothing, rendered in the app's layout (whose
// root loader still reads the session). 404 unless the process started with TANDEM_BENCH_ROUTES=1
// (utils/bench-routes.server.ts).
import { type MetaFunction } from '@remix-run/node'
import { useLoaderData, useRouteError } from '@remix-run/react'
import { ErrorPage } from '#app/components/error-page.tsx'
import { Card } from '#app/components/ui/card.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { BENCH_ANSWER, requireBenchRoutes } from '#app/utils/bench-routes.server.ts'

/** Without the routes, the root's meta, as an unknown address has. */
export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
	data ? [{ title: `${data.title} — Tandem` }, { name: 'robots', content: 'noindex' }] : (matches.find((match) => match.id === 'root')?.meta ?? [])

export function loader() {
	requireBenchRoutes()
	return BENCH_ANSWER
}

export default function BenchPage() {
	const { title, lines } = useLoaderData<typeof loader>()
	return (
		<>
			<PageHeader title={title} />
			<Card>
				{lines.map((line) => (
					<p key={line}>{line}</p>
				))}
			</Card>
		</>
	)
}

export function ErrorBoundary() {
	return <ErrorPage error={useRouteError()} />
}
