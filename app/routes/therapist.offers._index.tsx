// A therapist's offers (docs/product.md §4): those waiting for an answer first, the soonest deadline
// on top, then everything answered, expired or closed. De-identified facts only (docs/product.md §5).
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { TimeInZones } from '#app/components/referrals/times.tsx'
import { Card } from '#app/components/ui/card.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pill } from '#app/components/ui/pill.tsx'
import { type Column, ResponsiveTable } from '#app/components/ui/responsive-table.tsx'
import { offerInbox, type InboxRow } from '#app/domain/referrals/offer-inbox.ts'
import { therapistOffers } from '#app/domain/referrals/offer-responses.server.ts'
import { requireTherapist } from '#app/utils/permissions.server.ts'

export const meta: MetaFunction = () => [{ title: 'Offers — Tandem' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const { therapistId } = await requireTherapist(request)
	const offers = await therapistOffers(therapistId)
	return { ...offerInbox(offers, new Date()), timeZone: offers[0]?.therapist.timeZone ?? null }
}

const referralColumn: Column<InboxRow> = {
	header: 'Referral',
	primary: true,
	cell: (row) => (
		<div className="min-w-0">
			<Link to={row.id} className="font-semibold text-brand-800 underline underline-offset-4">
				{row.reference}
			</Link>
			<p className="break-words text-sm text-slate-700">{row.clinic}</p>
		</div>
	),
}
const factColumns: Column<InboxRow>[] = [
	{ header: 'Support', cell: (row) => row.phases },
	{ header: 'Format', cell: (row) => row.format },
	{ header: 'Patient in', cell: (row) => row.patientState },
]

export default function Offers() {
	const { waiting, answered, timeZone } = useLoaderData<typeof loader>()
	const dueColumns: Column<InboxRow>[] = [
		{ header: 'Urgency', cell: (row) => <Pill tone={row.urgency.tone}>{row.urgency.label}</Pill> },
		{
			header: 'Answer by',
			cell: (row) => (
				<div className="space-y-1">
					{row.reconfirmation ? <Pill tone="warning">{row.reconfirmation}</Pill> : null}
					{row.due ? <Pill tone={row.due.tone}>{row.due.text}</Pill> : null}
					{timeZone ? (
						<p className="text-slate-700">
							<TimeInZones iso={row.expiresAt} zones={[{ timeZone }]} />
						</p>
					) : null}
				</div>
			),
		},
	]
	const statusColumn: Column<InboxRow> = { header: 'Status', cell: (row) => <Pill tone={row.status.tone}>{row.status.label}</Pill> }
	return (
		<div className="mx-auto max-w-5xl px-4 py-8 sm:py-12">
			<PageHeader title="Referral offers" description="Clinics offer you referrals that fit your profile. Answer before the deadline: the soonest is first." />
			<div className="space-y-6">
				<Card title={`Waiting for your answer (${waiting.length})`}>
					{waiting.length ? (
						<ResponsiveTable caption="Offers waiting for your answer, soonest deadline first" columns={[referralColumn, ...factColumns, ...dueColumns]} rows={waiting} rowKey={(row) => row.id} />
					) : (
						<EmptyState title="No offers are waiting for you">New offers appear here, and you are emailed when one arrives.</EmptyState>
					)}
				</Card>
				<Card title={`Answered and past offers (${answered.length})`}>
					{answered.length ? (
						<ResponsiveTable caption="Answered and past offers: your patients first" columns={[referralColumn, ...factColumns, statusColumn]} rows={answered} rowKey={(row) => row.id} />
					) : (
						<EmptyState title="Nothing here yet">Offers you have answered, and those that expired or closed, are kept here.</EmptyState>
					)}
				</Card>
			</div>
		</div>
	)
}
