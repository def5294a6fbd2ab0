// The United States as SVG paths, from the us-atlas package (Census Bureau cartographic boundaries,
// already projected with d3-geo's Albers USA into a 975 × 610 frame, Alaska and Hawaii inset),
// drawn by d3-geo. Worked out once per process; no network at run time.
import { createRequire } from 'node:module'
import { geoPath } from 'd3-geo'
import { feature } from 'topojson-client'
import { type GeometryCollection, type Topology } from 'topojson-specification'
import { STATES } from '#app/domain/reference/index.ts'

export type StateShape = { state: string; name: string; d: string; labelAt: [number, number] }
export type UsMap = { width: number; height: number; states: StateShape[] }

let cached: UsMap | null = null

export function usMap(): UsMap {
	if (cached) return cached
	const topology = createRequire(import.meta.url)('us-atlas/states-albers-10m.json') as Topology<{ states: GeometryCollection<{ name: string }> }>
	const path = geoPath()
	const byName = new Map<string, string>(STATES.map((s) => [s.name, s.code]))
	const states = feature(topology, topology.objects.states).features.flatMap((f) => {
		const code = byName.get(f.properties.name)
		if (!code) return []
		const [x, y] = path.centroid(f)
		return [{ state: code, name: f.properties.name, d: path(f) ?? '', labelAt: [Math.round(x), Math.round(y)] as [number, number] }]
	})
	cached = { width: 975, height: 610, states: states.sort((a, b) => a.name.localeCompare(b.name)) }
	return cached
}
