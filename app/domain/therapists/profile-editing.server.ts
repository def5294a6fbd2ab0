// A therapist editing their own profile: each section saves on its own; licenses and
// authorizations they add wait for verification; weekly hours and date overrides. Every change
// is audited. Callers pass the therapist id from the session, so nobody edits someone else's.
import { audit } from '#app/domain/audit/audit.server.ts'
import { type Hours } from '#app/domain/availability/hours-text.ts'
import { dateOnly } from '#app/domain/calendar-dates.ts'
import { loadCompactMembership } from '#app/domain/reference/compact-membership.server.ts'
import { lookupZip, ZIP_PROBLEM_MESSAGES } from '#app/domain/reference/zip-codes.server.ts'
import { refreshTherapistSearch } from '#app/domain/matching/search-index.server.ts'
import { db } from '#app/utils/db.server.ts'
import { checkPhoto } from './photo.ts'
import { credentialProblem, type AuthorizationInput, type LicenseInput } from './profile-schemas.ts'

export async function getEditableProfile(therapistId: string) {
	const therapist = await db().therapist.findUniqueOrThrow({
		where: { id: therapistId },
		include: {
			licenses: { orderBy: [{ state: 'asc' }, { expiresOn: 'asc' }] },
			authorizations: { orderBy: [{ kind: 'asc' }, { expiresOn: 'asc' }] },
			availability: { orderBy: [{ dayOfWeek: 'asc' }, { startMinute: 'asc' }] },
			availabilityOverrides: { where: { date: { gte: new Date(`${dateOnly(new Date())}T00:00:00Z`) } }, orderBy: [{ date: 'asc' }, { startMinute: 'asc' }] },
			photo: { select: { updatedAt: true } },
		},
	})
	return therapist
}

export type SectionResult = { ok: true } | { ok: false; field: string; message: string }

type Section =
	| { section: 'identity'; value: { fullName: string; pronouns: string; credentials: string; bio: string; timeZone: string } }
	| { section: 'practice'; value: { phases: string[]; formats: string[]; modalities: string[]; focusAreas: string[]; languages: string[]; officeZip: string } }
	| { section: 'fees'; value: { selfPayRate?: number; slidingScale: boolean; insurancePayers: string[] } }
	| { section: 'capacity'; value: { weeklyCapacity: number; accepting: boolean } }
	| { section: 'training'; value: { kapProgram: string; kapTrainingHours: number; kapYear?: number } }

export async function updateProfileSection(therapistId: string, actorId: string, input: Section): Promise<SectionResult> {
	let data: Record<string, unknown>
	switch (input.section) {
		case 'identity':
			data = { ...input.value, pronouns: input.value.pronouns || null }
			break
		case 'practice': {
			const inPerson = input.value.formats.includes('in_person')
			if (inPerson) {
				const found = lookupZip(input.value.officeZip)
				if (!found.ok) return { ok: false, field: 'officeZip', message: ZIP_PROBLEM_MESSAGES[found.problem] }
			}
			data = { ...input.value, officeZip: inPerson ? input.value.officeZip : null }
			break
		}
		case 'fees':
			data = { selfPayRate: input.value.selfPayRate ?? null, slidingScale: input.value.slidingScale, insurancePayers: input.value.insurancePayers }
			break
		case 'capacity':
			data = input.value
			break
		case 'training':
			data = { kapProgram: input.value.kapProgram || null, kapTrainingHours: input.value.kapTrainingHours, kapYear: input.value.kapYear ?? null }
			break
	}
	await db().$transaction(async (tx) => {
		await tx.therapist.update({ where: { id: therapistId }, data })
		await refreshTherapistSearch([therapistId], { client: tx })
	})
	await audit({ actorId, action: 'therapist.profile_updated', entity: 'therapist', entityId: therapistId, details: { section: input.section } })
	return { ok: true }
}

const asDate = (date: string) => new Date(`${date}T00:00:00Z`)

export async function addLicense(therapistId: string, actorId: string, value: LicenseInput, today = dateOnly(new Date())): Promise<SectionResult> {
	const problem = credentialProblem({ kind: 'license', value }, { today, licenses: [], psypactMembers: new Set() })
	if (problem) return { ok: false, field: problem[0], message: problem[1] }
	const exists = await db().license.findFirst({ where: { therapistId, state: value.state, type: value.type as never, number: value.number }, select: { id: true } })
	if (exists) return { ok: false, field: 'number', message: 'That license is already on your profile.' }
	const license = await db().license.create({
		data: { therapistId, state: value.state, type: value.type as never, number: value.number, expiresOn: asDate(value.expiresOn), status: 'pending' },
		select: { id: true },
	})
	await audit({ actorId, action: 'therapist.credential_added', entity: 'license', entityId: license.id })
	return { ok: true }
}

