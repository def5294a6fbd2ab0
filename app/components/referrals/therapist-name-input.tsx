// A therapist picked by name, with suggestions as the clinic types: a text input tied to a
// <datalist> filled from the clinic's therapist-names route. The form sends the name and, once the
// name is one of the suggestions, the therapist's id; without script the server resolves the name.
// In a Conform form, `meta` (the name's field) gives its id, what was typed and its errors.
import { type FieldMetadata } from '@conform-to/react'
import { useFetcher } from '@remix-run/react'
import { useEffect, useId, useState } from 'react'

type Option = { id: string; fullName: string; credentials: string }

export function TherapistNameInput({
	clinicId,
	label,
	description,
	error: plainError,
	defaultValue = '',
	meta,
	extraErrors,
}: {
	clinicId: string
	label: string
	description?: string
	error?: string | null
	defaultValue?: string
	meta?: FieldMetadata<string>
	/** Errors of the form's other fields shown with the name (the hidden id of the chosen suggestion). */
	extraErrors?: string[]
}) {
	const generated = useId()
	const id = meta?.id ?? `${generated}-name`
	const errorId = meta?.errorId ?? `${generated}-error`
	const error = meta ? [...(meta.errors ?? []), ...(extraErrors ?? [])].join(' ') || null : plainError
	const fetcher = useFetcher<{ therapists: Option[] }>()
	const [name, setName] = useState(meta ? (meta.initialValue ?? '') : defaultValue)
	const { load } = fetcher
	useEffect(() => {
		const text = name.trim()
		if (text.length < 2) return
		const timer = setTimeout(() => load(`/clinics/${clinicId}/referrals/therapist-names?q=${encodeURIComponent(text)}`), 200)
		return () => clearTimeout(timer)
	}, [name, clinicId, load])
	// The last answer stays while the next one loads.
	const known = fetcher.data?.therapists ?? []
	const chosen = known.find((t) => t.fullName.toLowerCase() === name.trim().toLowerCase())
	const describedBy = [description ? `${id}-description` : null, error ? errorId : null].filter(Boolean).join(' ') || undefined
	return (
		<div className="min-w-0 space-y-1">
			<label htmlFor={id} className="block text-sm font-medium text-slate-900">
				{label}
			</label>
			<input
				id={id}
				name={meta?.name ?? 'therapistName'}
				list={`${id}-list`}
				required
				maxLength={200}
				autoComplete="off"
				value={name}
				onChange={(event) => setName(event.currentTarget.value)}
				aria-invalid={error ? true : undefined}
				aria-describedby={describedBy}
				className="block w-full max-w-full rounded border border-slate-400 px-3 py-2 text-slate-900 aria-[invalid]:border-red-700 sm:w-80"
			/>
			<datalist id={`${id}-list`}>
				{known.map((t) => (
					<option key={t.id} value={t.fullName}>
						{t.credentials}
					</option>
				))}
			</datalist>
			<input type="hidden" name="therapistId" value={chosen?.id ?? ''} />
			{description ? (
				<p id={`${id}-description`} className="text-sm text-slate-700">
					{description}
				</p>
			) : null}
			{error ? (
				<p id={errorId} className="text-sm text-red-800">
					{error}
				</p>
			) : null}
		</div>
	)
}
