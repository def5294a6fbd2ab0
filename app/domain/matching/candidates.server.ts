// Matching against the database (PRODUCT.md §6): narrow the network with indexed conditions
// (license or authorization for the patient's state on the dosing date, every phase, the format,
// accepting), load what the pure filters and score need, and rank. Therapists the SQL leaves out
// are still counted per filter for the "why not" report, with one count per stage.
import { overridesFromRows } from '#app/domain/availability/ranges.ts'
import { dateOnly } from '#app/domain/calendar-dates.ts'
import { loadCompactMembership } from '#app/domain/reference/compact-membership.server.ts'
import { lookupZip } from '#app/domain/reference/zip-codes.server.ts'
import { type Prisma } from '#app/generated/prisma/client.ts'
import { db } from '#app/utils/db.server.ts'
import { jurisdictionDate, type Filter } from './eligibility.ts'
import { rankCandidates, whyNot, type Ranking } from './rank.ts'
import { type MatchCandidate, type MatchReferral } from './types.ts'

/** Offers that count towards a therapist's load: not yet in care (PRODUCT.md §4). */
const LOAD_STATUSES = ['pending', 'accepted', 'chosen'] as const
const IN_CARE_OR_AFTER = ['in_care', 'completed'] as const

export async function loadMatchReferral(referralId: string): Promise<MatchReferral | null> {
	const referral = await db().referral.findUnique({
		where: { id: referralId },
		include: { clinic: { select: { zip: true, timeZone: true } }, offers: { where: { status: 'declined' }, select: { therapistId: true } } },
	})
	if (!referral) return null
	const clinicPlace = lookupZip(referral.clinic.zip)
	return {
		id: referral.id,
		patientState: referral.patientState,
		phases: referral.phases,
		format: referral.format,
		modalities: referral.modalities,
		focusAreas: referral.focusAreas,
		languages: referral.languages,
		payment: { type: referral.paymentType, payer: referral.payer, maxRate: referral.maxRate },
		firstDosingAt: referral.firstDosingAt,
		dosingSessions: referral.dosingSessions,
		cadenceDays: referral.cadenceDays,
		integrationWindowHours: { from: referral.integrationFromHour, to: referral.integrationToHour },
		timingRequired: referral.timingRequired,
		radiusMiles: referral.radiusMiles,
		clinic: { location: clinicPlace.ok ? { latitude: clinicPlace.place.latitude, longitude: clinicPlace.place.longitude } : null, timeZone: referral.clinic.timeZone },
		excludedTherapistIds: new Set(referral.offers.map((o) => o.therapistId)),
		preferredTherapistIds: new Set(),
	}
}

/** The indexed conditions, stage by stage, in the order of the filters they stand for. */
function narrowingStages(referral: MatchReferral): { filter: Filter; where: Prisma.TherapistWhereInput }[] {
	const onDate = new Date(`${jurisdictionDate(referral)}T00:00:00Z`)
	const current = { status: 'verified' as const, expiresOn: { gte: onDate } }
	const needsInPerson = referral.format === 'in_person' || referral.phases.includes('in_session')
	return [
		{
			filter: 'jurisdiction',
			// Broad on purpose (supervised licenses, home licenses behind authorizations are judged in code).
			where: { OR: [{ licenses: { some: { ...current, state: referral.patientState } } }, { authorizations: { some: { ...current, OR: [{ states: { has: referral.patientState } }, { kind: 'psypact_apit', states: { isEmpty: true } }] } } }] },
		},
		{ filter: 'phases', where: { phases: { hasEvery: [...referral.phases] } } },
		{ filter: 'format', where: needsInPerson ? { formats: { has: 'in_person' } } : referral.format === 'telehealth' ? { formats: { has: 'telehealth' } } : {} },
		{ filter: 'capacity', where: { accepting: true } },
	]
}

/** The ranking (at most `limit` suggestions), how many fit in all, and the size of the network. */
export type MatchResult = Ranking & { eligible: number; network: number }

