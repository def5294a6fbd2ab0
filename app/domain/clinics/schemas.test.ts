import { expect, test } from 'vitest'
import { NOTE_MAX_LENGTH } from './partners.ts'
import { StandingChangeSchema } from './schemas.ts'

const issues = (input: unknown) => {
	const parsed = StandingChangeSchema.safeParse(input)
	return parsed.success ? [] : parsed.error.issues.map((i) => [i.path.join('.'), i.message])
}

test('partner, block and clear need only the clinic', () => {
	for (const intent of ['partner', 'block', 'clear']) expect(StandingChangeSchema.parse({ intent, clinicId: 'c1' })).toEqual({ intent, clinicId: 'c1' })
	expect(issues({ intent: 'block' })).toEqual([['clinicId', 'Say which clinic this is for.']])
	expect(issues({ intent: 'block', clinicId: 'x'.repeat(65) })).toEqual([['clinicId', 'That is not one of your clinics.']])
	expect(issues({ intent: 'promote', clinicId: 'c1' }).map(([path]) => path)).toEqual(['intent'])
})

test('the note is trimmed, empty clears it, and one over the limit is refused with its length', () => {
	expect(StandingChangeSchema.parse({ intent: 'note', clinicId: 'c1', note: '  Works Saturdays.  ' })).toEqual({ intent: 'note', clinicId: 'c1', note: 'Works Saturdays.' })
	expect(StandingChangeSchema.parse({ intent: 'note', clinicId: 'c1' })).toEqual({ intent: 'note', clinicId: 'c1', note: '' })
	expect(StandingChangeSchema.parse({ intent: 'note', clinicId: 'c1', note: `${'x'.repeat(NOTE_MAX_LENGTH)}   ` }).intent).toBe('note')
	expect(issues({ intent: 'note', clinicId: 'c1', note: 'x'.repeat(NOTE_MAX_LENGTH + 1) })).toEqual([
		['note', `Keep the note under ${NOTE_MAX_LENGTH} characters (this one has ${NOTE_MAX_LENGTH + 1}).`],
	])
})
