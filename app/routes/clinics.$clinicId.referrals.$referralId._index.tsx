// One of the clinic's referrals: its status and what can be done next (post, cancel, post again),
// what therapists see before a match, the patient's details (only for the clinic; each view is
// logged), and the timeline.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { BackLink } from '#app/components/ui/back-link.tsx'
import { z } from 'zod'
import { BillingRefusalNotice } from '#app/components/referrals/referral-fields.tsx'
import { Notice } from '#app/components/ui/forms.tsx'
import { billingRefusal } from '#app/domain/billing/billing-refusal.ts'
import { getClinic } from '#app/domain/clinics/clinics.server.ts'
import { AGE_BANDS, FOCUS_AREAS, languageLabel, MODALITIES, PAYERS, PHASES, REFERRAL_FORMATS, stateName } from '#app/domain/reference/index.ts'
import { applyClinicAction } from '#app/domain/referrals/referral-changes.server.ts'
import { describeActors, getReferralWithPatient } from '#app/domain/referrals/referrals.server.ts'
import { REFERRAL_STATUS_LABELS } from '#app/domain/referrals/statuses.ts'
import { allowedActions, CLINIC_ACTIONS, type ClinicAction } from '#app/domain/referrals/transitions.ts'
import { timeZoneName } from '#app/domain/therapists/profile-text.ts'
import { requireClinicMember } from '#app/utils/permissions.server.ts'

