import { expect, test } from 'vitest'
import { importReportText } from './import-report.ts'

const counts = { therapists: 1, created: 1, updated: 0, licenses: 1, authorizations: 0, invited: 1 }

test('one therapist, one license: singular words, and who was emailed', () => {
	expect(importReportText({ ...counts, dryRun: false })).toBe('Imported 1 therapist (1 new, 0 updated) with 1 license and 0 authorizations. 1 new therapist was emailed a link to choose a password.')
})

test('many, and a dry run that changes nothing and emails nobody', () => {
	expect(importReportText({ dryRun: true, therapists: 12, created: 10, updated: 2, licenses: 15, authorizations: 3, invited: 0 })).toBe(
		'Dry run: nothing was changed. The file would import 12 therapists (10 new, 2 updated) with 15 licenses and 3 authorizations.',
	)
	expect(importReportText({ dryRun: false, therapists: 2, created: 0, updated: 2, licenses: 2, authorizations: 1, invited: 0 })).toBe(
		'Imported 2 therapists (0 new, 2 updated) with 2 licenses and 1 authorization.',
	)
	expect(importReportText({ dryRun: false, therapists: 3, created: 3, updated: 0, licenses: 3, authorizations: 0, invited: 3 })).toMatch(/ 3 new therapists were emailed a link/)
})
