// Any address no other route claims: a real 404 through the root error boundary.
import { useRouteError } from '@remix-run/react'
import { ErrorPage } from '#app/components/error-page.tsx'

export function loader() {
	throw new Response('Not found', { status: 404 })
}

export default function NotFound() {
	return null
}

export function ErrorBoundary() {
	return <ErrorPage error={useRouteError()} />
}