export const meta: MetaFunction = () => [{ title: 'Referral — Tandem' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const auth = await requireClinicMember(request, params.clinicId!)
	const clinic = await getClinic(params.clinicId!)
	const referral = clinic ? await getReferralWithPatient(clinic.id, params.referralId!, { kind: 'user', userId: auth.user.id }) : null
	// Another clinic's referral id finds nothing here, as an unknown one does.
	if (!clinic || !referral) throw new Response('Not found', { status: 404 })
	const actors = await describeActors(referral.events.map((e) => e.actor))
	return {
		clinic: { id: clinic.id, name: clinic.name, timeZone: clinic.timeZone, zoneName: timeZoneName(clinic.timeZone) },
		referral: {
			id: referral.id,
			status: referral.status,
			urgency: referral.urgency,
			facts: [
				['Patient in', stateName(referral.patientState)],
				['Age band', AGE_BANDS.label(referral.ageBand)],
				['Support needed', referral.phases.map((p) => PHASES.label(p)).join(', ')],
				['Format', `${REFERRAL_FORMATS.label(referral.format)}${referral.format !== 'telehealth' || referral.phases.includes('in_session') ? `, within ${referral.radiusMiles} miles of the clinic for in-person support` : ''}`],
				['Preferred approaches', referral.modalities.map((m) => MODALITIES.label(m)).join(', ') || 'Any'],
				['Focus areas', referral.focusAreas.map((f) => FOCUS_AREAS.label(f)).join(', ') || 'None given'],
				['Languages', referral.languages.map(languageLabel).join(', ') || 'Any'],
				['Payment', referral.paymentType === 'insurance' ? `Insurance: ${PAYERS.label(referral.payer ?? '')}` : referral.maxRate !== null ? `Self-pay, up to $${referral.maxRate} a session` : 'Self-pay'],
				['Dosing', `${referral.dosingSessions} ${referral.dosingSessions === 1 ? 'session' : 'sessions'}, every ${referral.cadenceDays} ${referral.cadenceDays === 1 ? 'day' : 'days'}`],
				['Integration window', `${referral.integrationFromHour} to ${referral.integrationToHour} hours after each dosing session${referral.timingRequired ? ' (a free hour in the first one is required)' : ''}`],
			] as [string, string][],
			firstDosingAt: referral.firstDosingAt.toISOString(),
			patient: referral.patient
				? { name: `${referral.patient.firstName} ${referral.patient.lastName}`, email: referral.patient.email, phone: referral.patient.phone, birthDate: referral.patient.birthDate.toISOString().slice(0, 10), notes: referral.patient.notes }
				: null,
			events: referral.events.map((e) => ({ id: e.id, at: e.at.toISOString(), from: e.fromStatus, to: e.toStatus, reason: e.reason, by: actors.get(e.actor) ?? 'Tandem' })),
		},
		actions: allowedActions(referral.status),
	}
}

const ActionSchema = z.object({ intent: z.enum(CLINIC_ACTIONS, { errorMap: () => ({ message: 'Choose post, cancel or post again.' }) }), reason: z.string().trim().max(500, 'Keep the reason under 500 characters.').optional() })

const DONE: Record<ClinicAction, string> = { post: 'Posted. Matching has started.', cancel: 'Cancelled. Offers still out were withdrawn.', repost: 'Posted again.' }

export async function action({ request, params }: ActionFunctionArgs) {
	const auth = await requireClinicMember(request, params.clinicId!)
	const parsed = ActionSchema.safeParse(Object.fromEntries(await request.formData()))
	if (!parsed.success) return data({ error: parsed.error.issues[0]!.message, notice: null, billing: null }, { status: 400 })
	const result = await applyClinicAction(params.clinicId!, params.referralId!, { kind: 'user', userId: auth.user.id }, parsed.data.intent, parsed.data.reason || null)
	if (result.ok) return { error: null, notice: DONE[parsed.data.intent], billing: null }
	if (result.reason === 'not_found') throw new Response('Not found', { status: 404 })
	if (result.reason === 'payment_required') return data({ error: null, notice: null, billing: billingRefusal(auth.principal, params.clinicId!, result.message) }, { status: 402 })
	return data({ error: result.message, notice: null, billing: null }, { status: result.reason === 'conflict' ? 409 : 400 })
}

const BUTTON_LABELS: Record<ClinicAction, string> = { post: 'Post referral', cancel: 'Cancel referral', repost: 'Post again' }

export default function ReferralPage() {
	const { clinic, referral, actions } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [searchParams] = useSearchParams()
	const done = searchParams.get('done')
	const when = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: clinic.timeZone })
	const notice = actionData?.notice ?? (done === 'posted' ? 'Referral posted. Matching has started.' : done === 'saved' ? 'Draft saved.' : null)
	return (
		<div className="mx-auto max-w-3xl space-y-8 px-4 py-12">
			<header className="space-y-2">
				<BackLink to={`/clinics/${clinic.id}/referrals`}>Referrals</BackLink>
				<h1 className="text-2xl font-semibold tracking-tight">
					Referral: {REFERRAL_STATUS_LABELS[referral.status]}
					{referral.urgency === 'urgent' ? <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-sm font-medium text-amber-900">Urgent</span> : null}
				</h1>
				<p className="text-slate-700">
					First dosing session {when.format(new Date(referral.firstDosingAt))} ({clinic.zoneName})
				</p>
			</header>
			<div aria-live="polite">{notice ? <Notice tone="success">{notice}</Notice> : null}</div>
			<div role="alert">
				{actionData?.error ? <p className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">{actionData.error}</p> : null}
				{actionData?.billing ? <BillingRefusalNotice refusal={actionData.billing} kept={referral.status === 'draft' ? 'It stays a draft, and you can keep editing it.' : 'Nothing was changed.'} /> : null}
			</div>

			<nav aria-label="This referral" className="flex flex-wrap gap-4">
				{referral.status === 'draft' ? (
					<Link className="font-medium text-brand-700 underline" to="edit">
						Edit draft
					</Link>
				) : null}
				<Link className="font-medium text-brand-700 underline" to="matches">
					Suggested therapists
				</Link>
			</nav>

			{actions.length ? (
				<section aria-labelledby="actions-title" className="space-y-3 rounded border border-slate-200 p-5">
					<h2 id="actions-title" className="text-lg font-semibold">
						Next steps
					</h2>
					{actions
						.filter((a) => a !== 'cancel')
						.map((a) => (
							<Form method="post" key={a}>
								<button type="submit" name="intent" value={a} disabled={navigation.state === 'submitting'} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
									{BUTTON_LABELS[a]}
								</button>
							</Form>
						))}
					{actions.includes('cancel') ? (
						<Form method="post" className="flex flex-wrap items-end gap-3">
							<div className="space-y-1">
								<label htmlFor="cancel-reason" className="block text-sm font-medium">
									Reason for cancelling (optional, kept on the timeline)
								</label>
								<input id="cancel-reason" name="reason" maxLength={500} className="w-80 rounded border border-slate-400 px-3 py-2" />
							</div>
							<button type="submit" name="intent" value="cancel" disabled={navigation.state === 'submitting'} className="rounded border border-red-700 px-4 py-2 font-medium text-red-800 hover:bg-red-50">
								{BUTTON_LABELS.cancel}
							</button>
						</Form>
					) : null}
				</section>
			) : null}

			<section aria-labelledby="facts-title" className="space-y-3">
				<h2 id="facts-title" className="text-lg font-semibold">
					Shared with therapists before a match
				</h2>
				<dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
					{referral.facts.map(([term, value]) => (
						<div key={term} className="contents">
							<dt className="font-medium text-slate-700">{term}</dt>
							<dd>{value}</dd>
						</div>
					))}
				</dl>
			</section>

			<section aria-labelledby="patient-title" className="space-y-3 rounded border border-amber-300 bg-amber-50/40 p-5">
				<h2 id="patient-title" className="text-lg font-semibold">
					Shared only with the therapist the patient chooses
				</h2>
				{referral.patient ? (
					<dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
						<dt className="font-medium text-slate-700">Name</dt>
						<dd>{referral.patient.name}</dd>
						<dt className="font-medium text-slate-700">Email</dt>
						<dd>{referral.patient.email}</dd>
						<dt className="font-medium text-slate-700">Phone</dt>
						<dd>{referral.patient.phone ?? 'Not given'}</dd>
						<dt className="font-medium text-slate-700">Date of birth</dt>
						<dd>{referral.patient.birthDate}</dd>
						<dt className="font-medium text-slate-700">Notes</dt>
						<dd className="whitespace-pre-line">{referral.patient.notes || 'None'}</dd>
					</dl>
				) : (
					<p>No patient details.</p>
				)}
			</section>

			<section aria-labelledby="timeline-title" className="space-y-3">
				<h2 id="timeline-title" className="text-lg font-semibold">
					Timeline
				</h2>
				<ol className="space-y-2 text-sm">
					{referral.events.map((e) => (
						<li key={e.id}>
							<time dateTime={e.at}>{when.format(new Date(e.at))}</time>: {e.from ? `${REFERRAL_STATUS_LABELS[e.from]} → ` : ''}
							{REFERRAL_STATUS_LABELS[e.to]}, by {e.by}
							{e.reason ? ` (${e.reason})` : ''}
						</li>
					))}
				</ol>
			</section>
		</div>
	)
}
