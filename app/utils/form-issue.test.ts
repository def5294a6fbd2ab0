import { expect, test } from 'vitest'
import { z } from 'zod'
import { firstFormIssue } from './form-issue.ts'

const Intent = z.discriminatedUnion('intent', [z.object({ intent: z.literal('note'), note: z.string().min(1, 'Write a note.') }), z.object({ intent: z.literal('clear') })])

test('names the field of the first problem, and `intent` when no known action was chosen', () => {
	expect(firstFormIssue(Intent.safeParse({ intent: 'note', note: '' }).error!)).toEqual({ error: 'Write a note.', field: 'note' })
	expect(firstFormIssue(Intent.safeParse({ intent: 'note' }).error!)).toEqual({ error: 'Required', field: 'note' })
	expect(firstFormIssue(Intent.safeParse({ intent: 'nope' }).error!, 'Choose what to do.')).toEqual({ error: 'Choose what to do.', field: 'intent' })
	expect(firstFormIssue(z.object({ a: z.object({ b: z.number() }) }).safeParse({ a: { b: 'x' } }).error!).field).toBe('a.b')
	expect(firstFormIssue(z.string().safeParse(1).error!).field).toBe('(form)')
})
