// What matching reads: a referral's facts and each candidate's, as plain data. The database
// narrows candidates with indexed queries first (candidates.server.ts); everything here is pure.
import { type Range, type Schedule } from '#app/domain/availability/ranges.ts'
import { type Series } from '#app/domain/referrals/dosing.ts'
import { type CompactMembership, type CredentialFacts } from '#app/domain/therapists/jurisdiction.ts'
import { type Point } from './distance.ts'

export type MatchReferral = Series & {
	id: string
	patientState: string
	format: 'telehealth' | 'in_person' | 'either'
	modalities: readonly string[]
	focusAreas: readonly string[]
	languages: readonly string[]
	payment: { type: 'insurance' | 'self_pay'; payer?: string | null; maxRate?: number | null }
	timingRequired: boolean
	/** When matching runs: the timing filter looks for free time from then on. */
	asOf: Date
	radiusMiles: number
	clinic: { location: Point | null; timeZone: string; state: string }
	allowSupervised?: boolean
	/** Therapists who declined this referral or whom the clinic blocked. */
	excludedTherapistIds: ReadonlySet<string>
	/** The clinic's preferred partners (a boost, never a filter). */
	preferredTherapistIds: ReadonlySet<string>
}

export type MatchCandidate = {
	id: string
	credentials: CredentialFacts
	phases: readonly string[]
	formats: readonly string[]
	languages: readonly string[]
	modalities: readonly string[]
	focusAreas: readonly string[]
	insurancePayers: readonly string[]
	selfPayRate: number | null
	slidingScale: boolean
	office: Point | null
	/** The state the office is in (from its ZIP code): where in-person sessions happen. */
	officeState: string | null
	accepting: boolean
	weeklyCapacity: number
	/** Pending + accepted + chosen offers not yet in care (docs/product.md §4). */
	load: number
	kapTrainingHours: number
	responsiveness: { acceptanceRate: number | null; medianResponseHours: number | null }
	schedule: Schedule
	/** First sessions already booked, subtracted from free time. */
	booked: readonly Range[]
}

export type MatchContext = { compacts: CompactMembership }
