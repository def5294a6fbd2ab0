// Hours as people type them into the profile form: "09:00-12:00, 13:00-17:00" (24-hour clock,
// commas between ranges; 24:00 is midnight at the end of the day). Pure.
export type Hours = { startMinute: number; endMinute: number }

export type HoursParse = { ok: true; hours: Hours[] } | { ok: false; message: string }

export function parseHours(text: string): HoursParse {
	const parts = text
		.split(/[,;]/)
		.map((p) => p.trim())
		.filter(Boolean)
	const hours: Hours[] = []
	for (const part of parts) {
		const match = /^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$/.exec(part)
		if (!match) return { ok: false, message: `"${part}" should look like 09:00-12:00.` }
		const [, sh, sm, eh, em] = match.map(Number) as [number, number, number, number, number]
		if (sh > 23 || sm > 59 || eh > 24 || em > 59 || (eh === 24 && em > 0)) return { ok: false, message: `"${part}" has a time that does not exist.` }
		const startMinute = sh * 60 + sm
		const endMinute = eh * 60 + em
		if (endMinute <= startMinute) return { ok: false, message: `"${part}" ends before it starts.` }
		hours.push({ startMinute, endMinute })
	}
	hours.sort((a, b) => a.startMinute - b.startMinute)
	for (let i = 1; i < hours.length; i++) {
		if (hours[i]!.startMinute < hours[i - 1]!.endMinute) return { ok: false, message: 'Two of those ranges overlap; join them into one.' }
	}
	return { ok: true, hours }
}

const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`

export function formatHours(hours: readonly Hours[]): string {
	return [...hours]
		.sort((a, b) => a.startMinute - b.startMinute)
		.map((h) => `${hhmm(h.startMinute)}-${hhmm(h.endMinute)}`)
		.join(', ')
}
