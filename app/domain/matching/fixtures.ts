// Plain referral and candidate data for matching tests: sensible defaults, one override at a time.
import { INITIAL_COMPACTS } from '#app/domain/reference/compacts.ts'
import { expandDoses } from '#app/domain/referrals/dosing.ts'
import { type MatchCandidate, type MatchContext, type MatchReferral } from './types.ts'

export const AUSTIN = { latitude: 30.2713, longitude: -97.7426 }
export const ROUND_ROCK = { latitude: 30.5083, longitude: -97.6789 } // about 17 miles north
export const HOUSTON = { latitude: 29.7589, longitude: -95.3677 } // about 146 miles east
export const PORTLAND = { latitude: 45.5152, longitude: -122.6784 } // Portland, Oregon
export const VANCOUVER_WA = { latitude: 45.6387, longitude: -122.6615 } // across the Columbia, about 9 miles north

const members = (slug: string) => new Set(INITIAL_COMPACTS.find((c) => c.slug === slug)!.members)
export const context: MatchContext = { compacts: { psypact: members('psypact'), counseling_compact: members('counseling_compact') } }

/** A Monday 10:00 in Austin (CST), integration 24–72 hours later. */
export function referral(overrides: Partial<MatchReferral> = {}): MatchReferral {
	return {
		id: 'ref-1',
		patientState: 'TX',
		phases: ['integration'],
		format: 'telehealth',
		modalities: ['ifs', 'somatic'],
		focusAreas: ['ptsd'],
		languages: ['en'],
		payment: { type: 'self_pay', maxRate: null },
		doses: expandDoses(new Date('2026-12-07T16:00:00Z'), 6, 2, 'America/Chicago'),
		doseMinutes: 120,
		integrationWindowHours: { from: 24, to: 72 },
		preparationWindowHours: { from: 336, to: 24 },
		timingRequired: false,
		// A week before the first dose.
		asOf: new Date('2026-11-30T12:00:00Z'),
		radiusMiles: 25,
		clinic: { location: AUSTIN, timeZone: 'America/Chicago', state: 'TX' },
		excludedTherapistIds: new Set(),
		preferredTherapistIds: new Set(),
		...overrides,
	}
}

/** Licensed in Texas, telehealth and in person in Austin, free weekday mornings. */
export function candidate(id: string, overrides: Partial<MatchCandidate> = {}): MatchCandidate {
	return {
		id,
		credentials: { licenses: [{ state: 'TX', type: 'lpc', status: 'verified', expiresOn: '2027-12-31' }], authorizations: [] },
		phases: ['preparation', 'integration'],
		formats: ['telehealth', 'in_person'],
		languages: ['en'],
		modalities: ['ifs'],
		focusAreas: ['ptsd'],
		insurancePayers: ['bcbs'],
		selfPayRate: 150,
		slidingScale: false,
		office: AUSTIN,
		officeState: 'TX',
		accepting: true,
		weeklyCapacity: 3,
		load: 0,
		kapTrainingHours: 60,
		responsiveness: { acceptanceRate: null, medianResponseHours: null },
		schedule: { timeZone: 'America/Chicago', rules: [0, 1, 2, 3, 4].map((dayOfWeek) => ({ dayOfWeek, startMinute: 9 * 60, endMinute: 12 * 60 })) },
		booked: [],
		...overrides,
	}
}
