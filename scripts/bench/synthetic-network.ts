// A synthetic national network for the matching benchmark, the same for the same seed: licenses
// weighted by state population, realistic shares of psychologists with PSYPACT authorizations,
// counselors with Counseling Compact privileges, in-person offices at real ZIP codes of the home
// state, weekly availability and a few date overrides. Plus varied referrals from clinics in
// every state. Plain rows, ready for bulk insertion.
import { createRequire } from 'node:module'
import { FOCUS_AREAS, LANGUAGE_CODES, MODALITIES, PAYERS, STATES } from '#app/domain/reference/index.ts'

const require = createRequire(import.meta.url)
const zipcodes = require('zipcodes') as { lookupByState: (state: string) => { zip: string }[] }

/** Resident population, 2020 census, in thousands: licenses follow people. */
export const POPULATION: Record<string, number> = {
	AL: 5024,
	AK: 733,
	AZ: 7152,
	AR: 3012,
	CA: 39538,
	CO: 5774,
	CT: 3606,
	DE: 990,
	DC: 690,
	FL: 21538,
	GA: 10712,
	HI: 1455,
	ID: 1839,
	IL: 12812,
	IN: 6786,
	IA: 3190,
	KS: 2938,
	KY: 4506,
	LA: 4658,
	ME: 1362,
	MD: 6177,
	MA: 7030,
	MI: 10077,
	MN: 5706,
	MS: 2961,
	MO: 6155,
	MT: 1084,
	NE: 1962,
	NV: 3105,
	NH: 1378,
	NJ: 9289,
	NM: 2118,
	NY: 20201,
	NC: 10439,
	ND: 779,
	OH: 11799,
	OK: 3959,
	OR: 4237,
	PA: 13003,
	RI: 1097,
	SC: 5118,
	SD: 887,
	TN: 6911,
	TX: 29146,
	UT: 3272,
	VT: 643,
	VA: 8631,
	WA: 7705,
	WV: 1794,
	WI: 5894,
	WY: 577,
}

/** Deterministic pseudo-random numbers (mulberry32). */
export function random(seed: number) {
	let a = seed >>> 0
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0
		let t = a
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296
	}
	const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
	const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)]!
	const chance = (p: number) => next() < p
	const some = <T>(values: readonly T[], min: number, max: number) => {
		const shuffled = [...values].sort(() => next() - 0.5)
		return shuffled.slice(0, int(min, Math.min(max, values.length)))
	}
	return { next, int, pick, chance, some }
}
type Random = ReturnType<typeof random>

function weightedStates(rng: Random) {
	const codes = Object.keys(POPULATION)
	const total = codes.reduce((sum, c) => sum + POPULATION[c]!, 0)
	return () => {
		let x = rng.next() * total
		for (const code of codes) if ((x -= POPULATION[code]!) < 0) return code
		return codes[codes.length - 1]!
	}
}

const zipsOf = new Map<string, string[]>()
function zipIn(state: string, rng: Random) {
	let zips = zipsOf.get(state)
	if (!zips)
		zipsOf.set(
			state,
			(zips = zipcodes
				.lookupByState(state)
				.map((z) => z.zip)
				.sort()),
		)
	return rng.pick(zips)
}

const timeZoneOf = new Map<string, string>(STATES.map((s) => [s.code, s.timeZone]))

export type Network = {
	therapists: {
		id: string
		email: string
		fullName: string
		credentials: string
		timeZone: string
		phases: string[]
		formats: string[]
		modalities: string[]
		focusAreas: string[]
		languages: string[]
		insurancePayers: string[]
		selfPayRate: number | null
		slidingScale: boolean
		officeZip: string | null
		weeklyCapacity: number
		accepting: boolean
		kapTrainingHours: number
	}[]
	licenses: { id: string; therapistId: string; state: string; type: string; number: string; expiresOn: string; status: string }[]
	authorizations: { id: string; therapistId: string; kind: string; homeState: string; states: string[]; expiresOn: string; status: string }[]
	rules: { id: string; therapistId: string; dayOfWeek: number; startMinute: number; endMinute: number }[]
	overrides: { id: string; therapistId: string; date: string; startMinute: number | null; endMinute: number | null }[]
}

