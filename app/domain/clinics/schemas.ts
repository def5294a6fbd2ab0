// The clinic's standing with a therapist, from the therapist's profile page: make them a partner,
// block them, clear either, or keep a private note (checked as partners.ts checks it). Shared by the
// browser (Conform) and the server.
import { z } from 'zod'
import { checkNote } from './partners.ts'

const ClinicId = z.string({ required_error: 'Say which clinic this is for.' }).min(1, 'Say which clinic this is for.').max(64, 'That is not one of your clinics.')

/** The note as saved: trimmed, and empty clears it. */
export const NoteSchema = z
	.string()
	.default('')
	.transform((text, ctx) => {
		const checked = checkNote(text)
		if (!checked.ok) ctx.addIssue({ code: z.ZodIssueCode.custom, message: checked.message })
		return checked.ok ? checked.note : text
	})

export const StandingChangeSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('partner'), clinicId: ClinicId }),
	z.object({ intent: z.literal('block'), clinicId: ClinicId }),
	z.object({ intent: z.literal('clear'), clinicId: ClinicId }),
	z.object({ intent: z.literal('note'), clinicId: ClinicId, note: NoteSchema }),
])
