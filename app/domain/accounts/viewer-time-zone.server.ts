// The zone a signed-in person reads times in on pages that belong to no one clinic (notifications,
// account, admin): their clinic's, else their therapist profile's, else the default (time-format.ts).
import { type Principal } from '#app/domain/auth/roles.ts'
import { viewerTimeZone } from '#app/domain/time-format.ts'
import { db } from '#app/utils/db.server.ts'

export async function timeZoneOf(principal: Principal): Promise<string> {
	const [clinics, therapist] = await Promise.all([
		principal.memberships.length
			? db().clinicMember.findMany({ where: { userId: principal.userId }, orderBy: [{ createdAt: 'asc' }, { clinicId: 'asc' }], select: { clinic: { select: { timeZone: true } } } })
			: Promise.resolve([]),
		principal.therapistId ? db().therapist.findUnique({ where: { id: principal.therapistId }, select: { timeZone: true } }) : Promise.resolve(null),
	])
	return viewerTimeZone({ clinicTimeZones: clinics.map((m) => m.clinic.timeZone), therapistTimeZone: therapist?.timeZone ?? null })
}
