// Counts for the coverage map: per state, the accepting integration therapists with whom a session
// may happen there today — the directory's derivation (rules-sql.ts, practicePlaces): by telehealth
// with a licence or an authorization there, in person at an office there with a licence there —
// optionally by phase, format and approach, without the clinic's blocked therapists. For platform admins, demand beside it:
// referrals posted for patients in each state over the last 90 days.
import { clinicToday } from '#app/domain/directory/directory.server.ts'
import { offersPhasesSql, seesPatientsInRowStateSql } from '#app/domain/matching/rules-sql.ts'
import { STATES } from '#app/domain/reference/index.ts'
import { driverQuery } from '#app/utils/db.server.ts'
import { DEMAND_DAYS, type StateCoverage } from './coverage.ts'

export type CoverageFilters = { phases: string[]; format: 'telehealth' | 'in_person' | null; modalities: string[] }

export async function coverageByState(filters: CoverageFilters, options: { clinicId?: string; timeZone?: string; withDemand?: boolean; now?: Date } = {}): Promise<StateCoverage[]> {
	const now = options.now ?? new Date()
	const today = clinicToday(options.timeZone ?? 'America/New_York', now)
	const [supply, demand] = await Promise.all([
		driverQuery<{ state: string; therapists: number }>({
			text: `SELECT r.state::text AS state, count(*)::int AS therapists FROM "TherapistSearch" r
				WHERE r."coveredUntil" >= $1::date AND ${seesPatientsInRowStateSql('r', '$1::date', 'FALSE', filters.format)}
					AND r.accepting AND ${offersPhasesSql('r', '$2::text[]')} AND (cardinality($3::text[]) = 0 OR r.modalities && $3::text[])
					AND NOT EXISTS (SELECT 1 FROM "ClinicTherapist" b WHERE b."clinicId" = $4::text AND b."therapistId" = r."therapistId" AND b.standing = 'blocked')
				GROUP BY 1`,
			values: [today, filters.phases, filters.modalities, options.clinicId ?? ''],
		}),
		options.withDemand
			? driverQuery<{ state: string; referrals: number }>({
					text: `SELECT "patientState"::text AS state, count(*)::int AS referrals FROM "Referral" WHERE "postedAt" >= ($1::timestamptz AT TIME ZONE 'UTC') GROUP BY 1`,
					values: [new Date(now.getTime() - DEMAND_DAYS * 86_400_000)],
				})
			: [],
	])
	const therapists = new Map(supply.map((r) => [r.state.trim(), r.therapists]))
	const referrals = new Map(demand.map((r) => [r.state.trim(), r.referrals]))
	return STATES.map((s) => ({ state: s.code, name: s.name, therapists: therapists.get(s.code) ?? 0, ...(options.withDemand ? { referrals: referrals.get(s.code) ?? 0 } : {}) }))
}
