// A referral's message thread between the clinic and the chosen therapist, on both sides' pages:
// the messages, oldest first, and a form that posts `intent=message` to the page's own action; a
// refused message is said under the box, with what was written kept.
import { getFormProps, getTextareaProps, type SubmissionResult, useForm } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { ErrorList } from '#app/components/ui/forms.tsx'
import { formatDateTime } from '#app/domain/time-format.ts'

export type ThreadMessageView = { id: string; from: 'clinic' | 'therapist'; author: string; body: string; createdAt: string }

export function MessageThread({
	messages,
	counterpart,
	timeZone,
	maxLength,
	busy,
	lastResult,
}: {
	messages: ThreadMessageView[]
	counterpart: string
	timeZone: string
	maxLength: number
	busy: boolean
	/** The page's last answer when it was about a message. */
	lastResult: SubmissionResult<string[]> | undefined
}) {
	const [form, fields] = useForm<{ body: string }>({ id: 'message', lastResult, shouldRevalidate: 'onSubmit' })
	const errors = [...new Set(Object.values(form.allErrors).flat())]
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
								<span className="font-medium text-slate-900">{m.author}</span> ({m.from === 'clinic' ? 'clinic' : 'therapist'}),{' '}
								<time dateTime={m.createdAt}>{formatDateTime(new Date(m.createdAt), timeZone)}</time>
							</p>
							<p className="mt-1 whitespace-pre-line">{m.body}</p>
						</li>
					))}
				</ol>
			) : (
				<p className="text-slate-700">No messages yet.</p>
			)}
			<Form method="post" className="space-y-2" {...getFormProps(form)}>
				<label htmlFor={fields.body.id} className="block text-sm font-medium">
					Message (only your clinic and the chosen therapist can read it)
				</label>
				<textarea
					{...getTextareaProps(fields.body, { ariaAttributes: false })}
					// A new key after a message is sent empties the box.
					key={fields.body.key}
					rows={3}
					maxLength={maxLength}
					required
					aria-invalid={errors.length ? true : undefined}
					aria-describedby={errors.length ? fields.body.errorId : undefined}
					className="w-full rounded border border-slate-400 px-3 py-2 aria-[invalid]:border-red-700"
				/>
				<ErrorList id={fields.body.errorId} errors={errors} />
				<button type="submit" name="intent" value="message" disabled={busy} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
					Send message
				</button>
			</Form>
		</section>
	)
}
