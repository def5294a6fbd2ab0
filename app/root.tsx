import { type LinksFunction, type MetaFunction } from '@remix-run/node'
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError } from '@remix-run/react'
import { type ReactNode } from 'react'
import { AppShell } from './components/app-shell.tsx'
import { ErrorPage } from './components/error-page.tsx'
import tailwindHref from './styles/tailwind.css?url'

export const links: LinksFunction = () => [
	{ rel: 'stylesheet', href: tailwindHref },
	{ rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const meta: MetaFunction = () => [
	{ title: 'Tandem — therapy support around ketamine treatment' },
	{
		name: 'description',
		content:
			'Tandem matches ketamine clinics’ patients with licensed integration therapists by state, approach and timing, and tracks every referral until the patient is in care.',
	},
]

export function Layout({ children }: { children: ReactNode }) {
	return (
		<html lang="en" className="h-full">
			<head>
				<meta charSet="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<Meta />
				<Links />
			</head>
			<body className="h-full">
				{/* Accounts arrive with the accounts issue; until then every viewer is a visitor. */}
				<AppShell viewerRole="visitor">{children}</AppShell>
				<ScrollRestoration />
				<Scripts />
			</body>
		</html>
	)
}

export default function App() {
	return <Outlet />
}

export function ErrorBoundary() {
	return <ErrorPage error={useRouteError()} />
}
