// What happened that someone may need to act on (docs/product.md §4): the signed-in person's in-app
// notifications, newest first, each linking to where to act; the switch for optional emails;
// their mobile number and whether reminders may come by text; and, for clinic members, the private
// calendar address of their clinics' planned sessions (docs/product.md §4a; therapists find theirs
// in their profile, beside their own calendar).
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { Button } from '#app/components/ui/button.tsx'
import { Card } from '#app/components/ui/card.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pill } from '#app/components/ui/pill.tsx'
import { Notice } from '#app/components/ui/forms.tsx'
import { timeZoneOf } from '#app/domain/accounts/viewer-time-zone.server.ts'
import { markNotificationsRead, optionalEmailsOn, recentNotifications, setOptionalEmails } from '#app/domain/notifications/notifications.server.ts'
import { setUserTexts, userTexts } from '#app/domain/notifications/sms.server.ts'
import { actOnSessionFeed, sessionFeedState } from '#app/domain/calendar/session-feeds.server.ts'
import { presentSessionFeed } from '#app/domain/calendar/session-feed-view.ts'
import { SessionFeedSettings } from '#app/components/session-feed-settings.tsx'
import { normalizePhone } from '#app/domain/notifications/sms.ts'
import { requireUser } from '#app/utils/permissions.server.ts'
import { firstFormIssue } from '#app/utils/form-issue.ts'

export const meta: MetaFunction = () => [{ title: 'Notifications — Tandem' }]

export async function loader({ request }: LoaderFunctionArgs) {
	const auth = await requireUser(request)
	const timeZone = await timeZoneOf(auth.principal)
	const now = new Date()
	const [notifications, optionalEmails, texts, feed] = await Promise.all([recentNotifications(auth.principal, timeZone, now), optionalEmailsOn(auth.user.id), userTexts(auth.user.id), sessionFeedState(auth.user.id)])
	// Clinic members' calendar address is here; a therapist's is in their profile.
	const sessionFeed = auth.principal.memberships.length ? presentSessionFeed(feed, timeZone, now) : null
	return { notifications, optionalEmails, texts, sessionFeed }
}

const Intent = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('read_all') }),
	z.object({ intent: z.literal('emails'), optionalEmails: z.enum(['on', 'off'], { errorMap: () => ({ message: 'Choose whether to get optional emails.' }) }) }),
	z.object({
		intent: z.literal('texts'),
		phone: z
			.string({ invalid_type_error: 'Give a mobile number, or leave it empty.' })
			.max(40, 'A mobile number is at most 40 characters.')
			.optional()
			.transform((v, ctx) => {
				if (!v?.trim()) return null
				const phone = normalizePhone(v)
				if (!phone) ctx.addIssue({ code: 'custom', message: 'Give a mobile number such as (512) 555-0123, or one with its country code such as +44 20 7946 0958.' })
				return phone
			}),
		texts: z.enum(['on', 'off'], { errorMap: () => ({ message: 'Choose whether to get text messages.' }) }),
	}),
	z.object({ intent: z.literal('feed-create') }),
	z.object({ intent: z.literal('feed-revoke') }),
])

export async function action({ request }: ActionFunctionArgs) {
	const auth = await requireUser(request)
	const parsed = Intent.safeParse(Object.fromEntries(await request.formData()))
	if (!parsed.success) {
		return data({ ...firstFormIssue(parsed.error, 'Choose what to change.'), notice: null }, { status: 400 })
	}
	if (parsed.data.intent === 'feed-create' || parsed.data.intent === 'feed-revoke') {
		if (!auth.principal.memberships.length) return data({ error: 'Your calendar address is in your profile.', notice: null }, { status: 400 })
		const outcome = await actOnSessionFeed(auth.user.id, parsed.data.intent)
		return { error: null, notice: null, feedNotice: outcome.notice, feedUrl: outcome.feedUrl }
	}
	if (parsed.data.intent === 'read_all') {
		const count = await markNotificationsRead(auth.user.id)
		return { error: null, notice: count ? `Marked ${count} as read.` : 'Nothing was unread.' }
	}
	if (parsed.data.intent === 'texts') {
		const on = parsed.data.texts === 'on'
		await setUserTexts(auth.user.id, parsed.data.phone, on)
		return { error: null, notice: !parsed.data.phone ? 'Saved: no number, so no text messages.' : on ? 'Saved: reminders may come by text too.' : 'Saved: no text messages.' }
	}
	await setOptionalEmails(auth.user.id, parsed.data.optionalEmails === 'on')
	return { error: null, notice: parsed.data.optionalEmails === 'on' ? 'You will get every email.' : 'You will get only the emails that ask you to act.' }
}