/** Therapists matching `where`, with everything the pure filters and the score read. */
async function loadCandidates(where: Prisma.TherapistWhereInput): Promise<MatchCandidate[]> {
	const rows = await db().therapist.findMany({
		where,
		include: {
			licenses: { select: { state: true, type: true, status: true, expiresOn: true } },
			authorizations: { select: { kind: true, homeState: true, states: true, status: true, expiresOn: true } },
			availability: { select: { dayOfWeek: true, startMinute: true, endMinute: true } },
			availabilityOverrides: { select: { date: true, startMinute: true, endMinute: true } },
		},
	})
	const ids = rows.map((r) => r.id)
	const [loads, history] = await Promise.all([
		db().offer.groupBy({ by: ['therapistId'], where: { therapistId: { in: ids }, status: { in: [...LOAD_STATUSES] }, referral: { status: { notIn: [...IN_CARE_OR_AFTER] } } }, _count: true }),
		db().offer.findMany({ where: { therapistId: { in: ids }, respondedAt: { not: null } }, select: { therapistId: true, status: true, sentAt: true, respondedAt: true } }),
	])
	const loadOf = new Map(loads.map((l) => [l.therapistId, l._count]))
	const historyOf = new Map<string, typeof history>()
	for (const h of history) historyOf.set(h.therapistId, [...(historyOf.get(h.therapistId) ?? []), h])
	return rows.map((t) => {
		const answered = historyOf.get(t.id) ?? []
		const hours = answered.map((h) => (h.respondedAt!.getTime() - h.sentAt.getTime()) / 3_600_000).sort((a, b) => a - b)
		const office = t.officeZip ? lookupZip(t.officeZip) : null
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
			office: office?.ok ? { latitude: office.place.latitude, longitude: office.place.longitude } : null,
			accepting: t.accepting,
			weeklyCapacity: t.weeklyCapacity,
			load: loadOf.get(t.id) ?? 0,
			kapTrainingHours: t.kapTrainingHours,
			responsiveness: {
				acceptanceRate: answered.length ? answered.filter((h) => h.status !== 'declined' && h.status !== 'expired').length / answered.length : null,
				medianResponseHours: hours.length ? hours[Math.floor(hours.length / 2)]! : null,
			},
			schedule: { timeZone: t.timeZone, rules: t.availability, overrides: overridesFromRows(t.availabilityOverrides.map((o) => ({ ...o, date: dateOnly(o.date) }))) },
			// First sessions get booked with the referral lifecycle (issue 6); until then none.
			booked: [],
		}
	})
}

export async function matchReferral(referral: MatchReferral, options: { limit?: number } = {}): Promise<MatchResult> {
	const stages = narrowingStages(referral)
	// How many the SQL leaves out at each stage: the total, then the count after each condition.
	const counts = await Promise.all([db().therapist.count(), ...stages.map((_, i) => db().therapist.count({ where: { AND: stages.slice(0, i + 1).map((s) => s.where) } }))])
	const candidates = await loadCandidates({ AND: stages.map((s) => s.where) })
	const ranking = rankCandidates(referral, candidates, { compacts: await loadCompactMembership() })
	stages.forEach((stage, i) => (ranking.excluded[stage.filter] += counts[i]! - counts[i + 1]!))
	const eligible = ranking.suggestions.length
	return { ...ranking, suggestions: options.limit === undefined ? ranking.suggestions : ranking.suggestions.slice(0, options.limit), eligible, network: counts[0]! }
}

/** For one named therapist: the first filter that excludes them from this referral, or null if none does. */
export async function whyNotTherapist(referral: MatchReferral, therapistId: string): Promise<Filter | null | 'unknown_therapist'> {
	if ((await db().therapist.count({ where: { id: therapistId } })) === 0) return 'unknown_therapist'
	for (const stage of narrowingStages(referral)) {
		if ((await db().therapist.count({ where: { AND: [{ id: therapistId }, stage.where] } })) === 0) return stage.filter
	}
	const [candidate] = await loadCandidates({ id: therapistId })
	return whyNot(referral, candidate!, { compacts: await loadCompactMembership() })
}
