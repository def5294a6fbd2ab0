// What a page costs in JavaScript: the gzipped size of every script a first visit loads — the
// client entry, the root route, the page's route, everything they import, and Remix's route
// manifest — read from the build's client manifest.
import fs from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

export type ViteManifest = Record<string, { file: string; imports?: string[]; isEntry?: boolean; src?: string }>

/** The manifest keys of the chunks a page whose route module is `routeFile` loads, imports followed. */
export function chunksFor(manifest: ViteManifest, routeFile: string): string[] {
	const start = ['app/entry.client.tsx', 'app/root.tsx', routeFile].map((file) => {
		const key = Object.keys(manifest).find((k) => k === file || k.startsWith(`${file}?`))
		if (!key) throw new Error(`${file} is not in the build's client manifest`)
		return key
	})
	const seen = new Set<string>()
	const visit = (key: string) => {
		if (seen.has(key)) return
		const chunk = manifest[key]
		if (!chunk) throw new Error(`the manifest names ${key} but does not describe it`)
		seen.add(key)
		for (const imported of chunk.imports ?? []) visit(imported)
	}
	start.forEach(visit)
	return [...seen]
}

export type Budget = { files: { file: string; gzipped: number }[]; total: number }

export function measure(clientDir: string, manifest: ViteManifest, routeFile: string): Budget {
	const files = chunksFor(manifest, routeFile).map((key) => manifest[key]!.file)
	// Remix's route manifest is a script every page loads too.
	const remixManifest = fs.readdirSync(path.join(clientDir, 'assets')).filter((f) => /^manifest-[\w-]+\.js$/.test(f))
	const all = [...new Set([...files, ...remixManifest.map((f) => `assets/${f}`)])]
	const sized = all.map((file) => ({ file, gzipped: gzipSync(fs.readFileSync(path.join(clientDir, file)), { level: 9 }).length }))
	return { files: sized, total: sized.reduce((sum, f) => sum + f.gzipped, 0) }
}
