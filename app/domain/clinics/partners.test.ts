import { expect, test } from 'vitest'
import { checkNote, NOTE_MAX_LENGTH } from './partners.ts'

test('a note is trimmed, may be empty (which clears it), and is refused past the limit with its length', () => {
	expect(checkNote('  Prefers calls  ')).toEqual({ ok: true, note: 'Prefers calls' })
	expect(checkNote('   ')).toEqual({ ok: true, note: '' })
	expect(checkNote('x'.repeat(NOTE_MAX_LENGTH))).toMatchObject({ ok: true })
	expect(checkNote('x'.repeat(NOTE_MAX_LENGTH + 1))).toEqual({ ok: false, message: 'Keep the note under 2000 characters (this one has 2001).' })
})
