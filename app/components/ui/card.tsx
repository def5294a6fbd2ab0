// A bordered panel. With a title it is a labelled region; without, a plain container.
import { type ReactNode, useId } from 'react'

export function Card({ title, headingLevel = 2, actions, children, className = '' }: { title?: ReactNode; headingLevel?: 2 | 3; actions?: ReactNode; children: ReactNode; className?: string }) {
	const id = useId()
	const Heading = headingLevel === 2 ? 'h2' : 'h3'
	return (
		<section aria-labelledby={title ? id : undefined} className={`min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5 ${className}`}>
			{title || actions ? (
				<div className="mb-3 flex flex-wrap items-start justify-between gap-2">
					{title ? (
						<Heading id={id} className="break-words text-lg font-semibold text-slate-900">
							{title}
						</Heading>
					) : null}
					{actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
				</div>
			) : null}
			{children}
		</section>
	)
}
