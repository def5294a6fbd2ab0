import { expect, test } from 'vitest'
import { THERAPIST_NAME_MAX_LENGTH, WhyNotSchema } from './named-therapist.ts'

const issues = (input: unknown) => {
	const parsed = WhyNotSchema.safeParse(input)
	return parsed.success ? [] : parsed.error.issues.map((i) => [i.path.join('.'), i.message])
}

test('a name is needed, trimmed and at most 200 characters; the id comes with it once chosen from the suggestions', () => {
	expect(WhyNotSchema.parse({ therapistName: '  Ana Ruiz ' })).toEqual({ therapistName: 'Ana Ruiz' })
	expect(WhyNotSchema.parse({ therapistName: 'Ana Ruiz', therapistId: 'cm123' })).toEqual({ therapistName: 'Ana Ruiz', therapistId: 'cm123' })
	expect(issues({})).toEqual([['therapistName', 'Type the therapist’s name.']])
	expect(issues({ therapistName: '   ' })).toEqual([['therapistName', 'Type the therapist’s name.']])
	expect(issues({ therapistName: 'x'.repeat(THERAPIST_NAME_MAX_LENGTH + 1) })).toEqual([['therapistName', 'That name is too long.']])
	expect(issues({ therapistName: 'Ana', therapistId: 'x'.repeat(65) })).toEqual([['therapistId', 'Choose the therapist from the suggestions.']])
})
