// Suggested therapists for one of the clinic's referrals (docs/product.md §6): ranked, with reasons
// and the soonest free times after the first dosing session; how many therapists each filter
// left out; and "why not" for a therapist the clinic names.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { BackLink } from '#app/components/ui/back-link.tsx'
import { z } from 'zod'
import { EmailSchema } from '#app/domain/accounts/schemas.ts'
import { getClinic } from '#app/domain/clinics/clinics.server.ts'
import { loadMatchReferral, matchReferral, whyNotTherapist } from '#app/domain/matching/candidates.server.ts'
import { FILTER_LABELS, FILTERS } from '#app/domain/matching/eligibility.ts'
import { PHASES, stateName } from '#app/domain/reference/index.ts'
import { referralPostingNeeds } from '#app/domain/referrals/referrals.server.ts'
import { findTherapistByEmail, getTherapistSummaries } from '#app/domain/therapists/profiles.server.ts'
import { requireClinicMember } from '#app/utils/permissions.server.ts'
import { firstFormIssue } from '#app/utils/form-issue.ts'
import { formatDateTime } from '#app/domain/time-format.ts'

export const meta: MetaFunction = () => [{ title: 'Suggested therapists — Tandem' }]

const SHOWN = 20

async function load(request: Request, params: { clinicId?: string; referralId?: string }) {
	await requireClinicMember(request, params.clinicId!)
	const [clinic, facts] = await Promise.all([getClinic(params.clinicId!), loadMatchReferral(params.referralId!, params.clinicId!)])
	if (clinic && !facts) {
		// An incomplete draft has nothing to match yet; its page says what it lacks.
		const missing = await referralPostingNeeds(clinic.id, params.referralId!)
		if (missing?.length) throw redirect(`/clinics/${clinic.id}/referrals/${params.referralId}`)
	}
	// Another clinic's referral id finds nothing here, as an unknown one does.
	if (!clinic || !facts) throw new Response('Not found', { status: 404 })
	return { clinic, facts }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { clinic, facts } = await load(request, params)
	const result = await matchReferral(facts, { limit: SHOWN })
	const shown = result.suggestions
	const byId = await getTherapistSummaries(shown.map((s) => s.therapistId))
	return {
		clinic: { id: clinic.id, name: clinic.name, timeZone: clinic.timeZone },
		referral: { phases: facts.phases, format: facts.format, patientState: facts.patientState, firstDosingAt: facts.doses[0]!.toISOString() },
		total: result.network,
		eligible: result.eligible,
		excluded: FILTERS.map((f) => ({ filter: f, label: FILTER_LABELS[f], count: result.excluded[f] })).filter((e) => e.count > 0),
		suggestions: shown.map((s) => ({ ...s, therapist: byId.get(s.therapistId)!, soonestSlots: s.soonestSlots.map((d) => d.toISOString()) })),
	}
}

const WhyNotSchema = z.object({ email: EmailSchema })

export async function action({ request, params }: ActionFunctionArgs) {
	const { facts } = await load(request, params)
	const parsed = WhyNotSchema.safeParse(Object.fromEntries(await request.formData()))
	if (!parsed.success) return data({ ...firstFormIssue(parsed.error), answer: null }, { status: 400 })
	const therapist = await findTherapistByEmail(parsed.data.email)
	if (!therapist) return data({ error: `No therapist on Tandem has the address ${parsed.data.email}.`, answer: null }, { status: 404 })
	const filter = await whyNotTherapist(facts, therapist.id)
	const answer =
		filter === null
			? `${therapist.fullName} is among the suggestions.`
			: filter === 'unknown_therapist'
				? `${therapist.fullName} is no longer on Tandem.`
				: `${therapist.fullName} is not suggested: ${FILTER_LABELS[filter]}.`
	return { error: null, answer }
}

export default function ReferralMatches() {
	const { clinic, referral, total, eligible, excluded, suggestions } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const when = { format: (d: Date) => formatDateTime(d, clinic.timeZone) }
	return (
		<div className="mx-auto max-w-5xl space-y-8 px-4 py-12">
			<header className="space-y-2">
				<BackLink to={`/clinics/${clinic.id}/referrals`}>Referrals</BackLink>
				<h1 className="text-2xl font-semibold tracking-tight">Suggested therapists</h1>
				<p className="text-slate-700">
					{PHASES.entries
						.filter((p) => referral.phases.includes(p.slug))
						.map((p) => p.label)
						.join(', ')}{' '}
					· {referral.format.replace('_', ' ')} · patient in {stateName(referral.patientState)} · first dosing{' '}
					<time dateTime={referral.firstDosingAt}>{when.format(new Date(referral.firstDosingAt))}</time>
				</p>
				<p className="text-slate-700">
					{eligible} of {total} therapists fit{eligible > SHOWN ? `; the best ${SHOWN} are shown` : ''}.
				</p>
			</header>

			{suggestions.length === 0 ? (
				<p className="rounded border border-amber-300 bg-amber-50 p-4">No therapist fits every requirement. The counts below say which requirements ruled people out.</p>
			) : (
				<ol className="space-y-4">
					{suggestions.map((s, i) => (
						<li key={s.therapistId} className="rounded border border-slate-200 p-4">
							<article aria-labelledby={`s-${s.therapistId}`} className="space-y-2">
								<h2 id={`s-${s.therapistId}`} className="font-semibold">
									<span className="sr-only">Number {i + 1}: </span>
									<Link className="text-brand-700 underline" to={`/therapists/${s.therapistId}`}>
										{s.therapist.fullName}
									</Link>
									, {s.therapist.credentials}
									<span className="ml-2 rounded bg-slate-100 px-2 py-0.5 text-sm font-normal">fit {Math.round(s.score)} of 100</span>
								</h2>
								<ul className="list-disc pl-5 text-sm text-slate-800">
									{s.reasons.map((reason) => (
										<li key={reason}>{reason}</li>
									))}
								</ul>
								{s.soonestSlots.length ? (
									<p className="text-sm text-slate-700">
										Soonest free times after the first dosing session:{' '}
										{s.soonestSlots.map((d, i) => (
											<span key={d}>
												{i ? '; ' : ''}
												<time dateTime={d}>{when.format(new Date(d))}</time>
											</span>
										))}
									</p>
								) : null}
							</article>
						</li>
					))}
				</ol>
			)}

			<section aria-labelledby="why-not-title" className="space-y-3">
				<h2 id="why-not-title" className="text-lg font-semibold">
					Who was left out, and why
				</h2>
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
				<Form method="post" className="flex flex-wrap items-end gap-3">
					<div className="space-y-1">
						<label htmlFor="why-not-email" className="block text-sm font-medium">
							Why not this therapist? Their email address
						</label>
						<input id="why-not-email" name="email" type="email" required maxLength={254} aria-describedby="why-not-answer" className="rounded border border-slate-400 px-3 py-2" />
					</div>
					<button type="submit" disabled={navigation.state === 'submitting'} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
						Ask
					</button>
				</Form>
				<p id="why-not-answer" role="status" className="text-sm">
					{actionData?.answer ?? actionData?.error ?? ''}
				</p>
			</section>
		</div>
	)
}
