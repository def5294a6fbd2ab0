// Recovery codes, shown once: a list to copy or print, read out one code at a time by screen readers.
export function RecoveryCodeList({ codes }: { codes: string[] }) {
	return (
		<ul aria-label="Recovery codes" className="grid grid-cols-2 gap-2 rounded border border-slate-300 bg-slate-50 p-4 font-mono text-sm">
			{codes.map((code) => (
				<li key={code}>{code}</li>
			))}
		</ul>
	)
}
