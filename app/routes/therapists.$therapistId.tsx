// A therapist's profile for clinics choosing partners (and platform admins, and the therapist
// themself): approach, training, fees, weekly hours and where they may see patients today. A clinic
// member also sees their clinic's standing with the therapist — add to partners, block — and the
// clinic's private note, and can change them.
import { getFormProps, getTextareaProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Avatar } from '#app/components/ui/avatar.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Card } from '#app/components/ui/card.tsx'
import { ConfirmAction } from '#app/components/ui/confirm-dialog.tsx'
import { ErrorList, FormError, Notice } from '#app/components/ui/forms.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pill } from '#app/components/ui/pill.tsx'
import { clinicTherapist, setNote, setStanding } from '#app/domain/clinics/partners.server.ts'
import { NOTE_MAX_LENGTH } from '#app/domain/clinics/partners.ts'
import { StandingChangeSchema } from '#app/domain/clinics/schemas.ts'
import { canViewTherapistProfile } from '#app/domain/auth/roles.ts'
import { describePlaces, describeWeeklyHours } from '#app/domain/therapists/profile-text.ts'
import { getTherapistProfile } from '#app/domain/therapists/profiles.server.ts'
import { FOCUS_AREAS, FORMATS, languageLabel, MODALITIES, PAYERS, PHASES } from '#app/domain/reference/index.ts'
import { requireClinicMember, requireUser } from '#app/utils/permissions.server.ts'
import { httpStatus } from '#app/utils/http.server.ts'
import { routeParam } from '#app/utils/invariant.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.profile.fullName ?? 'Therapist'} — Tandem` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const auth = await requireUser(request)
	if (!canViewTherapistProfile(auth.principal, routeParam(params, 'therapistId'))) throw new Response('Forbidden', { status: 403 })
	const profile = await getTherapistProfile(routeParam(params, 'therapistId'))
	if (!profile) throw new Response('Not found', { status: 404 })
	// The clinic the member works in (their first, as the navigation does).
	const clinicId = auth.principal.memberships[0]?.clinicId ?? null
	const clinic = clinicId ? { id: clinicId, ...(await clinicTherapist(clinicId, profile.id)) } : null
	return { profile, clinic, coverage: describePlaces(profile.places, profile), hours: describeWeeklyHours(profile.availability, profile.timeZone) }
}

const DONE = {
	partner: 'Added to your clinic’s partners: matching ranks them a little higher for your referrals.',
	block: 'Blocked: your clinic’s matching leaves them out from now on.',
	clear: 'They are neither a partner nor blocked now.',
	note: 'Note saved. Only your clinic sees it.',
} as const

type ActionData = { result: SubmissionResult<string[]>; notice: string | null }

export async function action({ request, params }: ActionFunctionArgs) {
	// Only clinic members keep a standing with therapists.
	const { principal } = await requireUser(request)
	if (principal.memberships.length === 0) throw new Response('Forbidden', { status: 403 })
	const submission = parseWithZod(await request.formData(), { schema: StandingChangeSchema })
	if (submission.status !== 'success') {
		const unknown = Boolean(submission.error?.intent)
		return data<ActionData>({ result: submission.reply(unknown ? { fieldErrors: { intent: ['Choose what to change.'] } } : undefined), notice: null }, { status: 400 })
	}
	const input = submission.value
	const auth = await requireClinicMember(request, input.clinicId)
	const result =
		input.intent === 'note'
			? await setNote(input.clinicId, routeParam(params, 'therapistId'), input.note, auth.user.id)
			: await setStanding(input.clinicId, routeParam(params, 'therapistId'), input.intent === 'partner' ? 'partner' : input.intent === 'block' ? 'blocked' : null, auth.user.id)
	if (!result.ok) {
		const refusal = input.intent === 'note' && result.reason === 'invalid' ? { fieldErrors: { note: [result.message] } } : { formErrors: [result.message] }
		return data<ActionData>({ result: submission.reply(refusal), notice: null }, { status: httpStatus(result.reason) })
	}
	return data<ActionData>({ result: submission.reply(), notice: DONE[input.intent] })
}

const errorsOf = (result: SubmissionResult<string[]> | undefined) =>
	result?.error
		? Object.values(result.error)
				.flat()
				.filter((e): e is string => Boolean(e))
		: null

