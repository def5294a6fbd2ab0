import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError, useRouteLoaderData } from '@remix-run/react'
import { type ReactNode } from 'react'
import { AppShell } from './components/app-shell.tsx'
import { unreadNotificationCount } from './domain/notifications/notifications.server.ts'
import { ErrorPage } from './components/error-page.tsx'
import { navigationRole } from './domain/auth/roles.ts'
import tailwindHref from './styles/tailwind.css?url'
import { useNonce } from './utils/nonce.tsx'
import { getAuth } from './utils/permissions.server.ts'
import { useHtmlLang } from './i18n/html-lang.ts'

export const links: LinksFunction = () => [
	{ rel: 'stylesheet', href: tailwindHref },
	{ rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const meta: MetaFunction = () => [
	{ title: 'Tandem — therapy support around ketamine treatment' },
	{
		name: 'description',
		content: 'Tandem matches ketamine clinics’ patients with licensed integration therapists by state, approach and timing, and tracks every referral until the patient is in care.',
	},
]

export async function loader({ request }: LoaderFunctionArgs) {
	const auth = await getAuth(request)
	// A session that still owes its second factor can log out, and nothing else.
	const principal = auth?.access === 'full' ? auth.principal : null
	return {
		user: auth ? { name: auth.user.name, email: auth.user.email, fullAccess: principal !== null, unread: principal ? await unreadNotificationCount(auth.user.id) : 0 } : null,
		role: navigationRole(principal),
		clinicId: principal?.memberships[0]?.clinicId ?? null,
	}
}

export function Layout({ children }: { children: ReactNode }) {
	const nonce = useNonce()
	// Absent when the root loader itself failed; the shell then shows the signed-out navigation.
	const data = useRouteLoaderData<typeof loader>('root')
	const lang = useHtmlLang()
	return (
		<html lang={lang} className="h-full">
			<head>
				<meta charSet="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<Meta />
				<Links />
			</head>
			<body className="h-full">
				<AppShell viewerRole={data?.role ?? 'visitor'} clinicId={data?.clinicId} user={data?.user ?? null}>
					{children}
				</AppShell>
				<ScrollRestoration nonce={nonce} />
				<Scripts nonce={nonce} />
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
