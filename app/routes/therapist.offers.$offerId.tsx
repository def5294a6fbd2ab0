// One offer, for the therapist it was made to (docs/product.md §4, §5). Before the patient chooses
// them: the de-identified facts only, and accept (with up to three non-overlapping first-session
// times from their free hours in the referral's window, grouped by day in their zone), decline with
// a reason, or withdraw an acceptance. Once chosen: the patient's details (every view audited),
// booking the first session, "first session happened" and "episode ended", or stepping back; and the
// series plan (docs/product.md §4a): confirm, move, mark or cancel each planned session.
// Another therapist's offer is 403.
import { formatCalendarDate } from '#app/domain/time-format.ts'
import { getFormProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { MessageThread } from '#app/components/referrals/message-thread.tsx'
import { useResultFor } from '#app/components/ui/conform-fields.tsx'
import { PlanList, SessionActions } from '#app/components/referrals/series-plan.tsx'
import { SlotPicker } from '#app/components/referrals/slot-picker.tsx'
import { TimeInZones, type ZoneLabel } from '#app/components/referrals/times.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Card } from '#app/components/ui/card.tsx'
import { ConfirmAction } from '#app/components/ui/confirm-dialog.tsx'
import { FactList } from '#app/components/ui/fact-list.tsx'
import { FormError, Notice } from '#app/components/ui/forms.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pill } from '#app/components/ui/pill.tsx'
import { milesBetween } from '#app/domain/matching/distance.ts'
import { zipCentroid } from '#app/domain/reference/zip-codes.server.ts'
import { CARE_OUTCOME_CODES, CARE_OUTCOMES } from '#app/domain/referrals/care.ts'
import { storedSeries } from '#app/domain/referrals/dosing.ts'
import { offerPage, offersFreeHours, proposalPicker } from '#app/domain/referrals/offer-page.ts'
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
import { DECLINE_REASON_CODES, DECLINE_REASONS } from '#app/domain/referrals/offers.ts'
import { proposalWindowKind, proposalWindows } from '#app/domain/referrals/proposals.ts'
import { referralThread, sendMessage } from '#app/domain/referrals/messages.server.ts'
import { MESSAGE_MAX_LENGTH } from '#app/domain/referrals/messages.ts'
import { type StepResult } from '#app/domain/referrals/step-result.ts'
import { actOnSession, PLAN_REFERRAL_STATUSES, referralPlan } from '#app/domain/series/plan.server.ts'
import { planLines, planSummary } from '#app/domain/series/plan-view.ts'
import { firstSessionBooking } from '#app/domain/series/plan.ts'
import { LocalDateTime, localDateTimeInstant } from '#app/domain/series/local-time.ts'
import { zoneName } from '#app/domain/time-format.ts'
import { requireTherapist } from '#app/utils/permissions.server.ts'
import { httpStatus } from '#app/utils/http.server.ts'
import { routeParam } from '#app/utils/invariant.ts'

export const meta: MetaFunction = () => [{ title: 'Referral offer — Tandem' }]

async function loadOffer(request: Request, offerId: string) {
	const auth = await requireTherapist(request)
	const access = await therapistOffer(auth.therapistId, offerId)
	if (!access.ok) throw new Response(access.reason === 'forbidden' ? 'This offer was made to another therapist.' : 'Not found', { status: httpStatus(access.reason) })
	return { auth, offer: access.offer }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { auth, offer } = await loadOffer(request, routeParam(params, 'offerId'))
	const now = new Date()
	const { referral } = offer
	const office = offer.therapist.officeZip ? zipCentroid(offer.therapist.officeZip) : null
	const clinicPlace = zipCentroid(referral.clinic.zip)
	const patient = offer.status === 'chosen' ? await chosenTherapistPatient(auth.therapistId, offer.id, auth.user.id) : null
	const thread = patient ? await referralThread(referral.id, { kind: 'therapist', userId: auth.user.id, therapistId: auth.therapistId }) : null
	const series = storedSeries(referral)
	const free = offersFreeHours(offer, now) ? await proposableForOffer(offer, now) : []
	const sessions = patient ? await referralPlan(referral.id) : []
	const planActive = (PLAN_REFERRAL_STATUSES as readonly string[]).includes(referral.status)
	return {
		...offerPage(offer, now, office && clinicPlace ? milesBetween(office, clinicPlace) : null),
		zones: [{ timeZone: offer.therapist.timeZone }, { timeZone: referral.clinic.timeZone, where: 'at the clinic' }] as [ZoneLabel, ZoneLabel],
		picker: proposalPicker(proposalWindowKind(series), proposalWindows(series, now), free, offer.therapist.timeZone),
		firstSessionBy: firstSessionBooking(series, sessions),
		thread: thread?.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })) ?? null,
		plan: sessions.length
			? {
					summary: planSummary(sessions),
					zone: zoneName(offer.therapist.timeZone, now, 'long'),
					lines: planLines(sessions, { timeZone: offer.therapist.timeZone, now, viewer: 'therapist' }).map((line) => (planActive ? line : { ...line, actions: [] })),
				}
			: null,
		patient: patient
			? { name: `${patient.firstName} ${patient.lastName}`, email: patient.email, phone: patient.phone, birthDate: patient.birthDate.toISOString().slice(0, 10), notes: patient.notes }
			: null,
	}
}

