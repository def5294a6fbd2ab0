// One offer, for the therapist it was made to (docs/product.md §4, §5). Before the patient chooses
// them: the de-identified facts only, and accept (with up to three first-session times from their
// free hours, shown in their and the clinic's time zones), decline with a reason, or withdraw an
// acceptance. Once chosen: the patient's details (every view audited), booking the first session,
// "first session happened" and "episode ended". Another therapist's offer is 403.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { MessageThread } from '#app/components/referrals/message-thread.tsx'
import { TimeInZones, type ZoneLabel } from '#app/components/referrals/times.tsx'
import { BackLink } from '#app/components/ui/back-link.tsx'
import { FactList } from '#app/components/ui/fact-list.tsx'
import { Notice, SubmitButton } from '#app/components/ui/forms.tsx'
import { milesBetween } from '#app/domain/matching/distance.ts'
import { zipCentroid } from '#app/domain/reference/zip-codes.server.ts'
import { CARE_OUTCOME_CODES, CARE_OUTCOMES } from '#app/domain/referrals/care.ts'
import { offerPage, offersFreeHours } from '#app/domain/referrals/offer-page.ts'
import {
	acceptOffer,
	bookFirstSession,
	chosenTherapistPatient,
	completeCare,
	declineOffer,
	markInCare,
	proposableForOffer,
	retractAcceptance,
	stepBack,
	therapistOffer,
} from '#app/domain/referrals/offer-responses.server.ts'
import { DECLINE_REASON_CODES, DECLINE_REASONS, MAX_PROPOSED_TIMES } from '#app/domain/referrals/offers.ts'
import { referralThread, sendMessage } from '#app/domain/referrals/messages.server.ts'
import { MESSAGE_MAX_LENGTH } from '#app/domain/referrals/messages.ts'
import { requireTherapist } from '#app/utils/permissions.server.ts'
import { httpStatus } from '#app/utils/http.server.ts'
import { firstFormIssue } from '#app/utils/form-issue.ts'
import { formatCalendarDate } from '#app/domain/time-format.ts'

export const meta: MetaFunction = () => [{ title: 'Referral offer — Tandem' }]

async function loadOffer(request: Request, offerId: string) {
	const auth = await requireTherapist(request)
	const access = await therapistOffer(auth.therapistId, offerId)
	if (!access.ok) throw new Response(access.reason === 'forbidden' ? 'This offer was made to another therapist.' : 'Not found', { status: httpStatus(access.reason) })
	return { auth, offer: access.offer }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { auth, offer } = await loadOffer(request, params.offerId!)
	const now = new Date()
	const { referral } = offer
	const office = offer.therapist.officeZip ? zipCentroid(offer.therapist.officeZip) : null
	const clinicPlace = zipCentroid(referral.clinic.zip)
	const patient = offer.status === 'chosen' ? await chosenTherapistPatient(auth.therapistId, offer.id, auth.user.id) : null
	const thread = patient ? await referralThread(referral.id, { kind: 'therapist', userId: auth.user.id, therapistId: auth.therapistId }) : null
	return {
		...offerPage(offer, now, office && clinicPlace ? milesBetween(office, clinicPlace) : null),
		zones: [{ timeZone: offer.therapist.timeZone }, { timeZone: referral.clinic.timeZone, where: 'at the clinic' }] as [ZoneLabel, ZoneLabel],
		proposable: offersFreeHours(offer, now) ? (await proposableForOffer(offer, now)).map((t) => t.toISOString()) : [],
		thread: thread?.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })) ?? null,
		patient: patient
			? { name: `${patient.firstName} ${patient.lastName}`, email: patient.email, phone: patient.phone, birthDate: patient.birthDate.toISOString().slice(0, 10), notes: patient.notes }
			: null,
	}
}

