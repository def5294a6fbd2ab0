// The address of a therapist's calendar as it will be read: http(s) only, webcal:// read as
// https://, no credentials in it. Pure; feed-fetch.server.ts does the reading.
export function feedAddress(given: string): { ok: true; url: URL } | { ok: false; error: string } {
	let url: URL
	try {
		url = new URL(given.trim().replace(/^webcals?:\/\//i, 'https://'))
	} catch {
		return { ok: false, error: 'Give the full address of the calendar, starting with https://.' }
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, error: 'Give an address starting with https:// (or webcal://).' }
	if (url.username || url.password) return { ok: false, error: 'Give the address without a user name or password in it.' }
	return { ok: true, url }
}
