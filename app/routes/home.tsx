// Where a signed-in person starts, after log-in and from the logo: what needs them now, by role —
// the clinic's cards of referrals to act on, the therapist's offers and sessions, the platform
// admin's queues and gaps, and for someone with no role yet, what they can do.
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { type ReactNode } from 'react'
import { TimeInZones } from '#app/components/referrals/times.tsx'
import { ButtonLink } from '#app/components/ui/button.tsx'
import { Card } from '#app/components/ui/card.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pill } from '#app/components/ui/pill.tsx'
import { navigationRole } from '#app/domain/auth/roles.ts'
import { getClinic } from '#app/domain/clinics/clinics.server.ts'
import { CLINIC_ROLE_LABELS } from '#app/domain/clinics/membership.ts'
import { adminHome } from '#app/domain/home/admin-home.ts'
import { adminHomeRows } from '#app/domain/home/admin-home.server.ts'
import { type HomeCard as Card_ } from '#app/domain/home/cards.ts'
import { clinicHome } from '#app/domain/home/clinic-home.ts'
import { auditPatientsShown, clinicHomeRows } from '#app/domain/home/clinic-home.server.ts'
import { therapistHome } from '#app/domain/home/therapist-home.ts'
import { auditTherapistPatientsShown, therapistHomeRows } from '#app/domain/home/therapist-home.server.ts'
import { requireUser } from '#app/utils/permissions.server.ts'

export const meta: MetaFunction = () => [{ title: 'Home — Tandem' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const auth = await requireUser(request)
	const { principal } = auth
	const now = new Date()
	const role = navigationRole(principal)
	switch (role) {
		case 'clinic_admin':
		case 'coordinator': {
			const membership = principal.memberships.find((m) => m.role === 'clinic_admin') ?? principal.memberships[0]!
			const clinic = await getClinic(membership.clinicId)
			if (!clinic) throw new Response('Not found', { status: 404 })
			const home = clinicHome(await clinicHomeRows(clinic, principal.userId, now))
			await auditPatientsShown(principal.userId, clinic.id, home.shownReferralIds)
			return { kind: 'clinic' as const, clinic: { id: clinic.id, name: clinic.name }, role: CLINIC_ROLE_LABELS[membership.role], cards: home.cards }
		}
		case 'platform_admin':
			return { kind: 'admin' as const, cards: adminHome(await adminHomeRows(now)) }
		case 'therapist': {
			const home = therapistHome(await therapistHomeRows(principal.therapistId!, now), now)
			await auditTherapistPatientsShown(principal.userId, home.shownReferralIds)
			return { kind: 'therapist' as const, cards: home.cards, health: home.health }
		}
		default:
			return { kind: 'none' as const, email: auth.user.email }
	}
}

export default function Home() {
	const data = useLoaderData<typeof loader>()
	switch (data.kind) {
		case 'clinic':
			return (
				<Page>
					<PageHeader
						eyebrow={`${data.clinic.name} · ${data.role}`}
						title="What needs you now"
						actions={
							<ButtonLink to={`/clinics/${data.clinic.id}/referrals/new`} variant="primary">
								New referral
							</ButtonLink>
						}
					/>
					<Cards cards={data.cards} />
				</Page>
			)
		case 'therapist':
			return (
				<Page>
					<PageHeader title="Your offers and sessions" />
					<div className="space-y-6">
						{data.cards.map((c) => (
							<HomeCard key={c.id} card={c} />
						))}
						<Card title="Your profile">
							<div className="flex flex-wrap items-start justify-between gap-3">
								<ul className="min-w-0 space-y-1 text-sm text-slate-800">
									{data.health.lines.map((line) => (
										<li key={line} className="break-words">
											{line}
										</li>
									))}
								</ul>
								<ButtonLink to={data.health.href} variant="secondary" size="sm">
									Open your profile
								</ButtonLink>
							</div>
						</Card>
					</div>
				</Page>
			)
		case 'admin':
			return (
				<Page>
					<PageHeader title="Platform overview" description="Credentials to review and where supply is missing." />
					<Cards cards={data.cards} />
				</Page>
			)
		case 'none':
			return (
				<Page>
					<PageHeader title="Welcome to Tandem" description={`You are signed in as ${data.email}.`} />
					<div className="grid gap-4 md:grid-cols-2">
						<Card title="Join your clinic">
							<p className="text-sm text-slate-700">Clinic staff join by invitation: ask your clinic&apos;s admin to invite this address from their team page, then open the link in the email.</p>
						</Card>
						<Card title="List your practice">
							<p className="text-sm text-slate-700">Integration therapists join when a clinic invites them: the invitation link sets up your profile.</p>
						</Card>
						<Card title="Your account" className="md:col-span-2">
							<p className="mb-3 text-sm text-slate-700">Change your name, password and two-factor sign-in, and see where you are signed in.</p>
							<ButtonLink to="/account" variant="secondary" size="sm">
								Open your account
							</ButtonLink>
						</Card>
					</div>
				</Page>
			)
	}
}

function Page({ children }: { children: ReactNode }) {
	return <div className="mx-auto max-w-5xl px-4 py-10">{children}</div>
}

function Cards({ cards }: { cards: Card_[] }) {
	return (
		<div className="grid items-start gap-4 md:grid-cols-2">
			{cards.map((c) => (
				<HomeCard key={c.id} card={c} />
			))}
		</div>
	)
}

function HomeCard({ card }: { card: Card_ }) {
	return (
		<Card
			title={
				<span>
					{card.title}{' '}
					<Pill tone={card.count ? 'info' : 'neutral'} className="ml-1 align-text-bottom">
						<span className="sr-only">Count: </span>
						{card.count}
					</Pill>
				</span>
			}
		>
			{card.items.length === 0 ? (
				<p className="text-sm text-slate-700">{card.empty}</p>
			) : (
				<ul className="divide-y divide-slate-200">
					{card.items.map((item) => (
						<li key={item.key} className="min-w-0 space-y-1 py-2 first:pt-0">
							<div className="flex flex-wrap items-center gap-2">
								<Link to={item.href} className="break-words font-medium text-brand-800 underline underline-offset-4">
									{item.label}
								</Link>
								{item.pill ? <Pill tone={item.pill.tone}>{item.pill.text}</Pill> : null}
							</div>
							{item.detail || item.when ? (
								<p className="break-words text-sm text-slate-700">
									{item.detail}
									{item.detail && item.when ? ' · ' : null}
									{item.when ? (
										<>
											{item.when.prefix} <TimeInZones iso={item.when.iso} zones={[{ timeZone: item.when.timeZone }]} />
										</>
									) : null}
								</p>
							) : null}
						</li>
					))}
				</ul>
			)}
			{card.more || card.link ? (
				<p className="mt-3 text-sm">
					{card.more ? <span className="text-slate-700">and {card.more} more. </span> : null}
					{card.link ? (
						<Link to={card.link.href} className="text-brand-800 underline underline-offset-4">
							{card.link.label}
						</Link>
					) : null}
				</p>
			) : null}
		</Card>
	)
}
