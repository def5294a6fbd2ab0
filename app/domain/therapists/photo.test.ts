import { expect, test } from 'vitest'
import { checkPhoto, PHOTO_MAX_BYTES } from './photo.ts'

const bytes = (...b: number[]) => new Uint8Array([...b, ...new Array(20).fill(0)])

test('JPEG, PNG and WebP are recognised by their first bytes', () => {
	expect(checkPhoto(bytes(0xff, 0xd8, 0xff, 0xe0))).toEqual({ ok: true, type: 'image/jpeg' })
	expect(checkPhoto(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toEqual({ ok: true, type: 'image/png' })
	expect(checkPhoto(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toEqual({ ok: true, type: 'image/webp' })
})

test('anything else, nothing, or too much is refused with a reason', () => {
	expect(checkPhoto(new TextEncoder().encode('<svg onload="alert(1)"></svg>'))).toEqual({ ok: false, message: 'Use a JPEG, PNG or WebP photo.' })
	expect(checkPhoto(new TextEncoder().encode('GIF89a'))).toMatchObject({ ok: false })
	expect(checkPhoto(new Uint8Array())).toEqual({ ok: false, message: 'Choose a photo to upload.' })
	const big = new Uint8Array(PHOTO_MAX_BYTES + 1)
	big.set([0xff, 0xd8, 0xff])
	expect(checkPhoto(big)).toEqual({ ok: false, message: 'The photo is larger than 2 MB; choose a smaller one.' })
})
