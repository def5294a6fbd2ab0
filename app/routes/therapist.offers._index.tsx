// A therapist's offers (docs/product.md §4): those waiting for an answer first, then acceptances the
// patient has not acted on, the patients who chose them, and the rest. De-identified facts only.
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { TimeInZones } from '#app/components/referrals/times.tsx'
import { referralReference } from '#app/domain/notifications/lifecycle-notices.ts'
import { PHASES, stateName } from '#app/domain/reference/index.ts'
import { therapistOffers } from '#app/domain/referrals/offer-responses.server.ts'
import { OFFER_STATUS_LABELS } from '#app/domain/referrals/offers.ts'
import { REFERRAL_STATUS_LABELS } from '#app/domain/referrals/statuses.ts'
import { requireTherapist } from '#app/utils/permissions.server.ts'

export const meta: MetaFunction = () => [{ title: 'Offers — Tandem' }]

type Group = 'waiting' | 'accepted' | 'patients' | 'past'
const GROUPS: { id: Group; title: string; empty: string }[] = [
	{ id: 'waiting', title: 'Waiting for your answer', empty: 'No offers are waiting for you.' },
	{ id: 'accepted', title: 'Accepted: waiting for the patient to choose', empty: 'None.' },
	{ id: 'patients', title: 'Patients who chose you', empty: 'None yet.' },
	{ id: 'past', title: 'Earlier offers', empty: 'None.' },
]

export async function loader({ request }: LoaderFunctionArgs) {
	const { therapistId } = await requireTherapist(request)
	const now = new Date()
	const offers = await therapistOffers(therapistId)
	const group = (o: (typeof offers)[number]): Group =>
		o.status === 'pending' && o.expiresAt > now ? 'waiting' : o.status === 'accepted' ? 'accepted' : o.status === 'chosen' && o.referral.status !== 'cancelled' ? 'patients' : 'past'
	return {
		offers: offers.map((o) => ({
			id: o.id,
			group: group(o),
			reference: referralReference(o.referral.id),
			clinic: o.referral.clinic.name,
			what: `${o.referral.phases.map((p) => PHASES.label(p)).join(', ')} · patient in ${stateName(o.referral.patientState)}${o.referral.urgency === 'urgent' ? ' · urgent' : ''}`,
			status: o.status === 'chosen' ? REFERRAL_STATUS_LABELS[o.referral.status] : OFFER_STATUS_LABELS[o.status],
			expiresAt: o.expiresAt.toISOString(),
			timeZone: o.therapist.timeZone,
		})),
	}
}

export default function Offers() {
	const { offers } = useLoaderData<typeof loader>()
	return (
		<div className="mx-auto max-w-3xl space-y-8 px-4 py-12">
			<h1 className="text-2xl font-semibold tracking-tight">Referral offers</h1>
			{GROUPS.map((group) => {
				const mine = offers.filter((o) => o.group === group.id)
				return (
					<section key={group.id} aria-labelledby={`${group.id}-title`} className="space-y-3">
						<h2 id={`${group.id}-title`} className="text-lg font-semibold">
							{group.title} ({mine.length})
						</h2>
						{mine.length ? (
							<ul className="divide-y divide-slate-200 rounded border border-slate-200">
								{mine.map((o) => (
									<li key={o.id} className="space-y-1 p-4">
										<Link to={o.id} className="font-medium text-brand-700 underline">
											{o.reference} from {o.clinic}
										</Link>
										<p className="text-sm text-slate-700">{o.what}</p>
										<p className="text-sm">
											{o.status}
											{group.id === 'waiting' ? (
												<>
													{' '}
													· answer by <TimeInZones iso={o.expiresAt} zones={[{ timeZone: o.timeZone }]} />
												</>
											) : null}
										</p>
									</li>
								))}
							</ul>
						) : (
							<p className="text-slate-700">{group.empty}</p>
						)}
					</section>
				)
			})}
		</div>
	)
}
