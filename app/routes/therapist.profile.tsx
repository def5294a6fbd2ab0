// A therapist's own profile, in steps that each save on their own (so it can be filled in over
// several visits): about you, licenses and authorizations (which wait for verification), how you
// work, fees, weekly hours and date overrides, their own calendar (in) and the private address of
// their sessions for it (out), training, capacity.
import { getFormProps, getInputProps, type Submission, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { type ReactNode } from 'react'
import { z } from 'zod'
import { Button } from '#app/components/ui/button.tsx'
import { ConfirmAction } from '#app/components/ui/confirm-dialog.tsx'
import { ConnectionCard } from '#app/components/ui/connection-card.tsx'
import { CheckboxField, CheckboxGroupField, FieldError, SelectField, TextField, useResultFor } from '#app/components/ui/conform-fields.tsx'
import { Notice, SubmitButton } from '#app/components/ui/forms.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pill } from '#app/components/ui/pill.tsx'
import { formatHours } from '#app/domain/availability/hours-text.ts'
import { overridesFromRows } from '#app/domain/availability/ranges.ts'
import { dateOnly } from '#app/domain/calendar-dates.ts'
import { AUTHORIZATION_KINDS, FOCUS_AREAS, FORMATS, LANGUAGES, LICENSE_TYPES, MODALITIES, PAYERS, PHASES, STATES, authorizationKindLabel, licenseTypeLabel } from '#app/domain/reference/index.ts'
import {
	addAuthorization,
	addLicense,
	getEditableProfile,
	removeCredential,
	removeDateOverride,
	removePhoto,
	replaceWeeklyHours,
	setPhoto,
	setDateOverride,
	updateProfileSection,
	type SectionResult,
} from '#app/domain/therapists/profile-editing.server.ts'
import {
	AuthorizationSchema,
	CalendarFeedSchema,
	CapacitySchema,
	DateOverrideSchema,
	FeesSchema,
	IdentitySchema,
	LicenseSchema,
	PracticeSchema,
	RemoveDateOverrideSchema,
	TIME_ZONE_CHOICES,
	TrainingSchema,
	WeeklyHoursSchema,
} from '#app/domain/therapists/profile-schemas.ts'
import { therapistCredentialStatus, therapistMayRemove } from '#app/domain/therapists/credential-presenter.ts'
import { PHOTO_MAX_BYTES } from '#app/domain/therapists/photo.ts'
import { completedSteps, PROFILE_STEPS } from '#app/domain/therapists/profile-steps.ts'
import { timeZoneName } from '#app/domain/therapists/profile-text.ts'
import { requireTherapist } from '#app/utils/permissions.server.ts'
import { feedStatus, readCalendarFeed, removeCalendarFeed, setCalendarFeed } from '#app/domain/calendar/feeds.server.ts'
import { presentFeed } from '#app/domain/calendar/feed-status.ts'
import { actOnSessionFeed, sessionFeedState } from '#app/domain/calendar/session-feeds.server.ts'
import { presentSessionFeed } from '#app/domain/calendar/session-feed-view.ts'
import { SessionFeedSettings } from '#app/components/session-feed-settings.tsx'

export const meta: MetaFunction = () => [{ title: 'Your profile — Tandem' }]

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

export async function loader({ request }: LoaderFunctionArgs) {
	const { therapistId, user } = await requireTherapist(request)
	const p = await getEditableProfile(therapistId)
	const done = completedSteps({ ...p, licenses: p.licenses.length, weeklyRules: p.availability.length })
	const overrides = overridesFromRows(p.availabilityOverrides.map((o) => ({ ...o, date: dateOnly(o.date) })))
	const now = new Date()
	const calendar = presentFeed(await feedStatus(therapistId, now), p.timeZone, now)
	const sessionFeed = presentSessionFeed(await sessionFeedState(user.id), p.timeZone, now)
	return {
		calendar,
		sessionFeed,
		id: p.id,
		photoVersion: p.photo ? String(p.photo.updatedAt.getTime()) : null,
		steps: PROFILE_STEPS.map((s) => ({ ...s, done: done.has(s.id) })),
		identity: { fullName: p.fullName, pronouns: p.pronouns ?? '', credentials: p.credentials, bio: p.bio, timeZone: p.timeZone },
		practice: { phases: p.phases, formats: p.formats, modalities: p.modalities, focusAreas: p.focusAreas, languages: p.languages, officeZip: p.officeZip ?? '' },
		fees: { selfPayRate: p.selfPayRate, slidingScale: p.slidingScale, insurancePayers: p.insurancePayers },
		capacity: { weeklyCapacity: p.weeklyCapacity, accepting: p.accepting },
		training: { kapProgram: p.kapProgram ?? '', kapTrainingHours: p.kapTrainingHours, kapYear: p.kapYear },
		licenses: p.licenses.map((l) => ({
			id: l.id,
			label: `${licenseTypeLabel(l.type)}, ${l.state} #${l.number}`,
			expiresOn: dateOnly(l.expiresOn),
			standing: therapistCredentialStatus(l),
			removable: therapistMayRemove(l.status),
		})),
		authorizations: p.authorizations.map((a) => ({
			id: a.id,
			label: `${authorizationKindLabel(a.kind)} from ${a.homeState}${a.states.length ? `: ${a.states.join(', ')}` : ': every member state'}`,
			expiresOn: dateOnly(a.expiresOn),
			standing: therapistCredentialStatus(a),
			removable: therapistMayRemove(a.status),
		})),
		hours: DAYS.map((_, day) => formatHours(p.availability.filter((r) => r.dayOfWeek === day))),
		overrides: overrides.map(({ date, ranges }) => ({ date, hours: ranges.length ? formatHours(ranges) : 'Day off' })),
		zoneName: timeZoneName(p.timeZone),
		// Arrived from a clinic's invitation.
		joined: new URL(request.url).searchParams.get('joined') === '1',
	}
}

/** Conform's answer (what was typed, the errors by field), which form it is about, and a notice; `feedUrl`: the session feed's address just made, shown this once. */
type ActionData = { intent: string; result: SubmissionResult<string[]>; notice: string | null; feedUrl?: string | null }

/** Errors on one checkbox of a group (`modalities[0]`) belong to the group. */
function byField(result: SubmissionResult<string[]>): SubmissionResult<string[]> {
	if (!result.error) return result
	const grouped: Record<string, string[]> = {}
	for (const [key, messages] of Object.entries(result.error)) {
		const field = key.replace(/\[\d+\]$/, '')
		grouped[field] = [...new Set([...(grouped[field] ?? []), ...(messages ?? [])])]
	}
	return { ...result, error: grouped }
}

type Parsed = Submission<Record<string, unknown>, string[], unknown>
const answer = (intent: string, result: SubmissionResult<string[]>, notice: string | null, status = 200) => data<ActionData>({ intent, result: byField(result), notice }, { status })
const intentOf = (submission: Parsed) => String(submission.payload.intent ?? '')
const refused = (submission: Parsed, errors: Record<string, string[]>, status = 400) => {
	const { '': formErrors, ...fieldErrors } = errors
	return answer(intentOf(submission), submission.reply({ formErrors, fieldErrors, hideFields: ['photo'] }), null, status)
}
// A saved form starts again from what is stored.
const saved = (submission: Parsed, notice: string) => answer(intentOf(submission), submission.reply({ resetForm: true }), notice)
const fromResult = (submission: Parsed, result: SectionResult, notice: string) => (result.ok ? saved(submission, notice) : refused(submission, { [result.field]: [result.message] }))
const invalid = (submission: Parsed) => answer(intentOf(submission), submission.reply({ hideFields: ['photo'] }), null, 400)

const SECTIONS = { identity: IdentitySchema, practice: PracticeSchema, fees: FeesSchema, capacity: CapacitySchema, training: TrainingSchema } as const
const IdSchema = z.object({ id: z.string().min(1).max(64) })
const NoFields = z.object({})

type Context = { therapistId: string; userId: string }
type Handler = (formData: FormData, c: Context) => Promise<ReturnType<typeof answer>>

const removeCredentialOf =
	(kind: 'license' | 'authorization'): Handler =>
	async (formData, { therapistId, userId }) => {
		const submission = parseWithZod(formData, { schema: IdSchema })
		const removed = submission.status === 'success' ? await removeCredential(therapistId, userId, kind, submission.value.id) : ({ ok: false, reason: 'not_found' } as const)
		if (!removed.ok && removed.reason === 'on_record') {
			return refused(submission, { '': ['A suspended or revoked credential stays on your profile; write to Tandem if you think it is wrong.'] }, 409)
		}
		if (!removed.ok) return refused(submission, { '': ['That one is no longer on your profile.'] }, 404)
		return saved(submission, 'Removed.')
	}

const sessionFeedAction =
	(intent: 'feed-create' | 'feed-revoke'): Handler =>
	async (formData, { userId }) => {
		const outcome = await actOnSessionFeed(userId, intent)
		return data<ActionData>({ intent, result: parseWithZod(formData, { schema: NoFields }).reply(), notice: outcome.notice, feedUrl: outcome.feedUrl })
	}

/** Each intent's handler; a profile section's form (`SECTIONS`) is saved by its own schema. */
const INTENTS: Record<string, Handler> = {
	'add-license': async (formData, { therapistId, userId }) => {
		const submission = parseWithZod(formData, { schema: LicenseSchema })
		if (submission.status !== 'success') return invalid(submission)
		return fromResult(submission, await addLicense(therapistId, userId, submission.value), 'License added. It counts once we have verified it with the board.')
	},
	'add-authorization': async (formData, { therapistId, userId }) => {
		const submission = parseWithZod(formData, { schema: AuthorizationSchema })
		if (submission.status !== 'success') return invalid(submission)
		return fromResult(submission, await addAuthorization(therapistId, userId, submission.value), 'Authorization added. It counts once we have verified it.')
	},
	'remove-license': removeCredentialOf('license'),
	'remove-authorization': removeCredentialOf('authorization'),
	hours: async (formData, { therapistId, userId }) => {
		const submission = parseWithZod(formData, { schema: WeeklyHoursSchema })
		if (submission.status !== 'success') return invalid(submission)
		const { day0, day1, day2, day3, day4, day5, day6 } = submission.value
		await replaceWeeklyHours(therapistId, userId, [day0, day1, day2, day3, day4, day5, day6])
		return saved(submission, 'Weekly hours saved.')
	},
	'add-override': async (formData, { therapistId, userId }) => {
		const submission = parseWithZod(formData, { schema: DateOverrideSchema })
		if (submission.status !== 'success') return invalid(submission)
		return fromResult(submission, await setDateOverride(therapistId, userId, submission.value.date, submission.value.overrideHours), 'Date saved.')
	},
	photo: async (formData, { therapistId, userId }) => {
		const submission = parseWithZod(formData, { schema: z.object({ photo: z.unknown() }) })
		const file = formData.get('photo')
		const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array()
		return fromResult(submission, await setPhoto(therapistId, userId, bytes), 'Photo saved.')
	},
	'remove-photo': async (formData, { therapistId, userId }) => {
		await removePhoto(therapistId, userId)
		return saved(parseWithZod(formData, { schema: NoFields }), 'Photo removed.')
	},
	calendar: async (formData, { therapistId, userId }) => {
		const submission = parseWithZod(formData, { schema: CalendarFeedSchema })
		if (submission.status !== 'success') return invalid(submission)
		const set = await setCalendarFeed(therapistId, submission.value.calendarUrl, userId)
		if (!set.ok) return refused(submission, { calendarUrl: [set.error] })
		return saved(
			submission,
			set.read.ok ? 'Calendar connected and read: its busy times no longer count as free.' : `Calendar saved, but it could not be read yet: ${set.read.error} Tandem tries again every 15 minutes.`,
		)
	},
	'calendar-refresh': async (formData, { therapistId }) => {
		const submission = parseWithZod(formData, { schema: NoFields })
		const read = await readCalendarFeed(therapistId)
		if (!read.ok && read.error === 'none') return refused(submission, { '': ['No calendar is connected.'] }, 404)
		return read.ok ? saved(submission, 'Calendar read again.') : refused(submission, { '': [read.error] }, 422)
	},
	'calendar-remove': async (formData, { therapistId, userId }) => {
		const submission = parseWithZod(formData, { schema: NoFields })
		if (!(await removeCalendarFeed(therapistId, userId))) return refused(submission, { '': ['No calendar is connected.'] }, 404)
		return saved(submission, 'Calendar disconnected: only your weekly hours count now.')
	},
	'feed-create': sessionFeedAction('feed-create'),
	'feed-revoke': sessionFeedAction('feed-revoke'),
	'remove-override': async (formData, { therapistId, userId }) => {
		const submission = parseWithZod(formData, { schema: RemoveDateOverrideSchema })
		if (submission.status !== 'success' || !(await removeDateOverride(therapistId, userId, submission.value.date))) return refused(submission, { '': ['That date has no change of hours.'] }, 404)
		return saved(submission, 'Date removed; your usual hours apply.')
	},
}

export async function action({ request }: ActionFunctionArgs) {
	const { therapistId, user } = await requireTherapist(request)
	// A photo is at most 2 MB; refuse a far larger body before reading it.
	if (Number(request.headers.get('Content-Length') ?? 0) > PHOTO_MAX_BYTES + 256 * 1024) {
		return answer('photo', { status: 'error', initialValue: { intent: 'photo' }, error: { photo: ['The photo is larger than 2 MB; choose a smaller one.'] } }, null, 413)
	}
	const formData = await request.formData()
	const intent = String(formData.get('intent') ?? '')

	if (Object.hasOwn(SECTIONS, intent)) {
		const section = intent as keyof typeof SECTIONS
		const submission = parseWithZod(formData, { schema: SECTIONS[section] })
		if (submission.status !== 'success') return invalid(submission)
		const result = await updateProfileSection(therapistId, user.id, { section, value: submission.value } as Parameters<typeof updateProfileSection>[2])
		return fromResult(submission, result, 'Saved.')
	}
	const handler = Object.hasOwn(INTENTS, intent) ? INTENTS[intent] : undefined
	if (!handler) return refused(parseWithZod(formData, { schema: NoFields }), { intent: ['That action is not known. Reload the page and try again.'] })
	return handler(formData, { therapistId, userId: user.id })
}

function Section({ id, title, children, done }: { id: string; title: string; children: ReactNode; done?: boolean }) {
	return (
		<section id={id} aria-labelledby={`${id}-title`} className="min-w-0 scroll-mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
			<h2 id={`${id}-title`} className="flex flex-wrap items-center gap-2 text-lg font-semibold">
				{title}
				{done ? <Pill tone="success">Done</Pill> : null}
			</h2>
			{children}
		</section>
	)
}

const options = <T extends { slug: string; label: string }>(entries: readonly T[]) => entries.map((e) => ({ value: e.slug, label: e.label }))
const stateOptions = STATES.map((s) => ({ value: s.code, label: s.name }))

/** The form each intent's answer is about; the buttons and confirmations (removing, reading the calendar again) answer at their section's top. */
const FORM_OF: Record<string, string> = {
	identity: 'identity',
	photo: 'photo',
	'add-license': 'license',
	'add-authorization': 'authorization',
	practice: 'practice',
	fees: 'fees',
	hours: 'hours',
	'add-override': 'override',
	calendar: 'calendar',
	training: 'training',
	capacity: 'capacity',
}

/** The buttons and confirmations without fields of their own. */
const BUTTONS = ['remove-license', 'remove-authorization', 'remove-photo', 'calendar-refresh', 'calendar-remove', 'remove-override']

const checked = (on: boolean) => (on ? 'on' : '')
const given = (value: number | null) => (value === null ? '' : String(value))

export default function TherapistProfileEditor() {
	const profile = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() as ActionData | undefined
	const resultFor = useResultFor(actionData?.result, actionData ? (FORM_OF[actionData.intent] ?? null) : null)
	// A form's id differs from its section's: the fields name their form by it.
	const section = <T extends Record<string, unknown>>(id: string, defaultValue: T) => ({ id: `${id}-form`, lastResult: resultFor(id), defaultValue, shouldRevalidate: 'onSubmit' as const })
	const [identityForm, identity] = useForm(section('identity', profile.identity))
	const [photoForm, photo] = useForm(section<{ photo?: string }>('photo', {}))
	const [licenseForm, license] = useForm(section('license', { state: '', type: '', number: '', expiresOn: '' }))
	const [authorizationForm, authorization] = useForm(section('authorization', { kind: '', homeState: '', states: '', expiresOn: '' }))
	const [practiceForm, practice] = useForm(section('practice', profile.practice))
	const [feesForm, fees] = useForm(section('fees', { selfPayRate: given(profile.fees.selfPayRate), slidingScale: checked(profile.fees.slidingScale), insurancePayers: profile.fees.insurancePayers }))
	const [hoursForm, hours] = useForm(section('hours', Object.fromEntries(profile.hours.map((h, day) => [`day${day}`, h])) as Record<`day${number}`, string>))
	const [overrideForm, override] = useForm(section('override', { date: '', overrideHours: '' }))
	const [calendarForm, calendar] = useForm(section('calendar', { calendarUrl: '' }))
	const [trainingForm, training] = useForm(
		section('training', { kapProgram: profile.training.kapProgram, kapTrainingHours: given(profile.training.kapTrainingHours), kapYear: given(profile.training.kapYear) }),
	)
	const [capacityForm, capacity] = useForm(section('capacity', { weeklyCapacity: given(profile.capacity.weeklyCapacity), accepting: checked(profile.capacity.accepting) }))
	const noticeFor = (intent: string) => (actionData?.intent === intent && actionData.notice ? <Notice tone="success">{actionData.notice}</Notice> : null)
	// The buttons without a form of their own say why they were refused at their section's top.
	const formError = (intent: string) => {
		const errors = actionData?.intent === intent && !FORM_OF[intent] ? Object.values(actionData.result.error ?? {}).flat() : []
		return errors.length ? (
			<p role="alert" className="text-sm text-red-800">
				{errors.join(' ')}
			</p>
		) : null
	}
	const stepDone = (id: string) => profile.steps.find((s) => s.id === id)?.done
	const doneCount = profile.steps.filter((s) => s.done).length

	return (
		<div className="mx-auto max-w-3xl space-y-8 px-4 py-12">
			<div className="space-y-3">
				<PageHeader title="Your profile" />
				{profile.joined ? (
					<Notice tone="success">
						Welcome to Tandem. The clinic that invited you has you as one of its preferred partners. Add your licenses (Tandem verifies them), how you work, your weekly hours and how many new
						referrals a week you can take: offers start once a license is verified and you have capacity.
					</Notice>
				) : null}
				{actionData && !FORM_OF[actionData.intent] && !BUTTONS.includes(actionData.intent) ? formError(actionData.intent) : null}
				<p className="text-slate-700">
					{doneCount} of {profile.steps.length} steps done. Each step saves on its own; come back to the rest any time.{' '}
					<Link className="font-medium text-brand-700 underline" to={`/therapists/${profile.id}`}>
						See your profile as clinics see it
					</Link>
					.
				</p>
				<nav aria-label="Profile steps">
					<ol className="grid gap-1 text-sm sm:grid-cols-2">
						{profile.steps.map((step) => (
							<li key={step.id}>
								<a className="text-brand-700 underline" href={`#${step.id}`}>
									{step.label}
								</a>{' '}
								{step.done ? '✓' : <span className="text-slate-700">(to do)</span>}
							</li>
						))}
					</ol>
				</nav>
			</div>

			<Section id="identity" title="About you" done={stepDone('identity')}>
				{noticeFor('identity')}
				<Form method="post" {...getFormProps(identityForm)} className="space-y-4">
					<TextField meta={identity.fullName} label="Name" />
					<TextField meta={identity.pronouns} label="Pronouns (optional)" />
					<TextField meta={identity.credentials} label="Credentials as you want them shown" hint="For example: LPC, LMFT" />
					<TextField meta={identity.bio} label="Short bio" multiline maxLength={1200} hint="What a client should know about how you work. At most 1,200 characters." />
					<SelectField meta={identity.timeZone} label="Your time zone" options={TIME_ZONE_CHOICES.map((z) => ({ value: z, label: `${timeZoneName(z)} (${z})` }))} />
					<SubmitButton name="intent" value="identity">
						Save
					</SubmitButton>
				</Form>
				<div className="space-y-3 border-t border-slate-200 pt-4">
					<h3 className="font-medium">Photo (optional)</h3>
					{noticeFor('photo') ?? noticeFor('remove-photo')}
					{profile.photoVersion ? (
						<img src={`/therapists/${profile.id}/photo?v=${profile.photoVersion}`} alt="You, as clinics see you" width={96} height={96} className="h-24 w-24 rounded object-cover" />
					) : null}
					<Form method="post" {...getFormProps(photoForm)} encType="multipart/form-data" className="flex flex-wrap items-end gap-3">
						<div className="space-y-1">
							<label htmlFor={photo.photo.id} className="block text-sm font-medium">
								JPEG, PNG or WebP, at most 2 MB
							</label>
							<input
								{...getInputProps(photo.photo, { type: 'file', ariaAttributes: false })}
								accept="image/jpeg,image/png,image/webp"
								aria-invalid={photo.photo.errors?.length ? true : undefined}
								aria-describedby={photo.photo.errors?.length ? photo.photo.errorId : undefined}
								className="block max-w-full text-sm"
							/>
							<FieldError meta={photo.photo} />
						</div>
						<SubmitButton name="intent" value="photo">
							Upload photo
						</SubmitButton>
						{profile.photoVersion ? (
							<ConfirmAction
								trigger="Remove photo"
								triggerVariant="danger-outline"
								title="Remove your photo?"
								description="Clinics and patients see your initials instead. You can upload a photo again any time."
								confirmLabel="Remove the photo"
								fields={{ intent: 'remove-photo' }}
							/>
						) : null}
					</Form>
				</div>
			</Section>

			<Section id="licenses" title="Licenses and authorizations" done={stepDone('licenses')}>
				{noticeFor('add-license') ?? noticeFor('add-authorization') ?? noticeFor('remove-license') ?? noticeFor('remove-authorization')}
				{formError('remove-license') ?? formError('remove-authorization')}
				<p className="text-sm text-slate-700">
					Clinics can refer to you only where a verified, unexpired license (or, for telehealth, an authorization) covers the patient’s state. We check each one with the issuing board.
				</p>
				<ul className="divide-y divide-slate-200 rounded border border-slate-200">
					{[...profile.licenses.map((c) => ({ ...c, kind: 'license' })), ...profile.authorizations.map((c) => ({ ...c, kind: 'authorization' }))].map((c) => (
						<li key={c.id} className="flex flex-wrap items-center justify-between gap-3 p-3 text-sm">
							<div className="min-w-0">
								<p className="break-words font-medium">{c.label}</p>
								<p className="text-slate-700">
									Expires {c.expiresOn} · {c.standing}
								</p>
							</div>
							{c.removable ? (
								<ConfirmAction
									trigger={
										<>
											Remove<span className="sr-only"> {c.label}</span>
										</>
									}
									triggerVariant="danger-outline"
									triggerSize="sm"
									title={`Remove ${c.label}?`}
									description="It no longer counts for referrals. To add it back, add it again; Tandem verifies it again."
									confirmLabel="Remove it"
									fields={{ intent: `remove-${c.kind}`, id: c.id }}
								/>
							) : null}
						</li>
					))}
				</ul>
				<Form method="post" {...getFormProps(licenseForm)} className="space-y-3 rounded bg-slate-50 p-4">
					<h3 className="font-medium">Add a license</h3>
					<div className="grid gap-3 sm:grid-cols-2">
						<SelectField meta={license.state} label="State" options={stateOptions} />
						<SelectField meta={license.type} label="License type" options={LICENSE_TYPES.map((t) => ({ value: t.slug, label: t.label }))} />
						<TextField meta={license.number} label="License number" />
						<TextField meta={license.expiresOn} label="Expires on" type="date" />
					</div>
					<SubmitButton name="intent" value="add-license">
						Add license
					</SubmitButton>
				</Form>
				<Form method="post" {...getFormProps(authorizationForm)} className="space-y-3 rounded bg-slate-50 p-4">
					<h3 className="font-medium">Add an authorization for telehealth in other states</h3>
					<div className="grid gap-3 sm:grid-cols-2">
						<SelectField meta={authorization.kind} label="Kind" options={AUTHORIZATION_KINDS.map((k) => ({ value: k.slug, label: k.label }))} />
						<SelectField meta={authorization.homeState} label="Home state" options={stateOptions} />
						<TextField meta={authorization.states} label="States covered" hint="Two-letter codes, e.g. AZ. A privilege names one state; leave empty for a PSYPACT APIT (every member state)." />
						<TextField meta={authorization.expiresOn} label="Expires on" type="date" />
					</div>
					<SubmitButton name="intent" value="add-authorization">
						Add authorization
					</SubmitButton>
				</Form>
			</Section>

			<Section id="practice" title="How you work" done={stepDone('practice')}>
				{noticeFor('practice')}
				<Form method="post" {...getFormProps(practiceForm)} className="space-y-5">
					<CheckboxGroupField meta={practice.phases} legend="Phases you offer" options={options(PHASES.entries)} />
					<CheckboxGroupField meta={practice.formats} legend="Formats" options={options(FORMATS.entries)} />
					<TextField meta={practice.officeZip} label="Office ZIP code (for in-person work)" inputMode="numeric" />
					<CheckboxGroupField meta={practice.modalities} legend="Approaches" options={options(MODALITIES.entries)} />
					<CheckboxGroupField meta={practice.focusAreas} legend="Focus areas" options={options(FOCUS_AREAS.entries)} />
					<CheckboxGroupField meta={practice.languages} legend="Languages you work in" options={LANGUAGES.map((l) => ({ value: l.code, label: l.label }))} />
					<SubmitButton name="intent" value="practice">
						Save
					</SubmitButton>
				</Form>
			</Section>

			<Section id="fees" title="Fees and insurance" done={stepDone('fees')}>
				{noticeFor('fees')}
				<Form method="post" {...getFormProps(feesForm)} className="space-y-4">
					<TextField meta={fees.selfPayRate} label="Self-pay rate per session, in whole dollars (optional)" inputMode="numeric" />
					<CheckboxField meta={fees.slidingScale} label="I offer a sliding scale" />
					<CheckboxGroupField meta={fees.insurancePayers} legend="Insurance panels you are on" options={options(PAYERS.entries)} />
					<SubmitButton name="intent" value="fees">
						Save
					</SubmitButton>
				</Form>
			</Section>

			<Section id="hours" title="Weekly hours" done={stepDone('hours')}>
				{noticeFor('hours')}
				<p className="text-sm text-slate-700">
					The hours you can see new clients, in your own time zone ({profile.zoneName}). Write ranges like 09:00-12:00, 13:00-17:00; leave a day empty if you do not work then.
				</p>
				<Form method="post" {...getFormProps(hoursForm)} className="grid gap-3 sm:grid-cols-2">
					{DAYS.map((day, i) => (
						<TextField key={day} meta={hours[`day${i}`]!} label={day} />
					))}
					<div className="sm:col-span-2">
						<SubmitButton name="intent" value="hours">
							Save weekly hours
						</SubmitButton>
					</div>
				</Form>
				<h3 className="font-medium">Changes on particular dates</h3>
				{noticeFor('add-override') ?? noticeFor('remove-override')}
				{formError('remove-override')}
				{profile.overrides.length ? (
					<ul className="divide-y divide-slate-200 rounded border border-slate-200">
						{profile.overrides.map((o) => (
							<li key={o.date} className="flex items-center justify-between gap-3 p-3 text-sm">
								<span>
									{o.date}: {o.hours}
								</span>
								<Form method="post">
									<input type="hidden" name="date" value={o.date} />
									<Button type="submit" name="intent" value="remove-override" variant="secondary" size="sm">
										Remove<span className="sr-only"> the change on {o.date}</span>
									</Button>
								</Form>
							</li>
						))}
					</ul>
				) : (
					<p className="text-sm text-slate-700">None: your weekly hours apply every week.</p>
				)}
				<Form method="post" {...getFormProps(overrideForm)} className="grid gap-3 rounded bg-slate-50 p-4 sm:grid-cols-2">
					<TextField meta={override.date} label="Date" type="date" />
					<TextField meta={override.overrideHours} label="Hours that day" hint="Empty for a day off." />
					<div className="sm:col-span-2">
						<SubmitButton name="intent" value="add-override">
							Save date
						</SubmitButton>
					</div>
				</Form>
			</Section>

			<Section id="calendar" title="Your own calendar">
				{noticeFor('calendar') ?? noticeFor('calendar-refresh') ?? noticeFor('calendar-remove')}
				{formError('calendar-refresh') ?? formError('calendar-remove')}
				<p className="text-sm text-slate-700">
					Connect the calendar you really work from, and Tandem leaves its busy times out of the free time it offers clinics and patients. Use its secret iCal address (Google Calendar: Settings, your
					calendar, “Secret address in iCal format”; Outlook: Publish a calendar, ICS). Tandem reads it every 15 minutes and never shows what is in it.
				</p>
				{profile.calendar.state === 'none' ? null : (
					<ConnectionCard
						actions={
							<>
								<Form method="post">
									<Button type="submit" name="intent" value="calendar-refresh" variant="secondary" size="sm">
										Read it now
									</Button>
								</Form>
								<ConfirmAction
									trigger="Disconnect"
									triggerSize="sm"
									title="Disconnect your calendar?"
									description="Tandem forgets its address and its busy times; only your weekly hours will count as free."
									confirmLabel="Disconnect"
									cancelLabel="Keep it connected"
									fields={{ intent: 'calendar-remove' }}
								/>
							</>
						}
					>
						<p className="flex flex-wrap items-center gap-2">
							<span className="font-medium [overflow-wrap:anywhere]">{profile.calendar.host}</span>
							<Pill tone={profile.calendar.state === 'ok' ? 'success' : profile.calendar.state === 'failing' ? 'danger' : 'neutral'}>
								{profile.calendar.state === 'ok' ? 'Connected' : profile.calendar.state === 'failing' ? 'Cannot be read' : 'Not read yet'}
							</Pill>
						</p>
						<p>{profile.calendar.summary}</p>
						{profile.calendar.error ? <p className="text-red-800">{profile.calendar.error}</p> : null}
					</ConnectionCard>
				)}
				<Form method="post" {...getFormProps(calendarForm)} className="space-y-3">
					<TextField
						meta={calendar.calendarUrl}
						label={profile.calendar.state === 'none' ? 'Calendar address (iCal)' : 'Replace with another address'}
						hint="Starts with https:// or webcal://. Treat it like a password: anyone who has it can read your calendar."
					/>
					<SubmitButton name="intent" value="calendar">
						{profile.calendar.state === 'none' ? 'Connect calendar' : 'Replace'}
					</SubmitButton>
				</Form>
			</Section>

			<Section id="sessions-calendar" title="Your sessions in your calendar">
				<SessionFeedSettings
					feed={profile.sessionFeed}
					made={actionData?.intent === 'feed-create' ? (actionData.feedUrl ?? null) : null}
					notice={actionData?.intent === 'feed-create' || actionData?.intent === 'feed-revoke' ? actionData.notice : null}
					whose="therapist"
				/>
			</Section>

			<Section id="training" title="KAP training" done={stepDone('training')}>
				{noticeFor('training')}
				<Form method="post" {...getFormProps(trainingForm)} className="grid gap-3 sm:grid-cols-3">
					<div className="sm:col-span-3">
						<TextField meta={training.kapProgram} label="Programme" />
					</div>
					<TextField meta={training.kapTrainingHours} label="Hours" inputMode="numeric" />
					<TextField meta={training.kapYear} label="Year completed" inputMode="numeric" />
					<div className="sm:col-span-3">
						<SubmitButton name="intent" value="training">
							Save
						</SubmitButton>
					</div>
				</Form>
			</Section>

			<Section id="capacity" title="Capacity" done={stepDone('capacity')}>
				{noticeFor('capacity')}
				<Form method="post" {...getFormProps(capacityForm)} className="space-y-4">
					<TextField meta={capacity.weeklyCapacity} label="New referrals you can take per week" inputMode="numeric" />
					<CheckboxField meta={capacity.accepting} label="I am accepting new referrals" />
					<SubmitButton name="intent" value="capacity">
						Save
					</SubmitButton>
				</Form>
			</Section>
		</div>
	)
}
