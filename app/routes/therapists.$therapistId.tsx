// A therapist's profile for clinics choosing partners (and platform admins, and the therapist
// themself): approach, training, fees, weekly hours and where they may see patients today.
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { canViewTherapistProfile } from '#app/domain/auth/roles.ts'
import { describeCoverage, describeWeeklyHours } from '#app/domain/therapists/profile-text.ts'
import { getTherapistProfile } from '#app/domain/therapists/profiles.server.ts'
import { FOCUS_AREAS, FORMATS, languageLabel, MODALITIES, PAYERS, PHASES } from '#app/domain/reference/index.ts'
import { requireUser } from '#app/utils/permissions.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.profile.fullName ?? 'Therapist'} — Tandem` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const auth = await requireUser(request)
	if (!canViewTherapistProfile(auth.principal, params.therapistId!)) throw new Response('Forbidden', { status: 403 })
	const profile = await getTherapistProfile(params.therapistId!)
	if (!profile) throw new Response('Not found', { status: 404 })
	return { profile, coverage: describeCoverage(profile.coverage), hours: describeWeeklyHours(profile.availability, profile.timeZone) }
}

function Tags({ label, values }: { label: string; values: string[] }) {
	return (
		<div>
			<dt className="font-medium text-slate-900">{label}</dt>
			<dd className="mt-1 text-slate-800">{values.length ? values.join(', ') : 'Not given'}</dd>
		</div>
	)
}

export default function TherapistProfilePage() {
	const { profile, coverage, hours } = useLoaderData<typeof loader>()
	const fees = [
		profile.selfPayRate != null ? `$${profile.selfPayRate} per session` : null,
		profile.slidingScale ? 'sliding scale available' : null,
	].filter(Boolean)
	return (
		<article aria-labelledby="therapist-name" className="mx-auto max-w-4xl space-y-8 px-4 py-12">
			<header className="space-y-2">
				{profile.photoVersion ? (
					<img src={`/therapists/${profile.id}/photo?v=${profile.photoVersion}`} alt={profile.fullName} width={128} height={128} className="h-32 w-32 rounded object-cover" />
				) : null}
				<h1 id="therapist-name" className="text-2xl font-semibold tracking-tight">
					{profile.fullName}
					{profile.pronouns ? <span className="ml-2 text-base font-normal text-slate-700">({profile.pronouns})</span> : null}
				</h1>
				<p className="text-slate-800">{profile.credentials}</p>
				<p className={profile.accepting ? 'text-green-800' : 'text-slate-700'}>{profile.accepting ? 'Accepting new referrals' : 'Not accepting new referrals at the moment'}</p>
				{profile.bio ? <p className="max-w-prose text-slate-800">{profile.bio}</p> : null}
			</header>

			<section aria-labelledby="coverage-title" className="space-y-2 rounded border border-brand-100 bg-brand-50 p-4">
				<h2 id="coverage-title" className="text-lg font-semibold">Licensed to see patients in</h2>
				{coverage.length === 0 ? (
					<p>No state yet: no current, verified license or authorization.</p>
				) : (
					<ul className="list-disc space-y-1 pl-5">
						{coverage.map((line) => (
							<li key={line}>{line}</li>
						))}
					</ul>
				)}
			</section>

			<section aria-labelledby="approach-title" className="space-y-3">
				<h2 id="approach-title" className="text-lg font-semibold">How they work</h2>
				<dl className="grid gap-4 sm:grid-cols-2">
					<Tags label="Phases of care" values={profile.phases.map(PHASES.label)} />
					<Tags label="Formats" values={profile.formats.map(FORMATS.label)} />
					<Tags label="Approaches" values={profile.modalities.map(MODALITIES.label)} />
					<Tags label="Focus areas" values={profile.focusAreas.map(FOCUS_AREAS.label)} />
					<Tags label="Languages" values={profile.languages.map(languageLabel)} />
					<div>
						<dt className="font-medium text-slate-900">Office</dt>
						<dd className="mt-1 text-slate-800">{profile.office ? `${profile.office.city}, ${profile.office.state} ${profile.office.zip}` : 'Telehealth only'}</dd>
					</div>
				</dl>
			</section>

			<section aria-labelledby="training-title" className="space-y-1">
				<h2 id="training-title" className="text-lg font-semibold">Ketamine-assisted therapy training</h2>
				<p className="text-slate-800">
					{profile.kapTraining.hours > 0
						? `${profile.kapTraining.hours} hours${profile.kapTraining.program ? `, ${profile.kapTraining.program}` : ''}${profile.kapTraining.year ? ` (${profile.kapTraining.year})` : ''}`
						: 'No KAP training listed.'}
				</p>
			</section>

			<section aria-labelledby="fees-title" className="space-y-3">
				<h2 id="fees-title" className="text-lg font-semibold">Fees and insurance</h2>
				<dl className="grid gap-4 sm:grid-cols-2">
					<Tags label="Self-pay" values={fees as string[]} />
					<Tags label="Insurance accepted" values={profile.insurancePayers.map(PAYERS.label)} />
				</dl>
			</section>

			<section aria-labelledby="hours-title" className="space-y-2">
				<h2 id="hours-title" className="text-lg font-semibold">Usual weekly hours</h2>
				{hours.length === 0 ? (
					<p className="text-slate-800">No weekly hours listed.</p>
				) : (
					<ul className="space-y-1 text-slate-800">
						{hours.map((line) => (
							<li key={line}>{line}</li>
						))}
					</ul>
				)}
			</section>
		</article>
	)
}
