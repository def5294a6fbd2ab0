// Supply and demand by state for platform admins (docs/product.md §1): the map of accepting
// integration therapists who can see patients in each state today, beside the referrals posted
// for patients there over the last 90 days, and the states where supply is missing.
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { CoverageFilters } from '#app/components/coverage-filters.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { CoverageMap } from '#app/components/coverage-map.tsx'
import { DEMAND_DAYS, readCoverageFilters, supplyGaps } from '#app/domain/coverage/coverage.ts'
import { coverageByState } from '#app/domain/coverage/coverage.server.ts'
import { usMap } from '#app/domain/coverage/us-map.server.ts'
import { requireAdmin } from '#app/utils/permissions.server.ts'

export const meta: MetaFunction = () => [{ title: 'Supply and demand — Tandem' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAdmin(request)
	const { filters, form, problems } = readCoverageFilters(new URL(request.url).searchParams)
	const states = await coverageByState(filters, { withDemand: true })
	return { map: usMap(), states, gaps: supplyGaps(states), form, problems }
}

export default function AdminCoverage() {
	const { map, states, gaps, form, problems } = useLoaderData<typeof loader>()
	return (
		<div className="mx-auto max-w-5xl space-y-6 px-4 py-12">
			<PageHeader
				title="Supply and demand by state"
				description={
					<p className="max-w-prose">Accepting integration therapists who can see patients in each state today, and the referrals posted for patients there in the last {DEMAND_DAYS} days.</p>
				}
			/>
			<CoverageFilters {...form} problems={problems} />
			<section aria-labelledby="gaps-title" className="space-y-2">
				<h2 id="gaps-title" className="text-lg font-semibold">
					Where supply is missing
				</h2>
				{gaps.length === 0 ? (
					<EmptyState title="No gaps">No state has more than one referral for every two therapists.</EmptyState>
				) : (
					<ul className="list-disc space-y-1 pl-5">
						{gaps.map((g) => (
							<li key={g.state}>
								{g.name}: {g.referrals} {g.referrals === 1 ? 'referral' : 'referrals'} for{' '}
								{g.therapists === 0 ? 'no therapist at all' : `${g.therapists} ${g.therapists === 1 ? 'therapist' : 'therapists'}`}
							</li>
						))}
					</ul>
				)}
			</section>
			<CoverageMap map={map} states={states} demand title="Therapists and referrals per state" linkFor={(state) => `#coverage-${state}`} />
		</div>
	)
}
