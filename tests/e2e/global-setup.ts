// Once per run, before any worker starts: the template every worker's database is copied from.
// `npm start`'s own path makes it (build if stale, migrate, reference data, demo seed into the
// empty database), then stops gracefully so the data directory is closed and whole.
import fs from 'node:fs'
import { startServer, templateDir } from './app-server.ts'

export default async function globalSetup() {
	const dir = templateDir()
	fs.rmSync(dir, { recursive: true, force: true })
	fs.mkdirSync(dir, { recursive: true })
	const server = await startServer(dir)
	await server.stop()
	return () => fs.rmSync(dir, { recursive: true, force: true })
}
