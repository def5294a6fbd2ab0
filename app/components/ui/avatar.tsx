// A person's photo, or their initials on a tinted circle when they have none.
export function initialsOf(name: string): string {
	const words = name
		.trim()
		.split(/\s+/)
		.filter((word) => /\p{L}/u.test(word))
	if (words.length === 0) return '?'
	const first = words[0]!
	const last = words.length > 1 ? words[words.length - 1]! : ''
	return (Array.from(first)[0]! + (last ? Array.from(last)[0]! : '')).toLocaleUpperCase()
}

const SIZES = { sm: 'h-10 w-10 text-sm', md: 'h-16 w-16 text-lg', lg: 'h-24 w-24 text-2xl' } as const

export function Avatar({ name, photoUrl, size = 'md' }: { name: string; photoUrl?: string | null; size?: keyof typeof SIZES }) {
	if (photoUrl) return <img src={photoUrl} alt={name} className={`${SIZES[size]} shrink-0 rounded-full border border-slate-200 object-cover`} />
	return (
		<span aria-hidden="true" className={`${SIZES[size]} inline-flex shrink-0 items-center justify-center rounded-full bg-brand-100 font-semibold text-brand-900`}>
			{initialsOf(name)}
		</span>
	)
}
