// A referral's message thread between the clinic and the chosen therapist, on both sides' pages:
// the messages, oldest first, and a form that posts `intent=message` to the page's own action.
import { Form } from '@remix-run/react'
import { formatDateTime } from '#app/domain/time-format.ts'

export type ThreadMessageView = { id: string; from: 'clinic' | 'therapist'; author: string; body: string; createdAt: string }

export function MessageThread({ messages, counterpart, timeZone, maxLength, busy }: { messages: ThreadMessageView[]; counterpart: string; timeZone: string; maxLength: number; busy: boolean }) {
	return (
		<section aria-labelledby="messages-title" className="space-y-3 rounded border border-slate-200 p-5">
			<h2 id="messages-title" className="text-lg font-semibold">
				Messages with {counterpart}
			</h2>
			{messages.length ? (
				<ol className="space-y-3">
					{messages.map((m) => (
						<li key={m.id} className={`rounded p-3 ${m.from === 'clinic' ? 'bg-slate-50' : 'bg-brand-50'}`}>
							<p className="text-sm text-slate-700">
								<span className="font-medium text-slate-900">{m.author}</span> ({m.from === 'clinic' ? 'clinic' : 'therapist'}), <time dateTime={m.createdAt}>{formatDateTime(new Date(m.createdAt), timeZone)}</time>
							</p>
							<p className="mt-1 whitespace-pre-line">{m.body}</p>
						</li>
					))}
				</ol>
			) : (
				<p className="text-slate-700">No messages yet.</p>
			)}
			<Form method="post" className="space-y-2">
				<label htmlFor="message-body" className="block text-sm font-medium">
					Message (only your clinic and the chosen therapist can read it)
				</label>
				<textarea id="message-body" name="body" rows={3} maxLength={maxLength} required className="w-full rounded border border-slate-400 px-3 py-2" />
				<button type="submit" name="intent" value="message" disabled={busy} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
					Send message
				</button>
			</Form>
		</section>
	)
}
