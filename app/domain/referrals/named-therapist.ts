// A therapist the clinic names by typing (the "why not" question on a referral's suggestions, an
// offer to a therapist it names): the name as typed and, once it is one of the suggestions, the
// therapist's id. Shared by the browser (Conform) and the server, which resolves the name.
import { z } from 'zod'

export const THERAPIST_NAME_MAX_LENGTH = 200

export const NamedTherapistFields = {
	therapistName: z.string({ required_error: 'Type the therapist’s name.' }).trim().min(1, 'Type the therapist’s name.').max(THERAPIST_NAME_MAX_LENGTH, 'That name is too long.'),
	therapistId: z.string().trim().max(64, 'Choose the therapist from the suggestions.').optional(),
}

/** "Why not this therapist?" on a referral's suggested therapists. */
export const WhyNotSchema = z.object(NamedTherapistFields)
