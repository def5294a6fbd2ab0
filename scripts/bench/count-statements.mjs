// A preload (`node --import`) for `npm run bench:pages -- --statements`: counts every statement the
// server sends to PostgreSQL through node-postgres (Prisma's and the driver's alike; BEGIN and COMMIT
// included), and writes the running total to $TANDEM_STATEMENTS_FILE when sent SIGUSR2. Plain
// JavaScript, as the compiled server runs without a TypeScript loader.
import fs from 'node:fs'
import process from 'node:process'
import pg from 'pg'

const file = process.env.TANDEM_STATEMENTS_FILE
if (file) {
	let statements = 0
	const query = pg.Client.prototype.query
	pg.Client.prototype.query = function (...args) {
		statements++
		return query.apply(this, args)
	}
	process.on('SIGUSR2', () => fs.writeFileSync(file, String(statements)))
}
