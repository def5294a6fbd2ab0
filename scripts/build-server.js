// Compiles the server's commands (scripts/start.ts, worker.ts, admin.ts) to JavaScript in
// dist/, so that production runs them with plain Node and no TypeScript loader.
// Packages stay in node_modules (external); code split at dynamic imports, so that what only
// development loads (the demo seed and its development dependencies, Vite) is never imported in production.
// Plain JavaScript: it runs before anything is compiled. `node scripts/build-server.js` builds.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const DIST_DIR = path.resolve('dist')
export const COMMANDS = ['start', 'worker', 'admin']

/** What the compiled commands are made from: a change to any of these means a rebuild. */
const SOURCES = ['app', 'server', 'scripts', 'prisma', 'tests/factories', 'package-lock.json', 'tsconfig.json']

export function newestMtime(entries) {
	let newest = 0
	const visit = (entry) => {
		const stat = fs.statSync(entry, { throwIfNoEntry: false })
		if (!stat) return
		if (stat.isDirectory()) {
			if (path.basename(entry) === 'migrations' || path.basename(entry) === 'node_modules') return
			for (const child of fs.readdirSync(entry)) visit(path.join(entry, child))
		} else newest = Math.max(newest, stat.mtimeMs)
	}
	for (const entry of entries) visit(path.resolve(entry))
	return newest
}

/** Whether dist is missing a command or older than its sources. */
export function serverBuildStale() {
	const built = COMMANDS.map((name) => fs.statSync(path.join(DIST_DIR, `${name}.js`), { throwIfNoEntry: false })?.mtimeMs ?? 0)
	const oldest = Math.min(...built)
	return oldest === 0 || newestMtime(SOURCES) > oldest
}

export async function buildServer() {
	// esbuild is a development dependency: only building needs it.
	const esbuild = await import('esbuild').catch(() => {
		throw new Error('Compiling the server needs esbuild, a development dependency: install them (npm ci), or set NODE_ENV=production to run what "npm run build" compiled.')
	})
	fs.rmSync(DIST_DIR, { recursive: true, force: true })
	await esbuild.build({
		entryPoints: Object.fromEntries(COMMANDS.map((name) => [name, path.resolve('scripts', `${name}.ts`)])),
		outdir: DIST_DIR,
		bundle: true,
		splitting: true,
		format: 'esm',
		platform: 'node',
		target: 'node20',
		packages: 'external',
		sourcemap: true,
		logLevel: 'warning',
		define: { 'import.meta.env.DEV': 'false' },
	})
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href || fileURLToPath(import.meta.url) === process.argv[1]) {
	buildServer().catch((error) => {
		console.error(error instanceof Error ? error.message : error)
		process.exit(1)
	})
}