const PROFESSIONS = [
	{ share: 0.34, type: 'lpc', credentials: 'LPC' },
	{ share: 0.24, type: 'lcsw', credentials: 'LCSW' },
	{ share: 0.12, type: 'lmft', credentials: 'LMFT' },
	{ share: 0.18, type: 'psychologist', credentials: 'PhD, Licensed Psychologist' },
	{ share: 0.06, type: 'pmhnp', credentials: 'PMHNP-BC' },
	{ share: 0.06, type: 'lpc_associate', credentials: 'LPC Associate' },
] as const

/** `today` is YYYY-MM-DD: expiry dates and overrides are placed around it. */
export function syntheticNetwork(count: number, options: { seed: number; today: string; psypact: ReadonlySet<string>; counselingCompact: ReadonlySet<string> }): Network {
	const rng = random(options.seed)
	const state = weightedStates(rng)
	const day = (offset: number) => {
		const d = new Date(`${options.today}T00:00:00Z`)
		d.setUTCDate(d.getUTCDate() + offset)
		return d.toISOString().slice(0, 10)
	}
	const expiry = () => (rng.chance(0.04) ? day(-rng.int(1, 300)) : rng.chance(0.03) ? day(rng.int(0, 30)) : day(rng.int(60, 900)))
	const status = () => (rng.chance(0.93) ? 'verified' : rng.chance(0.7) ? 'pending' : 'rejected')
	const network: Network = { therapists: [], licenses: [], authorizations: [], rules: [], overrides: [] }
	const counselingStates = [...options.counselingCompact]
	for (let i = 0; i < count; i++) {
		const id = `bt${String(i).padStart(7, '0')}`
		const home = state()
		let x = rng.next()
		const profession = PROFESSIONS.find((p) => (x -= p.share) < 0) ?? PROFESSIONS[0]
		const formats = rng.chance(0.45) ? ['telehealth'] : rng.chance(0.2) ? ['in_person'] : ['telehealth', 'in_person']
		const phases = ['preparation', 'in_session', 'integration'].filter((p) => rng.chance(p === 'integration' ? 0.92 : p === 'preparation' ? 0.7 : 0.18))
		network.therapists.push({
			id,
			email: `${id}@bench.example`,
			fullName: `Therapist ${i}`,
			credentials: profession.credentials,
			timeZone: timeZoneOf.get(home)!,
			phases: phases.length ? phases : ['integration'],
			formats,
			modalities: rng.some(MODALITIES.slugs, 1, 5),
			focusAreas: rng.some(FOCUS_AREAS.slugs, 1, 6),
			languages: ['en', ...(rng.chance(0.18) ? ['es'] : []), ...(rng.chance(0.05) ? [rng.pick(LANGUAGE_CODES.slice(2))] : [])].filter((l) => l !== 'en' || rng.chance(0.97)),
			insurancePayers: rng.chance(0.55) ? rng.some(PAYERS.slugs, 1, 4) : [],
			selfPayRate: rng.chance(0.9) ? rng.int(9, 25) * 10 : null,
			slidingScale: rng.chance(0.3),
			officeZip: formats.includes('in_person') ? zipIn(home, rng) : null,
			weeklyCapacity: rng.int(1, 6),
			accepting: rng.chance(0.85),
			kapTrainingHours: rng.chance(0.2) ? 0 : rng.int(8, 160),
		})
		network.licenses.push({ id: `${id}-l0`, therapistId: id, state: home, type: profession.type, number: `${home}-${i}`, expiresOn: expiry(), status: status() })
		if (rng.chance(0.12)) {
			const second = state()
			if (second !== home) network.licenses.push({ id: `${id}-l1`, therapistId: id, state: second, type: profession.type, number: `${second}-${i}`, expiresOn: expiry(), status: status() })
		}
		if (profession.type === 'psychologist' && options.psypact.has(home) && rng.chance(0.45)) {
			network.authorizations.push({ id: `${id}-a0`, therapistId: id, kind: 'psypact_apit', homeState: home, states: [], expiresOn: expiry(), status: status() })
		}
		if (profession.type === 'lpc' && options.counselingCompact.has(home) && rng.chance(0.15)) {
			network.authorizations.push({
				id: `${id}-a1`,
				therapistId: id,
				kind: 'counseling_privilege',
				homeState: home,
				states: rng.some(
					counselingStates.filter((s) => s !== home),
					1,
					3,
				),
				expiresOn: expiry(),
				status: status(),
			})
		}
		if (rng.chance(0.03)) {
			network.authorizations.push({ id: `${id}-a2`, therapistId: id, kind: 'state_telehealth', homeState: home, states: [state()], expiresOn: expiry(), status: status() })
		}
		const days = rng.some([0, 1, 2, 3, 4, 5], 2, 5)
		for (const dayOfWeek of days) {
			const start = rng.int(8, 13) * 60
			network.rules.push({ id: `${id}-r${dayOfWeek}`, therapistId: id, dayOfWeek, startMinute: start, endMinute: start + rng.int(2, 6) * 60 })
		}
		if (rng.chance(0.1)) {
			const date = day(rng.int(1, 60))
			network.overrides.push(
				rng.chance(0.5) ? { id: `${id}-o0`, therapistId: id, date, startMinute: null, endMinute: null } : { id: `${id}-o0`, therapistId: id, date, startMinute: 9 * 60, endMinute: 12 * 60 },
			)
		}
	}
	return network
}

