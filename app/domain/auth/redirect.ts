// Where to send someone after logging in: only a path on this site, never another origin; without
// one, their home (routes/home.tsx), which shows what needs them for their role.
export const AFTER_LOGIN = '/home'

export function safeRedirect(to: unknown, fallback = AFTER_LOGIN): string {
	if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
	// Control characters could split a header or confuse a URL parser.
	if ([...to].some((c) => c.charCodeAt(0) < 0x20)) return fallback
	return to
}
