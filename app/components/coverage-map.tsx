// The coverage map: each state a link, shaded by how many therapists can see patients
// there, with its details shown on hover and on keyboard focus, and the same numbers in a table
// for anyone who does not use the map.
import { useState } from 'react'
import { describeState, legend, shadeOf, shadeThresholds, type StateCoverage } from '#app/domain/coverage/coverage.ts'

type Shape = { state: string; name: string; d: string; labelAt: [number, number] }

/** From none (grey) to many (the brand's darkest green); text on each keeps 4.5:1 contrast. */
const FILLS = ['#e2e8f0', '#dcebe8', '#9fcbc2', '#4f9488', '#2f6f66', '#14322e']
const INK = ['#0f172a', '#0f172a', '#0f172a', '#0f172a', '#ffffff', '#ffffff']
/** The same fills as classes for the legend's swatches (the CSP allows no inline styles). */
const SWATCHES = ['bg-[#e2e8f0]', 'bg-[#dcebe8]', 'bg-[#9fcbc2]', 'bg-[#4f9488]', 'bg-[#2f6f66]', 'bg-[#14322e]']

export function CoverageMap({
	map,
	states,
	linkFor,
	title,
	demand,
}: {
	map: { width: number; height: number; states: Shape[] }
	states: StateCoverage[]
	linkFor: (state: string) => string
	title: string
	demand?: boolean
}) {
	const byState = new Map(states.map((s) => [s.state, s]))
	const thresholds = shadeThresholds(states.map((s) => s.therapists))
	const [selected, setSelected] = useState<string | null>(null)
	const current = selected ? byState.get(selected) : null
	return (
		<div className="space-y-4">
			<div className="flex flex-wrap items-center gap-4 text-sm" aria-label="Legend: therapists per state" role="group">
				{legend(thresholds).map((entry) => (
					<span key={entry.shade} className="flex items-center gap-1">
						<span aria-hidden="true" className={`inline-block h-4 w-6 rounded border border-slate-400 ${SWATCHES[entry.shade]}`} />
						{entry.label}
					</span>
				))}
			</div>
			<p role="status" className="min-h-6 text-sm font-medium">
				{current ? describeState(current) : 'Point at a state, or move to it with the Tab key, for its numbers; choose it to search its therapists.'}
			</p>
			<svg viewBox={`0 0 ${map.width} ${map.height}`} className="h-auto w-full max-w-4xl" role="group" aria-label={title}>
				{map.states.map((shape) => {
					const c = byState.get(shape.state)
					const shade = shadeOf(c?.therapists ?? 0, thresholds)
					const label = c ? describeState(c) : shape.name
					return (
						<a
							key={shape.state}
							href={linkFor(shape.state)}
							aria-label={`${shape.state}: ${label}`}
							onFocus={() => setSelected(shape.state)}
							onMouseEnter={() => setSelected(shape.state)}
							onBlur={() => setSelected((s) => (s === shape.state ? null : s))}
							className="group outline-none"
						>
							<title>{label}</title>
							<path
								d={shape.d}
								fill={FILLS[shade]}
								stroke="#ffffff"
								strokeWidth={selected === shape.state ? 3 : 1}
								className="group-focus-visible:stroke-[#f59e0b] group-focus-visible:[stroke-width:4]"
							/>
							<text
								x={shape.labelAt[0]}
								y={shape.labelAt[1]}
								textAnchor="middle"
								dominantBaseline="central"
								fontSize={11}
								fill={INK[shade]}
								aria-hidden="true"
								className="pointer-events-none select-none"
							>
								{shape.state}
							</text>
						</a>
					)
				})}
			</svg>
			<details open={demand} className="rounded border border-slate-200 p-3">
				<summary className="cursor-pointer font-medium">The numbers as a table</summary>
				<table className="mt-2 w-full text-left text-sm">
					<caption className="sr-only">{title}</caption>
					<thead className="border-b border-slate-300 text-slate-700">
						<tr>
							<th scope="col" className="py-1 pr-4 font-medium">
								State
							</th>
							<th scope="col" className="py-1 pr-4 font-medium">
								Therapists
							</th>
							{demand ? (
								<th scope="col" className="py-1 pr-4 font-medium">
									Referrals posted
								</th>
							) : null}
						</tr>
					</thead>
					<tbody>
						{states.map((s) => (
							<tr key={s.state} id={`coverage-${s.state}`} className="border-b border-slate-100">
								<th scope="row" className="py-1 pr-4 font-normal">
									<a href={linkFor(s.state)} className="text-brand-800 underline">
										{s.name}
									</a>
								</th>
								<td className="py-1 pr-4">{s.therapists.toLocaleString('en-US')}</td>
								{demand ? <td className="py-1 pr-4">{(s.referrals ?? 0).toLocaleString('en-US')}</td> : null}
							</tr>
						))}
					</tbody>
				</table>
			</details>
		</div>
	)
}
