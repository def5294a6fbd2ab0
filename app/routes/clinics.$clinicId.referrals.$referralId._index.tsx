// One of the clinic's referrals: at the top, where it stands (status, chosen therapist and booked
// first session, offers out and their deadlines, the patient's link) and the next steps its status
// allows (post, post again, send or withdraw the patient's link, record the patient's choice, offer
// a therapist the clinic names, cancel); then what therapists see before a match, the patient's
// details (only for the clinic; each view is logged), the offers, messages and the timeline. Once a
// therapist is chosen, the series plan (docs/product.md §4a); while the referral is active, the
// dosing sessions still ahead can be moved or dropped, and doses added.
import { formatCalendarDate } from '#app/domain/time-format.ts'
import { getFormProps, getInputProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { MessageThread } from '#app/components/referrals/message-thread.tsx'
import { BillingRefusalNotice } from '#app/components/referrals/referral-fields.tsx'
import { PlanList } from '#app/components/referrals/series-plan.tsx'
import { TherapistNameInput } from '#app/components/referrals/therapist-name-input.tsx'
import { TimeInZones } from '#app/components/referrals/times.tsx'
import { Button, ButtonLink } from '#app/components/ui/button.tsx'
import { Card } from '#app/components/ui/card.tsx'
import { ConfirmAction } from '#app/components/ui/confirm-dialog.tsx'
import { useResultFor } from '#app/components/ui/conform-fields.tsx'
import { FactList } from '#app/components/ui/fact-list.tsx'
import { ErrorList, Notice } from '#app/components/ui/forms.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pill } from '#app/components/ui/pill.tsx'
import { type Column, ResponsiveTable } from '#app/components/ui/responsive-table.tsx'
import { billingRefusal } from '#app/domain/billing/billing-refusal.ts'
import { getClinic } from '#app/domain/clinics/clinics.server.ts'
import { AGE_BANDS, FOCUS_AREAS, languageLabel, MODALITIES, PAYERS, PHASES, REFERRAL_FORMATS, stateName } from '#app/domain/reference/index.ts'
import { offerNamedTherapist, resolveTherapistName } from '#app/domain/referrals/direct-offers.server.ts'
import { dosingInWords, storedSeries } from '#app/domain/referrals/dosing.ts'
import { postingNeedsSentence } from '#app/domain/referrals/draft-needs.ts'
import { sendMessage } from '#app/domain/referrals/messages.server.ts'
import { MESSAGE_MAX_LENGTH } from '#app/domain/referrals/messages.ts'
import { DECLINE_REASONS, OFFER_STATUS_LABELS } from '#app/domain/referrals/offers.ts'
import { recordChoiceForPatient } from '#app/domain/referrals/patient-choice.server.ts'
import { clinicPatientLinkAction } from '#app/domain/referrals/patient-links.server.ts'
import { changeNotice, isReferralChange } from '#app/domain/referrals/posting-notices.ts'
import { applyClinicAction } from '#app/domain/referrals/referral-changes.server.ts'
import { storedMissing } from '#app/domain/referrals/referral-input.ts'
import { patientName, referralTitle, statusTone } from '#app/domain/referrals/referral-list.ts'
import { referralReference } from '#app/domain/notifications/lifecycle-notices.ts'
import { nextSteps, offerPill, summaryFacts, type NextStep } from '#app/domain/referrals/referral-summary.ts'
import { clinicReferralPage } from '#app/domain/referrals/referrals.server.ts'
import { REFERRAL_STATUS_LABELS } from '#app/domain/referrals/statuses.ts'
import { type RefusalReason } from '#app/domain/referrals/step-result.ts'
import { timeZoneName } from '#app/domain/therapists/profile-text.ts'
import { changeDose, DOSE_CHANGE_STATUSES } from '#app/domain/series/dose-changes.server.ts'
import { LocalDateTime, localDateTimeInstant } from '#app/domain/series/local-time.ts'
import { localInputValue, planLines, planSummary } from '#app/domain/series/plan-view.ts'
import { formatDateTime } from '#app/domain/time-format.ts'
import { httpStatus } from '#app/utils/http.server.ts'
import { requireClinicMember } from '#app/utils/permissions.server.ts'
import { routeParam } from '#app/utils/invariant.ts'
import { dateTimeFormat } from '#app/utils/intl.ts'

const NOT_GIVEN = 'Not given yet'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data && 'referral' in data ? data.referral.title : 'Referral'} — Tandem` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const auth = await requireClinicMember(request, routeParam(params, 'clinicId'))
	const now = new Date()
	const page = await clinicReferralPage(routeParam(params, 'clinicId'), routeParam(params, 'referralId'), { kind: 'user', userId: auth.user.id }, now)
	// Another clinic's referral id finds nothing here, as an unknown one does.
	if (!page) throw new Response('Not found', { status: 404 })
	const { clinic, referral, offers, link, thread, sessions, actors } = page
	const dosesChangeable = (DOSE_CHANGE_STATUSES as readonly string[]).includes(referral.status) && referral.dosingSessionsAt.length > 0
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
	return data(
		{
			clinic: { id: clinic.id, name: clinic.name, timeZone: clinic.timeZone, zoneName: timeZoneName(clinic.timeZone) },
			referral: {
				id: referral.id,
				title: referralTitle(referral.id, referral.patient),
				patientName: patientName(referral.patient),
				reference: referralReference(referral.id),
				status: referral.status,
				statusTone: statusTone(referral.status),
				summary: summaryFacts({
					status: referral.status,
					offers: offers.map((o) => ({ therapistName: o.therapist.fullName, status: o.status, expiresAt: o.expiresAt, proposedTimes: o.proposedTimes })),
					firstSessionAt: referral.firstSessionAt,
					link: link ? { expiresAt: link.expiresAt, lastOpenedAt: link.lastOpenedAt } : null,
					now,
					timeZone: clinic.timeZone,
				}),
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
							birthDate: patient.birthDate ? formatCalendarDate(patient.birthDate.toISOString().slice(0, 10)) : NOT_GIVEN,
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
					pill: offerPill(o, clinic.timeZone),
					round: o.round,
					sentAt: o.sentAt.toISOString(),
					answerBy: o.expiresAt.toISOString(),
					declineReason: o.declineReason ? (DECLINE_REASONS[o.declineReason as keyof typeof DECLINE_REASONS] ?? o.declineReason) : null,
					proposedTimes: o.proposedTimes.map((t) => t.toISOString()),
				})),
				firstSessionAt: referral.firstSessionAt?.toISOString() ?? null,
			},
			link: link ? { sentAt: link.createdAt.toISOString(), expiresAt: link.expiresAt.toISOString(), openedAt: link.lastOpenedAt?.toISOString() ?? null } : null,
			thread: thread
				? { counterpart: offers.find((o) => o.status === 'chosen')?.therapist.fullName ?? 'the therapist', messages: thread.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })) }
				: null,
			plan: sessions.length ? { summary: planSummary(sessions), lines: planLines(sessions, { timeZone: clinic.timeZone, now, viewer: 'clinic' }) } : null,
			doses: dosesChangeable
				? referral.dosingSessionsAt.map((at, i) => ({ index: i + 1, when: formatDateTime(at, clinic.timeZone, { now }), localValue: localInputValue(at, clinic.timeZone), ahead: at > now }))
				: null,
			steps: nextSteps({
				status: referral.status,
				draftComplete: missing.length === 0,
				hasLink: link !== null,
				acceptedOffers: offers.filter((o) => o.status === 'accepted').length,
			}),
		},
		{ headers: { 'Cache-Control': 'no-store' } },
	)
}

const Reason = z.string().trim().max(500, 'Keep the reason under 500 characters.').optional()
const DoseIndex = z.coerce.number({ invalid_type_error: 'Choose a dose.' }).int('Choose a dose.').min(1, 'Choose a dose.').max(99, 'Choose a dose.')
const ActionSchema = z.discriminatedUnion(
	'intent',
	[
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
		z.object({ intent: z.literal('move_dose'), doseIndex: DoseIndex, at: LocalDateTime }),
		z.object({ intent: z.literal('drop_dose'), doseIndex: DoseIndex }),
		z.object({ intent: z.literal('add_dose'), at: LocalDateTime }),
		z.object({
			intent: z.literal('offer_therapist'),
			therapistName: z.string({ required_error: 'Type the therapist’s name.' }).trim().min(1, 'Type the therapist’s name.').max(200, 'That name is too long.'),
			therapistId: z.string().trim().max(64).optional(),
		}),
	],
	{ errorMap: (issue, ctx) => ({ message: issue.code === 'invalid_union_discriminator' ? 'Choose what to do with this referral.' : ctx.defaultError }) },
)
type Input = z.infer<typeof ActionSchema>
type Intent = Input['intent']

/** What an intent's handler answers: a notice, an error (about a field when it has one), a posting's change, or a billing refusal. */
type Outcome = { notice?: string; error?: string; field?: string; change?: 'posted' | 'reposted'; billing?: ReturnType<typeof billingRefusal>; status?: number }
/** What the page shows after an action: Conform's answer (errors beside the form they are about, what was typed), and a notice or a billing refusal. */
type Answer = { result: SubmissionResult<string[]>; about: string | null; notice: string | null; change?: 'posted' | 'reposted'; billing: ReturnType<typeof billingRefusal> | null }
type Context = { clinicId: string; referralId: string; auth: Awaited<ReturnType<typeof requireClinicMember>> }
type Handler<I extends Intent> = (input: Extract<Input, { intent: I }>, context: Context) => Promise<Outcome>

const done = (notice: string): Outcome => ({ notice })
const refused = (reason: RefusalReason, message: string, field?: string): Outcome => {
	if (reason === 'not_found' && !field) throw new Response('Not found', { status: 404 })
	return { error: message, field, status: httpStatus(reason) }
}

/** A change to the doses, answered beside the field it is about; the plan follows (dose-changes.server.ts). */
const doseChange =
	<I extends 'move_dose' | 'drop_dose' | 'add_dose'>(intent: I): Handler<I> =>
	async (input, { clinicId, referralId, auth }) => {
		const clinic = await getClinic(clinicId)
		if (!clinic) return refused('not_found', 'There is no such referral.')
		const i = input as { doseIndex?: number; at?: string }
		const at = i.at ? localDateTimeInstant(i.at, clinic.timeZone) : null
		const change =
			intent === 'move_dose'
				? { kind: 'move' as const, doseIndex: i.doseIndex!, to: at! }
				: intent === 'drop_dose'
					? { kind: 'drop' as const, doseIndex: i.doseIndex! }
					: { kind: 'add' as const, at: at! }
		const result = await changeDose(clinicId, referralId, change, { kind: 'user', userId: auth.user.id })
		if (result.ok)
			return done(
				`The dosing sessions are changed.${result.flagged ? ` ${result.flagged === 1 ? 'A booked session no longer fits its window' : `${result.flagged} booked sessions no longer fit their windows`}: the therapist is asked to move ${result.flagged === 1 ? 'it' : 'them'}.` : ''}`,
			)
		return refused(result.reason, result.message, 'field' in result ? result.field : undefined)
	}

/** Post, cancel and post again: the lifecycle's clinic actions (posting's own words depend on what the posting led to, posting-notices.ts). */
const clinicAction =
	<I extends 'post' | 'cancel' | 'repost'>(intent: I): Handler<I> =>
	async (input, { clinicId, referralId, auth }) => {
		const result = await applyClinicAction(clinicId, referralId, { kind: 'user', userId: auth.user.id }, intent, (input as { reason?: string }).reason || null)
		if (result.ok) return intent === 'cancel' ? done('Cancelled. Offers still out were withdrawn.') : { change: intent === 'post' ? 'posted' : 'reposted' }
		if (result.reason === 'payment_required') return { billing: billingRefusal(auth.principal, clinicId, result.message), status: httpStatus('payment_required') }
		if (result.reason === 'invalid') return refused('invalid', `Not posted. ${postingNeedsSentence(result.issues)}`)
		return refused(result.reason, result.reason === 'not_found' ? 'There is no such referral.' : result.message)
	}

const INTENTS: { [I in Intent]: Handler<I> } = {
	post: clinicAction('post'),
	cancel: clinicAction('cancel'),
	repost: clinicAction('repost'),
	resend_link: async (_, { clinicId, referralId, auth }) => {
		const step = await clinicPatientLinkAction(clinicId, referralId, 'resend', { kind: 'user', userId: auth.user.id })
		return step.ok ? done('A new link is on its way to the patient; the old one no longer works.') : refused(step.reason, step.message)
	},
	revoke_link: async (_, { clinicId, referralId, auth }) => {
		const step = await clinicPatientLinkAction(clinicId, referralId, 'revoke', { kind: 'user', userId: auth.user.id })
		return step.ok ? done('The patient’s link no longer works.') : refused(step.reason, step.message)
	},
	record_choice: async (input, { clinicId, referralId, auth }) => {
		const [offerId, time] = input.choice.split('|') as [string, string]
		const step = await recordChoiceForPatient(clinicId, referralId, offerId, time || null, auth.user.id)
		return step.ok ? done('The patient’s choice is recorded.') : refused(step.reason, step.message)
	},
	message: async (input, { clinicId, referralId, auth }) => {
		const step = await sendMessage(referralId, { kind: 'clinic', userId: auth.user.id, clinicId }, input.body)
		return step.ok ? done('Message sent.') : refused(step.reason, step.message)
	},
	move_dose: doseChange('move_dose'),
	drop_dose: doseChange('drop_dose'),
	add_dose: doseChange('add_dose'),
	offer_therapist: async (input, { clinicId, referralId, auth }) => {
		const named = await resolveTherapistName(input.therapistName, input.therapistId || null)
		if (!named.ok) return refused('invalid', named.message, 'therapistName')
		const step = await offerNamedTherapist(clinicId, referralId, named.therapist.id, { kind: 'user', userId: auth.user.id })
		if (!step.ok) return refused(step.reason, step.message, step.message.startsWith('There is no such referral') ? undefined : 'therapistName')
		return done(`${step.therapistName} has been sent an offer. They are told now, and have the usual time to answer.`)
	},
}

export async function action({ request, params }: ActionFunctionArgs) {
	const auth = await requireClinicMember(request, routeParam(params, 'clinicId'))
	const submission = parseWithZod(await request.formData(), { schema: ActionSchema })
	const about = formOf(submission.payload)
	if (submission.status !== 'success') return data<Answer>({ result: submission.reply(), about, notice: null, billing: null }, { status: 400 })
	const handler = INTENTS[submission.value.intent] as Handler<Intent>
	const outcome = await handler(submission.value, { clinicId: routeParam(params, 'clinicId'), referralId: routeParam(params, 'referralId'), auth })
	const result = outcome.error
		? submission.reply(outcome.field ? { fieldErrors: { [outcome.field]: [outcome.error] } } : { formErrors: [outcome.error] })
		: submission.reply({ resetForm: submission.value.intent === 'message' })
	return data<Answer>({ result, about, notice: outcome.notice ?? null, change: outcome.change, billing: outcome.billing ?? null }, { status: outcome.status ?? 200 })
}

/** The form on this page an answer is about, by the intent (and dose) it was sent with; null for the buttons and confirmations, whose errors show at the top. */
function formOf(sent: Record<string, unknown>): string | null {
	if (sent.intent === 'offer_therapist') return 'offer-therapist'
	if (sent.intent === 'message') return 'message'
	if (sent.intent === 'add_dose') return 'dose-add'
	if (sent.intent === 'move_dose' && typeof sent.doseIndex === 'string') return `dose-${sent.doseIndex}`
	return null
}

const errorsOf = (result: SubmissionResult<string[]> | undefined) => [...new Set(Object.values(result?.error ?? {}).flat())].filter((e): e is string => Boolean(e))

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>
type OfferRow = Loaded['referral']['offers'][number]

export default function ReferralPage() {
	const { clinic, referral, steps, link, thread, plan, doses } = useLoaderData<typeof loader>()
	const zones: [{ timeZone: string }] = [{ timeZone: clinic.timeZone }]
	const actionData = useActionData<typeof action>() as Answer | undefined
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting'
	const [searchParams] = useSearchParams()
	const doneParam = searchParams.get('done')
	const when = dateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: clinic.timeZone })
	const change = actionData?.change ?? (isReferralChange(doneParam) ? doneParam : null)
	const notice = actionData?.notice ? { tone: 'success' as const, text: actionData.notice } : change ? changeNotice(change, referral.status) : null
	const about = actionData?.about ?? null
	const resultFor = useResultFor(actionData?.result, about)
	// A dropped dose's refusal shows with the doses; any other button's at the top.
	const droppingDose = actionData?.result.initialValue?.intent === 'drop_dose'
	const pageErrors = about || droppingDose ? [] : errorsOf(actionData?.result)
	const [offerForm, offerFields] = useForm<{ therapistName: string; therapistId: string }>({ id: 'offer-therapist', lastResult: resultFor('offer-therapist'), shouldRevalidate: 'onSubmit' })
	const offerColumns: Column<OfferRow>[] = [
		{
			header: 'Therapist',
			primary: true,
			cell: (o) => (
				<>
					<Link to={`/therapists/${o.therapist.id}`} className="text-brand-800 underline underline-offset-4">
						{o.therapist.name}
					</Link>
					<span className="block font-normal text-slate-700">{o.therapist.credentials}</span>
				</>
			),
		},
		{ header: 'Round', cell: (o) => o.round },
		{
			header: 'State',
			cell: (o) => (
				<>
					{o.pill ? <Pill tone={o.pill.tone}>{o.pill.text}</Pill> : o.statusLabel}
					{o.declineReason ? <span className="block text-slate-700">{o.declineReason}</span> : null}
				</>
			),
		},
		{
			header: 'Proposed first sessions',
			cell: (o) =>
				o.proposedTimes.length ? (
					<ul>
						{o.proposedTimes.map((iso) => (
							<li key={iso}>
								<TimeInZones iso={iso} zones={zones} />
							</li>
						))}
					</ul>
				) : (
					'—'
				),
		},
	]
	return (
		<div className="mx-auto max-w-3xl space-y-6 px-4 py-8 sm:py-12">
			<PageHeader
				back={{ to: `/clinics/${clinic.id}/referrals`, label: 'Referrals' }}
				title={
					<>
						{referral.patientName} <span className="whitespace-nowrap">· {referral.reference}</span>
					</>
				}
				description={
					<p className="flex flex-wrap items-center gap-2">
						<span>{referral.firstDosingAt ? `First dosing session ${when.format(new Date(referral.firstDosingAt))} (${clinic.zoneName})` : 'First dosing session not given yet'}</span>
						{referral.urgency === 'urgent' ? <Pill tone="warning">Urgent</Pill> : null}
					</p>
				}
			/>

			<Card title="Where it stands">
				<p className="mb-3">
					<span className="sr-only">Status: </span>
					<Pill tone={referral.statusTone}>{REFERRAL_STATUS_LABELS[referral.status]}</Pill>
				</p>
				{referral.needs ? (
					<p
						className={`mb-3 rounded border p-3 text-sm ${referral.needs.complete ? 'border-emerald-300 bg-emerald-50 text-emerald-900' : 'border-amber-300 bg-amber-50 text-amber-900'}`}
						data-testid="draft-needs"
					>
						{referral.needs.sentence}
					</p>
				) : null}
				{referral.summary.length ? <FactList facts={referral.summary.map((f) => [f.label, f.value] as const)} /> : null}
			</Card>

			<div aria-live="polite">{notice ? <Notice tone={notice.tone}>{notice.text}</Notice> : null}</div>
			<div role="alert">
				{pageErrors.length ? <p className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">{pageErrors.join(' ')}</p> : null}
				{actionData?.billing ? (
					<BillingRefusalNotice refusal={actionData.billing} kept={referral.status === 'draft' ? 'It stays a draft, and you can keep editing it.' : 'Nothing was changed.'} />
				) : null}
			</div>

			<Card title="Next steps">
				<div className="space-y-4">
					{steps.length === 0 ? <p className="text-slate-700">Nothing to do: this referral is {REFERRAL_STATUS_LABELS[referral.status].toLowerCase()}.</p> : null}
					<div className="flex flex-wrap items-start gap-3">
						{steps
							.filter((s) => s.kind !== 'offer_therapist' && s.kind !== 'cancel')
							.map((step) => (
								<StepControl key={step.kind} step={step} referral={referral} zones={zones} busy={busy} />
							))}
						{referral.needs?.complete === false ? null : (
							<ButtonLink variant="secondary" to="matches">
								Suggested therapists
							</ButtonLink>
						)}
						{steps.some((s) => s.kind === 'cancel') ? <StepControl step={{ kind: 'cancel' }} referral={referral} zones={zones} busy={busy} /> : null}
					</div>
					{steps.some((s) => s.kind === 'offer_therapist') ? (
						<Form method="post" {...getFormProps(offerForm)} className="space-y-2 border-t border-slate-200 pt-4" aria-labelledby="offer-therapist-title">
							<h3 id="offer-therapist-title" className="font-semibold text-slate-900">
								Offer a therapist you name
							</h3>
							<div className="flex flex-wrap items-end gap-3">
								<TherapistNameInput
									clinicId={clinic.id}
									label="Therapist’s name"
									description="A therapist you work with, such as a preferred partner. They get an offer now if matching’s rules find them eligible."
									error={[...(offerFields.therapistName.errors ?? []), ...(offerForm.errors ?? [])].join(' ') || null}
								/>
								<Button type="submit" name="intent" value="offer_therapist" disabled={busy} className="mb-auto sm:mt-6">
									Send the offer
								</Button>
							</div>
						</Form>
					) : null}
				</div>
			</Card>

			{plan ? (
				<Card title="The series plan">
					<p className="mb-2 text-sm text-slate-700">
						{plan.summary}. The therapist confirms or moves each session. Times are in {clinic.zoneName}.
					</p>
					<PlanList lines={plan.lines} label="Planned sessions" />
				</Card>
			) : null}

			{doses ? <DoseChanges doses={doses} zoneName={clinic.zoneName} resultFor={resultFor} dropError={droppingDose ? errorsOf(actionData?.result).join(' ') : null} busy={busy} /> : null}

			<section aria-labelledby="facts-title" className="space-y-3">
				<h2 id="facts-title" className="text-lg font-semibold">
					Shared with therapists before a match
				</h2>
				<FactList facts={referral.facts} />
			</section>

			<section aria-labelledby="patient-title" className="space-y-3 rounded-lg border border-amber-300 bg-amber-50/40 p-4 sm:p-5">
				<h2 id="patient-title" className="text-lg font-semibold">
					Shared only with the therapist the patient chooses
				</h2>
				{referral.patient ? (
					<FactList
						facts={[
							['Name', referral.patient.name],
							['Email', referral.patient.email],
							['Phone', referral.patient.phone ?? 'Not given'],
							['Date of birth', referral.patient.birthDate],
							['Notes', referral.patient.notes || 'None'],
						]}
						className="gap-x-6 gap-y-2 break-words [&_dd]:whitespace-pre-line"
					/>
				) : (
					<p>No patient details.</p>
				)}
			</section>

			{referral.offers.length ? (
				<section aria-labelledby="offers-title" className="space-y-3">
					<h2 id="offers-title" className="text-lg font-semibold">
						Offers
					</h2>
					<ResponsiveTable caption="Offers for this referral" columns={offerColumns} rows={referral.offers} rowKey={(o) => o.id} />
				</section>
			) : null}

			{link ? (
				<p className="text-sm text-slate-700">
					The patient’s current link was sent <TimeInZones iso={link.sentAt} zones={zones} />.
				</p>
			) : null}

			{thread ? (
				<MessageThread messages={thread.messages} counterpart={thread.counterpart} timeZone={clinic.timeZone} maxLength={MESSAGE_MAX_LENGTH} busy={busy} lastResult={resultFor('message')} />
			) : null}

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

/** One next step's control: a button, a link, or a confirmation for the destructive and final ones. */
function StepControl({ step, referral, zones, busy }: { step: NextStep; referral: Loaded['referral']; zones: [{ timeZone: string }]; busy: boolean }) {
	const submit = (intent: Intent, label: string, variant: 'primary' | 'secondary' = 'primary') => (
		<Form method="post">
			<Button type="submit" name="intent" value={intent} variant={variant} disabled={busy}>
				{label}
			</Button>
		</Form>
	)
	switch (step.kind) {
		case 'post':
			return submit('post', 'Post referral')
		case 'edit_draft':
			return (
				<ButtonLink variant="secondary" to="edit">
					Edit draft
				</ButtonLink>
			)
		case 'relax_criteria':
			return <ButtonLink to="edit">Change the criteria and post again</ButtonLink>
		case 'repost':
			return submit('repost', 'Post again as it is', 'secondary')
		case 'send_link':
			return submit('resend_link', step.first ? 'Send the patient their link' : 'Send the patient a new link', 'secondary')
		case 'revoke_link':
			return (
				<ConfirmAction
					trigger="Withdraw the patient’s link"
					triggerVariant="danger-outline"
					title="Withdraw the patient’s link?"
					description="The link stops working at once. The patient cannot see their therapists or choose until you send a new one."
					confirmLabel="Withdraw the link"
					fields={{ intent: 'revoke_link' }}
				/>
			)
		case 'record_choice': {
			const accepted = referral.offers.filter((o) => o.status === 'accepted')
			return (
				<ConfirmAction
					trigger="Record the patient’s choice"
					triggerVariant="primary"
					title="Record the patient’s choice"
					description="If the patient chose by phone or in person, record it for them. It is recorded as made by you on their behalf, and the other therapists are released."
					confirmLabel="Record this choice"
					confirmVariant="primary"
					cancelLabel="Not now"
					fields={{ intent: 'record_choice' }}
				>
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
				</ConfirmAction>
			)
		}
		case 'cancel':
			return (
				<ConfirmAction
					trigger="Cancel referral"
					triggerVariant="danger-outline"
					title="Cancel this referral?"
					description="Offers still out are withdrawn and the therapists are told. A cancelled referral cannot be posted again."
					confirmLabel="Cancel referral"
					fields={{ intent: 'cancel' }}
				>
					<div className="space-y-1">
						<label htmlFor="cancel-reason" className="block text-sm font-medium">
							Reason (optional, kept on the timeline)
						</label>
						<input id="cancel-reason" name="reason" maxLength={500} className="block w-full rounded border border-slate-400 px-3 py-2" />
					</div>
				</ConfirmAction>
			)
		case 'offer_therapist':
			return null
	}
}

type ResultFor = (formId: string) => SubmissionResult<string[]> | undefined

/** The doses, each still ahead with a way to move or drop it, and a way to add one; times in the clinic's zone. */
function DoseChanges({ doses, zoneName, resultFor, dropError, busy }: { doses: NonNullable<Loaded['doses']>; zoneName: string; resultFor: ResultFor; dropError: string | null; busy: boolean }) {
	return (
		<Card title="Dosing sessions">
			<p className="mb-3 text-sm text-slate-700">
				Move, drop or add a dose still ahead. The therapist’s plan follows, and a booked session that no longer fits is flagged to the therapist. Times are in {zoneName}.
			</p>
			<div role="alert">{dropError ? <p className="mb-3 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">{dropError}</p> : null}</div>
			<ol className="divide-y divide-slate-200">
				{doses.map((dose) => (
					<li key={dose.index} className="space-y-2 py-3">
						<p>
							<span className="font-medium">Dose {dose.index}</span>: {dose.when}
						</p>
						{dose.ahead ? (
							<div className="flex flex-wrap items-end gap-3">
								<DoseForm id={`dose-${dose.index}`} label={`Move dose ${dose.index} to`} doseIndex={dose.index} localValue={dose.localValue} lastResult={resultFor(`dose-${dose.index}`)} busy={busy} />
								{doses.length > 1 ? (
									<ConfirmAction
										trigger={`Drop dose ${dose.index}`}
										triggerVariant="danger-outline"
										triggerSize="sm"
										title={`Drop dose ${dose.index}?`}
										description="Its planned sessions are cancelled and the therapist is told."
										confirmLabel="Drop the dose"
										cancelLabel="Keep it"
										fields={{ intent: 'drop_dose', doseIndex: String(dose.index) }}
									/>
								) : null}
							</div>
						) : null}
					</li>
				))}
			</ol>
			<div className="mt-3 border-t border-slate-200 pt-3">
				<DoseForm id="dose-add" label="Add a dose at" lastResult={resultFor('dose-add')} busy={busy} />
			</div>
		</Card>
	)
}

/** Moving one dose, or adding one: a date and time in the clinic's zone, refused beside the field. */
function DoseForm({
	id,
	label,
	doseIndex,
	localValue,
	lastResult,
	busy,
}: {
	id: string
	label: string
	doseIndex?: number
	localValue?: string
	lastResult: SubmissionResult<string[]> | undefined
	busy: boolean
}) {
	const [form, fields] = useForm<{ at: string }>({ id, lastResult, shouldRevalidate: 'onSubmit' })
	// Whichever field a refusal names (the time, or the dose), it is said here.
	const errors = [...new Set(Object.values(form.allErrors).flat())]
	const typed = form.status === 'error' ? fields.at.initialValue : undefined
	return (
		<Form method="post" {...getFormProps(form)} className="flex flex-wrap items-end gap-2">
			{doseIndex === undefined ? null : <input type="hidden" name="doseIndex" value={doseIndex} />}
			<div className="space-y-1">
				<label htmlFor={fields.at.id} className="block text-sm font-medium">
					{label}
				</label>
				<input
					{...getInputProps(fields.at, { type: 'datetime-local', value: false, ariaAttributes: false })}
					// A moved dose's field starts again from its new time; a refused one keeps what was typed.
					key={`${localValue}-${typed ?? ''}`}
					defaultValue={typeof typed === 'string' ? typed : localValue}
					required
					aria-invalid={errors.length ? true : undefined}
					aria-describedby={errors.length ? fields.at.errorId : undefined}
					className="block rounded border border-slate-400 px-3 py-1.5 text-slate-900 aria-[invalid]:border-red-700"
				/>
			</div>
			<Button type="submit" name="intent" value={doseIndex === undefined ? 'add_dose' : 'move_dose'} variant="secondary" size="sm" disabled={busy}>
				{doseIndex === undefined ? 'Add the dose' : 'Move'}
			</Button>
			<div className="basis-full">
				<ErrorList id={fields.at.errorId} errors={errors} />
			</div>
		</Form>
	)
}
