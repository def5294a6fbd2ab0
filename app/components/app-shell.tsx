// The frame around every page: skip link, header with navigation for the viewer's role, footer.
// On a phone the navigation folds behind a "Menu" disclosure (a native <details>, so it works
// before the page's JavaScript has loaded). A route whose handle says `shell: 'private'` (the
// patient's page, opened from a private link) gets a header with no navigation and no sign-up.
import { Form, Link, NavLink, useMatches } from '@remix-run/react'
import { type ReactNode } from 'react'
import { useHtmlLang } from '#app/i18n/html-lang.ts'
import { buttonVariants } from './ui/button.tsx'
import { navigationFor, type Role } from './navigation.ts'

export type ShellHandle = { shell?: 'private' }

type ShellUser = { name: string; fullAccess: boolean; unread: number }

export function AppShell({
	viewerRole,
	clinicId,
	user,
	children,
}: {
	viewerRole: Role
	clinicId?: string | null
	/** `fullAccess` is false while the session still owes its second factor: only logging out is offered. */
	user: ShellUser | null
	children: ReactNode
}) {
	const isPrivate = useMatches().some((match) => (match.handle as ShellHandle | undefined)?.shell === 'private')
	// The patient's page may be in Spanish (app/i18n/): the frame's few words follow it.
	const words = WORDS[useHtmlLang() === 'es' ? 'es' : 'en']
	const links = navigationFor(viewerRole, { clinicId })
	return (
		<div className="flex min-h-screen flex-col bg-white text-slate-900">
			<a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2">
				{words.skip}
			</a>
			<header className="relative border-b border-slate-200 bg-white">
				<div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3 sm:py-4">
					<Logo to={isPrivate ? null : user?.fullAccess ? homePath(viewerRole) : '/'} />
					{isPrivate ? (
						<p className="text-sm text-slate-700">{words.private}</p>
					) : (
						<>
							<nav aria-label="Main" className="hidden md:block">
								<NavItems links={links} user={user} />
							</nav>
							<details className="group md:hidden">
								<summary className={buttonVariants({ variant: 'secondary', size: 'sm', className: 'cursor-pointer list-none [&::-webkit-details-marker]:hidden' })}>
									<span aria-hidden="true">☰</span> Menu
									{user?.unread ? <span className="rounded-full bg-brand-700 px-1.5 text-xs text-white">{user.unread}</span> : null}
								</summary>
								<nav aria-label="Main" className="absolute inset-x-0 z-30 mt-3 border-b border-slate-200 bg-white px-4 py-3 shadow-md">
									<NavItems links={links} user={user} stacked />
								</nav>
							</details>
						</>
					)}
				</div>
			</header>
			<main id="main" tabIndex={-1} className="flex-1 focus:outline-none">
				{children}
			</main>
			<footer className="border-t border-slate-200 bg-slate-50 text-sm text-slate-700">
				<div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-8 sm:flex-row sm:justify-between">
					<p>{words.about}</p>
					<p>
						{words.crisis}{' '}
						<a className="font-semibold underline" href="tel:988">
							988
						</a>{' '}
						(US).
					</p>
				</div>
			</footer>
		</div>
	)
}

const WORDS = {
	en: {
		skip: 'Skip to content',
		private: 'A private page for you',
		about: 'Tandem connects ketamine clinics with integration therapists.',
		crisis: 'Tandem is not an emergency service. In a crisis call or text',
	},
	es: {
		skip: 'Saltar al contenido',
		private: 'Una página privada para usted',
		about: 'Tandem conecta clínicas de ketamina con terapeutas de integración.',
		crisis: 'Tandem no es un servicio de emergencias. En caso de crisis, llame o envíe un mensaje de texto al',
	},
}

/** Where the logo leads a signed-in person: their home. */
export function homePath(role: Role): string {
	return role === 'visitor' ? '/' : '/home'
}

function Logo({ to }: { to: string | null }) {
	const content = (
		<>
			<span aria-hidden="true" className="inline-block h-6 w-6 rounded-full border-4 border-brand-600" />
			Tandem
		</>
	)
	const className = 'flex items-center gap-2 text-xl font-semibold text-brand-800'
	return to ? (
		<Link to={to} className={className}>
			{content}
		</Link>
	) : (
		<span className={className}>{content}</span>
	)
}

const LINK = 'text-slate-700 underline-offset-4 hover:text-brand-700 hover:underline aria-[current=page]:font-semibold aria-[current=page]:text-brand-800'

function NavItems({ links, user, stacked = false }: { links: ReturnType<typeof navigationFor>; user: ShellUser | null; stacked?: boolean }) {
	return (
		<ul className={stacked ? 'flex flex-col gap-3 text-base font-medium' : 'flex flex-wrap items-center gap-x-6 gap-y-2 text-sm font-medium'}>
			{links.map((link) => (
				<li key={link.to}>
					<NavLink to={link.to} className={LINK}>
						{link.label}
					</NavLink>
				</li>
			))}
			{user ? (
				<>
					{user.fullAccess ? (
						<li>
							<NavLink to="/notifications" className={LINK}>
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
							<NavLink to="/account" className={LINK}>
								Account<span className="sr-only"> ({user.name})</span>
							</NavLink>
						</li>
					) : null}
					<li>
						<Form method="post" action="/logout">
							<button type="submit" className={buttonVariants({ variant: 'secondary', size: 'sm' })}>
								Log out
							</button>
						</Form>
					</li>
				</>
			) : (
				<>
					<li>
						<NavLink to="/login" className={LINK}>
							Log in
						</NavLink>
					</li>
					<li>
						<Link to="/signup" className={buttonVariants({ variant: 'primary', size: 'sm' })}>
							Sign up
						</Link>
					</li>
				</>
			)}
		</ul>
	)
}
