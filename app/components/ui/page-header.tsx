// The top of a page: an optional way back, the title (the page's only h1), a line under it and the
// page's main actions, which wrap under the title on a phone.
import { Link } from '@remix-run/react'
import { type ReactNode } from 'react'

export function PageHeader({
	title,
	eyebrow,
	description,
	actions,
	back,
}: {
	title: ReactNode
	eyebrow?: ReactNode
	description?: ReactNode
	actions?: ReactNode
	back?: { to: string; label: string }
}) {
	return (
		<header className="mb-6 space-y-2">
			{back ? (
				<p>
					<Link to={back.to} className="text-sm text-brand-800 underline underline-offset-4">
						<span aria-hidden="true">← </span>
						{back.label}
					</Link>
				</p>
			) : null}
			<div className="flex flex-wrap items-end justify-between gap-3">
				<div className="min-w-0 space-y-1">
					{eyebrow ? <p className="text-sm font-medium text-slate-700">{eyebrow}</p> : null}
					<h1 id="page-title" className="break-words text-2xl font-semibold tracking-tight text-slate-900">
						{title}
					</h1>
					{description ? <div className="text-slate-700">{description}</div> : null}
				</div>
				{actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
			</div>
		</header>
	)
}
