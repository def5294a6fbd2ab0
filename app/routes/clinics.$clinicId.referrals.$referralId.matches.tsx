// Suggested therapists for one of the clinic's referrals (docs/product.md §6): ranked, with reasons,
// the soonest free times after the first dosing session and, for those already offered this
// referral, their offer's state; those offered but no longer suggested (their pending offer takes
// their capacity) stay listed, marked. How many therapists each filter left out, and "why not"
// for a therapist the clinic names (suggestions as it types).
import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { TherapistNameInput } from '#app/components/referrals/therapist-name-input.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Card } from '#app/components/ui/card.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pill } from '#app/components/ui/pill.tsx'
import { getClinic } from '#app/domain/clinics/clinics.server.ts'
import { loadMatchReferral, matchReferral, whyNotTherapist } from '#app/domain/matching/candidates.server.ts'
import { FILTER_LABELS, FILTERS } from '#app/domain/matching/eligibility.ts'
import { PHASES, REFERRAL_FORMATS, stateName } from '#app/domain/reference/index.ts'
import { referralReference } from '#app/domain/notifications/lifecycle-notices.ts'
import { resolveTherapistName } from '#app/domain/referrals/direct-offers.server.ts'
import { WhyNotSchema } from '#app/domain/referrals/named-therapist.ts'
import { OFFER_STATUS_LABELS } from '#app/domain/referrals/offers.ts'
import { canOfferDirectly, latestOffer, offerPill } from '#app/domain/referrals/referral-summary.ts'
import { referralOfferStates, referralPostingNeeds } from '#app/domain/referrals/referrals.server.ts'
import { getTherapistSummaries } from '#app/domain/therapists/profiles.server.ts'
import { requireClinicMember } from '#app/utils/permissions.server.ts'
import { routeParam } from '#app/utils/invariant.ts'
import { dateTimeFormat } from '#app/utils/intl.ts'

export const meta: MetaFunction = () => [{ title: 'Suggested therapists — Tandem' }]

const SHOWN = 20

async function load(request: Request, params: { clinicId?: string; referralId?: string }) {
	await requireClinicMember(request, routeParam(params, 'clinicId'))
	const [clinic, facts] = await Promise.all([getClinic(routeParam(params, 'clinicId')), loadMatchReferral(routeParam(params, 'referralId'), routeParam(params, 'clinicId'))])
	if (clinic && !facts) {
		// An incomplete draft has nothing to match yet; its page says what it lacks.
		const missing = await referralPostingNeeds(clinic.id, routeParam(params, 'referralId'))
		if (missing?.length) throw redirect(`/clinics/${clinic.id}/referrals/${params.referralId}`)
	}
	// Another clinic's referral id finds nothing here, as an unknown one does.
	if (!clinic || !facts) throw new Response('Not found', { status: 404 })
	return { clinic, facts }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { clinic, facts } = await load(request, params)
	const [result, offers] = await Promise.all([matchReferral(facts, { limit: SHOWN }), referralOfferStates(clinic.id, facts.id)])
	const latest = latestOffer(offers.offers)
	const shown = result.suggestions
	// Matching's rules for new offers stay as they are; the clinic's view adds back whoever already had an offer.
	const offeredOnly = [...latest.values()].filter((o) => !shown.some((s) => s.therapistId === o.therapistId))
	const byId = await getTherapistSummaries([...shown.map((s) => s.therapistId), ...offeredOnly.map((o) => o.therapistId)])
	const pill = (therapistId: string) => offerPill(latest.get(therapistId) ?? null, clinic.timeZone)
	return {
		clinic: { id: clinic.id, name: clinic.name, timeZone: clinic.timeZone },
		referral: {
			id: facts.id,
			reference: referralReference(facts.id),
			phases: facts.phases,
			format: facts.format,
			patientState: facts.patientState,
			firstDosingAt: facts.doses[0]!.toISOString(),
			canOffer: offers.status !== null && canOfferDirectly(offers.status),
		},
		total: result.network,
		eligible: result.eligible,
		excluded: FILTERS.map((f) => ({ filter: f, label: FILTER_LABELS[f], count: result.excluded[f] })).filter((e) => e.count > 0),
		suggestions: shown.map((s) => ({ ...s, therapist: byId.get(s.therapistId)!, soonestSlots: s.soonestSlots.map((d) => d.toISOString()), offer: pill(s.therapistId) })),
		offeredOnly: offeredOnly.flatMap((o) => (byId.has(o.therapistId) ? [{ therapistId: o.therapistId, therapist: byId.get(o.therapistId)!, offer: pill(o.therapistId)! }] : [])),
	}
}

type ActionData = { result: SubmissionResult<string[]>; answer: string | null }

export async function action({ request, params }: ActionFunctionArgs) {
	const { clinic, facts } = await load(request, params)
	const submission = parseWithZod(await request.formData(), { schema: WhyNotSchema })
	if (submission.status !== 'success') return data<ActionData>({ result: submission.reply(), answer: null }, { status: 400 })
	const named = await resolveTherapistName(submission.value.therapistName, submission.value.therapistId || null)
	if (!named.ok) return data<ActionData>({ result: submission.reply({ fieldErrors: { therapistName: [named.message] } }), answer: null }, { status: 400 })
	const { therapist } = named
	const [filter, offers] = await Promise.all([whyNotTherapist(facts, therapist.id), referralOfferStates(clinic.id, facts.id)])
	const offered = latestOffer(offers.offers).get(therapist.id)
	const answer = offered
		? `${therapist.fullName} already had an offer for this referral: ${OFFER_STATUS_LABELS[offered.status].toLowerCase()}.`
		: filter === null
			? `${therapist.fullName} fits this referral and is among those matching ranks.`
			: filter === 'unknown_therapist'
				? `${therapist.fullName} is no longer on Tandem.`
				: `${therapist.fullName} is not suggested: ${FILTER_LABELS[filter]}.`
	return data<ActionData>({ result: submission.reply(), answer })
}

