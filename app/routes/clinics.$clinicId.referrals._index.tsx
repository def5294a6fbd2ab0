// A clinic's referrals, filterable by status, with a count per status; each leads to its page and
// its suggested therapists, and a new one starts here. A draft says what it still needs to be posted.
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getClinic } from '#app/domain/clinics/clinics.server.ts'
import { listClinicReferrals } from '#app/domain/referrals/referrals.server.ts'
import { isReferralStatus, REFERRAL_STATUS_LABELS as STATUS_LABELS, REFERRAL_STATUSES } from '#app/domain/referrals/statuses.ts'
import { PHASES, stateName } from '#app/domain/reference/index.ts'
import { requireClinicMember } from '#app/utils/permissions.server.ts'
import { formatDateTime } from '#app/domain/time-format.ts'

const NOT_GIVEN = 'Not given yet'

export const meta: MetaFunction = () => [{ title: 'Referrals — Tandem' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireClinicMember(request, params.clinicId!)
	const clinic = await getClinic(params.clinicId!)
	if (!clinic) throw new Response('Not found', { status: 404 })
	const requested = new URL(request.url).searchParams.get('status')
	const status = requested && isReferralStatus(requested) ? requested : null
	const { referrals, counts } = await listClinicReferrals(clinic.id, status)
	return { clinic, status, counts, referrals, timeZone: clinic.timeZone }
}

export default function ClinicReferrals() {
	const { clinic, status, counts, referrals, timeZone } = useLoaderData<typeof loader>()
	const when = { format: (d: Date) => formatDateTime(d, timeZone) }
	return (
		<div className="mx-auto max-w-5xl space-y-6 px-4 py-12">
			<header className="flex flex-wrap items-end justify-between gap-4">
				<div className="space-y-1">
					<p className="text-sm text-slate-700">{clinic.name}</p>
					<h1 className="text-2xl font-semibold tracking-tight">Referrals</h1>
				</div>
				<Link to="new" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
					New referral
				</Link>
			</header>
			<nav aria-label="Filter by status">
				<ul className="flex flex-wrap gap-2 text-sm">
					<li>
						<Link to="." aria-current={status === null ? 'page' : undefined} className="rounded border border-slate-300 px-2 py-1 aria-[current=page]:bg-brand-700 aria-[current=page]:text-white">
							All
						</Link>
					</li>
					{REFERRAL_STATUSES.map((s) => (
						<li key={s}>
							<Link
								to={`?status=${s}`}
								aria-current={status === s ? 'page' : undefined}
								className="rounded border border-slate-300 px-2 py-1 aria-[current=page]:bg-brand-700 aria-[current=page]:text-white"
							>
								{STATUS_LABELS[s]} ({counts[s] ?? 0})
							</Link>
						</li>
					))}
				</ul>
			</nav>
			{referrals.length === 0 ? (
				<p className="text-slate-700">No referrals{status ? ` with the status ${STATUS_LABELS[status].toLowerCase()}` : ''}.</p>
			) : (
				<table className="w-full text-left text-sm">
					<caption className="sr-only">Referrals, soonest first dosing session first</caption>
					<thead className="border-b border-slate-300 text-slate-700">
						<tr>
							<th scope="col" className="py-2 pr-4 font-medium">
								First dosing session
							</th>
							<th scope="col" className="py-2 pr-4 font-medium">
								Status
							</th>
							<th scope="col" className="py-2 pr-4 font-medium">
								Patient in
							</th>
							<th scope="col" className="py-2 pr-4 font-medium">
								Support needed
							</th>
							<th scope="col" className="py-2 font-medium">
								<span className="sr-only">Actions</span>
							</th>
						</tr>
					</thead>
					<tbody className="divide-y divide-slate-200">
						{referrals.map((r) => (
							<tr key={r.id}>
								<td className="py-3 pr-4">
									<Link className="font-medium text-brand-700 underline" to={r.id}>
										{r.firstDosingAt ? <time dateTime={new Date(r.firstDosingAt).toISOString()}>{when.format(new Date(r.firstDosingAt))}</time> : NOT_GIVEN}
									</Link>
								</td>
								<td className="py-3 pr-4">
									{STATUS_LABELS[r.status]}
									{r.urgency === 'urgent' ? ' · urgent' : ''}
									{r.needs.length ? <p className="text-xs text-amber-900">Still needed to post: {r.needs.join(', ')}</p> : null}
								</td>
								<td className="py-3 pr-4">{r.patientState ? stateName(r.patientState) : NOT_GIVEN}</td>
								<td className="py-3 pr-4">{[r.phases.map((p) => PHASES.label(p)).join(', '), r.format?.replace('_', ' ')].filter(Boolean).join(' · ') || NOT_GIVEN}</td>
								<td className="py-3">
									{r.needs.length ? null : (
										<Link className="font-medium text-brand-700 underline" to={`${r.id}/matches`}>
											Suggested therapists<span className="sr-only"> for the referral of {r.firstDosingAt ? when.format(new Date(r.firstDosingAt)) : `draft ${r.id}`}</span>
										</Link>
									)}
								</td>
							</tr>
						))}
					</tbody>
				</table>
			)}
		</div>
	)
}
