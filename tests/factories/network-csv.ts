// Writes therapist builds as the network import's CSV (docs/product.md §8.1), so the demo seed goes
// through the importer and the two cannot drift apart.
import { stringify } from 'csv-stringify/sync'
import { COLUMNS, type Column } from '#app/domain/therapists/network-csv.ts'
import { type TherapistBuild } from './therapists.ts'

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']
const date = (value: Date | string) => new Date(value).toISOString().slice(0, 10)
const time = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`
const list = (values: unknown) => ((values as string[] | undefined) ?? []).join(';')

export function toNetworkCsvRow({ therapist, licenses, authorizations, availability }: TherapistBuild): Record<Column, string> {
	return {
		email: therapist.email,
		full_name: therapist.fullName,
		credentials: therapist.credentials,
		timezone: therapist.timeZone,
		licenses: licenses.map((l) => `${l.state}:${l.type}:${l.number}:${date(l.expiresOn)}:${l.status ?? 'pending'}`).join('|'),
		authorizations: authorizations
			.map((a) => {
				const states = (a.states as string[] | undefined) ?? []
				return `${a.kind}:${a.homeState}:${states.length ? states.join(',') : '*'}:${date(a.expiresOn)}`
			})
			.join('|'),
		modalities: list(therapist.modalities),
		phases: list(therapist.phases),
		formats: list(therapist.formats),
		languages: list(therapist.languages),
		focus_areas: list(therapist.focusAreas),
		insurance: list(therapist.insurancePayers),
		office_zip: therapist.officeZip ?? '',
		self_pay_rate: therapist.selfPayRate == null ? '' : String(therapist.selfPayRate),
		sliding_scale: String(therapist.slidingScale ?? false),
		availability: availability.map((r) => `${DAYS[r.dayOfWeek]} ${time(r.startMinute)}-${time(r.endMinute)}`).join(';'),
		weekly_capacity: String(therapist.weeklyCapacity),
		accepting: String(therapist.accepting ?? true),
		kap_training_hours: String(therapist.kapTrainingHours ?? 0),
		calendar_url: '', // optional: a test that needs one sets it
	}
}

export function toNetworkCsv(builds: readonly TherapistBuild[]): string {
	return stringify(builds.map(toNetworkCsvRow), { header: true, columns: [...COLUMNS] })
}
