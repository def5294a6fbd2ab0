// `npm run bench:match`: how fast matching is on a national network. Generates a
// synthetic network (scripts/bench/synthetic-network.ts), loads it into a fresh database on the
// PostgreSQL server (scripts/bench/bench-database.ts), and for varied referrals times
//   (a) Tandem's matching end to end: read the referral, one SQL statement, the pure ranking;
//   (b) a naive baseline: load every therapist through the ORM and rank in JavaScript;
//   (c) the floor: the bare indexed SQL narrowing query alone (license/authorization for the
//       state on the dosing date, every phase, the format, accepting), returning ids.
// (a) and (c) run one after the other for every referral; (b) on a sample, each checked to give
// exactly (a)'s answer. Prints the method, p50/p95/p99, the ratios and peak RSS.
//
//   npm run bench:match -- [--therapists 100000] [--referrals 500] [--baseline-sample 20]
//                          [--database-url postgresql://…/postgres] [--seed 42] [--keep] [--json]
//                          [--reuse tandem_bench_1234]  (a database an earlier --keep left: no loading)
import { parseArgs } from 'node:util'
import os from 'node:os'
import { type MatchReferral } from '#app/domain/matching/types.ts'
import { benchDatabase, loadBenchNetwork, ms, positive, runBench, stats } from './bench/bench-database.ts'

const { values: args } = parseArgs({
	options: {
		therapists: { type: 'string', default: '100000' },
		referrals: { type: 'string', default: '500' },
		'baseline-sample': { type: 'string', default: '20' },
		'database-url': { type: 'string' },
		seed: { type: 'string', default: '42' },
		keep: { type: 'boolean', default: false },
		reuse: { type: 'string' },
		json: { type: 'boolean', default: false },
	},
})

const THERAPISTS = positive('therapists', args.therapists)
const REFERRALS = positive('referrals', args.referrals)
const SAMPLE = Math.min(REFERRALS, positive('baseline-sample', args['baseline-sample']))
const SEED = positive('seed', args.seed)
const LIMIT = 20
const WARM_UP = Math.min(20, REFERRALS)

const target = benchDatabase({ databaseUrl: args['database-url'], reuse: args.reuse, keep: args.keep })

const log = (line: string) => (args.json ? process.stderr : process.stdout).write(`${line}\n`)

// Imported after DATABASE_URL is set: the app's database module reads it once.
const { closeDatabase, driverQuery } = await import('#app/utils/db.server.ts')
const { drivingRows, loadMatchReferral, matchReferral } = await import('#app/domain/matching/candidates.server.ts')
const { naiveMatch } = await import('#app/domain/matching/baseline.server.ts')
const { inPersonOnly, jurisdictionDate } = await import('#app/domain/matching/eligibility.ts')
const { milesBetween } = await import('#app/domain/matching/distance.ts')
const { zipsWithin } = await import('#app/domain/reference/zip-codes.server.ts')

/**
 * (c) The bare narrowing: the indexed conditions alone (the rows (a) reads for the places the sessions
 * happen, license or authorization through the series, every phase, the format, accepting), through
 * the same driver path (a)'s statements take (driverQuery: node-postgres, beside Prisma). The ids
 * come back as one JSON array, as (a)'s rows do, so that the ratio compares the work, not the driver.
 */
function narrowIds(referral: MatchReferral) {
	// The rows matching reads (the same driving rows), with the filters an index-friendly query can apply.
	const needsInPerson = inPersonOnly(referral)
	const format = needsInPerson
		? referral.format === 'telehealth'
			? `'{in_person,telehealth}'::text[] <@ r.formats`
			: `'in_person' = ANY(r.formats)`
		: referral.format === 'telehealth'
			? `'telehealth' = ANY(r.formats)`
			: 'TRUE'
	const zips = needsInPerson || referral.format === 'either' ? (referral.clinic.location ? zipsWithin(referral.clinic.location, referral.radiusMiles, milesBetween) : []) : []
	return driverQuery<{ ids: string[] }>({
		// Every parameter typed once: some referrals' rows leave some unused.
		text: `WITH args AS (SELECT $1::text AS patient_state, $4::text AS clinic_state, $5::bpchar[] AS office_zips)
		SELECT coalesce(json_agg(r."therapistId"), '[]') AS ids FROM "TherapistSearch" r
		WHERE ${drivingRows(referral, { patientState: '$1::text::bpchar', validThrough: '$2::date', clinicState: '$4::text::bpchar', officeZips: '$5::bpchar[]' })}
			AND (r."licensedUntil" >= $2::date OR r."authorizedUntil" >= $2::date) AND r.phases @> $3::text[] AND ${format} AND r.accepting`,
		values: [referral.patientState, jurisdictionDate(referral), [...referral.phases], referral.clinic.state, zips],
	})
}