/** The clinic's private note on the therapist: its own form, its refusal under the note. */
function NoteForm({ clinicId, note, lastResult, busy }: { clinicId: string; note: string; lastResult: SubmissionResult<string[]> | undefined; busy: boolean }) {
	const [form, fields] = useForm({
		id: 'clinic-note',
		lastResult,
		defaultValue: { note },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: StandingChangeSchema }),
	})
	return (
		<Form method="post" {...getFormProps(form)} className="space-y-2">
			<input type="hidden" name="intent" value="note" />
			<input type="hidden" name="clinicId" value={clinicId} />
			<label htmlFor={fields.note.id} className="block text-sm font-medium">
				Private note (only your clinic sees it)
			</label>
			<textarea {...getTextareaProps(fields.note)} rows={3} maxLength={NOTE_MAX_LENGTH} className="w-full rounded border border-slate-400 px-3 py-2 aria-[invalid]:border-red-700" />
			<ErrorList id={fields.note.errorId} errors={fields.note.errors} />
			<FormError id={form.errorId} errors={form.errors} />
			<Button type="submit" variant="secondary" disabled={busy}>
				Save note
			</Button>
		</Form>
	)
}

function Tags({ label, values }: { label: string; values: string[] }) {
	return (
		<div className="min-w-0 break-words">
			<dt className="font-medium text-slate-900">{label}</dt>
			<dd className="mt-1 text-slate-800">{values.length ? values.join(', ') : 'Not given'}</dd>
		</div>
	)
}

