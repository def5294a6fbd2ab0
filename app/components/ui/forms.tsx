// Form primitives beside the fields (conform-fields.tsx): radio groups, error lists, a form-level
// error as a live region, the submit button, notices and the sign-in pages' frame.
import { type FieldMetadata, getCollectionProps } from '@conform-to/react'
import { type ReactNode } from 'react'
import { buttonVariants } from './button.tsx'

/** One choice of a few, as radio buttons under a legend; its error is announced with each of them. */
export function RadioGroup({ meta, legend, options }: { meta: FieldMetadata<string>; legend: string; options: readonly { value: string; label: ReactNode }[] }) {
	const labels = new Map(options.map((o) => [o.value, o.label]))
	return (
		<fieldset className="space-y-1">
			<legend className="text-sm font-medium text-slate-900">{legend}</legend>
			<div className="flex flex-wrap gap-x-4 gap-y-1">
				{getCollectionProps(meta, { type: 'radio', options: options.map((o) => o.value) }).map(({ key, ...props }) => (
					<label key={key} className="inline-flex items-center gap-2">
						<input {...props} /> {labels.get(props.value)}
					</label>
				))}
			</div>
			<ErrorList id={meta.errorId} errors={meta.errors} />
		</fieldset>
	)
}

export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
	if (!errors?.length) return <div id={id} />
	return (
		<ul id={id} className="space-y-1 text-sm text-red-800">
			{errors.map((error) => (
				<li key={error}>{error}</li>
			))}
		</ul>
	)
}

export function FormError({ id, errors }: { id: string; errors?: string[] | null }) {
	return (
		<div id={id} role="alert" aria-live="polite">
			{errors?.length ? (
				<div className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
					{errors.map((error) => (
						<p key={error}>{error}</p>
					))}
				</div>
			) : null}
		</div>
	)
}

export function SubmitButton({ children, pending, name, value }: { children: ReactNode; pending?: boolean; name?: string; value?: string }) {
	return (
		<button type="submit" name={name} value={value} disabled={pending} className={buttonVariants()}>
			{children}
		</button>
	)
}

export function Notice({ children, tone = 'info' }: { children: ReactNode; tone?: 'info' | 'success' }) {
	return (
		<div role="status" className={`break-words rounded border p-3 text-sm ${tone === 'success' ? 'border-green-300 bg-green-50 text-green-900' : 'border-brand-100 bg-brand-50 text-brand-900'}`}>
			{children}
		</div>
	)
}

export function AuthPage({ title, children, intro }: { title: string; intro?: ReactNode; children: ReactNode }) {
	return (
		<section className="mx-auto max-w-md px-4 py-10 sm:py-16" aria-labelledby="page-title">
			<div className="min-w-0 rounded-xl border border-slate-200 bg-white p-5 shadow-sm sm:p-8">
				<h1 id="page-title" className="break-words text-2xl font-semibold tracking-tight text-slate-900">
					{title}
				</h1>
				{intro ? <div className="mt-2 break-words text-slate-700">{intro}</div> : null}
				<div className="mt-6 space-y-5">{children}</div>
			</div>
		</section>
	)
}
