// The naive way to match, kept as a yardstick: load every therapist of the network with all their
// facts through the ORM and run the pure filters and ranking over all of them in JavaScript. Not
// used by the app. The integration tests check that the real matching (candidates.server.ts)
// gives exactly the same answer; the benchmark (npm run bench:match) measures both.
import { overridesFromRows } from '#app/domain/availability/ranges.ts'
import { busyFromJson } from '#app/domain/calendar/busy-json.ts'
import { dateOnly } from '#app/domain/calendar-dates.ts'
import { countsTowardsLoad, holdsBookedSession } from '#app/domain/referrals/offers.ts'
import { sessionRange } from '#app/domain/referrals/proposals.ts'
import { HOLDS_TIME } from '#app/domain/series/plan.ts'
import { loadCompactMembership } from '#app/domain/reference/compact-membership.server.ts'
import { zipOffice } from '#app/domain/reference/zip-codes.server.ts'
import { db } from '#app/utils/db.server.ts'
import { rankCandidates } from './rank.ts'
import { responsiveness } from './search-facts.ts'
import { type MatchCandidate, type MatchReferral } from './types.ts'

export async function loadWholeNetwork(): Promise<MatchCandidate[]> {
	const [rows, offers] = await Promise.all([
		db().therapist.findMany({
			include: {
				licenses: { select: { state: true, type: true, status: true, expiresOn: true } },
				authorizations: { select: { kind: true, homeState: true, states: true, status: true, expiresOn: true } },
				availability: { select: { dayOfWeek: true, startMinute: true, endMinute: true } },
				availabilityOverrides: { select: { date: true, startMinute: true, endMinute: true } },
				calendarFeed: { select: { busy: true } },
				plannedSessions: { where: HOLDS_TIME, select: { startsAt: true, endsAt: true } },
			},
		}),
		db().offer.findMany({ select: { therapistId: true, status: true, sentAt: true, respondedAt: true, referral: { select: { status: true, firstSessionAt: true } } } }),
	])
	return rows.map((t) => {
		const office = t.officeZip ? zipOffice(t.officeZip) : null
		const mine = offers.filter((o) => o.therapistId === t.id)
		const load = mine.filter((o) => countsTowardsLoad(o.status, o.referral.status)).length
		return {
			id: t.id,
			credentials: {
				licenses: t.licenses.map((l) => ({ ...l, expiresOn: dateOnly(l.expiresOn) })),
				authorizations: t.authorizations.map((a) => ({ ...a, expiresOn: dateOnly(a.expiresOn) })),
			},
			phases: t.phases,
			formats: t.formats,
			languages: t.languages,
			modalities: t.modalities,
			focusAreas: t.focusAreas,
			insurancePayers: t.insurancePayers,
			selfPayRate: t.selfPayRate,
			slidingScale: t.slidingScale,
			office: office ? { latitude: office.latitude, longitude: office.longitude } : null,
			officeState: office?.state ?? null,
			accepting: t.accepting,
			weeklyCapacity: t.weeklyCapacity,
			load,
			kapTrainingHours: t.kapTrainingHours,
			responsiveness: responsiveness(mine),
			schedule: { timeZone: t.timeZone, rules: t.availability, overrides: overridesFromRows(t.availabilityOverrides.map((o) => ({ ...o, date: dateOnly(o.date) }))) },
			booked: [
				...mine.flatMap((o) => (holdsBookedSession(o.status, o.referral.status) && o.referral.firstSessionAt ? [sessionRange(o.referral.firstSessionAt)] : [])),
				...busyFromJson(t.calendarFeed?.busy),
				...t.plannedSessions.map((p) => ({ start: p.startsAt, end: p.endsAt })),
			],
		}
	})
}

export async function naiveMatch(referral: MatchReferral, options: { limit?: number } = {}) {
	const [network, compacts] = await Promise.all([loadWholeNetwork(), loadCompactMembership()])
	return { ...rankCandidates(referral, network, { compacts }, options), network: network.length }
}
