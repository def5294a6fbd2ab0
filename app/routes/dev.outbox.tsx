// Development only: the emails the app would have sent, so a newcomer can click verification and
// invitation links without a mail server. Absent (404) in production, when SMTP is configured, and
// to anyone but this machine (a server started without NODE_ENV listens on every interface).
// Bodies are kept only in development (keepsEmailBodies), so elsewhere it lists subjects alone.
// Text messages are kept here too when Twilio is not configured.
import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { TimeInZones } from '#app/components/referrals/times.tsx'
import { timeZoneOf } from '#app/domain/accounts/viewer-time-zone.server.ts'
import { DEFAULT_TIME_ZONE } from '#app/domain/time-format.ts'
import { db } from '#app/utils/db.server.ts'
import { env } from '#app/utils/env.server.ts'
import { getFullAuth } from '#app/utils/permissions.server.ts'

export const meta: MetaFunction = () => [{ title: 'Development outbox — Tandem' }]

export async function loader({ context, request }: LoaderFunctionArgs) {
	const config = env()
	if (config.NODE_ENV === 'production' || config.SMTP_URL || context.localClient !== true) throw new Response('Not found', { status: 404 })
	const messages = await db().emailMessage.findMany({ orderBy: { createdAt: 'desc' }, take: 50, select: { id: true, to: true, subject: true, text: true, createdAt: true } })
	const texts = config.twilio ? [] : await db().smsMessage.findMany({ orderBy: { createdAt: 'desc' }, take: 50, select: { id: true, to: true, template: true, body: true, createdAt: true } })
	const auth = await getFullAuth(request)
	return {
		messages: messages.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
		texts: texts.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
		timeZone: auth ? await timeZoneOf(auth.principal) : DEFAULT_TIME_ZONE,
	}
}

const URL_PATTERN = /(https?:\/\/[^\s]+)/g

function Linkified({ text }: { text: string }) {
	return (
		<>
			{text.split(URL_PATTERN).map((part, i) =>
				i % 2 === 1 ? (
					<a key={i} href={part} className="break-all font-medium text-brand-700 underline">
						{part}
					</a>
				) : (
					<span key={i}>{part}</span>
				),
			)}
		</>
	)
}

export default function Outbox() {
	const { messages, texts, timeZone } = useLoaderData<typeof loader>()
	return (
		<section className="mx-auto max-w-3xl px-4 py-12" aria-labelledby="outbox-title">
			<h1 id="outbox-title" className="text-2xl font-semibold tracking-tight">
				Development outbox
			</h1>
			<p className="mt-2 text-slate-700">No SMTP server is configured, so emails are kept here instead of being sent. Newest first.</p>
			{messages.length === 0 ? <p className="mt-6">No emails yet.</p> : null}
			<ol className="mt-6 space-y-6">
				{messages.map((message) => (
					<li key={message.id} className="rounded border border-slate-200 p-4">
						<h2 className="font-semibold">{message.subject}</h2>
						<p className="text-sm text-slate-700">
							To <span className="font-medium">{message.to}</span> · <TimeInZones iso={message.createdAt} zones={[{ timeZone }]} />
						</p>
						<div className="mt-3 whitespace-pre-wrap text-sm">
							{message.text === null ? <span className="italic text-slate-600">The text of this email was not kept.</span> : <Linkified text={message.text} />}
						</div>
					</li>
				))}
			</ol>
			<h2 className="mt-12 text-xl font-semibold tracking-tight">Text messages</h2>
			<p className="mt-2 text-slate-700">No Twilio account is configured, so text messages are kept here instead of being sent. Newest first.</p>
			{texts.length === 0 ? <p className="mt-6">No text messages yet.</p> : null}
			<ol className="mt-6 space-y-6">
				{texts.map((text) => (
					<li key={text.id} className="rounded border border-slate-200 p-4">
						<p className="text-sm text-slate-700">
							To <span className="font-medium">{text.to}</span> · {text.template} · <TimeInZones iso={text.createdAt} zones={[{ timeZone }]} />
						</p>
						<p className="mt-3 whitespace-pre-wrap text-sm">{text.body === null ? <span className="italic text-slate-600">The text of this message was not kept.</span> : text.body}</p>
					</li>
				))}
			</ol>
		</section>
	)
}
