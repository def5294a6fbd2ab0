// What every home is made of: cards of things that need attention, each with a count, the first few
// items and what it says when there is nothing. Pure; the route renders them with the design system.
/** A moment the page shows in the viewer's zone (the route formats it). */
export type HomeTime = { prefix: string; iso: string; timeZone: string }

/** The design system's pill tones (components/ui/pill.tsx). */
export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger'

export type HomeItem = {
	key: string
	href: string
	label: string
	detail: string | null
	when: HomeTime | null
	pill: { tone: Tone; text: string } | null
}

export type HomeCard = {
	id: string
	title: string
	count: number
	items: HomeItem[]
	/** How many items the card leaves out (it shows the first ITEMS_SHOWN). */
	more: number
	empty: string
	link: { href: string; label: string } | null
}

export const ITEMS_SHOWN = 5

export function card(fields: Omit<HomeCard, 'items' | 'more' | 'count'> & { items: HomeItem[]; count?: number }): HomeCard {
	const count = fields.count ?? fields.items.length
	const items = fields.items.slice(0, ITEMS_SHOWN)
	return { ...fields, count, items, more: Math.max(0, count - items.length) }
}

export function plural(count: number, one: string, many = `${one}s`): string {
	return `${count} ${count === 1 ? one : many}`
}
