// A therapist's own profile, in steps that each save on their own (so it can be filled in over
// several visits): about you, licenses and authorizations (which wait for verification), how you
// work, fees, weekly hours and date overrides, their own calendar (in) and the private address of
// their sessions for it (out), training, capacity.
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { type ReactNode } from 'react'
import { z } from 'zod'
import { Button } from '#app/components/ui/button.tsx'
import { ConfirmAction } from '#app/components/ui/confirm-dialog.tsx'
import { Checkbox, CheckGroup, type FieldErrors, SelectInput, TextInput } from '#app/components/ui/fields.tsx'
import { Notice, SubmitButton } from '#app/components/ui/forms.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pill } from '#app/components/ui/pill.tsx'
import { formatHours, parseHours } from '#app/domain/availability/hours-text.ts'
import { overridesFromRows } from '#app/domain/availability/ranges.ts'
import { isIsoDate, dateOnly } from '#app/domain/calendar-dates.ts'
import {
	AUTHORIZATION_KINDS,
	FOCUS_AREAS,
	FORMATS,
	LANGUAGES,
	LICENSE_TYPES,
	MODALITIES,
	PAYERS,
	PHASES,
	STATES,
	authorizationKindLabel,
	licenseTypeLabel,
} from '#app/domain/reference/index.ts'
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
import { AuthorizationSchema, CapacitySchema, FeesSchema, IdentitySchema, LicenseSchema, PracticeSchema, TIME_ZONE_CHOICES, TrainingSchema } from '#app/domain/therapists/profile-schemas.ts'
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
		licenses: p.licenses.map((l) => ({ id: l.id, label: `${licenseTypeLabel(l.type)}, ${l.state} #${l.number}`, expiresOn: dateOnly(l.expiresOn), standing: therapistCredentialStatus(l), removable: therapistMayRemove(l.status) })),
		authorizations: p.authorizations.map((a) => ({ id: a.id, label: `${authorizationKindLabel(a.kind)} from ${a.homeState}${a.states.length ? `: ${a.states.join(', ')}` : ': every member state'}`, expiresOn: dateOnly(a.expiresOn), standing: therapistCredentialStatus(a), removable: therapistMayRemove(a.status) })),
		hours: DAYS.map((_, day) => formatHours(p.availability.filter((r) => r.dayOfWeek === day))),
		overrides: overrides.map(({ date, ranges }) => ({ date, hours: ranges.length ? formatHours(ranges) : 'Day off' })),
		zoneName: timeZoneName(p.timeZone),
		// Arrived from a clinic's invitation.
		joined: new URL(request.url).searchParams.get('joined') === '1',
	}
}

/** `feedUrl`: the session feed's address just made, shown this once. */
type ActionData = { intent: string; errors: FieldErrors; values: Record<string, unknown> | null; notice: string | null; feedUrl?: string | null }

/** Errors on one checkbox of a group (`modalities[0]`) belong to the group. */
function byField(errors: FieldErrors): FieldErrors {
	const grouped: FieldErrors = {}
	for (const [key, messages] of Object.entries(errors)) {
		const field = key.replace(/\[\d+\]$/, '')
		grouped[field] = [...new Set([...(grouped[field] ?? []), ...(messages ?? [])])]
	}
	return grouped
}

const refused = (intent: string, errors: FieldErrors, values: Record<string, unknown> | null, status = 400) => data<ActionData>({ intent, errors: byField(errors), values, notice: null }, { status })
const saved = (intent: string, notice: string) => data<ActionData>({ intent, errors: {}, values: null, notice })
const fromResult = (intent: string, result: SectionResult, values: Record<string, unknown>, notice: string) =>
	result.ok ? saved(intent, notice) : refused(intent, { [result.field]: [result.message] }, values)

const SECTIONS = { identity: IdentitySchema, practice: PracticeSchema, fees: FeesSchema, capacity: CapacitySchema, training: TrainingSchema } as const
const IdSchema = z.object({ id: z.string().min(1).max(64) })

