// The coverage map's filters: phase, format and approach, in the URL (a GET form), and what was
// wrong with the ones given.
import { Form } from '@remix-run/react'
import { FORMATS, MODALITIES, PHASES } from '#app/domain/reference/index.ts'

function Choice({ name, label, value, entries, any }: { name: string; label: string; value: string | null; entries: readonly { slug: string; label: string }[]; any: string }) {
	return (
		<div className="space-y-1">
			<label htmlFor={`coverage-${name}`} className="block text-sm font-medium">
				{label}
			</label>
			<select id={`coverage-${name}`} name={name} defaultValue={value ?? ''} className="block rounded border border-slate-400 px-3 py-2">
				<option value="">{any}</option>
				{entries.map((e) => (
					<option key={e.slug} value={e.slug}>
						{e.label}
					</option>
				))}
			</select>
		</div>
	)
}

export function CoverageFilters({ phase, format, modality, problems }: { phase: string | null; format: string | null; modality: string | null; problems: string[] }) {
	return (
		<>
			<Form method="get" className="flex flex-wrap items-end gap-4" aria-label="Filter the map">
				<Choice name="phase" label="Phase" value={phase} entries={PHASES.entries} any="Any phase" />
				<Choice name="format" label="Format" value={format} entries={FORMATS.entries} any="Telehealth or in person" />
				<Choice name="modality" label="Approach" value={modality} entries={MODALITIES.entries} any="Any approach" />
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
