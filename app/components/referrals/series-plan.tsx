// The series plan as a list (docs/product.md §4a): each session's phase and dose, its time in the
// reader's zone, its status and any warning; the therapist's page adds what they may do with each.
import { getFormProps, getInputProps, type SubmissionResult, useForm } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { type ReactNode } from 'react'
import { Button } from '#app/components/ui/button.tsx'
import { ConfirmAction } from '#app/components/ui/confirm-dialog.tsx'
import { ErrorList } from '#app/components/ui/forms.tsx'
import { Pill } from '#app/components/ui/pill.tsx'
import { type PlanLine } from '#app/domain/series/plan-view.ts'

export function PlanList({ lines, label, actions }: { lines: PlanLine[]; label: string; actions?: (line: PlanLine) => ReactNode }) {
	return (
		<ul className="divide-y divide-slate-200" aria-label={label}>
			{lines.map((line) => (
				<li key={line.id} className="space-y-2 py-3">
					<div className="flex flex-wrap items-start justify-between gap-2">
						<div className="min-w-0">
							<p className="break-words font-medium text-slate-900">{line.what}</p>
							<p className="break-words text-sm text-slate-700">{line.when}</p>
						</div>
						<Pill tone={line.tone}>{line.status}</Pill>
					</div>
					{line.flags.map((flag) => (
						<p key={flag} className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
							{flag}
						</p>
					))}
					{actions ? actions(line) : null}
				</li>
			))}
		</ul>
	)
}

/** The therapist's buttons for one session; the reschedule form takes a date and time in their zone. */
export function SessionActions({ line, zone, lastResult, busy }: { line: PlanLine; zone: string; lastResult: SubmissionResult<string[]> | undefined; busy: boolean }) {
	const [form, fields] = useForm<{ startsAt: string }>({ id: `session-${line.id}`, lastResult, shouldRevalidate: 'onSubmit', defaultValue: { startsAt: line.localValue } })
	if (line.actions.length === 0) return null
	// A refusal of any of this session's buttons shows here, whichever field it names.
	const errors = [...new Set(Object.values(form.allErrors).flat())]
	const has = (action: PlanLine['actions'][number]) => line.actions.includes(action)
	return (
		<div className="space-y-2">
			<div className="flex flex-wrap gap-2">
				{has('confirm') ? <SessionButton id={line.id} intent="session_confirm" label="Confirm this time" busy={busy} /> : null}
				{has('held') ? <SessionButton id={line.id} intent="session_held" label="It took place" busy={busy} /> : null}
				{has('no_show') ? <SessionButton id={line.id} intent="session_no_show" label="The patient did not come" busy={busy} secondary /> : null}
				{has('cancel') ? (
					<ConfirmAction
						trigger="Cancel this session"
						triggerVariant="danger-outline"
						triggerSize="sm"
						title={`Cancel “${line.what}”?`}
						description="The session is taken out of the plan. The clinic sees it as cancelled."
						confirmLabel="Cancel the session"
						cancelLabel="Keep it"
						fields={{ intent: 'session_cancel', sessionId: line.id }}
					/>
				) : null}
			</div>
			{has('reschedule') ? (
				<Form method="post" {...getFormProps(form)} className="flex flex-wrap items-end gap-2">
					<input type="hidden" name="sessionId" value={line.id} />
					<div className="space-y-1">
						<label htmlFor={fields.startsAt.id} className="block text-sm font-medium text-slate-900">
							{line.flags.length ? 'Give it a time' : 'Another time'} ({zone})
						</label>
						<input
							{...getInputProps(fields.startsAt, { type: 'datetime-local', ariaAttributes: false })}
							aria-invalid={errors.length ? true : undefined}
							aria-describedby={errors.length ? fields.startsAt.errorId : undefined}
							className="block rounded border border-slate-400 px-3 py-1.5 text-slate-900 aria-[invalid]:border-red-700"
						/>
					</div>
					<Button type="submit" name="intent" value="session_reschedule" variant="secondary" size="sm" disabled={busy}>
						Book at this time
					</Button>
					<div className="basis-full">
						<ErrorList id={fields.startsAt.errorId} errors={errors} />
					</div>
				</Form>
			) : (
				<ErrorList errors={errors} />
			)}
		</div>
	)
}

/** One button acting on one session. */
function SessionButton({ id, intent, label, busy, secondary }: { id: string; intent: string; label: string; busy: boolean; secondary?: boolean }) {
	return (
		<Form method="post">
			<input type="hidden" name="sessionId" value={id} />
			<Button type="submit" name="intent" value={intent} variant={secondary ? 'secondary' : 'primary'} size="sm" disabled={busy}>
				{label}
			</Button>
		</Form>
	)
}
