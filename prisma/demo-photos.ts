// Demo portraits: illustrated faces drawn by DiceBear's "Notionists" style (artwork by Zoish,
// CC0 1.0; the style's code MIT, @dicebear/notionists) and rendered to PNG with resvg
// (@resvg/resvg-js, MPL-2.0), since profile photos are stored as JPEG, PNG or WebP only.
// The drawings have no text, so no fonts are loaded (a quarter of the time). The same spec always
// gives the same bytes; renders are kept for the process, so tests that seed many times pay once.
import { createAvatar } from '@dicebear/core'
import * as notionists from '@dicebear/notionists'
import { Resvg } from '@resvg/resvg-js'

/** What a portrait is drawn from: a seed string and whether a beard may be drawn. */
export type PortraitSpec = { seed: string; beard: boolean }

/** Twice the 128 px the profile page shows, for sharp screens. */
export const PORTRAIT_SIZE = 256
const BACKGROUNDS = ['c0aede', 'd1d4f9', 'ffd5dc', 'ffdfbf', 'b6e3f4', 'c7f0d8']

const rendered = new Map<string, Uint8Array>()

export function renderPortrait(spec: PortraitSpec): Uint8Array {
	const key = `${spec.seed}|${spec.beard}`
	const cached = rendered.get(key)
	if (cached) return cached
	const svg = createAvatar(notionists, {
		seed: spec.seed,
		size: PORTRAIT_SIZE,
		backgroundColor: BACKGROUNDS,
		beardProbability: spec.beard ? 30 : 0,
		gestureProbability: 0,
	}).toString()
	const png = new Resvg(svg, { fitTo: { mode: 'width', value: PORTRAIT_SIZE }, font: { loadSystemFonts: false } }).render().asPng()
	const bytes = new Uint8Array(png)
	rendered.set(key, bytes)
	return bytes
}
