// What the import page says when a network file was checked or imported (docs/product.md §8.1),
// in whole sentences with the right plurals. Pure.
import { plural } from '#app/domain/home/cards.ts'

export type ImportCounts = { dryRun: boolean; therapists: number; created: number; updated: number; licenses: number; authorizations: number; invited: number }

export function importReportText(report: ImportCounts): string {
	const what = `${plural(report.therapists, 'therapist')} (${report.created} new, ${report.updated} updated) with ${plural(report.licenses, 'license')} and ${plural(report.authorizations, 'authorization')}.`
	if (report.dryRun) return `Dry run: nothing was changed. The file would import ${what}`
	const invited =
		report.invited === 0 ? '' : report.invited === 1 ? ' 1 new therapist was emailed a link to choose a password.' : ` ${report.invited} new therapists were emailed a link to choose a password.`
	return `Imported ${what}${invited}`
}
