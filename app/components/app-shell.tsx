// The frame around every page: skip link, header with navigation for the viewer's role, footer.
import { Form, Link, NavLink } from '@remix-run/react'
import { type ReactNode } from 'react'
import { navigationFor, type Role } from './navigation.ts'

export function AppShell({
	viewerRole,
	clinicId,
	user,
	children,
}: {
	viewerRole: Role
	clinicId?: string | null
	/** `fullAccess` is false while the session still owes its second factor: only logging out is offered. */
	user: { name: string; fullAccess: boolean; unread: number } | null
	children: ReactNode
}) {
	const links = navigationFor(viewerRole, { clinicId })
	return (
		<div className="flex min-h-screen flex-col bg-white text-slate-900">
			<a
				href="#main"
				className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2"
			>
				Skip to content
			</a>
			<header className="border-b border-slate-200 bg-white">
				<div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-4">
					<Link to="/" className="flex items-center gap-2 text-xl font-semibold text-brand-800">
						<span aria-hidden="true" className="inline-block h-6 w-6 rounded-full border-4 border-brand-600" />
						Tandem
					</Link>
					<nav aria-label="Main">
						<ul className="flex flex-wrap items-center gap-x-6 gap-y-2 text-sm font-medium">
							{links.map((link) => (
								<li key={link.to}>
									<NavLink
										to={link.to}
										className="text-slate-700 underline-offset-4 hover:text-brand-700 hover:underline"
									>
										{link.label}
									</NavLink>
								</li>
							))}
							{user ? (
								<>
									{user.fullAccess ? (
										<li>
											<NavLink to="/notifications" className="text-slate-700 underline-offset-4 hover:text-brand-700 hover:underline">
												Notifications
												{user.unread ? (
													<span className="ml-1 rounded-full bg-brand-700 px-1.5 py-0.5 text-xs text-white">
														{user.unread}
														<span className="sr-only"> unread</span>
													</span>
												) : null}
											</NavLink>
										</li>
									) : null}
									{user.fullAccess ? (
										<li>
											<NavLink to="/account" className="text-slate-700 underline-offset-4 hover:text-brand-700 hover:underline">
												Account<span className="sr-only"> ({user.name})</span>
											</NavLink>
										</li>
									) : null}
									<li>
										<Form method="post" action="/logout">
											<button type="submit" className="rounded border border-slate-300 px-3 py-1 text-slate-800 hover:bg-slate-100">
												Log out
											</button>
										</Form>
									</li>
								</>
							) : (
								<>
									<li>
										<NavLink to="/login" className="text-slate-700 underline-offset-4 hover:text-brand-700 hover:underline">
											Log in
										</NavLink>
									</li>
									<li>
										<Link to="/signup" className="rounded bg-brand-700 px-3 py-1.5 text-white hover:bg-brand-800">
											Sign up
										</Link>
									</li>
								</>
							)}
						</ul>
					</nav>
				</div>
			</header>
			<main id="main" tabIndex={-1} className="flex-1 focus:outline-none">
				{children}
			</main>
			<footer className="border-t border-slate-200 bg-slate-50 text-sm text-slate-700">
				<div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-8 sm:flex-row sm:justify-between">
					<p>Tandem connects ketamine clinics with integration therapists.</p>
					<p>
						Tandem is not an emergency service. In a crisis call or text <a className="font-semibold underline" href="tel:988">988</a> (US).
					</p>
				</div>
			</footer>
		</div>
	)
}
