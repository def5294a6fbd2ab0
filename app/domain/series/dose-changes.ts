// The clinic changing a series under way (docs/product.md §4a): move, add or drop a dose still
// ahead. Doses already begun stay as they were. The result says where each old dose went, so that
// the plan can follow (plan.ts `followDoses`). Pure.
import { dosesProblem } from '#app/domain/referrals/dosing.ts'

export const DOSE_CHANGE_KINDS = ['move', 'add', 'drop'] as const
export type DoseChange = { kind: 'move'; doseIndex: number; to: Date } | { kind: 'add'; at: Date } | { kind: 'drop'; doseIndex: number }

export type DoseChangeResult = { ok: true; doses: Date[]; newIndexOf: (number | null)[] } | { ok: false; field: 'doseIndex' | 'at'; message: string }

/** The series after the change, and where each old dose (from 1) went, or why the change cannot be made. */
export function applyDoseChange(doses: readonly Date[], change: DoseChange, now: Date): DoseChangeResult {
	if (change.kind !== 'add') {
		const current = doses[change.doseIndex - 1]
		if (!current) return { ok: false, field: 'doseIndex', message: 'There is no such dose in this series.' }
		if (current <= now) return { ok: false, field: 'doseIndex', message: `Dose ${change.doseIndex} has already begun; only doses still ahead can be changed.` }
	}
	if (change.kind === 'drop' && doses.length === 1) return { ok: false, field: 'doseIndex', message: 'A series keeps at least one dose. To stop the referral, cancel it instead.' }
	const at = change.kind === 'move' ? change.to : change.kind === 'add' ? change.at : null
	if (at && at <= now) return { ok: false, field: 'at', message: 'Choose a time still ahead.' }
	// Each dose keeps its identity (its old index) through the sort.
	const tagged: { at: Date; old: number | null }[] = doses
		.map((d, i) => ({ at: change.kind === 'move' && change.doseIndex === i + 1 ? change.to : d, old: (i + 1) as number | null }))
		.filter((d) => !(change.kind === 'drop' && d.old === change.doseIndex))
	if (change.kind === 'add') tagged.push({ at: change.at, old: null })
	tagged.sort((a, b) => a.at.getTime() - b.at.getTime())
	const next = tagged.map((d) => d.at)
	const problem = dosesProblem(next)
	if (problem) return { ok: false, field: 'at', message: problem }
	const newIndexOf = doses.map((_, i) => {
		const found = tagged.findIndex((d) => d.old === i + 1)
		return found === -1 ? null : found + 1
	})
	return { ok: true, doses: next, newIndexOf }
}
