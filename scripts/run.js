// `npm start`, `npm run worker`, `npm run admin`: runs the compiled command from dist/
// with plain Node. Outside production it first compiles the commands when their sources changed
// (scripts/build-server.js), so a fresh clone needs only `npm install && npm start`. In production
// nothing is compiled at start: `npm run build` did it, and development dependencies may be absent.
// Plain JavaScript: it runs before anything is compiled.
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { buildServer, COMMANDS, DIST_DIR, serverBuildStale } from './build-server.js'

const [command, ...rest] = process.argv.slice(2)
if (!COMMANDS.includes(command ?? '')) {
	console.error(`Error: scripts/run.js runs ${COMMANDS.join(', ')} (got "${command ?? ''}")`)
	process.exit(1)
}
const file = path.join(DIST_DIR, `${command}.js`)
if (process.env.NODE_ENV === 'production') {
	if (!fs.existsSync(file)) {
		console.error(`Error: ${path.relative(process.cwd(), file)} is missing: run "npm run build" before starting in production.`)
		process.exit(1)
	}
} else if (serverBuildStale()) {
	await buildServer().catch((error) => {
		console.error(`Error: ${error instanceof Error ? error.message : error}`)
		process.exit(1)
	})
}
// Stack traces name the TypeScript sources.
process.setSourceMapsEnabled(true)
process.argv = [process.argv[0], file, ...rest]
await import(pathToFileURL(file).href)