const SessionId = z.string({ required_error: 'Choose a session.' }).min(1, 'Choose a session.').max(64, 'Choose a session.')

const Intent = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('accept'), times: z.array(z.string()) }),
	z.object({ intent: z.literal('decline'), reason: z.enum(DECLINE_REASON_CODES, { errorMap: () => ({ message: 'Choose why you are declining.' }) }) }),
	z.object({ intent: z.literal('retract') }),
	z.object({ intent: z.literal('book'), time: z.string({ required_error: 'Choose a time for the first session.' }).min(1, 'Choose a time for the first session.') }),
	z.object({ intent: z.literal('in_care') }),
	z.object({
		intent: z.literal('step_back'),
		reason: z.string({ required_error: 'Say why you are stepping back.' }).trim().min(1, 'Say why you are stepping back.').max(500, 'Keep the reason under 500 characters.'),
	}),
	z.object({ intent: z.literal('message'), body: z.string({ required_error: 'Write a message first.' }) }),
	z.object({ intent: z.literal('complete'), outcome: z.enum(CARE_OUTCOME_CODES, { errorMap: () => ({ message: 'Choose how the episode of support ended.' }) }) }),
	z.object({ intent: z.literal('session_confirm'), sessionId: SessionId }),
	z.object({ intent: z.literal('session_held'), sessionId: SessionId }),
	z.object({ intent: z.literal('session_no_show'), sessionId: SessionId }),
	z.object({ intent: z.literal('session_cancel'), sessionId: SessionId }),
	z.object({ intent: z.literal('session_reschedule'), sessionId: SessionId, startsAt: LocalDateTime }),
])
type Input = z.infer<typeof Intent>
type Intent = Input['intent']
type Context = { therapistId: string; offerId: string; referralId: string; userId: string; timeZone: string; actor: { kind: 'user'; userId: string } }
type Handler<K extends Intent> = (input: Extract<Input, { intent: K }>, c: Context) => Promise<StepResult>

