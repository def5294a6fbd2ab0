// What a list says when it has nothing in it: what would be here, and what to do about it.
import { type ReactNode } from 'react'

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
	return (
		<div className="rounded-lg border border-dashed border-slate-300 bg-slate-50 px-4 py-8 text-center">
			<p className="font-medium text-slate-900">{title}</p>
			{children ? <div className="mx-auto mt-1 max-w-prose text-sm text-slate-700">{children}</div> : null}
			{action ? <div className="mt-4 flex justify-center">{action}</div> : null}
		</div>
	)
}