export async function addAuthorization(therapistId: string, actorId: string, value: AuthorizationInput, today = dateOnly(new Date())): Promise<SectionResult> {
	const licenses = await db().license.findMany({ where: { therapistId }, select: { state: true, type: true, status: true } })
	const compacts = await loadCompactMembership()
	const problem = credentialProblem({ kind: 'authorization', value }, { today, licenses, psypactMembers: compacts.psypact })
	if (problem) return { ok: false, field: problem[0], message: problem[1] }
	const authorization = await db().authorization.create({
		data: { therapistId, kind: value.kind, homeState: value.homeState, states: value.states, expiresOn: asDate(value.expiresOn), status: 'pending' },
		select: { id: true },
	})
	await audit({ actorId, action: 'therapist.credential_added', entity: 'authorization', entityId: authorization.id })
	return { ok: true }
}

export type RemoveResult = { ok: true } | { ok: false; reason: 'not_found' | 'on_record' }

/**
 * Removes one of the therapist's own credentials. A suspended or revoked one stays on record: removing
 * it and adding it again would send it back to the verification queue as if nothing had happened.
 */
export async function removeCredential(therapistId: string, actorId: string, kind: 'license' | 'authorization', id: string): Promise<RemoveResult> {
	return db().$transaction(async (tx) => {
		const where = { id, therapistId, status: { notIn: ['suspended' as const, 'revoked' as const] } }
		const { count } = kind === 'license' ? await tx.license.deleteMany({ where }) : await tx.authorization.deleteMany({ where })
		if (count !== 1) {
			const kept = kind === 'license' ? await tx.license.count({ where: { id, therapistId } }) : await tx.authorization.count({ where: { id, therapistId } })
			return { ok: false, reason: kept ? 'on_record' : 'not_found' }
		}
		await refreshTherapistSearch([therapistId], { client: tx })
		await audit({ actorId, action: 'therapist.credential_removed', entity: kind, entityId: id }, tx)
		return { ok: true }
	})
}

/** Replaces the weekly hours: `byDay[0]` is Monday. */
export async function replaceWeeklyHours(therapistId: string, actorId: string, byDay: readonly Hours[][]) {
	await db().$transaction(async (tx) => {
		await tx.availabilityRule.deleteMany({ where: { therapistId } })
		const rows = byDay.flatMap((hours, dayOfWeek) => hours.map((h) => ({ therapistId, dayOfWeek, ...h })))
		if (rows.length) await tx.availabilityRule.createMany({ data: rows })
		await refreshTherapistSearch([therapistId], { client: tx })
		await audit({ actorId, action: 'therapist.profile_updated', entity: 'therapist', entityId: therapistId, details: { section: 'weekly_hours' } }, tx)
	})
}

/** Sets a date's hours, replacing any override for that date; no hours makes it a day off. */
export async function setDateOverride(therapistId: string, actorId: string, date: string, hours: readonly Hours[], today = dateOnly(new Date())): Promise<SectionResult> {
	if (date < today) return { ok: false, field: 'date', message: 'Choose today or a later date.' }
	await db().$transaction(async (tx) => {
		await tx.availabilityOverride.deleteMany({ where: { therapistId, date: asDate(date) } })
		const rows = hours.length ? hours.map((h) => ({ therapistId, date: asDate(date), ...h })) : [{ therapistId, date: asDate(date), startMinute: null, endMinute: null }]
		await tx.availabilityOverride.createMany({ data: rows })
		await refreshTherapistSearch([therapistId], { client: tx })
		await audit({ actorId, action: 'therapist.profile_updated', entity: 'therapist', entityId: therapistId, details: { section: 'date_override', date } }, tx)
	})
	return { ok: true }
}

export async function removeDateOverride(therapistId: string, actorId: string, date: string) {
	return db().$transaction(async (tx) => {
		const { count } = await tx.availabilityOverride.deleteMany({ where: { therapistId, date: asDate(date) } })
		if (count === 0) return false
		await refreshTherapistSearch([therapistId], { client: tx })
		await audit({ actorId, action: 'therapist.profile_updated', entity: 'therapist', entityId: therapistId, details: { section: 'date_override_removed', date } }, tx)
		return true
	})
}

/** Stores a checked photo (JPEG, PNG or WebP, at most 2 MB), replacing any before it. */
export async function setPhoto(therapistId: string, actorId: string, bytes: Uint8Array): Promise<SectionResult> {
	const checked = checkPhoto(bytes)
	if (!checked.ok) return { ok: false, field: 'photo', message: checked.message }
	await db().therapistPhoto.upsert({
		where: { therapistId },
		create: { therapistId, type: checked.type, base64: Buffer.from(bytes).toString('base64') },
		update: { type: checked.type, base64: Buffer.from(bytes).toString('base64') },
	})
	await audit({ actorId, action: 'therapist.profile_updated', entity: 'therapist', entityId: therapistId, details: { section: 'photo' } })
	return { ok: true }
}

export async function removePhoto(therapistId: string, actorId: string) {
	const { count } = await db().therapistPhoto.deleteMany({ where: { therapistId } })
	if (count) await audit({ actorId, action: 'therapist.profile_updated', entity: 'therapist', entityId: therapistId, details: { section: 'photo_removed' } })
	return count > 0
}

export async function getPhoto(therapistId: string) {
	const photo = await db().therapistPhoto.findUnique({ where: { therapistId }, select: { type: true, base64: true, updatedAt: true } })
	return photo ? { type: photo.type, bytes: Buffer.from(photo.base64, 'base64'), updatedAt: photo.updatedAt } : null
}