const Intent = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('accept'), times: z.array(z.string()) }),
	z.object({ intent: z.literal('decline'), reason: z.enum(DECLINE_REASON_CODES, { errorMap: () => ({ message: 'Choose why you are declining.' }) }) }),
	z.object({ intent: z.literal('retract') }),
	z.object({ intent: z.literal('book'), time: z.string({ required_error: 'Choose a time for the first session.' }).min(1, 'Choose a time for the first session.') }),
	z.object({ intent: z.literal('in_care') }),
	z.object({ intent: z.literal('step_back'), reason: z.string({ required_error: 'Say why you are stepping back.' }).trim().min(1, 'Say why you are stepping back.').max(500, 'Keep the reason under 500 characters.') }),
	z.object({ intent: z.literal('message'), body: z.string({ required_error: 'Write a message first.' }) }),
	z.object({ intent: z.literal('complete'), outcome: z.enum(CARE_OUTCOME_CODES, { errorMap: () => ({ message: 'Choose how the episode of support ended.' }) }) }),
])

const DONE = {
	accept: 'Accepted. The patient will see you on their shortlist, with the times you proposed.',
	decline: 'Declined. Thank you for answering.',
	retract: 'Your acceptance is withdrawn.',
	book: 'The first session is booked.',
	in_care: 'Marked: the first session took place. The patient is in your care.',
	complete: 'The episode of support is ended.',
	message: 'Message sent.',
	step_back: 'You stepped back. The clinic is told, and the referral goes to other therapists.',
} as const

export async function action({ request, params }: ActionFunctionArgs) {
	const { auth, offer } = await loadOffer(request, params.offerId!)
	const form = await request.formData()
	const parsed = Intent.safeParse({ ...Object.fromEntries(form), times: form.getAll('times').map(String) })
	if (!parsed.success) {
		return data({ ...firstFormIssue(parsed.error, 'Choose what to do with this offer.'), notice: null }, { status: 400 })
	}
	const actor = { kind: 'user' as const, userId: auth.user.id }
	const offerId = params.offerId!
	const input = parsed.data
	const result =
		input.intent === 'accept'
			? await acceptOffer(auth.therapistId, offerId, input.times, actor)
			: input.intent === 'decline'
				? await declineOffer(auth.therapistId, offerId, input.reason, actor)
				: input.intent === 'retract'
					? await retractAcceptance(auth.therapistId, offerId, actor)
					: input.intent === 'book'
						? await bookFirstSession(auth.therapistId, offerId, input.time, actor)
						: input.intent === 'in_care'
							? await markInCare(auth.therapistId, offerId, actor)
							: input.intent === 'step_back'
								? await stepBack(auth.therapistId, offerId, input.reason, actor)
								: input.intent === 'message'
								? await sendMessage(offer.referral.id, { kind: 'therapist', userId: auth.user.id, therapistId: auth.therapistId }, input.body)
								: await completeCare(auth.therapistId, offerId, input.outcome, actor)
	if (!result.ok) return data({ error: result.message, notice: null }, { status: httpStatus(result.reason) })
	return { error: null, notice: DONE[input.intent] }
}

