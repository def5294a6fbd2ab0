// One of the clinic's referrals: its status and what can be done next (post, cancel, post again),
// its offers and their states, the patient's link (resend, withdraw) and a choice the patient made
// by phone, what therapists see before a match, the patient's details (only for the clinic; each
// view is logged), and the timeline of the referral and its offers.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { BackLink } from '#app/components/ui/back-link.tsx'
import { FactList } from '#app/components/ui/fact-list.tsx'
import { z } from 'zod'
import { BillingRefusalNotice } from '#app/components/referrals/referral-fields.tsx'
import { Notice } from '#app/components/ui/forms.tsx'
import { billingRefusal } from '#app/domain/billing/billing-refusal.ts'
import { getClinic } from '#app/domain/clinics/clinics.server.ts'
import { AGE_BANDS, FOCUS_AREAS, languageLabel, MODALITIES, PAYERS, PHASES, REFERRAL_FORMATS, stateName } from '#app/domain/reference/index.ts'
import { dosingInWords, storedSeries } from '#app/domain/referrals/dosing.ts'
import { DECLINE_REASONS, OFFER_STATUS_LABELS } from '#app/domain/referrals/offers.ts'
import { recordChoiceForPatient } from '#app/domain/referrals/patient-choice.server.ts'
import { changeNotice, isReferralChange } from '#app/domain/referrals/posting-notices.ts'
import { referralThread, sendMessage } from '#app/domain/referrals/messages.server.ts'
import { MESSAGE_MAX_LENGTH } from '#app/domain/referrals/messages.ts'
import { clinicPatientLinkAction, currentPatientLink } from '#app/domain/referrals/patient-links.server.ts'
import { postingNeedsSentence } from '#app/domain/referrals/draft-needs.ts'
import { applyClinicAction } from '#app/domain/referrals/referral-changes.server.ts'
import { storedMissing } from '#app/domain/referrals/referral-input.ts'
import { clinicReferralOffers, describeActors, getReferralWithPatient } from '#app/domain/referrals/referrals.server.ts'
import { REFERRAL_STATUS_LABELS } from '#app/domain/referrals/statuses.ts'
import { allowedActions, type ClinicAction } from '#app/domain/referrals/transitions.ts'
import { timeZoneName } from '#app/domain/therapists/profile-text.ts'
import { MessageThread } from '#app/components/referrals/message-thread.tsx'
import { TimeInZones } from '#app/components/referrals/times.tsx'
import { requireClinicMember } from '#app/utils/permissions.server.ts'
import { httpStatus } from '#app/utils/http.server.ts'
import { firstFormIssue } from '#app/utils/form-issue.ts'
import { formatCalendarDate, formatDateTime } from '#app/domain/time-format.ts'

const NOT_GIVEN = 'Not given yet'

