// First-session times as tiles, grouped by day, in the therapist's zone. To propose (several, up to
// a maximum) a chosen time disables the times whose session would overlap it; without JavaScript every
// time stays enabled and the server refuses overlaps. To book, one time (radios).
import { useState, useSyncExternalStore } from 'react'
import { sessionsOverlap, type SlotDay } from '#app/domain/referrals/proposals.ts'

const TILE =
	'flex min-h-11 cursor-pointer items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 hover:border-brand-700 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50 has-[:checked]:font-medium has-[:disabled]:cursor-not-allowed has-[:disabled]:border-slate-200 has-[:disabled]:bg-slate-50 has-[:disabled]:text-slate-500 has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-700'

const noChanges = () => () => {}

export function SlotPicker({
	id,
	name,
	legend,
	days,
	zone,
	max,
	sessionMinutes,
	errors,
	single = false,
}: {
	id: string
	name: string
	legend: string
	days: readonly SlotDay[]
	zone: string
	/** How many may be chosen (ignored for `single`). */
	max: number
	sessionMinutes: number
	errors?: string[] | null
	single?: boolean
}) {
	const [chosen, setChosen] = useState<string[]>([])
	// The live count and the disabling need the script; before it runs the form works as plain HTML.
	const live = useSyncExternalStore(
		noChanges,
		() => true,
		() => false,
	)
	const errorId = `${id}-error`
	const hintId = `${id}-hint`
	const unavailable = (iso: string) => !single && !chosen.includes(iso) && (chosen.length >= max || chosen.some((c) => sessionsOverlap(new Date(c), new Date(iso), sessionMinutes)))
	const toggle = (iso: string, on: boolean) => setChosen((now) => (single ? [iso] : on ? [...now, iso] : now.filter((c) => c !== iso)))
	return (
		<fieldset id={id} className="min-w-0 space-y-4" aria-describedby={[hintId, errors?.length ? errorId : null].filter(Boolean).join(' ')} aria-invalid={errors?.length ? true : undefined}>
			<legend className="font-medium text-slate-900">{legend}</legend>
			<div id={hintId} className="space-y-1 text-sm text-slate-700">
				<p>
					Times are in <strong>{zone}</strong>; each session is {sessionMinutes} minutes.
					{single ? null : ' Times that would overlap one you chose are greyed out.'}
				</p>
				{!single && live ? (
					<p aria-live="polite" className="font-medium text-slate-900">
						{chosen.length} of {max} chosen
					</p>
				) : null}
			</div>
			{days.map((day) => (
				<fieldset key={day.date} className="min-w-0 space-y-2">
					<legend className="text-sm font-semibold text-slate-900">{day.heading}</legend>
					<div className="grid grid-cols-[repeat(auto-fill,minmax(8rem,1fr))] gap-2">
						{day.slots.map((slot) => (
							<label key={slot.iso} className={TILE}>
								<input
									type={single ? 'radio' : 'checkbox'}
									name={name}
									value={slot.iso}
									required={single}
									checked={chosen.includes(slot.iso)}
									disabled={unavailable(slot.iso)}
									onChange={(event) => toggle(slot.iso, event.currentTarget.checked)}
									className="size-4 shrink-0 accent-brand-700"
								/>
								<time dateTime={slot.iso}>{slot.label}</time>
							</label>
						))}
					</div>
				</fieldset>
			))}
			<div id={errorId} role="alert">
				{errors?.length ? (
					<ul className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
						{errors.map((error) => (
							<li key={error}>{error}</li>
						))}
					</ul>
				) : null}
			</div>
		</fieldset>
	)
}
