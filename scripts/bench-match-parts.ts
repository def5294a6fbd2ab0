// `npm run bench:match-parts -- --reuse tandem_bench_N`: where matching's time goes, on a
// database `npm run bench:match -- --keep` left. For each of its referrals, one after the other
// after 20 warm-up referrals, times (1) reading the referral (loadMatchReferral), (2) the matching
// statement alone, as matchReferral first sends it (the best 20 for a top 20, through the driver),
// (3) the records statement for the therapists (2) fetched, and (4) matchReferral end to end,
// (2)'s planning apart (the same statement sent as EXPLAIN (SUMMARY), without ANALYZE: the
// server's own "Planning Time", nothing run; parsing and the round trip are not in it),
// (2)–(3) and (4) taking turns at going first. What (4) adds to (2) and (3) is turning the
// records into candidates, the pure re-check and the ranking (and, rarely, a second fetch); the
// report gives each part's percentiles and those of that difference.
//
//   npm run bench:match-parts -- --reuse tandem_bench_1234 [--database-url postgresql://…/postgres] [--referrals 500]
import { parseArgs } from 'node:util'
import { benchDatabase, ms, positive, runBench, stats } from './bench/bench-database.ts'

const { values: args } = parseArgs({ options: { reuse: { type: 'string' }, 'database-url': { type: 'string' }, referrals: { type: 'string', default: '500' } } })
if (!args.reuse) {
	console.error('Error: give --reuse with a database `npm run bench:match -- --keep` left (its name is in that run’s first line).')
	process.exit(1)
}
const LIMIT = 20
const REFERRALS = positive('referrals', args.referrals)
const target = benchDatabase({ databaseUrl: args['database-url'], reuse: args.reuse, keep: true })

const { closeDatabase, db, driverQuery } = await import('#app/utils/db.server.ts')
const { firstFetch, loadMatchReferral, matchReferral, matchStatement, recordsStatement } = await import('#app/domain/matching/candidates.server.ts')

await runBench(target, closeDatabase, async () => {
	const referrals = await db().referral.findMany({ select: { id: true }, orderBy: { id: 'asc' }, take: REFERRALS })
	for (const r of referrals.slice(0, 20)) await matchReferral((await loadMatchReferral(r.id))!, { limit: LIMIT })
	const read: number[] = []
	const statement: number[] = []
	const recordsTimes: number[] = []
	const planning: number[] = []
	const whole: number[] = []
	const rest: number[] = []
	for (const [i, r] of referrals.entries()) {
		const t = performance.now()
		const referral = (await loadMatchReferral(r.id))!
		read.push(performance.now() - t)
		const timeStatements = async () => {
			let t = performance.now()
			const [{ fetched }] = (await driverQuery<{ fetched: { id: string }[] }>(matchStatement(referral, null, firstFetch(LIMIT)))) as [{ fetched: { id: string }[] }]
			const s = performance.now() - t
			// matchReferral reads no records when nobody was fetched.
			if (!fetched.length) return [s, 0] as const
			t = performance.now()
			await driverQuery(
				recordsStatement(
					referral,
					fetched.map((f) => f.id),
				),
			)
			return [s, performance.now() - t] as const
		}
		const timeWhole = async () => {
			const t = performance.now()
			await matchReferral(referral, { limit: LIMIT })
			return performance.now() - t
		}
		// Whichever runs second finds the state's rows in the cache: they take turns.
		let s: readonly [number, number]
		let w: number
		if (i % 2 === 0) {
			s = await timeStatements()
			w = await timeWhole()
		} else {
			w = await timeWhole()
			s = await timeStatements()
		}
		const explain = matchStatement(referral, null, firstFetch(LIMIT))
		const [plan] = await driverQuery<{ 'QUERY PLAN': [{ 'Planning Time': number }] }>({ ...explain, text: `EXPLAIN (SUMMARY, FORMAT JSON) ${explain.text}` })
		planning.push(plan!['QUERY PLAN'][0]['Planning Time'])
		statement.push(s[0])
		recordsTimes.push(s[1])
		whole.push(w)
		rest.push(w - s[0] - s[1])
	}
	console.log(
		`Matching's parts on ${args.reuse}: ${referrals.length} referrals, top ${LIMIT}, after 20 warm-up referrals; performance.now() around each call; planning is the server's Planning Time for the statement sent again as EXPLAIN (SUMMARY) (no ANALYZE: planned, not run); percentiles by nearest rank.`,
	)
	console.log('')
	console.log(`                                                n      p50      p95      p99`)
	const row = (label: string, s: ReturnType<typeof stats>) => console.log(`${label.padEnd(46)}${String(s.n).padStart(3)} ${ms(s.p50).padStart(8)} ${ms(s.p95).padStart(8)} ${ms(s.p99).padStart(8)}`)
	row('(1) reading the referral', stats(read))
	row('(2) the matching statement alone', stats(statement))
	row('    of which planning it (server, EXPLAIN)', stats(planning))
	row('(3) the records statement', stats(recordsTimes))
	row('(4) matchReferral end to end', stats(whole))
	row('(4) − (2) − (3), per referral: the ranking', stats(rest))
})
