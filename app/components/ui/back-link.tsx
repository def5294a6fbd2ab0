// The small link above a page's heading, back to where the page belongs (a list, a record).
import { Link } from '@remix-run/react'

export function BackLink({ to, children }: { to: string; children: React.ReactNode }) {
	return (
		<p className="text-sm">
			<Link className="text-brand-700 underline" to={to}>
				{children}
			</Link>
		</p>
	)
}
