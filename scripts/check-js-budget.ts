// `npm test` runs it after the production build: the patient's page (opened on a phone, often on a
// slow connection) ships at most 120 KB of gzipped JavaScript, entry and route manifest included.
// Remix 2 moves Vite's client manifest to build/.vite/client-manifest.json.
import fs from 'node:fs'
import { measure, type ViteManifest } from './lib/js-budget.ts'

const BUDGETS = [{ route: 'app/routes/choose.$token.tsx', name: 'the patient’s page', limitKb: 120 }]

const manifestPath = ['build/.vite/client-manifest.json', 'build/client/.vite/manifest.json'].find((p) => fs.existsSync(p))
if (!manifestPath) {
	console.error('Error: no client manifest in build/: run `NODE_ENV=production npx remix vite:build` first (vite.config.ts has build.manifest on).')
	process.exit(1)
}
const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as ViteManifest
let over = false
for (const budget of BUDGETS) {
	const { files, total } = measure('build/client', manifest, budget.route)
	const kb = total / 1024
	console.log(`${budget.name}: ${kb.toFixed(1)} KB of gzipped JavaScript (budget ${budget.limitKb} KB) in ${files.length} files`)
	for (const f of files.sort((a, b) => b.gzipped - a.gzipped)) console.log(`  ${(f.gzipped / 1024).toFixed(1).padStart(6)} KB  ${f.file}`)
	if (kb > budget.limitKb) {
		console.error(`Error: ${budget.name} ships ${kb.toFixed(1)} KB of gzipped JavaScript, over its ${budget.limitKb} KB budget.`)
		over = true
	}
}
process.exit(over ? 1 : 0)
