// An iCalendar answer (docs/product.md §4a): text/calendar in UTF-8, kept by no shared cache (it is
// one person's or one clinic's), optionally a file to download under a name.
export function calendarResponse(ics: string, options: { download?: string; noReferrer?: boolean } = {}): Response {
	return new Response(ics, {
		status: 200,
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Cache-Control': 'private, no-store',
			'X-Robots-Tag': 'noindex',
			...(options.download ? { 'Content-Disposition': `attachment; filename="${options.download.replace(/[^\w.-]/g, '_')}"` } : {}),
			...(options.noReferrer ? { 'Referrer-Policy': 'no-referrer' } : {}),
		},
	})
}