export type SyntheticReferral = {
	id: string
	clinicState: string
	patientState: string
	phases: string[]
	format: 'telehealth' | 'in_person' | 'either'
	modalities: string[]
	focusAreas: string[]
	languages: string[]
	paymentType: 'insurance' | 'self_pay'
	payer: string | null
	maxRate: number | null
	urgency: 'routine' | 'urgent'
	firstDosingAt: Date
	dosingSessions: number
	cadenceDays: number
	timingRequired: boolean
	radiusMiles: number
}

export function syntheticReferrals(count: number, options: { seed: number; now: Date }): SyntheticReferral[] {
	const rng = random(options.seed + 1)
	const state = weightedStates(rng)
	return Array.from({ length: count }, (_, i) => {
		const patientState = state()
		const x = rng.next()
		const phases = x < 0.6 ? ['integration'] : x < 0.85 ? ['preparation', 'integration'] : x < 0.95 ? ['preparation', 'in_session', 'integration'] : ['in_session']
		const y = rng.next()
		const format = y < 0.55 ? 'telehealth' : y < 0.85 ? 'either' : 'in_person'
		const z = rng.next()
		const insurance = z < 0.5
		return {
			id: `bench-ref-${String(i).padStart(4, '0')}`,
			clinicState: patientState,
			patientState,
			phases,
			format,
			modalities: rng.some(MODALITIES.slugs, 0, 3),
			focusAreas: rng.some(FOCUS_AREAS.slugs, 0, 3),
			languages: rng.chance(0.8) ? [] : rng.chance(0.75) ? ['en'] : ['es'],
			paymentType: insurance ? 'insurance' : 'self_pay',
			payer: insurance ? rng.pick(PAYERS.slugs) : null,
			maxRate: !insurance && z > 0.8 ? rng.int(10, 20) * 10 : null,
			urgency: rng.chance(0.2) ? 'urgent' : 'routine',
			firstDosingAt: new Date(options.now.getTime() + rng.int(7, 40) * 86_400_000 + rng.int(0, 8) * 3_600_000),
			dosingSessions: rng.int(1, 6),
			cadenceDays: rng.int(2, 7),
			timingRequired: rng.chance(0.3),
			radiusMiles: rng.pick([10, 25, 25, 50]),
		} satisfies SyntheticReferral
	})
}

export { zipIn }
