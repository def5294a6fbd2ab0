// Terms and their values as a description list, in two columns from small screens up.
export function FactList({ facts, className = 'gap-x-6 gap-y-2' }: { facts: readonly (readonly [string, string])[]; className?: string }) {
	return (
		<dl className={`grid sm:grid-cols-[max-content_1fr] ${className}`}>
			{facts.map(([term, value]) => (
				<div key={term} className="contents">
					<dt className="font-medium text-slate-700">{term}</dt>
					<dd>{value}</dd>
				</div>
			))}
		</dl>
	)
}
