// Plain form fields for pages with many small forms (the therapist profile): each has a visible
// label, and its error is announced with it. Values come back from the server after a refused
// save, so nothing typed is lost.
import { type ReactNode } from 'react'

export type FieldErrors = Record<string, string[] | null | undefined>

function describedBy(id: string, errors: FieldErrors, name: string, hint?: boolean) {
	return [hint ? `${id}-hint` : null, errors[name]?.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
}

export function ErrorFor({ id, errors, name }: { id: string; errors: FieldErrors; name: string }) {
	const messages = errors[name]
	return messages?.length ? (
		<p id={`${id}-error`} className="text-sm text-red-800">
			{messages.join(' ')}
		</p>
	) : null
}

export function TextInput({
	form,
	name,
	label,
	defaultValue,
	errors,
	hint,
	type = 'text',
	inputMode,
	multiline,
	maxLength,
	autoComplete,
	min,
	max,
}: {
	form: string
	name: string
	label: string
	defaultValue: string | number | null | undefined
	errors: FieldErrors
	hint?: ReactNode
	type?: 'text' | 'date' | 'number' | 'email' | 'tel' | 'datetime-local'
	inputMode?: 'numeric' | 'text'
	multiline?: boolean
	maxLength?: number
	autoComplete?: string
	min?: number
	max?: number
}) {
	const id = `${form}-${name}`
	const common = {
		id,
		name,
		defaultValue: defaultValue ?? '',
		maxLength,
		autoComplete,
		'aria-invalid': errors[name]?.length ? true : undefined,
		'aria-describedby': describedBy(id, errors, name, Boolean(hint)),
		className: 'block w-full rounded border border-slate-400 px-3 py-2 aria-[invalid]:border-red-700',
	}
	return (
		<div className="space-y-1">
			<label htmlFor={id} className="block text-sm font-medium text-slate-900">
				{label}
			</label>
			{multiline ? <textarea rows={4} {...common} /> : <input type={type} inputMode={inputMode} min={min} max={max} {...common} />}
			{hint ? (
				<p id={`${id}-hint`} className="text-sm text-slate-700">
					{hint}
				</p>
			) : null}
			<ErrorFor id={id} errors={errors} name={name} />
		</div>
	)
}

export function SelectInput({
	form,
	name,
	label,
	defaultValue,
	errors,
	options,
	placeholder = 'Choose…',
}: {
	form: string
	name: string
	label: string
	defaultValue: string | undefined
	errors: FieldErrors
	options: readonly { value: string; label: string }[]
	/** The empty first option: "Choose…", or what choosing nothing means ("Any state"). */
	placeholder?: string
}) {
	const id = `${form}-${name}`
	return (
		<div className="space-y-1">
			<label htmlFor={id} className="block text-sm font-medium text-slate-900">
				{label}
			</label>
			<select
				id={id}
				name={name}
				defaultValue={defaultValue ?? ''}
				aria-invalid={errors[name]?.length ? true : undefined}
				aria-describedby={describedBy(id, errors, name)}
				className="block w-full rounded border border-slate-400 px-3 py-2"
			>
				<option value="">{placeholder}</option>
				{options.map((o) => (
					<option key={o.value} value={o.value}>
						{o.label}
					</option>
				))}
			</select>
			<ErrorFor id={id} errors={errors} name={name} />
		</div>
	)
}

export function CheckGroup({
	form,
	name,
	legend,
	options,
	selected,
	errors,
}: {
	form: string
	name: string
	legend: string
	options: readonly { value: string; label: string }[]
	selected: readonly string[]
	errors: FieldErrors
}) {
	const id = `${form}-${name}`
	return (
		<fieldset className="space-y-2" aria-describedby={errors[name]?.length ? `${id}-error` : undefined}>
			<legend className="text-sm font-medium text-slate-900">{legend}</legend>
			<div className="grid gap-x-4 gap-y-1 sm:grid-cols-2">
				{options.map((o) => (
					<label key={o.value} className="flex items-center gap-2 text-sm">
						<input type="checkbox" name={name} value={o.value} defaultChecked={selected.includes(o.value)} />
						{o.label}
					</label>
				))}
			</div>
			<ErrorFor id={id} errors={errors} name={name} />
		</fieldset>
	)
}

export function Checkbox({ form, name, label, defaultChecked }: { form: string; name: string; label: string; defaultChecked: boolean }) {
	return (
		<label htmlFor={`${form}-${name}`} className="flex items-center gap-2 text-sm">
			<input id={`${form}-${name}`} type="checkbox" name={name} defaultChecked={defaultChecked} />
			{label}
		</label>
	)
}
