// What happened that someone may need to act on (docs/product.md §4): the signed-in person's in-app
// notifications, newest first, each linking to where to act; the switch for optional emails;
// their mobile number and whether reminders may come by text; and, for clinic members, the private
// calendar address of their clinics' planned sessions (docs/product.md §4a; therapists find theirs
// in their profile, beside their own calendar).
import { getFormProps, getInputProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Button } from '#app/components/ui/button.tsx'
import { Card } from '#app/components/ui/card.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pill } from '#app/components/ui/pill.tsx'
import { ErrorList, FormError, Notice, RadioGroup } from '#app/components/ui/forms.tsx'
import { SessionFeedSettings } from '#app/components/session-feed-settings.tsx'
import { timeZoneOf } from '#app/domain/accounts/viewer-time-zone.server.ts'
import { presentSessionFeed } from '#app/domain/calendar/session-feed-view.ts'
import { actOnSessionFeed, sessionFeedState } from '#app/domain/calendar/session-feeds.server.ts'
import { markNotificationsRead, optionalEmailsOn, recentNotifications, setOptionalEmails } from '#app/domain/notifications/notifications.server.ts'
import { NotificationSettingsSchema, PHONE_MAX_LENGTH } from '#app/domain/notifications/schemas.ts'
import { setUserTexts, userTexts } from '#app/domain/notifications/sms.server.ts'
import { requireUser } from '#app/utils/permissions.server.ts'

