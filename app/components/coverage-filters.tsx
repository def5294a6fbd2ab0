// The coverage map's filters: phase, format and approach, in the URL (a GET form), and what was
// wrong with the ones given.
import { Form } from '@remix-run/react'
import { SelectInput } from '#app/components/ui/fields.tsx'
import { FORMATS, MODALITIES, PHASES } from '#app/domain/reference/index.ts'

const options = (entries: readonly { slug: string; label: string }[]) => entries.map((e) => ({ value: e.slug, label: e.label }))

export function CoverageFilters({ phase, format, modality, problems }: { phase: string | null; format: string | null; modality: string | null; problems: string[] }) {
	return (
		<>
			<Form method="get" className="flex flex-wrap items-end gap-4" aria-label="Filter the map">
				<SelectInput form="coverage" name="phase" label="Phase" defaultValue={phase ?? undefined} options={options(PHASES.entries)} placeholder="Any phase" errors={{}} />
				<SelectInput form="coverage" name="format" label="Format" defaultValue={format ?? undefined} options={options(FORMATS.entries)} placeholder="Telehealth or in person" errors={{}} />
				<SelectInput form="coverage" name="modality" label="Approach" defaultValue={modality ?? undefined} options={options(MODALITIES.entries)} placeholder="Any approach" errors={{}} />
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
