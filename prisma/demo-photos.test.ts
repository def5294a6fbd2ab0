import { expect, test } from 'vitest'
import { checkPhoto } from '#app/domain/therapists/photo.ts'
import { renderPortrait } from './demo-photos.ts'

test('a portrait is a small PNG the profile photo check accepts, the same for the same spec', () => {
	const bytes = renderPortrait({ seed: 'ana@example.org', beard: false })
	expect(checkPhoto(bytes)).toEqual({ ok: true, type: 'image/png' })
	expect(bytes.length).toBeLessThan(64 * 1024)
	// Width and height from the IHDR chunk.
	const view = new DataView(bytes.buffer, bytes.byteOffset)
	expect([view.getUint32(16), view.getUint32(20)]).toEqual([256, 256])
	expect(Buffer.from(renderPortrait({ seed: 'ana@example.org', beard: false }))).toEqual(Buffer.from(bytes))
	expect(Buffer.from(renderPortrait({ seed: 'ben@example.org', beard: true }))).not.toEqual(Buffer.from(bytes))
})
