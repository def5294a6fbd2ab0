// A clinic's private note on a therapist (partners.server.ts): trimmed, at most NOTE_MAX_LENGTH
// characters; empty clears it. Pure.
export const NOTE_MAX_LENGTH = 2000

export type NoteCheck = { ok: true; note: string } | { ok: false; message: string }

export function checkNote(text: string): NoteCheck {
	const note = text.trim()
	if (note.length > NOTE_MAX_LENGTH) return { ok: false, message: `Keep the note under ${NOTE_MAX_LENGTH} characters (this one has ${note.length}).` }
	return { ok: true, note }
}
