// The coverage map's filters: phase, format and approach, in the URL (a GET form the loader reads),
// and what was wrong with the ones given. The fields are the Conform fields every other form uses;
// the form starts from the filters the map shows.
import { getFormProps, useForm } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { SelectField } from '#app/components/ui/conform-fields.tsx'
import { FORMATS, MODALITIES, PHASES } from '#app/domain/reference/index.ts'

const options = (entries: readonly { slug: string; label: string }[]) => entries.map((e) => ({ value: e.slug, label: e.label }))

type Filters = { phase: string | null; format: string | null; modality: string | null }

export function CoverageFilters({ problems, phase, format, modality }: Filters & { problems: string[] }) {
	// A new address gives a new form, starting from the filters the map now shows.
	return <FiltersForm key={[phase, format, modality].join('|')} filters={{ phase, format, modality }} problems={problems} />
}

function FiltersForm({ filters, problems }: { filters: Filters; problems: string[] }) {
	const [form, fields] = useForm<Record<keyof Filters, string>>({
		id: 'coverage',
		defaultValue: { phase: filters.phase ?? '', format: filters.format ?? '', modality: filters.modality ?? '' },
		shouldValidate: 'onSubmit',
	})
	return (
		<>
			<Form method="get" className="flex flex-wrap items-end gap-4" aria-label="Filter the map" {...getFormProps(form)}>
				<SelectField meta={fields.phase} label="Phase" options={options(PHASES.entries)} placeholder="Any phase" />
				<SelectField meta={fields.format} label="Format" options={options(FORMATS.entries)} placeholder="Telehealth or in person" />
				<SelectField meta={fields.modality} label="Approach" options={options(MODALITIES.entries)} placeholder="Any approach" />
				<button type="submit" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
					Show
				</button>
			</Form>
			{problems.length ? (
				<p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
					{problems.join(' ')} The map shows the filters that were fine.
				</p>
			) : null}
		</>
	)
}