const INTENTS = {
	accept: (input, c) => acceptOffer(c.therapistId, c.offerId, input.times, c.actor),
	decline: (input, c) => declineOffer(c.therapistId, c.offerId, input.reason, c.actor),
	retract: (_input, c) => retractAcceptance(c.therapistId, c.offerId, c.actor),
	book: (input, c) => bookFirstSession(c.therapistId, c.offerId, input.time, c.actor),
	in_care: (_input, c) => markInCare(c.therapistId, c.offerId, c.actor),
	step_back: (input, c) => stepBack(c.therapistId, c.offerId, input.reason, c.actor),
	message: (input, c) => sendMessage(c.referralId, { kind: 'therapist', userId: c.userId, therapistId: c.therapistId }, input.body),
	complete: (input, c) => completeCare(c.therapistId, c.offerId, input.outcome, c.actor),
	session_confirm: (input, c) => actOnSession(c.therapistId, c.offerId, input.sessionId, 'confirm', null, c.actor),
	session_reschedule: (input, c) => actOnSession(c.therapistId, c.offerId, input.sessionId, 'reschedule', localDateTimeInstant(input.startsAt, c.timeZone), c.actor),
	session_held: (input, c) => actOnSession(c.therapistId, c.offerId, input.sessionId, 'held', null, c.actor),
	session_no_show: (input, c) => actOnSession(c.therapistId, c.offerId, input.sessionId, 'no_show', null, c.actor),
	session_cancel: (input, c) => actOnSession(c.therapistId, c.offerId, input.sessionId, 'cancel', null, c.actor),
} satisfies { [K in Intent]: Handler<K> }

const DONE = {
	accept: 'Accepted. The patient will see you on their shortlist, with the times you proposed.',
	decline: 'Declined. Thank you for answering.',
	retract: 'Your acceptance is withdrawn.',
	book: 'The first session is booked.',
	in_care: 'Marked: the first session took place. The patient is in your care.',
	complete: 'The episode of support is ended.',
	message: 'Message sent.',
	step_back: 'You stepped back. The clinic is told, and the referral goes to other therapists.',
	session_confirm: 'The session is booked.',
	session_reschedule: 'The session is booked at the new time.',
	session_held: 'Marked: the session took place.',
	session_no_show: 'Marked: the patient did not come.',
	session_cancel: 'The session is cancelled.',
} as const satisfies Record<Intent, string>

/** Where a refusal is shown: next to the times for the two forms that have them, else at the top. */
const FIELD_OF: Partial<Record<Intent, string>> = { accept: 'times', book: 'time', session_confirm: 'sessionId', session_reschedule: 'startsAt' }

type ActionData = { result: SubmissionResult<string[]>; notice: string | null; intent?: string }

export async function action({ request, params }: ActionFunctionArgs) {
	const { auth, offer } = await loadOffer(request, routeParam(params, 'offerId'))
	const submission = parseWithZod(await request.formData(), { schema: Intent })
	if (submission.status !== 'success') {
		const unknown = Boolean(submission.error?.intent)
		return data<ActionData>({ result: unknown ? submission.reply({ formErrors: ['Choose what to do with this offer.'] }) : submission.reply(), notice: null }, { status: 400 })
	}
	const input = submission.value
	const context: Context = {
		therapistId: auth.therapistId,
		offerId: offer.id,
		referralId: offer.referral.id,
		userId: auth.user.id,
		timeZone: offer.therapist.timeZone,
		actor: { kind: 'user', userId: auth.user.id },
	}
	const result = await (INTENTS[input.intent] as (input: Input, c: Context) => Promise<StepResult>)(input, context)
	if (!result.ok) {
		const field = FIELD_OF[input.intent]
		return data<ActionData>(
			{ result: submission.reply(field ? { fieldErrors: { [field]: [result.message] } } : { formErrors: [result.message] }), notice: null },
			{ status: httpStatus(result.reason) },
		)
	}
	return data<ActionData>({ result: submission.reply({ resetForm: true }), notice: DONE[input.intent], intent: input.intent })
}

