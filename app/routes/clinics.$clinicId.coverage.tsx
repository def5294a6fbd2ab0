// Where a clinic can refer: a map of the United States shaded by how many accepting
// integration therapists can see patients in each state today — by phase, format and approach if
// asked — without those the clinic blocked. Each state leads to the directory for it.
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { CoverageFilters } from '#app/components/coverage-filters.tsx'
import { CoverageMap } from '#app/components/coverage-map.tsx'
import { getClinic } from '#app/domain/clinics/clinics.server.ts'
import { readCoverageFilters } from '#app/domain/coverage/coverage.ts'
import { coverageByState } from '#app/domain/coverage/coverage.server.ts'
import { usMap } from '#app/domain/coverage/us-map.server.ts'
import { directorySearchParams } from '#app/domain/directory/directory-query.ts'
import { requireClinicMember } from '#app/utils/permissions.server.ts'
import { routeParam } from '#app/utils/invariant.ts'

export const meta: MetaFunction = () => [{ title: 'Coverage map — Tandem' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireClinicMember(request, routeParam(params, 'clinicId'))
	const clinic = await getClinic(routeParam(params, 'clinicId'))
	if (!clinic) throw new Response('Not found', { status: 404 })
	const { query, filters, form, problems } = readCoverageFilters(new URL(request.url).searchParams)
	const states = await coverageByState(filters, { clinicId: clinic.id, timeZone: clinic.timeZone })
	// The directory search each state leads to: the same filters, accepting only.
	const search = directorySearchParams({ ...query, accepting: true }).toString()
	return { clinic: { id: clinic.id, name: clinic.name }, map: usMap(), states, search, form, problems }
}

export default function ClinicCoverage() {
	const { clinic, map, states, search, form, problems } = useLoaderData<typeof loader>()
	const covered = states.filter((s) => s.therapists > 0).length
	return (
		<div className="mx-auto max-w-5xl space-y-6 px-4 py-12">
			<PageHeader
				back={{ to: `/clinics/${clinic.id}/therapists`, label: 'Back to the directory' }}
				eyebrow={clinic.name}
				title="Where you can refer"
				description={
					<p className="max-w-prose">
						Accepting integration therapists who can see patients in each state today: licensed there, or by telehealth with a PSYPACT, Counseling Compact or state telehealth authorization. Therapists
						your clinic blocked are not counted.
					</p>
				}
			/>
			<CoverageFilters {...form} problems={problems} />
			<p>
				{covered} of the {states.length} jurisdictions (the 50 states and DC) have at least one therapist for you.
			</p>
			<CoverageMap
				map={map}
				states={states}
				title="Therapists per state"
				linkFor={(state) => `/clinics/${clinic.id}/therapists?${new URLSearchParams([['state', state], ...new URLSearchParams(search)])}`}
			/>
		</div>
	)
}
