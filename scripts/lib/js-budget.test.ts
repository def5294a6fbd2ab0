import { expect, test } from 'vitest'
import { chunksFor, type ViteManifest } from './js-budget.ts'

const manifest: ViteManifest = {
	'app/entry.client.tsx': { file: 'assets/entry.js', isEntry: true, imports: ['_components.js'] },
	'app/root.tsx?__remix-build-client-route': { file: 'assets/root.js', isEntry: true, imports: ['_components.js', '_button.js'] },
	'app/routes/choose.$token.tsx?__remix-build-client-route': { file: 'assets/choose.js', isEntry: true, imports: ['_dialog.js'] },
	'app/routes/home.tsx?__remix-build-client-route': { file: 'assets/home.js', isEntry: true, imports: ['_chart.js'] },
	'_components.js': { file: 'assets/components.js' },
	'_button.js': { file: 'assets/button.js', imports: ['_components.js'] },
	'_dialog.js': { file: 'assets/dialog.js', imports: ['_button.js'] },
	'_chart.js': { file: 'assets/chart.js' },
}

test('a page loads the entry, the root, its route and what they import, each once; never another route’s chunks', () => {
	expect(chunksFor(manifest, 'app/routes/choose.$token.tsx').sort()).toEqual(
		['app/entry.client.tsx', 'app/root.tsx?__remix-build-client-route', 'app/routes/choose.$token.tsx?__remix-build-client-route', '_components.js', '_button.js', '_dialog.js'].sort(),
	)
})

test('a route missing from the build is an error, not a pass', () => {
	expect(() => chunksFor(manifest, 'app/routes/nowhere.tsx')).toThrow(/not in the build/)
})