export default function OfferPage() {
	const { offer, referral, clinic, zones, picker, firstSessionBy, patient, thread, plan } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting'
	// A form reset after success sends back no values; the answer names its intent then.
	const lastIntent = actionData?.intent ?? actionData?.result.initialValue?.intent
	const onSession = typeof lastIntent === 'string' && lastIntent.startsWith('session_')
	const sessionActed = onSession ? actionData?.result.initialValue?.sessionId : undefined
	const onTimes = lastIntent === 'accept' || lastIntent === 'book' || onSession
	const resultFor = useResultFor(actionData?.result, lastIntent === 'message' ? 'message' : null)
	const [acceptForm, acceptFields] = useForm<{ times: string[] }>({ id: 'accept', lastResult: lastIntent === 'accept' ? actionData?.result : undefined, shouldRevalidate: 'onSubmit' })
	const [bookForm, bookFields] = useForm<{ time: string }>({ id: 'book', lastResult: lastIntent === 'book' ? actionData?.result : undefined, shouldRevalidate: 'onSubmit' })
	const topErrors =
		onTimes || lastIntent === 'message'
			? null
			: actionData?.result.error
				? Object.values(actionData.result.error)
						.flat()
						.filter((e): e is string => Boolean(e))
				: null
	const pendingOffer = offer.status === 'pending' && !offer.expired && (referral.status === 'open' || referral.status === 'shortlisted')
	const chosen = offer.status === 'chosen'
	return (
		<div className="mx-auto max-w-3xl px-4 py-8 sm:py-12">
			<PageHeader
				back={{ to: '/therapist/offers', label: 'Offers' }}
				eyebrow={`Referral offer from ${clinic.name}`}
				title={referral.reference}
				description={
					<div className="space-y-2">
						<p className="break-words">
							{clinic.place}. Referral: {referral.statusLabel}.
						</p>
						<ul className="flex flex-wrap gap-2" aria-label="Status">
							<li>
								<Pill tone={offer.status === 'chosen' || offer.status === 'accepted' ? 'success' : offer.status === 'pending' ? 'info' : 'neutral'}>
									{offer.status === 'pending' && offer.expired ? 'Expired' : offer.statusLabel.split(':')[0]}
								</Pill>
							</li>
							<li>
								<Pill tone={referral.urgency.urgent ? 'danger' : 'neutral'}>{referral.urgency.label}</Pill>
							</li>
							{offer.due ? (
								<li>
									<Pill tone={offer.due.tone}>{offer.due.text}</Pill>
								</li>
							) : null}
						</ul>
						{offer.status === 'pending' ? (
							<p className="text-sm">
								{offer.expired ? 'The time to answer ended on ' : 'Please answer by '}
								<TimeInZones iso={offer.expiresAt} zones={zones} />.
							</p>
						) : null}
						{offer.statusLabel.includes(':') ? <p className="text-sm">{offer.statusLabel}.</p> : null}
						{offer.declineReason ? <p className="text-sm">You declined: {offer.declineReason}.</p> : null}
					</div>
				}
			/>
			<div className="space-y-6">
				<div aria-live="polite">{actionData?.notice ? <Notice tone="success">{actionData.notice}</Notice> : null}</div>
				<FormError id="offer-errors" errors={topErrors} />
				{offer.reconfirmation && !offer.expired ? (
					<Notice>
						<strong className="font-semibold">{offer.reconfirmation}</strong> Accept again with the times you can offer, or decline; the patient can choose you once you re-confirm.
					</Notice>
				) : null}

				<Card title="About this referral">
					{patient ? null : <p className="mb-3 text-sm text-slate-700">The patient’s identity and details are shared only with the therapist they choose.</p>}
					<FactList facts={referral.facts} />
				</Card>

				{pendingOffer ? (
					<>
						<Card title="Accept">
							<p className="mb-4 text-sm text-slate-700">{picker.window}</p>
							{picker.days.length ? (
								<Form method="post" {...getFormProps(acceptForm)} className="space-y-4">
									<SlotPicker
										id={acceptFields.times.id}
										name="times"
										legend={`Choose up to ${picker.max} first-session times`}
										days={picker.days}
										zone={picker.zone}
										max={picker.max}
										sessionMinutes={picker.sessionMinutes}
										errors={[...(acceptFields.times.errors ?? []), ...(acceptForm.errors ?? [])]}
									/>
									<Button type="submit" name="intent" value="accept" disabled={busy} className="min-h-11 w-full sm:w-auto">
										Accept and propose these times
									</Button>
								</Form>
							) : (
								<p>You have no free hour in this window. Add hours or a date override in your profile, or decline.</p>
							)}
						</Card>
						<Card title="Decline">
							<p className="mb-3 text-sm text-slate-700">The clinic sees the reason you give; the offer goes to another therapist.</p>
							<ConfirmAction
								trigger="Decline this offer"
								triggerVariant="danger-outline"
								title={`Decline ${referral.reference}?`}
								description="The clinic is told, and you cannot accept this offer afterwards."
								confirmLabel="Decline this offer"
								cancelLabel="Keep the offer"
								fields={{ intent: 'decline' }}
							>
								<ReasonSelect id="decline-reason" name="reason" label="Reason" placeholder="Choose a reason" options={DECLINE_REASONS} />
							</ConfirmAction>
						</Card>
					</>
				) : null}

				{offer.status === 'accepted' ? (
					<Card title="Waiting for the patient">
						<p>You proposed:</p>
						<ul className="my-3 list-disc space-y-1 pl-6">
							{offer.proposedTimes.map((iso) => (
								<li key={iso} className="break-words">
									<TimeInZones iso={iso} zones={zones} />
								</li>
							))}
						</ul>
						<ConfirmAction
							trigger="Withdraw my acceptance"
							triggerVariant="danger-outline"
							title="Withdraw your acceptance?"
							description="You leave the patient’s shortlist and the times you proposed are released. The clinic is told."
							confirmLabel="Withdraw my acceptance"
							cancelLabel="Keep my acceptance"
							fields={{ intent: 'retract' }}
						/>
					</Card>
				) : null}

				{patient ? (
					<Card title="Your patient" className="border-amber-300 bg-amber-50/40">
						<p className="mb-3 text-sm text-slate-700">The patient chose you. These details are for you alone; each time you view them is recorded.</p>
						<dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
							<dt className="font-medium text-slate-700">Name</dt>
							<dd className="break-words">{patient.name}</dd>
							<dt className="font-medium text-slate-700">Email</dt>
							<dd className="break-words">{patient.email}</dd>
							<dt className="font-medium text-slate-700">Phone</dt>
							<dd>{patient.phone ?? 'Not given'}</dd>
							<dt className="font-medium text-slate-700">Date of birth</dt>
							<dd>
								<time dateTime={patient.birthDate}>{formatCalendarDate(patient.birthDate)}</time>
							</dd>
							<dt className="font-medium text-slate-700">Notes from the clinic</dt>
							<dd className="whitespace-pre-line break-words">{patient.notes || 'None'}</dd>
							<dt className="font-medium text-slate-700">First session</dt>
							<dd>{referral.firstSessionAt ? <TimeInZones iso={referral.firstSessionAt} zones={zones} /> : 'Not booked yet'}</dd>
							{referral.outcome ? (
								<>
									<dt className="font-medium text-slate-700">Outcome</dt>
									<dd>{referral.outcome}</dd>
								</>
							) : null}
						</dl>
					</Card>
				) : null}

				{plan ? (
					<Card title="The series plan">
						<p className="mb-2 text-sm text-slate-700">
							{plan.summary}. Tandem suggested times from your free hours; confirm each one or give it another time. Times are in {plan.zone}.
						</p>
						<PlanList
							lines={plan.lines}
							label="Planned sessions"
							actions={(line) => <SessionActions line={line} zone={plan.zone} busy={busy} lastResult={sessionActed === line.id ? actionData?.result : undefined} />}
						/>
					</Card>
				) : null}

				{thread ? <MessageThread messages={thread} counterpart={clinic.name} timeZone={zones[0].timeZone} maxLength={MESSAGE_MAX_LENGTH} busy={busy} lastResult={resultFor('message')} /> : null}

				{chosen && referral.status === 'matched' && firstSessionBy === 'picker' ? (
					<Card title="Book the first session">
						<p className="mb-4 text-sm text-slate-700">{picker.window}</p>
						{picker.days.length ? (
							<Form method="post" {...getFormProps(bookForm)} className="space-y-4">
								<SlotPicker
									id={bookFields.time.id}
									name="time"
									legend="Your free times"
									days={picker.days}
									zone={picker.zone}
									max={1}
									sessionMinutes={picker.sessionMinutes}
									errors={[...(bookFields.time.errors ?? []), ...(bookForm.errors ?? [])]}
									single
								/>
								<Button type="submit" name="intent" value="book" disabled={busy} className="min-h-11 w-full sm:w-auto">
									Book this time
								</Button>
							</Form>
						) : (
							<p>You have no free hour left in the window. Add hours in your profile, or contact the clinic.</p>
						)}
					</Card>
				) : null}

				{chosen && referral.status === 'scheduled' ? (
					<Card title="The first session">
						<Form method="post" className="space-y-3">
							{referral.firstSessionAt ? (
								<p className="text-sm text-slate-700">
									Once the first session has started (<TimeInZones iso={referral.firstSessionAt} zones={zones} />
									), say that it took place.
								</p>
							) : null}
							<Button type="submit" name="intent" value="in_care" disabled={busy} className="min-h-11">
								The first session took place
							</Button>
						</Form>
					</Card>
				) : null}

				{chosen && (referral.status === 'matched' || referral.status === 'scheduled') ? (
					<Card title="Step back">
						<p className="mb-3 text-sm text-slate-700">
							If you cannot see this patient after all, hand the referral back before the first session. {referral.firstSessionAt ? 'The booked session is cancelled, and t' : 'T'}he clinic is told and
							the referral goes to other therapists.
						</p>
						<ConfirmAction
							trigger="Step back from this referral"
							triggerVariant="danger-outline"
							title="Step back from this referral?"
							description="The clinic sees your reason. You cannot undo this."
							confirmLabel="Step back"
							cancelLabel="Stay with this patient"
							fields={{ intent: 'step_back' }}
						>
							<div className="space-y-1">
								<label htmlFor="step-back-reason" className="block text-sm font-medium">
									Why (the clinic sees this)
								</label>
								<textarea id="step-back-reason" name="reason" required maxLength={500} rows={3} className="block w-full max-w-full rounded border border-slate-400 px-3 py-2" />
							</div>
						</ConfirmAction>
					</Card>
				) : null}

				{chosen && referral.status === 'in_care' ? (
					<Card title="End the episode of support">
						<p className="mb-3 text-sm text-slate-700">When the support has ended, record how it ended. The clinic sees the outcome.</p>
						<ConfirmAction
							trigger="End the episode"
							triggerVariant="primary"
							title="End the episode of support?"
							description="The referral is completed with the outcome you choose."
							confirmLabel="End the episode"
							confirmVariant="primary"
							cancelLabel="Not yet"
							fields={{ intent: 'complete' }}
						>
							<ReasonSelect id="outcome" name="outcome" label="Outcome" placeholder="Choose the outcome" options={CARE_OUTCOMES} />
						</ConfirmAction>
					</Card>
				) : null}
			</div>
		</div>
	)
}

/** A required choice among codes, shown by their labels, starting on a placeholder; never wider than its container. */
function ReasonSelect({ id, name, label, placeholder, options }: { id: string; name: string; label: string; placeholder: string; options: Record<string, string> }) {
	return (
		<div className="min-w-0 space-y-1">
			<label htmlFor={id} className="block text-sm font-medium">
				{label}
			</label>
			<select id={id} name={name} required defaultValue="" className="block w-full max-w-full rounded border border-slate-400 px-3 py-2">
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