export default function OfferPage() {
	const { offer, referral, clinic, zones, proposable, patient, thread } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting'
	const pendingOffer = offer.status === 'pending' && !offer.expired && (referral.status === 'open' || referral.status === 'shortlisted')
	return (
		<div className="mx-auto max-w-3xl space-y-8 px-4 py-12">
			<header className="space-y-2">
				<BackLink to="/therapist/offers">Offers</BackLink>
				<h1 className="text-2xl font-semibold tracking-tight">
					Referral {referral.reference} from {clinic.name}
				</h1>
				<p className="text-slate-700">
					{clinic.place}. Offer: <strong>{offer.statusLabel}</strong>
					{offer.declineReason ? ` (${offer.declineReason})` : ''}. Referral: {referral.statusLabel}.
				</p>
				{offer.status === 'pending' ? (
					<p>
						{offer.expired ? 'The time to answer ended on ' : 'Please answer by '}
						<TimeInZones iso={offer.expiresAt} zones={zones} />.
					</p>
				) : null}
			</header>
			<div aria-live="polite">{actionData?.notice ? <Notice tone="success">{actionData.notice}</Notice> : null}</div>
			<div role="alert">{actionData?.error ? <p className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">{actionData.error}</p> : null}</div>

			<section aria-labelledby="facts-title" className="space-y-3">
				<h2 id="facts-title" className="text-lg font-semibold">
					About this referral
				</h2>
				{patient ? null : <p className="text-sm text-slate-700">The patient’s identity and details are shared only with the therapist they choose.</p>}
				<FactList facts={referral.facts} />
			</section>

			{pendingOffer ? (
				<>
					<section aria-labelledby="accept-title" className="space-y-3 rounded border border-slate-200 p-5">
						<h2 id="accept-title" className="text-lg font-semibold">
							Accept
						</h2>
						{proposable.length ? (
							<Form method="post" className="space-y-3">
								<fieldset className="space-y-2">
									<legend className="font-medium">Propose up to {MAX_PROPOSED_TIMES} first-session times (one hour each) from your free hours</legend>
									{proposable.map((iso) => (
										<label key={iso} className="flex items-center gap-2">
											<input type="checkbox" name="times" value={iso} />
											<TimeInZones iso={iso} zones={zones} />
										</label>
									))}
								</fieldset>
								<SubmitButton name="intent" value="accept" pending={busy}>
									Accept and propose these times
								</SubmitButton>
							</Form>
						) : (
							<p>
								You have no free hour {referral.integration ? 'inside the integration windows' : 'in the two weeks before the first dosing session'}. Add hours or a date override in your profile, or decline.
							</p>
						)}
					</section>
					<section aria-labelledby="decline-title" className="space-y-3 rounded border border-slate-200 p-5">
						<h2 id="decline-title" className="text-lg font-semibold">
							Decline
						</h2>
						<Form method="post" className="flex flex-wrap items-end gap-3">
							<CodeSelect id="decline-reason" name="reason" label="Reason" placeholder="Choose a reason" options={DECLINE_REASONS} />
							<button type="submit" name="intent" value="decline" disabled={busy} className="rounded border border-slate-400 px-4 py-2 font-medium hover:bg-slate-50">
								Decline this offer
							</button>
						</Form>
					</section>
				</>
			) : null}

			{offer.status === 'accepted' ? (
				<section aria-labelledby="accepted-title" className="space-y-3 rounded border border-slate-200 p-5">
					<h2 id="accepted-title" className="text-lg font-semibold">
						Waiting for the patient
					</h2>
					<p>You proposed:</p>
					<ul className="list-disc pl-6">
						{offer.proposedTimes.map((iso) => (
							<li key={iso}>
								<TimeInZones iso={iso} zones={zones} />
							</li>
						))}
					</ul>
					<Form method="post">
						<button type="submit" name="intent" value="retract" disabled={busy} className="rounded border border-red-700 px-4 py-2 font-medium text-red-800 hover:bg-red-50">
							Withdraw my acceptance
						</button>
					</Form>
				</section>
			) : null}

			{patient ? (
				<section aria-labelledby="patient-title" className="space-y-3 rounded border border-amber-300 bg-amber-50/40 p-5">
					<h2 id="patient-title" className="text-lg font-semibold">
						Your patient
					</h2>
					<p className="text-sm text-slate-700">The patient chose you. These details are for you alone; each time you view them is recorded.</p>
					<dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
						<dt className="font-medium text-slate-700">Name</dt>
						<dd>{patient.name}</dd>
						<dt className="font-medium text-slate-700">Email</dt>
						<dd>{patient.email}</dd>
						<dt className="font-medium text-slate-700">Phone</dt>
						<dd>{patient.phone ?? 'Not given'}</dd>
						<dt className="font-medium text-slate-700">Date of birth</dt>
						<dd>
							<time dateTime={patient.birthDate}>{formatCalendarDate(patient.birthDate)}</time>
						</dd>
						<dt className="font-medium text-slate-700">Notes from the clinic</dt>
						<dd className="whitespace-pre-line">{patient.notes || 'None'}</dd>
						<dt className="font-medium text-slate-700">First session</dt>
						<dd>{referral.firstSessionAt ? <TimeInZones iso={referral.firstSessionAt} zones={zones} /> : 'Not booked yet'}</dd>
						{referral.outcome ? (
							<>
								<dt className="font-medium text-slate-700">Outcome</dt>
								<dd>{referral.outcome}</dd>
							</>
						) : null}
					</dl>
				</section>
			) : null}

			{thread ? <MessageThread messages={thread} counterpart={clinic.name} timeZone={zones[0].timeZone} maxLength={MESSAGE_MAX_LENGTH} busy={busy} /> : null}

			{offer.status === 'chosen' && referral.status === 'matched' ? (
				<section aria-labelledby="book-title" className="space-y-3 rounded border border-slate-200 p-5">
					<h2 id="book-title" className="text-lg font-semibold">
						Book the first session
					</h2>
					{proposable.length ? (
						<Form method="post" className="space-y-3">
							<fieldset className="space-y-2">
								<legend className="font-medium">Your free hours</legend>
								{proposable.map((iso) => (
									<label key={iso} className="flex items-center gap-2">
										<input type="radio" name="time" value={iso} required />
										<TimeInZones iso={iso} zones={zones} />
									</label>
								))}
							</fieldset>
							<SubmitButton name="intent" value="book" pending={busy}>
								Book this time
							</SubmitButton>
						</Form>
					) : (
						<p>You have no free hour left in the window. Add hours in your profile, or contact the clinic.</p>
					)}
				</section>
			) : null}

			{offer.status === 'chosen' && referral.status === 'scheduled' ? (
				<Form method="post" className="space-y-2">
					{referral.firstSessionAt ? (
						<p className="text-sm text-slate-700">
							Once the first session has started (<TimeInZones iso={referral.firstSessionAt} zones={zones} />), say that it took place.
						</p>
					) : null}
					<SubmitButton name="intent" value="in_care" pending={busy}>
						The first session took place
					</SubmitButton>
				</Form>
			) : null}

			{offer.status === 'chosen' && (referral.status === 'matched' || referral.status === 'scheduled') ? (
				<section aria-labelledby="step-back-title" className="space-y-3 rounded border border-slate-200 p-5">
					<h2 id="step-back-title" className="text-lg font-semibold">
						Step back
					</h2>
					<p className="text-sm text-slate-700">If you cannot see this patient after all, hand the referral back before the first session. {referral.firstSessionAt ? 'The booked session is cancelled, and t' : 'T'}he clinic is told and the referral goes to other therapists.</p>
					<Form method="post" className="flex flex-wrap items-end gap-3">
						<div className="space-y-1">
							<label htmlFor="step-back-reason" className="block text-sm font-medium">
								Why (the clinic sees this)
							</label>
							<input id="step-back-reason" name="reason" required maxLength={500} className="w-80 rounded border border-slate-400 px-3 py-2" />
						</div>
						<button type="submit" name="intent" value="step_back" disabled={busy} className="rounded border border-red-700 px-4 py-2 font-medium text-red-800 hover:bg-red-50">
							Step back from this referral
						</button>
					</Form>
				</section>
			) : null}

			{offer.status === 'chosen' && referral.status === 'in_care' ? (
				<section aria-labelledby="complete-title" className="space-y-3 rounded border border-slate-200 p-5">
					<h2 id="complete-title" className="text-lg font-semibold">
						End the episode of support
					</h2>
					<Form method="post" className="flex flex-wrap items-end gap-3">
						<CodeSelect id="outcome" name="outcome" label="Outcome" placeholder="Choose the outcome" options={CARE_OUTCOMES} />
						<SubmitButton name="intent" value="complete" pending={busy}>
							End the episode
						</SubmitButton>
					</Form>
				</section>
			) : null}
		</div>
	)
}

/** A required choice among codes, shown by their labels, starting on a placeholder. */
function CodeSelect({ id, name, label, placeholder, options }: { id: string; name: string; label: string; placeholder: string; options: Record<string, string> }) {
	return (
		<div className="space-y-1">
			<label htmlFor={id} className="block text-sm font-medium">
				{label}
			</label>
			<select id={id} name={name} required defaultValue="" className="rounded border border-slate-400 px-3 py-2">
				<option value="" disabled>
					{placeholder}
				</option>
				{Object.entries(options).map(([code, text]) => (
					<option key={code} value={code}>
						{text}
					</option>
				))}
			</select>
		</div>
	)
}
