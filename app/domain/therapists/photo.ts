// Profile photos: JPEG, PNG or WebP, at most 2 MB, recognised by their first bytes rather than
// by the name or type the browser claims. Pure.
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024
export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp'

export type PhotoCheck = { ok: true; type: PhotoType } | { ok: false; message: string }

export function checkPhoto(bytes: Uint8Array): PhotoCheck {
	if (bytes.length === 0) return { ok: false, message: 'Choose a photo to upload.' }
	if (bytes.length > PHOTO_MAX_BYTES) return { ok: false, message: 'The photo is larger than 2 MB; choose a smaller one.' }
	const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b)
	if (starts(0xff, 0xd8, 0xff)) return { ok: true, type: 'image/jpeg' }
	if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { ok: true, type: 'image/png' }
	const ascii = (from: number, to: number) => String.fromCharCode(...bytes.slice(from, to))
	if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return { ok: true, type: 'image/webp' }
	return { ok: false, message: 'Use a JPEG, PNG or WebP photo.' }
}