export const meta: MetaFunction = () => [{ title: 'Referral — Tandem' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const auth = await requireClinicMember(request, params.clinicId!)
	const clinic = await getClinic(params.clinicId!)
	const referral = clinic ? await getReferralWithPatient(clinic.id, params.referralId!, { kind: 'user', userId: auth.user.id }) : null
	// Another clinic's referral id finds nothing here, as an unknown one does.
	if (!clinic || !referral) throw new Response('Not found', { status: 404 })
	const now = new Date()
	const [offers, link, thread] = await Promise.all([
		clinicReferralOffers(referral.id),
		currentPatientLink(referral.id, now),
		referralThread(referral.id, { kind: 'clinic', userId: auth.user.id, clinicId: clinic.id }),
	])
	const actors = await describeActors([...referral.events.map((e) => e.actor), ...offers.flatMap((o) => o.events.map((e) => e.actor))])
	const by = (actor: string) => actors.get(actor) ?? 'Tandem'
	const timeline = [
		...referral.events.map((e) => ({
			id: e.id,
			at: e.at.toISOString(),
			text: `${e.fromStatus ? `${REFERRAL_STATUS_LABELS[e.fromStatus]} → ` : ''}${REFERRAL_STATUS_LABELS[e.toStatus]}, by ${by(e.actor)}${e.reason ? ` (${e.reason})` : ''}`,
		})),
		...offers.flatMap((o) =>
			o.events.map((e) => ({
				id: e.id,
				at: e.at.toISOString(),
				text: `Offer to ${o.therapist.fullName}: ${e.fromStatus ? `${OFFER_STATUS_LABELS[e.fromStatus]} → ` : ''}${OFFER_STATUS_LABELS[e.toStatus]}, by ${e.actor === `user:${o.therapist.userId}` ? 'the therapist' : by(e.actor)}${e.reason ? ` (${e.reason})` : ''}`,
			})),
		),
	].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id))
	// A draft may lack any fact posting needs: shown as not given yet, and what is missing said once, plainly.
	const missing = referral.status === 'draft' ? storedMissing(referral, referral.patient) : []
	const given = <T,>(value: T | null, say: (value: T) => string) => (value === null ? NOT_GIVEN : say(value))
	const patient = referral.patient
	return {
		clinic: { id: clinic.id, name: clinic.name, timeZone: clinic.timeZone, zoneName: timeZoneName(clinic.timeZone) },
		referral: {
			id: referral.id,
			status: referral.status,
			urgency: referral.urgency,
			facts: [
				['Patient in', given(referral.patientState, stateName)],
				['Age band', given(referral.ageBand, AGE_BANDS.label)],
				['Support needed', referral.phases.map((p) => PHASES.label(p)).join(', ') || NOT_GIVEN],
				[
					'Format',
					given(
						referral.format,
						(format) =>
							`${REFERRAL_FORMATS.label(format)}${format !== 'telehealth' || referral.phases.includes('in_session') ? `, within ${referral.radiusMiles} miles of the clinic for in-person support` : ''}`,
					),
				],
				['Preferred approaches', referral.modalities.map((m) => MODALITIES.label(m)).join(', ') || 'Any'],
				['Focus areas', referral.focusAreas.map((f) => FOCUS_AREAS.label(f)).join(', ') || 'None given'],
				['Languages', referral.languages.map(languageLabel).join(', ') || 'Any'],
				[
					'Payment',
					referral.paymentType === 'insurance'
						? `Insurance: ${referral.payer ? PAYERS.label(referral.payer) : NOT_GIVEN.toLowerCase()}`
						: referral.paymentType === null
							? NOT_GIVEN
							: referral.maxRate !== null
								? `Self-pay, up to $${referral.maxRate} a session`
								: 'Self-pay',
				],
				['Dosing', referral.dosingSessionsAt.length ? dosingInWords(storedSeries(referral), clinic.timeZone) : 'Not complete yet'],
				['Preparation window', `${referral.preparationFromHour} to ${referral.preparationToHour} hours before the first dose`],
				['Integration window', `${referral.integrationFromHour} to ${referral.integrationToHour} hours after each dosing session`],
				['Free time required', referral.timingRequired ? 'Yes: for each phase requested' : 'No'],
			] as [string, string][],
			firstDosingAt: referral.firstDosingAt?.toISOString() ?? null,
			patient: patient
				? {
						name: [patient.firstName, patient.lastName].filter(Boolean).join(' ') || NOT_GIVEN,
						email: patient.email ?? NOT_GIVEN,
						phone: patient.phone,
						birthDate: patient.birthDate?.toISOString().slice(0, 10) ?? NOT_GIVEN,
						notes: patient.notes,
					}
				: null,
			needs: referral.status === 'draft' ? { complete: missing.length === 0, sentence: postingNeedsSentence(missing) } : null,
			timeline,
			offers: offers.map((o) => ({
				id: o.id,
				therapist: { id: o.therapist.id, name: o.therapist.fullName, credentials: o.therapist.credentials },
				status: o.status,
				statusLabel: OFFER_STATUS_LABELS[o.status],
				round: o.round,
				sentAt: o.sentAt.toISOString(),
				answerBy: o.expiresAt.toISOString(),
				declineReason: o.declineReason ? (DECLINE_REASONS[o.declineReason as keyof typeof DECLINE_REASONS] ?? o.declineReason) : null,
				proposedTimes: o.proposedTimes.map((t) => t.toISOString()),
			})),
			firstSessionAt: referral.firstSessionAt?.toISOString() ?? null,
		},
		link: link ? { sentAt: link.createdAt.toISOString(), expiresAt: link.expiresAt.toISOString(), openedAt: link.lastOpenedAt?.toISOString() ?? null } : null,
		canSendLink: ['shortlisted', 'matched', 'scheduled'].includes(referral.status),
		thread: thread
			? { counterpart: offers.find((o) => o.status === 'chosen')?.therapist.fullName ?? 'the therapist', messages: thread.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })) }
			: null,
		actions: allowedActions(referral.status),
	}
}

