// The rules of a message in a referral's thread (messages.server.ts). Pure.
export const MESSAGE_MAX_LENGTH = 4000

export type MessageCheck = { ok: true; body: string } | { ok: false; message: string }

/** Trimmed, not empty, at most MESSAGE_MAX_LENGTH characters. */
export function checkMessageBody(text: string): MessageCheck {
	const body = text.trim()
	if (!body) return { ok: false, message: 'Write a message first.' }
	if (body.length > MESSAGE_MAX_LENGTH) return { ok: false, message: `Keep a message under ${MESSAGE_MAX_LENGTH} characters (this one has ${body.length}).` }
	return { ok: true, body }
}