export default function Notifications() {
	const { notifications, optionalEmails, texts, sessionFeed } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const unread = notifications.filter((n) => n.unread).length
	const phoneError = actionData?.error && 'field' in actionData && actionData.field === 'phone' ? actionData.error : null
	return (
		<div className="mx-auto max-w-3xl space-y-8 px-4 py-12">
			<PageHeader title="Notifications" />
			<div aria-live="polite">{actionData?.notice ? <Notice tone="success">{actionData.notice}</Notice> : null}</div>
			<div role="alert">{actionData?.error ? <p className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">{actionData.error}</p> : null}</div>
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
				<Form method="post" className="flex flex-wrap items-end gap-3">
					<fieldset className="space-y-1">
						<legend className="text-sm font-medium">Optional emails</legend>
						<label className="mr-4 inline-flex items-center gap-2">
							<input type="radio" name="optionalEmails" value="on" defaultChecked={optionalEmails} /> On
						</label>
						<label className="inline-flex items-center gap-2">
							<input type="radio" name="optionalEmails" value="off" defaultChecked={!optionalEmails} /> Off
						</label>
					</fieldset>
					<Button type="submit" name="intent" value="emails" variant="secondary" disabled={navigation.state === 'submitting'}>
						Save
					</Button>
				</Form>
				</div>
			</Card>
			<Card title="Text messages">
				<div className="space-y-3">
					<p>Reminders can also come by text to your mobile, with your first name only and never a patient’s details. Reply STOP to any text to stop them all.</p>
					<Form method="post" className="flex flex-wrap items-end gap-3">
						<label className="space-y-1">
							<span className="block text-sm font-medium">Mobile number</span>
							<input
								type="tel"
								name="phone"
								autoComplete="tel"
								defaultValue={texts.phone ?? ''}
								placeholder="(512) 555-0123"
								className="block w-56 max-w-full rounded border border-slate-400 px-3 py-2 text-slate-900 aria-[invalid]:border-red-700"
								aria-invalid={phoneError ? true : undefined}
								aria-describedby={phoneError ? 'phone-error' : undefined}
							/>
							{phoneError ? (
								<span id="phone-error" className="block max-w-xs text-sm font-medium text-red-800">
									{phoneError}
								</span>
							) : null}
						</label>
						<fieldset className="space-y-1">
							<legend className="text-sm font-medium">Text messages</legend>
							<label className="mr-4 inline-flex items-center gap-2">
								<input type="radio" name="texts" value="on" defaultChecked={texts.on} /> On
							</label>
							<label className="inline-flex items-center gap-2">
								<input type="radio" name="texts" value="off" defaultChecked={!texts.on} /> Off
							</label>
						</fieldset>
						<Button type="submit" name="intent" value="texts" variant="secondary" disabled={navigation.state === 'submitting'}>
							Save
						</Button>
					</Form>
				</div>
			</Card>
			{sessionFeed ? (
				<Card title="Sessions in your calendar">
					<SessionFeedSettings
						feed={sessionFeed}
						made={actionData && 'feedUrl' in actionData ? (actionData.feedUrl ?? null) : null}
						notice={actionData && 'feedNotice' in actionData ? (actionData.feedNotice ?? null) : null}
						whose="clinic"
					/>
				</Card>
			) : null}
		</div>
	)
}