const Reason = z.string().trim().max(500, 'Keep the reason under 500 characters.').optional()
const ActionSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('post'), reason: Reason }),
	z.object({ intent: z.literal('cancel'), reason: Reason }),
	z.object({ intent: z.literal('repost'), reason: Reason }),
	z.object({ intent: z.literal('resend_link') }),
	z.object({ intent: z.literal('revoke_link') }),
	z.object({ intent: z.literal('message'), body: z.string({ required_error: 'Write a message first.' }) }),
	z.object({
		intent: z.literal('record_choice'),
		choice: z.string({ required_error: 'Choose the therapist and time the patient chose.' }).regex(/^[^|]+\|[^|]*$/, 'Choose the therapist and time the patient chose.'),
	}),
])
type Intent = z.infer<typeof ActionSchema>['intent']

// Posting's own words depend on what the posting led to (posting-notices.ts).
const DONE: Record<Exclude<Intent, 'post' | 'repost'>, string> = {
	cancel: 'Cancelled. Offers still out were withdrawn.',
	resend_link: 'A new link is on its way to the patient; the old one no longer works.',
	revoke_link: 'The patient’s link no longer works.',
	record_choice: 'The patient’s choice is recorded.',
	message: 'Message sent.',
}

export async function action({ request, params }: ActionFunctionArgs) {
	const auth = await requireClinicMember(request, params.clinicId!)
	const parsed = ActionSchema.safeParse(Object.fromEntries(await request.formData()))
	if (!parsed.success) {
		return data({ ...firstFormIssue(parsed.error, 'Choose what to do with this referral.'), notice: null, billing: null }, { status: 400 })
	}
	const input = parsed.data
	const clinicId = params.clinicId!
	const referralId = params.referralId!
	const actor = { kind: 'user' as const, userId: auth.user.id }
	if (input.intent === 'post' || input.intent === 'cancel' || input.intent === 'repost') {
		const result = await applyClinicAction(clinicId, referralId, actor, input.intent, input.reason || null)
		if (result.ok) {
			return input.intent === 'cancel'
				? { error: null, notice: DONE.cancel, billing: null }
				: { error: null, notice: null, change: input.intent === 'post' ? ('posted' as const) : ('reposted' as const), billing: null }
		}
		if (result.reason === 'not_found') throw new Response('Not found', { status: 404 })
		if (result.reason === 'payment_required') return data({ error: null, notice: null, billing: billingRefusal(auth.principal, clinicId, result.message) }, { status: 402 })
		if (result.reason === 'invalid') return data({ error: `Not posted. ${postingNeedsSentence(result.issues)}`, notice: null, billing: null }, { status: 400 })
		return data({ error: result.message, notice: null, billing: null }, { status: 409 })
	}
	let step
	if (input.intent === 'message') step = await sendMessage(referralId, { kind: 'clinic', userId: auth.user.id, clinicId }, input.body)
	else if (input.intent === 'record_choice') {
		const [offerId, time] = input.choice.split('|') as [string, string]
		step = await recordChoiceForPatient(clinicId, referralId, offerId, time || null, auth.user.id)
	} else step = await clinicPatientLinkAction(clinicId, referralId, input.intent === 'resend_link' ? 'resend' : 'revoke', actor)
	if (!step.ok && step.reason === 'not_found') throw new Response('Not found', { status: 404 })
	if (!step.ok) return data({ error: step.message, notice: null, billing: null }, { status: httpStatus(step.reason) })
	return { error: null, notice: DONE[input.intent], billing: null }
}

const BUTTON_LABELS: Record<ClinicAction, string> = { post: 'Post referral', cancel: 'Cancel referral', repost: 'Post again' }