export const meta: MetaFunction = () => [{ title: 'Notifications — Tandem' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const auth = await requireUser(request)
	const timeZone = await timeZoneOf(auth.principal)
	const now = new Date()
	const [notifications, optionalEmails, texts, feed] = await Promise.all([
		recentNotifications(auth.principal, timeZone, now),
		optionalEmailsOn(auth.user.id),
		userTexts(auth.user.id),
		sessionFeedState(auth.user.id),
	])
	// Clinic members' calendar address is here; a therapist's is in their profile.
	const sessionFeed = auth.principal.memberships.length ? presentSessionFeed(feed, timeZone, now) : null
	return { notifications, optionalEmails, texts, sessionFeed }
}

type ActionData = { result: SubmissionResult<string[]>; notice: string | null; feedNotice?: string | null; feedUrl?: string | null }

export async function action({ request }: ActionFunctionArgs) {
	const auth = await requireUser(request)
	const submission = parseWithZod(await request.formData(), { schema: NotificationSettingsSchema })
	if (submission.status !== 'success') {
		const unknown = Boolean(submission.error?.intent)
		return data<ActionData>({ result: submission.reply(unknown ? { fieldErrors: { intent: ['Choose what to change.'] } } : undefined), notice: null }, { status: 400 })
	}
	const { value } = submission
	if (value.intent === 'feed-create' || value.intent === 'feed-revoke') {
		if (!auth.principal.memberships.length) return data<ActionData>({ result: submission.reply({ formErrors: ['Your calendar address is in your profile.'] }), notice: null }, { status: 400 })
		const outcome = await actOnSessionFeed(auth.user.id, value.intent)
		return data<ActionData>({ result: submission.reply(), notice: null, feedNotice: outcome.notice, feedUrl: outcome.feedUrl })
	}
	if (value.intent === 'read_all') {
		const count = await markNotificationsRead(auth.user.id)
		return data<ActionData>({ result: submission.reply(), notice: count ? `Marked ${count} as read.` : 'Nothing was unread.' })
	}
	if (value.intent === 'texts') {
		const on = value.texts === 'on'
		await setUserTexts(auth.user.id, value.phone, on)
		return data<ActionData>({
			result: submission.reply(),
			notice: !value.phone ? 'Saved: no number, so no text messages.' : on ? 'Saved: reminders may come by text too.' : 'Saved: no text messages.',
		})
	}
	await setOptionalEmails(auth.user.id, value.optionalEmails === 'on')
	return data<ActionData>({ result: submission.reply(), notice: value.optionalEmails === 'on' ? 'You will get every email.' : 'You will get only the emails that ask you to act.' })
}

const ON_OFF = [
	{ value: 'on', label: 'On' },
	{ value: 'off', label: 'Off' },
] as const

export default function Notifications() {
	const { notifications, optionalEmails, texts, sessionFeed } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() as ActionData | undefined
	const navigation = useNavigation()
	const unread = notifications.filter((n) => n.unread).length
	const result = navigation.state === 'idle' ? actionData?.result : undefined
	const intent = result?.initialValue?.intent
	const [emailsForm, emailsFields] = useForm({
		id: 'optional-emails',
		lastResult: intent === 'emails' ? result : undefined,
		defaultValue: { optionalEmails: optionalEmails ? 'on' : 'off' },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: NotificationSettingsSchema }),
	})
	const [textsForm, textsFields] = useForm({
		id: 'texts',
		lastResult: intent === 'texts' ? result : undefined,
		defaultValue: { phone: texts.phone ?? '', texts: texts.on ? 'on' : 'off' },
		onValidate: ({ formData }) => parseWithZod(formData, { schema: NotificationSettingsSchema }),
	})
	// A refusal no form shows (no known action chosen) is said at the top.
	const otherErrors =
		intent !== 'emails' && intent !== 'texts' && result?.error
			? Object.values(result.error)
					.flat()
					.filter((e): e is string => Boolean(e))
			: null
	return (
		<div className="mx-auto max-w-3xl space-y-8 px-4 py-12">
			<PageHeader title="Notifications" />
			<div aria-live="polite">{actionData?.notice ? <Notice tone="success">{actionData.notice}</Notice> : null}</div>
			<FormError id="notifications-error" errors={otherErrors} />
			<section aria-labelledby="list-title" className="space-y-3">
				<div className="flex flex-wrap items-center justify-between gap-3">
					<h2 id="list-title" className="text-lg font-semibold">
						{unread ? `${unread} unread` : 'All read'}
					</h2>
					{unread ? (
						<Form method="post">
							<Button type="submit" name="intent" value="read_all" variant="secondary" size="sm" disabled={navigation.state === 'submitting'}>
								Mark all as read
							</Button>
						</Form>
					) : null}
				</div>
				{notifications.length ? (
					<ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
						{notifications.map((n) => (
							<li key={n.id} className={`min-w-0 space-y-1 p-4 ${n.unread ? 'bg-brand-50' : ''}`}>
								<p className="flex flex-wrap items-start gap-2">
									{n.unread ? (
										<Pill tone="info">
											<span aria-hidden="true">New</span>
										</Pill>
									) : null}
									<Link to={n.href} className="min-w-0 font-medium text-brand-700 underline [overflow-wrap:anywhere]">
										{n.unread ? <span className="sr-only">Unread: </span> : null}
										{n.text}
									</Link>
								</p>
								<p className="text-sm text-slate-700">
									{n.reference ? (
										<>
											Referral {n.reference}
											{n.patientName ? ` · ${n.patientName}` : ''} ·{' '}
										</>
									) : null}
									<time dateTime={n.at}>{n.when}</time>
								</p>
							</li>
						))}
					</ul>
				) : (
					<EmptyState title="Nothing yet">When something needs you — a new offer, a patient’s choice — it appears here and in your email.</EmptyState>
				)}
			</section>
			<Card title="Emails">
				<div className="space-y-3">
					<p>Emails that ask you to act (a new offer, a patient who chose you, an unfilled referral) always come. The others — reminders and updates — are optional.</p>
					<Form method="post" {...getFormProps(emailsForm)} className="flex flex-wrap items-end gap-3">
						<input type="hidden" name="intent" value="emails" />
						<RadioGroup meta={emailsFields.optionalEmails} legend="Optional emails" options={ON_OFF} />
						<Button type="submit" variant="secondary" disabled={navigation.state === 'submitting'}>
							Save
						</Button>
					</Form>
				</div>
			</Card>
			<Card title="Text messages">
				<div className="space-y-3">
					<p>Reminders can also come by text to your mobile, with your first name only and never a patient’s details. Reply STOP to any text to stop them all.</p>
					<Form method="post" {...getFormProps(textsForm)} className="flex flex-wrap items-end gap-3">
						<input type="hidden" name="intent" value="texts" />
						<div className="space-y-1">
							<label htmlFor={textsFields.phone.id} className="block text-sm font-medium">
								Mobile number
							</label>
							<input
								{...getInputProps(textsFields.phone, { type: 'tel' })}
								autoComplete="tel"
								maxLength={PHONE_MAX_LENGTH}
								placeholder="(512) 555-0123"
								className="block w-56 max-w-full rounded border border-slate-400 px-3 py-2 text-slate-900 aria-[invalid]:border-red-700"
							/>
							<div className="max-w-xs font-medium">
								<ErrorList id={textsFields.phone.errorId} errors={textsFields.phone.errors} />
							</div>
						</div>
						<RadioGroup meta={textsFields.texts} legend="Text messages" options={ON_OFF} />
						<Button type="submit" variant="secondary" disabled={navigation.state === 'submitting'}>
							Save
						</Button>
					</Form>
				</div>
			</Card>
			{sessionFeed ? (
				<Card title="Sessions in your calendar">
					<SessionFeedSettings feed={sessionFeed} made={actionData?.feedUrl ?? null} notice={actionData?.feedNotice ?? null} whose="clinic" />
				</Card>
			) : null}
		</div>
	)
}
