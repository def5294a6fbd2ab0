// A stored photo as an HTTP answer: its sniffed type, shown inline, kept only by the viewer's own
// browser (never by shared caches), for both the profile photo and the patient page's photos.
export function photoResponse(photo: { bytes: Uint8Array; type: string }, options: { noReferrer?: boolean } = {}): Response {
	const headers: Record<string, string> = {
		'Content-Type': photo.type,
		'Content-Length': String(photo.bytes.length),
		'Cache-Control': 'private, max-age=3600',
		'Content-Disposition': 'inline',
	}
	if (options.noReferrer) headers['Referrer-Policy'] = 'no-referrer'
	return new Response(photo.bytes as Uint8Array<ArrayBuffer>, { headers })
}
