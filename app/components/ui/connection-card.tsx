// A connection's state and what can be done with it (a calendar read in, a calendar address given
// out): what it is, then its actions in a row that wraps on a phone.
import { type ReactNode } from 'react'

export function ConnectionCard({ children, actions }: { children: ReactNode; actions: ReactNode }) {
	return (
		<div className="space-y-2 rounded border border-slate-200 p-3 text-sm">
			{children}
			<div className="flex flex-wrap gap-2">{actions}</div>
		</div>
	)
}