export default function ReferralPage() {
	const { clinic, referral, actions, link, canSendLink, thread } = useLoaderData<typeof loader>()
	const zones: [{ timeZone: string }] = [{ timeZone: clinic.timeZone }]
	const accepted = referral.offers.filter((o) => o.status === 'accepted')
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const [searchParams] = useSearchParams()
	const done = searchParams.get('done')
	const when = { format: (d: Date) => formatDateTime(d, clinic.timeZone) }
	const change = actionData && 'change' in actionData ? actionData.change : isReferralChange(done) ? done : null
	const notice = actionData?.notice ? { tone: 'success' as const, text: actionData.notice } : change ? changeNotice(change, referral.status) : null
	return (
		<div className="mx-auto max-w-3xl space-y-8 px-4 py-12">
			<header className="space-y-2">
				<BackLink to={`/clinics/${clinic.id}/referrals`}>Referrals</BackLink>
				<h1 className="text-2xl font-semibold tracking-tight">
					Referral: {REFERRAL_STATUS_LABELS[referral.status]}
					{referral.urgency === 'urgent' ? <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-sm font-medium text-amber-900">Urgent</span> : null}
				</h1>
				<p className="text-slate-700">
					{referral.firstDosingAt ? (
						<>
							First dosing session <TimeInZones iso={referral.firstDosingAt} zones={zones} />
						</>
					) : (
						'First dosing session not given yet'
					)}
				</p>
			</header>
			{referral.needs ? (
				<p
					className={`rounded border p-3 text-sm ${referral.needs.complete ? 'border-emerald-300 bg-emerald-50 text-emerald-900' : 'border-amber-300 bg-amber-50 text-amber-900'}`}
					data-testid="draft-needs"
				>
					{referral.needs.sentence}
				</p>
			) : null}
			<div aria-live="polite">{notice ? <Notice tone={notice.tone}>{notice.text}</Notice> : null}</div>
			<div role="alert">
				{actionData?.error ? <p className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">{actionData.error}</p> : null}
				{actionData?.billing ? (
					<BillingRefusalNotice refusal={actionData.billing} kept={referral.status === 'draft' ? 'It stays a draft, and you can keep editing it.' : 'Nothing was changed.'} />
				) : null}
			</div>

			<nav aria-label="This referral" className="flex flex-wrap gap-4">
				{referral.status === 'draft' || referral.status === 'unfilled' ? (
					<Link className="font-medium text-brand-700 underline" to="edit">
						{referral.status === 'draft' ? 'Edit draft' : 'Change the criteria and post again'}
					</Link>
				) : null}
				{referral.needs?.complete === false ? null : (
					<Link className="font-medium text-brand-700 underline" to="matches">
						Suggested therapists
					</Link>
				)}
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
							<button
								type="submit"
								name="intent"
								value="cancel"
								disabled={navigation.state === 'submitting'}
								className="rounded border border-red-700 px-4 py-2 font-medium text-red-800 hover:bg-red-50"
							>
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
				<FactList facts={referral.facts} />
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
						<dd>{referral.patient.birthDate === NOT_GIVEN ? NOT_GIVEN : <time dateTime={referral.patient.birthDate}>{formatCalendarDate(referral.patient.birthDate)}</time>}</dd>
						<dt className="font-medium text-slate-700">Notes</dt>
						<dd className="whitespace-pre-line">{referral.patient.notes || 'None'}</dd>
					</dl>
				) : (
					<p>No patient details.</p>
				)}
			</section>

			{referral.offers.length ? (
				<section aria-labelledby="offers-title" className="space-y-3">
					<h2 id="offers-title" className="text-lg font-semibold">
						Offers
					</h2>
					<div className="overflow-x-auto">
						<table className="w-full text-left text-sm">
							<thead>
								<tr className="border-b border-slate-300">
									<th scope="col" className="py-2 pr-4">
										Therapist
									</th>
									<th scope="col" className="py-2 pr-4">
										Round
									</th>
									<th scope="col" className="py-2 pr-4">
										State
									</th>
									<th scope="col" className="py-2">
										Proposed first sessions
									</th>
								</tr>
							</thead>
							<tbody>
								{referral.offers.map((o) => (
									<tr key={o.id} className="border-b border-slate-200 align-top">
										<td className="py-2 pr-4">
											<Link to={`/therapists/${o.therapist.id}`} className="text-brand-700 underline">
												{o.therapist.name}
											</Link>
											<span className="block text-slate-700">{o.therapist.credentials}</span>
										</td>
										<td className="py-2 pr-4">{o.round}</td>
										<td className="py-2 pr-4">
											{o.statusLabel}
											{o.declineReason ? <span className="block text-slate-700">{o.declineReason}</span> : null}
											{o.status === 'pending' ? (
												<span className="block text-slate-700">
													answer by <TimeInZones iso={o.answerBy} zones={zones} />
												</span>
											) : null}
										</td>
										<td className="py-2">
											{o.proposedTimes.length ? (
												<ul>
													{o.proposedTimes.map((iso) => (
														<li key={iso}>
															<TimeInZones iso={iso} zones={zones} />
														</li>
													))}
												</ul>
											) : (
												'—'
											)}
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
					{referral.firstSessionAt ? (
						<p>
							First session booked: <TimeInZones iso={referral.firstSessionAt} zones={zones} />
						</p>
					) : null}
				</section>
			) : null}

			{canSendLink || link ? (
				<section aria-labelledby="link-title" className="space-y-3 rounded border border-slate-200 p-5">
					<h2 id="link-title" className="text-lg font-semibold">
						The patient’s link
					</h2>
					{link ? (
						<p>
							Sent <TimeInZones iso={link.sentAt} zones={zones} />; works until <TimeInZones iso={link.expiresAt} zones={zones} />.{' '}
							{link.openedAt ? (
								<>
									Last opened <TimeInZones iso={link.openedAt} zones={zones} />.
								</>
							) : (
								'Not opened yet.'
							)}
						</p>
					) : (
						<p>No link in use.</p>
					)}
					<div className="flex flex-wrap gap-3">
						{canSendLink ? (
							<Form method="post">
								<button
									type="submit"
									name="intent"
									value="resend_link"
									disabled={navigation.state === 'submitting'}
									className="rounded border border-slate-400 px-4 py-2 font-medium hover:bg-slate-50"
								>
									Send the patient a new link
								</button>
							</Form>
						) : null}
						{link ? (
							<Form method="post">
								<button
									type="submit"
									name="intent"
									value="revoke_link"
									disabled={navigation.state === 'submitting'}
									className="rounded border border-red-700 px-4 py-2 font-medium text-red-800 hover:bg-red-50"
								>
									Withdraw the link
								</button>
							</Form>
						) : null}
					</div>
				</section>
			) : null}

			{referral.status === 'shortlisted' && accepted.length ? (
				<section aria-labelledby="record-title" className="space-y-3 rounded border border-slate-200 p-5">
					<h2 id="record-title" className="text-lg font-semibold">
						Record the patient’s choice
					</h2>
					<p className="text-sm text-slate-700">If the patient chose by phone or in person, record it here for them. It is recorded as made by you on their behalf.</p>
					<Form method="post" className="space-y-3">
						{accepted.map((o) => (
							<fieldset key={o.id} className="space-y-1">
								<legend className="font-medium">{o.therapist.name}</legend>
								{o.proposedTimes.map((iso) => (
									<label key={iso} className="flex items-center gap-2">
										<input type="radio" name="choice" value={`${o.id}|${iso}`} required />
										<TimeInZones iso={iso} zones={zones} />
									</label>
								))}
								<label className="flex items-center gap-2">
									<input type="radio" name="choice" value={`${o.id}|`} required />
									Time to be arranged with the therapist
								</label>
							</fieldset>
						))}
						<button type="submit" name="intent" value="record_choice" disabled={navigation.state === 'submitting'} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
							Record this choice
						</button>
					</Form>
				</section>
			) : null}

			{thread ? <MessageThread messages={thread.messages} counterpart={thread.counterpart} timeZone={clinic.timeZone} maxLength={MESSAGE_MAX_LENGTH} busy={navigation.state === 'submitting'} /> : null}

			<section aria-labelledby="timeline-title" className="space-y-3">
				<h2 id="timeline-title" className="text-lg font-semibold">
					Timeline
				</h2>
				<ol className="space-y-2 text-sm">
					{referral.timeline.map((e) => (
						<li key={e.id}>
							<time dateTime={e.at}>{when.format(new Date(e.at))}</time>: {e.text}
						</li>
					))}
				</ol>
			</section>
		</div>
	)
}