export default function ReferralMatches() {
	const { clinic, referral, total, eligible, excluded, suggestions, offeredOnly } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() as ActionData | undefined
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting'
	const [whyNotForm, whyNotFields] = useForm({
		id: 'why-not',
		lastResult: navigation.state === 'idle' ? actionData?.result : undefined,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: WhyNotSchema }),
	})
	const when = dateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: clinic.timeZone, timeZoneName: 'short' })
	const referralPath = `/clinics/${clinic.id}/referrals/${referral.id}`
	const offerButton = (therapistId: string, name: string) =>
		referral.canOffer ? (
			<Form method="post" action={referralPath}>
				<input type="hidden" name="therapistId" value={therapistId} />
				<input type="hidden" name="therapistName" value={name} />
				<Button type="submit" name="intent" value="offer_therapist" size="sm" variant="secondary" disabled={busy}>
					Send an offer<span className="sr-only"> to {name}</span>
				</Button>
			</Form>
		) : null
	return (
		<div className="mx-auto max-w-5xl space-y-6 px-4 py-8 sm:py-12">
			<PageHeader
				back={{ to: referralPath, label: `Referral ${referral.reference}` }}
				title="Suggested therapists"
				description={
					<>
						<p className="break-words">
							{PHASES.entries
								.filter((p) => referral.phases.includes(p.slug))
								.map((p) => p.label)
								.join(', ')}{' '}
							· {REFERRAL_FORMATS.label(referral.format)} · patient in {stateName(referral.patientState)} · first dosing {when.format(new Date(referral.firstDosingAt))}
						</p>
						<p>
							{eligible} of {total} therapists fit{eligible > SHOWN ? `; the best ${SHOWN} are shown` : ''}.
						</p>
					</>
				}
			/>

			{suggestions.length === 0 ? (
				<EmptyState title="No therapist fits every requirement">The counts below say which requirements ruled people out.</EmptyState>
			) : (
				<ol className="space-y-4">
					{suggestions.map((s, i) => (
						<li key={s.therapistId} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
							<article aria-labelledby={`s-${s.therapistId}`} className="space-y-2">
								<div className="flex flex-wrap items-start justify-between gap-2">
									<h2 id={`s-${s.therapistId}`} className="min-w-0 break-words font-semibold">
										<span className="sr-only">Number {i + 1}: </span>
										<Link className="text-brand-800 underline underline-offset-4" to={`/therapists/${s.therapistId}`}>
											{s.therapist.fullName}
										</Link>
										, {s.therapist.credentials}
									</h2>
									<div className="flex flex-wrap items-center gap-2">
										<Pill>fit {Math.round(s.score)} of 100</Pill>
										{s.offer ? <Pill tone={s.offer.tone}>{s.offer.text}</Pill> : null}
									</div>
								</div>
								<ul className="list-disc pl-5 text-sm text-slate-800">
									{s.reasons.map((reason) => (
										<li key={reason}>{reason}</li>
									))}
								</ul>
								{s.soonestSlots.length ? (
									<p className="text-sm text-slate-700">Soonest free times after the first dosing session: {s.soonestSlots.map((d) => when.format(new Date(d))).join('; ')}</p>
								) : null}
								{s.offer ? null : offerButton(s.therapistId, s.therapist.fullName)}
							</article>
						</li>
					))}
				</ol>
			)}

			{offeredOnly.length ? (
				<Card title="Already offered this referral">
					<p className="mb-3 text-sm text-slate-700">Not among the suggestions now, often because the offer itself takes their capacity.</p>
					<ul className="space-y-2">
						{offeredOnly.map((o) => (
							<li key={o.therapistId} className="flex flex-wrap items-center justify-between gap-2">
								<span className="min-w-0 break-words">
									<Link className="font-medium text-brand-800 underline underline-offset-4" to={`/therapists/${o.therapistId}`}>
										{o.therapist.fullName}
									</Link>
									, {o.therapist.credentials}
								</span>
								<Pill tone={o.offer.tone}>{o.offer.text}</Pill>
							</li>
						))}
					</ul>
				</Card>
			) : null}

			<Card title="Who was left out, and why">
				{excluded.length ? (
					<ul className="list-disc pl-5 text-sm">
						{excluded.map((e) => (
							<li key={e.filter}>
								{e.count} {e.count === 1 ? 'therapist' : 'therapists'}: {e.label}
							</li>
						))}
					</ul>
				) : (
					<p className="text-sm">Nobody.</p>
				)}
				<Form method="post" {...getFormProps(whyNotForm)} className="mt-4 flex flex-wrap items-end gap-3">
					<TherapistNameInput
						clinicId={clinic.id}
						label="Why not this therapist?"
						description="Type a name and choose from the suggestions."
						meta={whyNotFields.therapistName}
						extraErrors={whyNotFields.therapistId.errors}
					/>
					<Button type="submit" disabled={busy} className="mb-auto sm:mt-6">
						Ask
					</Button>
				</Form>
				<p role="status" className="mt-2 text-sm">
					{actionData?.answer ?? ''}
				</p>
			</Card>
		</div>
	)
}