export async function action({ request }: ActionFunctionArgs) {
	const { therapistId, user } = await requireTherapist(request)
	// A photo is at most 2 MB; refuse a far larger body before reading it.
	if (Number(request.headers.get('Content-Length') ?? 0) > PHOTO_MAX_BYTES + 256 * 1024) {
		return refused('photo', { photo: ['The photo is larger than 2 MB; choose a smaller one.'] }, null, 413)
	}
	const formData = await request.formData()
	const intent = String(formData.get('intent') ?? '')
	const values = Object.fromEntries(
		[...formData.keys()].filter((k) => k !== 'photo').map((k) => [k, formData.getAll(k).length > 1 ? formData.getAll(k) : formData.get(k)]),
	)

	if (intent in SECTIONS) {
		const section = intent as keyof typeof SECTIONS
		const submission = parseWithZod(formData, { schema: SECTIONS[section] })
		if (submission.status !== 'success') return refused(intent, submission.error ?? {}, values)
		const result = await updateProfileSection(therapistId, user.id, { section, value: submission.value } as Parameters<typeof updateProfileSection>[2])
		return fromResult(intent, result, values, 'Saved.')
	}
	switch (intent) {
		case 'add-license': {
			const submission = parseWithZod(formData, { schema: LicenseSchema })
			if (submission.status !== 'success') return refused(intent, submission.error ?? {}, values)
			return fromResult(intent, await addLicense(therapistId, user.id, submission.value), values, 'License added. It counts once we have verified it with the board.')
		}
		case 'add-authorization': {
			const submission = parseWithZod(formData, { schema: AuthorizationSchema })
			if (submission.status !== 'success') return refused(intent, submission.error ?? {}, values)
			return fromResult(intent, await addAuthorization(therapistId, user.id, submission.value), values, 'Authorization added. It counts once we have verified it.')
		}
		case 'remove-license':
		case 'remove-authorization': {
			const submission = parseWithZod(formData, { schema: IdSchema })
			const kind = intent === 'remove-license' ? 'license' : 'authorization'
			const removed = submission.status === 'success' ? await removeCredential(therapistId, user.id, kind, submission.value.id) : ({ ok: false, reason: 'not_found' } as const)
			if (!removed.ok && removed.reason === 'on_record') {
				return refused(intent, { '': ['A suspended or revoked credential stays on your profile; write to Tandem if you think it is wrong.'] }, null, 409)
			}
			if (!removed.ok) return refused(intent, { '': ['That one is no longer on your profile.'] }, null, 404)
			return saved(intent, 'Removed.')
		}
		case 'hours': {
			const errors: FieldErrors = {}
			const byDay = DAYS.map((_, day) => {
				const parsed = parseHours(String(formData.get(`day${day}`) ?? '').slice(0, 200))
				if (!parsed.ok) errors[`day${day}`] = [parsed.message]
				return parsed.ok ? parsed.hours : []
			})
			if (Object.keys(errors).length) return refused(intent, errors, values)
			await replaceWeeklyHours(therapistId, user.id, byDay)
			return saved(intent, 'Weekly hours saved.')
		}
		case 'add-override': {
			const date = String(formData.get('date') ?? '')
			if (!isIsoDate(date)) return refused(intent, { date: ['Choose a date.'] }, values)
			const parsed = parseHours(String(formData.get('overrideHours') ?? '').slice(0, 200))
			if (!parsed.ok) return refused(intent, { overrideHours: [parsed.message] }, values)
			return fromResult(intent, await setDateOverride(therapistId, user.id, date, parsed.hours), values, 'Date saved.')
		}
		case 'photo': {
			const file = formData.get('photo')
			const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array()
			return fromResult(intent, await setPhoto(therapistId, user.id, bytes), values, 'Photo saved.')
		}
		case 'remove-photo':
			await removePhoto(therapistId, user.id)
			return saved(intent, 'Photo removed.')
		case 'calendar': {
			const given = String(formData.get('calendarUrl') ?? '').trim()
			if (!given) return refused(intent, { calendarUrl: ['Give the address of your calendar (its secret iCal address).'] }, values)
			if (given.length > 2000) return refused(intent, { calendarUrl: ['That address is longer than 2,000 characters; copy the iCal address again.'] }, values)
			const set = await setCalendarFeed(therapistId, given, user.id)
			if (!set.ok) return refused(intent, { calendarUrl: [set.error] }, values)
			return saved(intent, set.read.ok ? 'Calendar connected and read: its busy times no longer count as free.' : `Calendar saved, but it could not be read yet: ${set.read.error} Tandem tries again every 15 minutes.`)
		}
		case 'calendar-refresh': {
			const read = await readCalendarFeed(therapistId)
			if (!read.ok && read.error === 'none') return refused(intent, { '': ['No calendar is connected.'] }, null, 404)
			return read.ok ? saved(intent, 'Calendar read again.') : refused(intent, { '': [read.error] }, null, 422)
		}
		case 'calendar-remove':
			if (!(await removeCalendarFeed(therapistId, user.id))) return refused(intent, { '': ['No calendar is connected.'] }, null, 404)
			return saved(intent, 'Calendar disconnected: only your weekly hours count now.')
		case 'feed-create':
		case 'feed-revoke': {
			const outcome = await actOnSessionFeed(user.id, intent)
			return data<ActionData>({ intent, errors: {}, values: null, notice: outcome.notice, feedUrl: outcome.feedUrl })
		}
		case 'remove-override': {
			const date = String(formData.get('date') ?? '')
			if (!isIsoDate(date) || !(await removeDateOverride(therapistId, user.id, date))) return refused(intent, { '': ['That date has no change of hours.'] }, null, 404)
			return saved(intent, 'Date removed; your usual hours apply.')
		}
		default:
			return refused(intent, { intent: ['That action is not known. Reload the page and try again.'] }, null)
	}
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

export default function TherapistProfileEditor() {
	const profile = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() as ActionData | undefined
	// After a refused save, the form shows what was typed; otherwise what is stored.
	const errorsFor = (intent: string): FieldErrors => (actionData?.intent === intent ? actionData.errors : {})
	const typed = (intent: string) => (actionData?.intent === intent && actionData.values ? actionData.values : null)
	const list = (intent: string, name: string, stored: readonly string[]) => {
		const v = typed(intent)?.[name]
		return v === undefined || v === null ? (typed(intent) ? [] : stored) : Array.isArray(v) ? (v as string[]) : [String(v)]
	}
	const text = (intent: string, name: string, stored: string | number | null | undefined) => {
		const v = typed(intent)?.[name]
		return v === undefined || v === null ? stored : String(v)
	}
	const noticeFor = (intent: string) => (actionData?.intent === intent && actionData.notice ? <Notice tone="success">{actionData.notice}</Notice> : null)
	const formError = (intent: string) => (actionData?.intent === intent && actionData.errors['']?.length ? <p role="alert" className="text-sm text-red-800">{actionData.errors[''].join(' ')}</p> : null)
	const stepDone = (id: string) => profile.steps.find((s) => s.id === id)?.done
	const doneCount = profile.steps.filter((s) => s.done).length

	return (
		<div className="mx-auto max-w-3xl space-y-8 px-4 py-12">
			<div className="space-y-3">
				<PageHeader title="Your profile" />
				{profile.joined ? (
					<Notice tone="success">
						Welcome to Tandem. The clinic that invited you has you as one of its preferred partners. Add your licenses (Tandem verifies them), how you work, your weekly hours and how many new referrals a week you can take: offers start once a license is verified and you have capacity.
					</Notice>
				) : null}
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
				<Form method="post" className="space-y-4">
					<TextInput form="identity" name="fullName" label="Name" defaultValue={text('identity', 'fullName', profile.identity.fullName)} errors={errorsFor('identity')} />
					<TextInput form="identity" name="pronouns" label="Pronouns (optional)" defaultValue={text('identity', 'pronouns', profile.identity.pronouns)} errors={errorsFor('identity')} />
					<TextInput form="identity" name="credentials" label="Credentials as you want them shown" hint="For example: LPC, LMFT" defaultValue={text('identity', 'credentials', profile.identity.credentials)} errors={errorsFor('identity')} />
					<TextInput form="identity" name="bio" label="Short bio" multiline maxLength={1200} hint="What a client should know about how you work. At most 1,200 characters." defaultValue={text('identity', 'bio', profile.identity.bio)} errors={errorsFor('identity')} />
					<SelectInput form="identity" name="timeZone" label="Your time zone" defaultValue={String(text('identity', 'timeZone', profile.identity.timeZone))} errors={errorsFor('identity')} options={TIME_ZONE_CHOICES.map((z) => ({ value: z, label: `${timeZoneName(z)} (${z})` }))} />
					<SubmitButton name="intent" value="identity">Save</SubmitButton>
				</Form>
				<div className="space-y-3 border-t border-slate-200 pt-4">
					<h3 className="font-medium">Photo (optional)</h3>
					{noticeFor('photo') ?? noticeFor('remove-photo')}
					{profile.photoVersion ? (
						<img src={`/therapists/${profile.id}/photo?v=${profile.photoVersion}`} alt="You, as clinics see you" width={96} height={96} className="h-24 w-24 rounded object-cover" />
					) : null}
					<Form method="post" encType="multipart/form-data" className="flex flex-wrap items-end gap-3">
						<div className="space-y-1">
							<label htmlFor="photo-file" className="block text-sm font-medium">
								JPEG, PNG or WebP, at most 2 MB
							</label>
							<input id="photo-file" name="photo" type="file" accept="image/jpeg,image/png,image/webp" aria-describedby={errorsFor('photo').photo?.length ? 'photo-file-error' : undefined} className="block max-w-full text-sm" />
							{errorsFor('photo').photo?.length ? <p id="photo-file-error" className="text-sm text-red-800">{errorsFor('photo').photo!.join(' ')}</p> : null}
						</div>
						<SubmitButton name="intent" value="photo">Upload photo</SubmitButton>
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
				<p className="text-sm text-slate-700">Clinics can refer to you only where a verified, unexpired license (or, for telehealth, an authorization) covers the patient’s state. We check each one with the issuing board.</p>
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
				<Form method="post" className="space-y-3 rounded bg-slate-50 p-4">
					<h3 className="font-medium">Add a license</h3>
					<div className="grid gap-3 sm:grid-cols-2">
						<SelectInput form="license" name="state" label="State" defaultValue={String(text('add-license', 'state', '') ?? '')} errors={errorsFor('add-license')} options={stateOptions} />
						<SelectInput form="license" name="type" label="License type" defaultValue={String(text('add-license', 'type', '') ?? '')} errors={errorsFor('add-license')} options={LICENSE_TYPES.map((t) => ({ value: t.slug, label: t.label }))} />
						<TextInput form="license" name="number" label="License number" defaultValue={text('add-license', 'number', '')} errors={errorsFor('add-license')} />
						<TextInput form="license" name="expiresOn" label="Expires on" type="date" defaultValue={text('add-license', 'expiresOn', '')} errors={errorsFor('add-license')} />
					</div>
					<SubmitButton name="intent" value="add-license">Add license</SubmitButton>
				</Form>
				<Form method="post" className="space-y-3 rounded bg-slate-50 p-4">
					<h3 className="font-medium">Add an authorization for telehealth in other states</h3>
					<div className="grid gap-3 sm:grid-cols-2">
						<SelectInput form="authorization" name="kind" label="Kind" defaultValue={String(text('add-authorization', 'kind', '') ?? '')} errors={errorsFor('add-authorization')} options={AUTHORIZATION_KINDS.map((k) => ({ value: k.slug, label: k.label }))} />
						<SelectInput form="authorization" name="homeState" label="Home state" defaultValue={String(text('add-authorization', 'homeState', '') ?? '')} errors={errorsFor('add-authorization')} options={stateOptions} />
						<TextInput form="authorization" name="states" label="States covered" hint="Two-letter codes, e.g. AZ. A privilege names one state; leave empty for a PSYPACT APIT (every member state)." defaultValue={text('add-authorization', 'states', '')} errors={errorsFor('add-authorization')} />
						<TextInput form="authorization" name="expiresOn" label="Expires on" type="date" defaultValue={text('add-authorization', 'expiresOn', '')} errors={errorsFor('add-authorization')} />
					</div>
					<SubmitButton name="intent" value="add-authorization">Add authorization</SubmitButton>
				</Form>
			</Section>

			<Section id="practice" title="How you work" done={stepDone('practice')}>
				{noticeFor('practice')}
				<Form method="post" className="space-y-5">
					<CheckGroup form="practice" name="phases" legend="Phases you offer" options={options(PHASES.entries)} selected={list('practice', 'phases', profile.practice.phases)} errors={errorsFor('practice')} />
					<CheckGroup form="practice" name="formats" legend="Formats" options={options(FORMATS.entries)} selected={list('practice', 'formats', profile.practice.formats)} errors={errorsFor('practice')} />
					<TextInput form="practice" name="officeZip" label="Office ZIP code (for in-person work)" inputMode="numeric" defaultValue={text('practice', 'officeZip', profile.practice.officeZip)} errors={errorsFor('practice')} />
					<CheckGroup form="practice" name="modalities" legend="Approaches" options={options(MODALITIES.entries)} selected={list('practice', 'modalities', profile.practice.modalities)} errors={errorsFor('practice')} />
					<CheckGroup form="practice" name="focusAreas" legend="Focus areas" options={options(FOCUS_AREAS.entries)} selected={list('practice', 'focusAreas', profile.practice.focusAreas)} errors={errorsFor('practice')} />
					<CheckGroup form="practice" name="languages" legend="Languages you work in" options={LANGUAGES.map((l) => ({ value: l.code, label: l.label }))} selected={list('practice', 'languages', profile.practice.languages)} errors={errorsFor('practice')} />
					<SubmitButton name="intent" value="practice">Save</SubmitButton>
				</Form>
			</Section>

			<Section id="fees" title="Fees and insurance" done={stepDone('fees')}>
				{noticeFor('fees')}
				<Form method="post" className="space-y-4">
					<TextInput form="fees" name="selfPayRate" label="Self-pay rate per session, in whole dollars (optional)" inputMode="numeric" defaultValue={text('fees', 'selfPayRate', profile.fees.selfPayRate)} errors={errorsFor('fees')} />
					<Checkbox form="fees" name="slidingScale" label="I offer a sliding scale" defaultChecked={profile.fees.slidingScale} />
					<CheckGroup form="fees" name="insurancePayers" legend="Insurance panels you are on" options={options(PAYERS.entries)} selected={list('fees', 'insurancePayers', profile.fees.insurancePayers)} errors={errorsFor('fees')} />
					<SubmitButton name="intent" value="fees">Save</SubmitButton>
				</Form>
			</Section>

			<Section id="hours" title="Weekly hours" done={stepDone('hours')}>
				{noticeFor('hours')}
				<p className="text-sm text-slate-700">
					The hours you can see new clients, in your own time zone ({profile.zoneName}). Write ranges like 09:00-12:00, 13:00-17:00; leave a day empty if you do not work then.
				</p>
				<Form method="post" className="grid gap-3 sm:grid-cols-2">
					{DAYS.map((day, i) => (
						<TextInput key={day} form="hours" name={`day${i}`} label={day} defaultValue={text('hours', `day${i}`, profile.hours[i])} errors={errorsFor('hours')} />
					))}
					<div className="sm:col-span-2">
						<SubmitButton name="intent" value="hours">Save weekly hours</SubmitButton>
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
				<Form method="post" className="grid gap-3 rounded bg-slate-50 p-4 sm:grid-cols-2">
					<TextInput form="override" name="date" label="Date" type="date" defaultValue={text('add-override', 'date', '')} errors={errorsFor('add-override')} />
					<TextInput form="override" name="overrideHours" label="Hours that day" hint="Empty for a day off." defaultValue={text('add-override', 'overrideHours', '')} errors={errorsFor('add-override')} />
					<div className="sm:col-span-2">
						<SubmitButton name="intent" value="add-override">Save date</SubmitButton>
					</div>
				</Form>
			</Section>

			<Section id="calendar" title="Your own calendar">
				{noticeFor('calendar') ?? noticeFor('calendar-refresh') ?? noticeFor('calendar-remove')}
				{formError('calendar-refresh') ?? formError('calendar-remove')}
				<p className="text-sm text-slate-700">
					Connect the calendar you really work from, and Tandem leaves its busy times out of the free time it offers clinics and patients. Use its secret iCal address (Google Calendar: Settings, your calendar, “Secret address in iCal format”; Outlook: Publish a calendar, ICS). Tandem reads it every 15 minutes and never shows what is in it.
				</p>
				{profile.calendar.state === 'none' ? null : (
					<div className="space-y-2 rounded border border-slate-200 p-3 text-sm">
						<p className="flex flex-wrap items-center gap-2">
							<span className="font-medium [overflow-wrap:anywhere]">{profile.calendar.host}</span>
							<Pill tone={profile.calendar.state === 'ok' ? 'success' : profile.calendar.state === 'failing' ? 'danger' : 'neutral'}>
								{profile.calendar.state === 'ok' ? 'Connected' : profile.calendar.state === 'failing' ? 'Cannot be read' : 'Not read yet'}
							</Pill>
						</p>
						<p>{profile.calendar.summary}</p>
						{profile.calendar.error ? <p className="text-red-800">{profile.calendar.error}</p> : null}
						<div className="flex flex-wrap gap-2">
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
						</div>
					</div>
				)}
				<Form method="post" className="space-y-3">
					<TextInput
						form="calendar"
						name="calendarUrl"
						label={profile.calendar.state === 'none' ? 'Calendar address (iCal)' : 'Replace with another address'}
						hint="Starts with https:// or webcal://. Treat it like a password: anyone who has it can read your calendar."
						defaultValue={text('calendar', 'calendarUrl', '')}
						errors={errorsFor('calendar')}
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
				<Form method="post" className="grid gap-3 sm:grid-cols-3">
					<div className="sm:col-span-3">
						<TextInput form="training" name="kapProgram" label="Programme" defaultValue={text('training', 'kapProgram', profile.training.kapProgram)} errors={errorsFor('training')} />
					</div>
					<TextInput form="training" name="kapTrainingHours" label="Hours" inputMode="numeric" defaultValue={text('training', 'kapTrainingHours', profile.training.kapTrainingHours)} errors={errorsFor('training')} />
					<TextInput form="training" name="kapYear" label="Year completed" inputMode="numeric" defaultValue={text('training', 'kapYear', profile.training.kapYear)} errors={errorsFor('training')} />
					<div className="sm:col-span-3">
						<SubmitButton name="intent" value="training">Save</SubmitButton>
					</div>
				</Form>
			</Section>

			<Section id="capacity" title="Capacity" done={stepDone('capacity')}>
				{noticeFor('capacity')}
				<Form method="post" className="space-y-4">
					<TextInput form="capacity" name="weeklyCapacity" label="New referrals you can take per week" inputMode="numeric" defaultValue={text('capacity', 'weeklyCapacity', profile.capacity.weeklyCapacity)} errors={errorsFor('capacity')} />
					<Checkbox form="capacity" name="accepting" label="I am accepting new referrals" defaultChecked={profile.capacity.accepting} />
					<SubmitButton name="intent" value="capacity">Save</SubmitButton>
				</Form>
			</Section>
		</div>
	)
}