await runBench(target, closeDatabase, async () => {
	const started = Date.now()
	log(
		`Matching benchmark: ${THERAPISTS.toLocaleString('en-US')} therapists, ${REFERRALS} referrals, seed ${SEED}, on ${target.server.host} (database ${target.name}, ${target.keep ? 'kept afterwards' : 'dropped afterwards'}).`,
	)
	const { referrals } = await loadBenchNetwork(target, { therapists: THERAPISTS, referrals: REFERRALS, seed: SEED, now: new Date(), log })

	// Warm up: connections, plans, the ZIP table, the JIT.
	for (const r of referrals.slice(0, WARM_UP)) {
		await narrowIds((await loadMatchReferral(r.id))!)
		await matchReferral((await loadMatchReferral(r.id))!, { limit: LIMIT })
	}
	const a: number[] = []
	const c: number[] = []
	const narrowed: number[] = []
	const eligible: number[] = []
	const results = new Map<string, Awaited<ReturnType<typeof matchReferral>>>()
	for (const r of referrals) {
		const facts = (await loadMatchReferral(r.id))!
		let t = performance.now()
		const [{ ids }] = (await narrowIds(facts)) as [{ ids: string[] }]
		c.push(performance.now() - t)
		narrowed.push(ids.length)
		t = performance.now()
		const result = await matchReferral((await loadMatchReferral(r.id))!, { limit: LIMIT })
		a.push(performance.now() - t)
		eligible.push(result.eligible)
		results.set(r.id, result)
	}
	const b: number[] = []
	let mismatches = 0
	for (const r of referrals.slice(0, SAMPLE)) {
		const t = performance.now()
		const naive = await naiveMatch((await loadMatchReferral(r.id))!, { limit: LIMIT })
		b.push(performance.now() - t)
		const fast = results.get(r.id)!
		if (JSON.stringify([naive.suggestions, naive.excluded, naive.eligible]) !== JSON.stringify([fast.suggestions, fast.excluded, fast.eligible])) mismatches++
	}

	const sa = stats(a)
	const sb = stats(b)
	const sc = stats(c)
	const report = {
		method: {
			therapists: THERAPISTS,
			referrals: REFERRALS,
			baselineSample: SAMPLE,
			limit: LIMIT,
			warmUp: WARM_UP,
			machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
			timing: 'performance.now() around each call, after warm-up; (a) and (c) alternate per referral; percentiles by nearest rank',
		},
		a: sa,
		b: sb,
		c: sc,
		ratios: { 'a/c p50': sa.p50 / sc.p50, 'a/c p95': sa.p95 / sc.p95, 'b/a p50': sb.p50 / sa.p50 },
		candidates: { narrowedMedian: stats(narrowed).p50, narrowedMax: Math.max(...narrowed), eligibleMedian: stats(eligible).p50, eligibleMax: Math.max(...eligible) },
		baselineMismatches: mismatches,
		peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
		targets: { 'p95(a) ≤ 50 ms': sa.p95 <= 50, 'a/c ≤ 2 (p50)': sa.p50 / sc.p50 <= 2, 'b/a ≥ 20 (p50)': sb.p50 / sa.p50 >= 20 },
	}
	// A baseline answer that differs fails the run, after the report.
	if (mismatches > 0) process.exitCode = 1
	if (args.json) console.log(JSON.stringify(report, null, 2))
	else {
		log('')
		log(
			`Method: ${report.method.timing}. ${WARM_UP} warm-up referrals first. (a) asks for the best ${LIMIT} with all counts; (b) runs on the first ${SAMPLE} referrals only (it reads the whole network each time) and each answer is compared with (a)'s.`,
		)
		log(`Machine: ${report.method.machine}.`)
		log('')
		log(`                                          n      p50      p95      p99`)
		const row = (label: string, s: ReturnType<typeof stats>) => log(`${label.padEnd(40)}${String(s.n).padStart(3)} ${ms(s.p50).padStart(8)} ${ms(s.p95).padStart(8)} ${ms(s.p99).padStart(8)}`)
		row('(a) Tandem matching, end to end', sa)
		row('(b) naive: whole network, JS filters', sb)
		row('(c) bare indexed SQL narrowing', sc)
		log('')
		log(`a/c: ${report.ratios['a/c p50'].toFixed(2)} at p50, ${report.ratios['a/c p95'].toFixed(2)} at p95.   b/a: ${report.ratios['b/a p50'].toFixed(0)} at p50.`)
		log(
			`Candidates after narrowing (c): median ${report.candidates.narrowedMedian}, max ${report.candidates.narrowedMax}. Eligible: median ${report.candidates.eligibleMedian}, max ${report.candidates.eligibleMax}.`,
		)
		log(`Baseline answers different from Tandem's: ${mismatches} of ${SAMPLE}.`)
		log(`Peak RSS of this process: ${report.peakRssMiB} MiB.`)
		log(
			`Targets: ${Object.entries(report.targets)
				.map(([k, v]) => `${k}: ${v ? 'met' : 'NOT met'}`)
				.join('; ')}.`,
		)
		log(`Total ${((Date.now() - started) / 1000).toFixed(0)} s.`)
	}
})