export default function TherapistProfilePage() {
	const { profile, clinic, coverage, hours } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() as ActionData | undefined
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting'
	const result = navigation.state === 'idle' ? actionData?.result : undefined
	const onNote = result?.initialValue?.intent === 'note'
	const fees = [profile.selfPayRate != null ? `$${profile.selfPayRate} per session` : null, profile.slidingScale ? 'sliding scale available' : null].filter(Boolean)
	return (
		<article aria-labelledby="page-title" className="mx-auto max-w-4xl space-y-8 px-4 py-12">
			<div className="flex min-w-0 flex-col gap-4 sm:flex-row sm:items-start">
				<Avatar name={profile.fullName} photoUrl={profile.photoVersion ? `/therapists/${profile.id}/photo?v=${profile.photoVersion}` : null} size="lg" />
				<div className="min-w-0 flex-1">
					<PageHeader
						title={
							<>
								{profile.fullName}
								{profile.pronouns ? <span className="ml-2 text-base font-normal text-slate-700">({profile.pronouns})</span> : null}
							</>
						}
						description={
							<div className="space-y-2">
								<p className="break-words text-slate-800">{profile.credentials}</p>
								<p>
									<Pill tone={profile.accepting ? 'success' : 'neutral'}>{profile.accepting ? 'Accepting new referrals' : 'Not accepting new referrals at the moment'}</Pill>
									{clinic?.standing ? (
										<Pill tone={clinic.standing === 'partner' ? 'info' : 'danger'} className="ml-2">
											{clinic.standing === 'partner' ? 'Our partner' : 'Blocked by your clinic'}
										</Pill>
									) : null}
								</p>
								{profile.bio ? <p className="max-w-prose break-words text-slate-800">{profile.bio}</p> : null}
							</div>
						}
					/>
				</div>
			</div>

			{clinic ? (
				<Card title={`Your clinic and ${profile.fullName}`}>
					<div className="space-y-3">
						<div aria-live="polite">{actionData?.notice ? <Notice tone="success">{actionData.notice}</Notice> : null}</div>
						<p>
							{clinic.standing === 'partner'
								? 'A preferred partner of your clinic: matching ranks them a little higher for your referrals (never above what fits).'
								: clinic.standing === 'blocked'
									? 'Blocked by your clinic: your referrals are never offered to them.'
									: 'Neither a partner of your clinic nor blocked.'}
						</p>
						<div className="flex flex-wrap gap-3">
							{clinic.standing !== 'partner' ? (
								<Form method="post">
									<input type="hidden" name="clinicId" value={clinic.id} />
									<Button type="submit" name="intent" value="partner" disabled={busy}>
										Add to our partners
									</Button>
								</Form>
							) : null}
							{clinic.standing !== 'blocked' ? (
								<ConfirmAction
									trigger="Block"
									triggerVariant="danger-outline"
									title={`Block ${profile.fullName}?`}
									description="Your clinic’s referrals will not be offered to them, and they leave your directory searches. You can unblock them later."
									confirmLabel="Block them"
									fields={{ clinicId: clinic.id, intent: 'block' }}
								/>
							) : null}
							{clinic.standing === 'partner' ? (
								<ConfirmAction
									trigger="Remove from our partners"
									title={`Remove ${profile.fullName} from your partners?`}
									description="Matching stops ranking them higher for your referrals. You can add them again later."
									confirmLabel="Remove from partners"
									fields={{ clinicId: clinic.id, intent: 'clear' }}
								/>
							) : null}
							{clinic.standing === 'blocked' ? (
								<Form method="post">
									<input type="hidden" name="clinicId" value={clinic.id} />
									<Button type="submit" name="intent" value="clear" variant="secondary" disabled={busy}>
										Unblock
									</Button>
								</Form>
							) : null}
						</div>
						<FormError id="standing-error" errors={onNote ? null : errorsOf(result)} />
						<NoteForm clinicId={clinic.id} note={clinic.note} lastResult={onNote ? result : undefined} busy={busy} />
					</div>
				</Card>
			) : null}

			<section aria-labelledby="coverage-title" className="space-y-2 rounded-lg border border-brand-100 bg-brand-50 p-4">
				<h2 id="coverage-title" className="text-lg font-semibold">
					Where they may see patients
				</h2>
				{coverage.length === 0 ? (
					<p>Nowhere yet: no current, verified licence or authorization where they practise.</p>
				) : (
					<ul className="list-disc space-y-1 pl-5">
						{coverage.map((line) => (
							<li key={line}>{line}</li>
						))}
					</ul>
				)}
			</section>

			<section aria-labelledby="approach-title" className="space-y-3">
				<h2 id="approach-title" className="text-lg font-semibold">
					How they work
				</h2>
				<dl className="grid gap-4 sm:grid-cols-2">
					<Tags label="Phases of care" values={profile.phases.map(PHASES.label)} />
					<Tags label="Formats" values={profile.formats.map(FORMATS.label)} />
					<Tags label="Approaches" values={profile.modalities.map(MODALITIES.label)} />
					<Tags label="Focus areas" values={profile.focusAreas.map(FOCUS_AREAS.label)} />
					<Tags label="Languages" values={profile.languages.map(languageLabel)} />
					<div>
						<dt className="font-medium text-slate-900">Office</dt>
						<dd className="mt-1 text-slate-800">{profile.office ? `${profile.office.city}, ${profile.office.state} ${profile.office.zip}` : 'Telehealth only'}</dd>
					</div>
				</dl>
			</section>

			<section aria-labelledby="training-title" className="space-y-1">
				<h2 id="training-title" className="text-lg font-semibold">
					Ketamine-assisted therapy training
				</h2>
				<p className="text-slate-800">
					{profile.kapTraining.hours > 0
						? `${profile.kapTraining.hours} hours${profile.kapTraining.program ? `, ${profile.kapTraining.program}` : ''}${profile.kapTraining.year ? ` (${profile.kapTraining.year})` : ''}`
						: 'No KAP training listed.'}
				</p>
			</section>

			<section aria-labelledby="fees-title" className="space-y-3">
				<h2 id="fees-title" className="text-lg font-semibold">
					Fees and insurance
				</h2>
				<dl className="grid gap-4 sm:grid-cols-2">
					<Tags label="Self-pay" values={fees as string[]} />
					<Tags label="Insurance accepted" values={profile.insurancePayers.map(PAYERS.label)} />
				</dl>
			</section>

			<section aria-labelledby="hours-title" className="space-y-2">
				<h2 id="hours-title" className="text-lg font-semibold">
					Usual weekly hours
				</h2>
				{hours.length === 0 ? (
					<p className="text-slate-800">No weekly hours listed.</p>
				) : (
					<ul className="space-y-1 text-slate-800">
						{hours.map((line) => (
							<li key={line}>{line}</li>
						))}
					</ul>
				)}
			</section>
		</article>
	)
}
