import { expect, test } from 'vitest'
import { checkMessageBody, MESSAGE_MAX_LENGTH } from './messages.ts'

test('a message is trimmed, must say something, and has a length limit that names the length', () => {
	expect(checkMessageBody('  Hello\nthere \n')).toEqual({ ok: true, body: 'Hello\nthere' })
	expect(checkMessageBody(' \n\t ')).toEqual({ ok: false, message: 'Write a message first.' })
	expect(checkMessageBody('x'.repeat(MESSAGE_MAX_LENGTH))).toMatchObject({ ok: true })
	expect(checkMessageBody('x'.repeat(MESSAGE_MAX_LENGTH + 1))).toEqual({ ok: false, message: 'Keep a message under 4000 characters (this one has 4001).' })
})
