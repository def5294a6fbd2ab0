import { expect, test } from 'vitest'
import { FILE_TOO_LARGE, NETWORK_CSV_MAX_BYTES, NetworkImportSchema, NO_FILE } from './import-schemas.ts'

const fileOf = (bytes: number) => new File([new Uint8Array(bytes)], 'network.csv', { type: 'text/csv' })
const issues = (input: unknown) => {
	const parsed = NetworkImportSchema.safeParse(input)
	return parsed.success ? [] : parsed.error.issues.map((i) => [i.path.join('.'), i.message])
}

test('one file of at most 5 MB, and a dry run only when the box is ticked', () => {
	expect(NetworkImportSchema.parse({ file: fileOf(10), dryRun: 'on' }).dryRun).toBe(true)
	expect(NetworkImportSchema.parse({ file: fileOf(NETWORK_CSV_MAX_BYTES) }).dryRun).toBe(false)
	expect(issues({ file: fileOf(NETWORK_CSV_MAX_BYTES + 1) })).toEqual([['file', FILE_TOO_LARGE]])
})

test('no file, an empty one, or text in its place: choose a file', () => {
	expect(issues({})).toEqual([['file', NO_FILE]])
	expect(issues({ file: fileOf(0) })).toEqual([['file', NO_FILE]])
	expect(issues({ file: 'email,full_name' })).toEqual([['file', NO_FILE]])
})
