// A therapist's profile as clinics (and later patients) see it: what helps choose, and where the
// therapist may see patients today (by the place of each kind of session), from the one
// jurisdiction derivation matching uses.
import { dateOnly } from '#app/domain/calendar-dates.ts'
import { lookupZip } from '#app/domain/reference/zip-codes.server.ts'
import { db } from '#app/utils/db.server.ts'
import { loadCompactMembership } from '#app/domain/reference/compact-membership.server.ts'
import { coverage, practicePlaces, type Coverage } from './jurisdiction.ts'

export type TherapistProfile = NonNullable<Awaited<ReturnType<typeof getTherapistProfile>>>

export async function getTherapistProfile(therapistId: string, today: string = dateOnly(new Date())) {
	const therapist = await db().therapist.findUnique({
		where: { id: therapistId },
		include: {
			licenses: { select: { state: true, type: true, status: true, expiresOn: true } },
			authorizations: { select: { kind: true, homeState: true, states: true, status: true, expiresOn: true } },
			availability: { select: { dayOfWeek: true, startMinute: true, endMinute: true }, orderBy: [{ dayOfWeek: 'asc' }, { startMinute: 'asc' }] },
			photo: { select: { updatedAt: true } },
		},
	})
	if (!therapist) return null
	const covered: Coverage[] = coverage(
		{
			licenses: therapist.licenses.map((l) => ({ ...l, expiresOn: dateOnly(l.expiresOn) })),
			authorizations: therapist.authorizations.map((a) => ({ ...a, expiresOn: dateOnly(a.expiresOn) })),
		},
		await loadCompactMembership(),
		today,
	)
	const office = therapist.officeZip ? lookupZip(therapist.officeZip) : null
	const officeState = office?.ok ? office.place.state : null
	return {
		id: therapist.id,
		fullName: therapist.fullName,
		pronouns: therapist.pronouns,
		credentials: therapist.credentials,
		bio: therapist.bio,
		timeZone: therapist.timeZone,
		phases: therapist.phases,
		formats: therapist.formats,
		modalities: therapist.modalities,
		focusAreas: therapist.focusAreas,
		languages: therapist.languages,
		insurancePayers: therapist.insurancePayers,
		selfPayRate: therapist.selfPayRate,
		slidingScale: therapist.slidingScale,
		office: office?.ok ? { city: office.place.city, state: office.place.state, zip: office.place.zip } : null,
		accepting: therapist.accepting,
		kapTraining: { hours: therapist.kapTrainingHours, program: therapist.kapProgram, year: therapist.kapYear },
		availability: therapist.availability,
		coverage: covered,
		/** Where sessions with them may happen today: telehealth where the patient is, in person at the office, in-session support at a clinic. */
		places: practicePlaces(covered, { formats: therapist.formats, phases: therapist.phases, officeState }),
		/** Changes when the photo does, so the browser never shows an old one. */
		photoVersion: therapist.photo ? String(therapist.photo.updatedAt.getTime()) : null,
	}
}

/** Names and credentials of several therapists, by id (for lists of suggestions). */
export async function getTherapistSummaries(ids: readonly string[]) {
	const rows = await db().therapist.findMany({ where: { id: { in: [...ids] } }, select: { id: true, email: true, fullName: true, credentials: true } })
	return new Map(rows.map((r) => [r.id, r]))
}

export function findTherapistByEmail(email: string) {
	return db().therapist.findUnique({ where: { email: email.toLowerCase() }, select: { id: true, fullName: true } })
}
