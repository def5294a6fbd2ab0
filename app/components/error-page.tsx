// What a person sees when a page cannot be shown: a plain explanation and a way on, never a
// stack trace outside development.
import { Link, isRouteErrorResponse } from '@remix-run/react'

export function ErrorPage({ error, showDetails = import.meta.env.DEV }: { error: unknown; showDetails?: boolean }) {
	const status = isRouteErrorResponse(error) ? error.status : 500
	const { title, message: general } = describe(status)
	// A request the server refused before reading it says what was wrong (routes/request-refused.tsx).
	const refusal = isRouteErrorResponse(error) && typeof error.data?.refusal === 'string' ? (error.data.refusal as string) : null
	const message = refusal ?? general
	const detail = showDetails && error instanceof Error ? error.stack : null
	return (
		<section className="mx-auto max-w-2xl px-4 py-16" aria-labelledby="error-title">
			<p className="text-sm font-semibold text-brand-700">Error {status}</p>
			<h1 id="error-title" className="mt-2 text-3xl font-semibold tracking-tight">
				{title}
			</h1>
			<p className="mt-4 text-lg text-slate-700">{message}</p>
			<p className="mt-8">
				<Link to="/" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
					Go to the home page
				</Link>
			</p>
			{detail ? <pre className="mt-8 overflow-auto rounded bg-slate-100 p-4 text-xs text-slate-800">{detail}</pre> : null}
		</section>
	)
}

function describe(status: number) {
	switch (status) {
		case 400:
			return { title: 'That request could not be understood', message: 'Check the address or the form and try again.' }
		case 401:
			return { title: 'Please sign in', message: 'You need to sign in to see this page.' }
		case 403:
			return { title: 'You do not have access to this page', message: 'If you think you should, ask your organization’s administrator.' }
		case 413:
			return { title: 'That was too much to send at once', message: 'Send less and try again.' }
		case 404:
			return { title: 'Page not found', message: 'We could not find the page you were looking for. It may have moved, or the link may be wrong.' }
		default:
			return {
				title: 'Something went wrong on our side',
				message: 'The problem has been logged. Please try again in a moment; nothing you entered has been lost.',
			}
	}
}
