// Form fields bound to Conform's field metadata, for every form: each has a visible label, its hint and its errors beside it and announced with it
// (aria-describedby), and after a refused save it shows what was typed (Conform's `lastResult`).
import { type FieldMetadata, getCollectionProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult } from '@conform-to/react'
import { type ReactNode, useMemo } from 'react'

// Conform's metadata for a field of any shape: these components read only its names, value and errors.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Meta = FieldMetadata<any, any, any>

const describedBy = (meta: Meta, hint: boolean) => [hint ? meta.descriptionId : null, meta.errors?.length ? meta.errorId : null].filter(Boolean).join(' ') || undefined
const aria = (meta: Meta, hint = false) => ({ 'aria-invalid': meta.errors?.length ? true : undefined, 'aria-describedby': describedBy(meta, hint) })

export function FieldError({ meta }: { meta: Meta }) {
	return meta.errors?.length ? (
		<p id={meta.errorId} className="text-sm text-red-800">
			{meta.errors.join(' ')}
		</p>
	) : null
}

export function TextField({
	meta,
	label,
	hint,
	type = 'text',
	inputMode,
	multiline,
	maxLength,
	autoComplete,
	min,
	max,
}: {
	meta: Meta
	label: string
	hint?: ReactNode
	type?: 'text' | 'date' | 'number' | 'email' | 'tel' | 'datetime-local' | 'url' | 'password'
	inputMode?: 'numeric' | 'text'
	multiline?: boolean
	maxLength?: number
	autoComplete?: string
	min?: number
	max?: number
}) {
	const className = 'block w-full rounded border border-slate-400 px-3 py-2 text-slate-900 aria-[invalid]:border-red-700'
	const common = { maxLength, autoComplete, className, ...aria(meta, Boolean(hint)) }
	return (
		<div className="space-y-1">
			<label htmlFor={meta.id} className="block text-sm font-medium text-slate-900">
				{label}
			</label>
			{multiline ? (
				<textarea rows={4} {...getTextareaProps(meta, { ariaAttributes: false })} {...common} />
			) : (
				<input {...getInputProps(meta, { type, ariaAttributes: false })} inputMode={inputMode} min={min} max={max} {...common} />
			)}
			{hint ? (
				<p id={meta.descriptionId} className="text-sm text-slate-700">
					{hint}
				</p>
			) : null}
			<FieldError meta={meta} />
		</div>
	)
}

export function SelectField({
	meta,
	label,
	options,
	placeholder = 'Choose…',
}: {
	meta: Meta
	label: string
	options: readonly { value: string; label: string }[]
	/** The empty first option: "Choose…", or what choosing nothing means. */
	placeholder?: string
}) {
	return (
		<div className="space-y-1">
			<label htmlFor={meta.id} className="block text-sm font-medium text-slate-900">
				{label}
			</label>
			<select {...getSelectProps(meta, { ariaAttributes: false })} {...aria(meta)} className="block w-full rounded border border-slate-400 px-3 py-2 aria-[invalid]:border-red-700">
				<option value="">{placeholder}</option>
				{options.map((o) => (
					<option key={o.value} value={o.value}>
						{o.label}
					</option>
				))}
			</select>
			<FieldError meta={meta} />
		</div>
	)
}

/** Checkboxes choosing several values of one list; its error is said once, under the group. */
export function CheckboxGroupField({ meta, legend, options }: { meta: Meta; legend: string; options: readonly { value: string; label: string }[] }) {
	const labels = new Map(options.map((o) => [o.value, o.label]))
	return (
		<fieldset className="space-y-2" aria-describedby={meta.errors?.length ? meta.errorId : undefined}>
			<legend className="text-sm font-medium text-slate-900">{legend}</legend>
			<div className="grid gap-x-4 gap-y-1 sm:grid-cols-2">
				{getCollectionProps(meta, { type: 'checkbox', options: options.map((o) => o.value), ariaAttributes: false }).map(({ key, ...props }) => (
					<label key={key} className="flex items-center gap-2 text-sm">
						<input {...props} aria-invalid={meta.errors?.length ? true : undefined} />
						{labels.get(props.value)}
					</label>
				))}
			</div>
			<FieldError meta={meta} />
		</fieldset>
	)
}

/** One checkbox sending `on` when checked. */
export function CheckboxField({ meta, label }: { meta: Meta; label: string }) {
	return (
		<div className="space-y-1">
			<label htmlFor={meta.id} className="flex items-center gap-2 text-sm">
				<input {...getInputProps(meta, { type: 'checkbox', ariaAttributes: false })} {...aria(meta)} />
				{label}
			</label>
			<FieldError meta={meta} />
		</div>
	)
}

/**
 * For a page whose forms share one action: the last answer goes to the form it is about, and every
 * other form gets an answer that only clears its earlier errors (what is typed in it stays).
 */
export function useResultFor(result: SubmissionResult<string[]> | undefined, about: string | null) {
	const cleared = useMemo<SubmissionResult<string[]> | undefined>(() => (result ? { error: {} } : undefined), [result])
	return (formId: string) => (about === formId ? result : cleared)
}
