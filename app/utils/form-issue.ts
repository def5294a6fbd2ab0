// The first problem zod found in a form, with the field it is about, for the actions that answer
// with one message: the answer names the field as well as saying what is wrong with it.
import { type ZodError } from 'zod'

/** `unknownIntent` is what to say when the form chose no action the page knows (the field is then `intent`). */
export function firstFormIssue(error: ZodError, unknownIntent?: string): { error: string; field: string } {
	const issue = error.issues[0]!
	if (issue.code === 'invalid_union_discriminator') return { error: unknownIntent ?? issue.message, field: 'intent' }
	return { error: issue.message, field: issue.path.join('.') || '(form)' }
}
