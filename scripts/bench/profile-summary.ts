// Summarises a V8 CPU profile (`.cpuprofile`, as `node --cpu-prof` or `npm run bench:pages -- --profile DIR`
// writes it): where the sampled time went, by package or source file and by function, self time only,
// idle and garbage collection shown apart. For finding what a page spends its CPU on. It prints how
// busy the process was in each second first: `npm run bench:pages` measures the two baselines and then
// each page in turn, so --from and --to (seconds since the profile began) pick out one page's stretch.
//
//   npx tsx scripts/bench/profile-summary.ts FILE.cpuprofile [--top 25] [--from S] [--to S]
import fs from 'node:fs'
import { parseArgs } from 'node:util'

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] }

const { values: args, positionals } = parseArgs({
	allowPositionals: true,
	options: { top: { type: 'string', default: '25' }, from: { type: 'string', default: '0' }, to: { type: 'string', default: 'Infinity' } },
})
const file = positionals[0]
if (!file) {
	console.error('Usage: npx tsx scripts/bench/profile-summary.ts FILE.cpuprofile [--top 25] [--from S] [--to S]')
	process.exit(1)
}
const top = Number(args.top)
if (!Number.isInteger(top) || top < 1) {
	console.error(`Error: --top must be a whole number, 1 or more (got "${args.top}").`)
	process.exit(1)
}

const from = Number(args.from)
const to = Number(args.to)
if (Number.isNaN(from) || Number.isNaN(to) || from >= to) {
	console.error(`Error: --from and --to must be seconds with --from before --to (got ${args.from} and ${args.to}).`)
	process.exit(1)
}

let profile: Profile
try {
	profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile
} catch (error) {
	console.error(`Error: ${file} is not a readable CPU profile (${error instanceof Error ? error.message : String(error)}).`)
	process.exit(1)
}

/** Where a function lives: its npm package, the app's own build, or Node itself. */
export function origin(url: string): string {
	if (!url) return '(native)'
	if (url.startsWith('node:')) return url
	const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
	if (pkg) return pkg[1]!
	const own = /\/(build\/server|dist)\/.*$/.exec(url)
	return own ? own[0].slice(1) : url
}

const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const isIdle = (id: number) => byId.get(id)?.callFrame.functionName === '(idle)'
const selfTime = new Map<number, number>()
const busyBySecond: number[] = []
let elapsed = 0
profile.samples.forEach((id, i) => {
	const micros = profile.timeDeltas[i] ?? 0
	elapsed += micros
	const second = Math.floor(elapsed / 1e6)
	if (!isIdle(id)) busyBySecond[second] = (busyBySecond[second] ?? 0) + micros
	if (elapsed / 1e6 >= from && elapsed / 1e6 < to) selfTime.set(id, (selfTime.get(id) ?? 0) + micros)
})

const total = [...selfTime.values()].reduce((a, b) => a + b, 0)
const byOrigin = new Map<string, number>()
const byFunction = new Map<string, number>()
for (const [id, micros] of selfTime) {
	const { callFrame } = byId.get(id)!
	const name = callFrame.functionName || '(anonymous)'
	const where = ['(idle)', '(program)', '(garbage collector)'].includes(name) ? name : origin(callFrame.url)
	byOrigin.set(where, (byOrigin.get(where) ?? 0) + micros)
	const key = `${name}  ${where}${callFrame.url ? `:${callFrame.lineNumber + 1}` : ''}`
	byFunction.set(key, (byFunction.get(key) ?? 0) + micros)
}

const busy = total - (byOrigin.get('(idle)') ?? 0)
const line = (label: string, micros: number) => `${(micros / 1000).toFixed(0).padStart(8)} ms  ${((100 * micros) / busy).toFixed(1).padStart(5)}%  ${label}`
console.log(`Busy per second: ${Array.from(busyBySecond, (micros, second) => `${second}s ${Math.round((micros ?? 0) / 1e4)}%`).join(' ')}`)
console.log(
	`${file}${from > 0 || to < Infinity ? `, seconds ${from} to ${to}` : ''}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s not idle. Self time; percentages of the time not idle.`,
)
console.log('\nBy package or file:')
for (const [where, micros] of [...byOrigin]
	.filter(([w]) => w !== '(idle)')
	.sort((a, b) => b[1] - a[1])
	.slice(0, top))
	console.log(line(where, micros))
console.log('\nBy function:')
for (const [key, micros] of [...byFunction]
	.filter(([k]) => !k.startsWith('(idle)'))
	.sort((a, b) => b[1] - a[1])
	.slice(0, top))
	console.log(line(key, micros))
